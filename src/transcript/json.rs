//! The JSON trace: the whole run for tools and tests, tokens in full.

use serde_json::{Map, Value, json as value};

use crate::flow::{Run, tracker};
use crate::scenario::Scenario;

/// The run as a JSON document: `scenario`, `variant`, `seed`, `steps` (each with `step`,
/// `action`, `input`, `response`, `result`, `vars`, `explanation`, `snippet`, `request`,
/// `response_body`), `tracker`,
/// `tokens`, `jwks`, `outcome`, plus the pool's facts.
#[must_use]
pub fn json(scenario: &Scenario, run: &Run) -> Value {
    let tracked_vars = |vars: &crate::flow::Vars| -> Value {
        Value::Object(
            run.tracked
                .iter()
                .map(|name| (name.clone(), Value::String(vars.value(name).to_owned())))
                .collect::<Map<String, Value>>(),
        )
    };
    let steps: Vec<Value> = run
        .frames
        .iter()
        .map(|frame| {
            value!({
                "step": frame.number,
                "id": frame.step_id,
                "kind": frame.action,
                "action": frame.row.action,
                "input": frame.row.input,
                "response": frame.row.response,
                "result": frame.row.result,
                "vars": tracked_vars(&frame.vars),
                "outcome": frame.outcome,
                "node": frame.node,
                "explanation": frame.explanation,
                "snippet": frame.snippet,
                "operation": frame.api.as_ref().map(|a| a.operation.clone()),
                "request": frame.api.as_ref().and_then(|a| a.request.clone()),
                "response_body": frame.api.as_ref().and_then(|a| a.response.clone()),
                "status": frame.api.as_ref().and_then(|a| a.status),
                "verification": frame.verification,
                "crypto": frame.crypto,
                "srp": frame.srp,
                "clock": crate::flow::time::format_rfc3339(frame.clock),
            })
        })
        .collect();
    let columns: Vec<Value> = tracker(run)
        .into_iter()
        .map(|column| {
            let values: Map<String, Value> = run
                .tracked
                .iter()
                .zip(column.values)
                .map(|(name, (v, _))| (name.clone(), Value::String(v)))
                .collect();
            value!({ "heading": column.heading, "step": column.step, "values": values })
        })
        .collect();
    let tokens = run
        .frames
        .last()
        .map(|f| f.tokens.clone())
        .unwrap_or_default();
    value!({
        "scenario": scenario.file.scenario.id,
        "title": scenario.file.scenario.title,
        "content_hash": scenario.content_hash,
        "variant": run.variant,
        "seed": run.seed,
        "pool": run.pool,
        "start": tracked_vars(&run.start),
        "steps": steps,
        "tracker": columns,
        "tokens": {
            "id_token": tokens.id,
            "access_token": tokens.access,
            "refresh_token": tokens.refresh,
        },
        "jwks": run.jwks,
        "outcome": run.outcome,
    })
}
