use serde_json::json;

use super::*;
use crate::flow::lab::SeenCall;
use crate::scenario::model::{Action, Expect, StepSpec};

fn lab() -> ScenarioFile {
    let src = include_str!("../../../../tests/fixtures/valid/lab.toml");
    toml::from_str(src).unwrap()
}

fn call(operation: &str, request: serde_json::Value, ok: bool) -> Seen {
    let body = json!({"Username": "ana"});
    let answer = if ok {
        Ok(&body)
    } else {
        Err(("NotAuthorizedException", "Access Token has expired"))
    };
    Seen::Call(SeenCall::new(operation, request, answer))
}

fn sign_in(flow: &str, ok: bool) -> Seen {
    call(
        "InitiateAuth",
        json!({"AuthFlow": flow, "AuthParameters": {"USERNAME": "ana"}}),
        ok,
    )
}

/// One row per arrow of the diagram: (what, seen, said).
#[test]
fn the_transition_follows_the_diagram() {
    let mut session = Session::new(&lab());
    // start: step 1 is read out, step 2 waits.
    assert_eq!(
        session.start(),
        vec![Said::Read { step: 1 }, Said::Waiting { step: 2 }]
    );
    let differs = |hint: Option<(usize, usize, &str)>, differences: &[&str]| Said::Differs {
        step: 2,
        differences: differences.iter().map(|d| (*d).to_owned()).collect(),
        hint: hint.map(|(n, of, text)| (n, of, text.to_owned())),
    };
    let flow = "AuthFlow is USER_SRP_AUTH; this step expects USER_PASSWORD_AUTH";
    let rows: Vec<(&str, Seen, Vec<Said>)> = vec![
        (
            "a call that differs: hint 1",
            sign_in("USER_SRP_AUTH", true),
            vec![differs(Some((1, 2, "Set AuthFlow.")), &[flow])],
        ),
        (
            "the clock while a call is awaited: aside, no hint",
            Seen::Clock { advanced: 60 },
            vec![Said::Aside {
                step: 2,
                text: "the clock moved on 1 minute; this step waits for your InitiateAuth call"
                    .to_owned(),
            }],
        ),
        (
            "another call that differs: hint 2",
            sign_in("USER_SRP_AUTH", true),
            vec![differs(Some((2, 2, "USER_PASSWORD_AUTH.")), &[flow])],
        ),
        (
            "no hints left",
            sign_in("USER_SRP_AUTH", true),
            vec![differs(None, &[flow])],
        ),
        (
            "the call that matches: met after 4 calls and 2 hints, the clock step waits",
            sign_in("USER_PASSWORD_AUTH", true),
            vec![
                Said::Met {
                    step: 2,
                    calls: 4,
                    hints: 2,
                },
                Said::Waiting { step: 3 },
            ],
        ),
        (
            "a short clock move",
            Seen::Clock { advanced: 1800 },
            vec![Said::Differs {
                step: 3,
                differences: vec![
                    "the clock has moved on 30 minutes so far; this step waits for 1 hour 1 minute"
                        .to_owned(),
                ],
                hint: None,
            }],
        ),
        (
            "the moves add up: met, no calls",
            Seen::Clock { advanced: 1860 },
            vec![
                Said::Met {
                    step: 3,
                    calls: 0,
                    hints: 0,
                },
                Said::Waiting { step: 4 },
            ],
        ),
        (
            "the last step met: done",
            call(
                "GetUser",
                json!({"AccessToken": crate::flow::lab::tests::token_of("ana")}),
                false,
            ),
            vec![
                Said::Met {
                    step: 4,
                    calls: 1,
                    hints: 0,
                },
                Said::Done,
            ],
        ),
        (
            "after done: nothing",
            sign_in("USER_PASSWORD_AUTH", true),
            vec![],
        ),
    ];
    for (what, seen, want) in rows {
        assert_eq!(session.see(&seen), want, "{what}");
    }
    assert!(session.waiting().is_none());
    assert_eq!(session.met(), 4);
}

#[test]
fn a_step_without_expect_is_read_not_awaited() {
    let file = ScenarioFile {
        steps: vec![
            StepSpec {
                action: Action::SignIn,
                expect: None,
                ..StepSpec::default()
            },
            StepSpec {
                action: Action::GetUser,
                expect: Some(Expect::default()),
                ..StepSpec::default()
            },
        ],
        ..lab()
    };
    let mut session = Session::new(&file);
    assert_eq!(
        session.start(),
        vec![Said::Read { step: 1 }, Said::Waiting { step: 2 }]
    );
}
