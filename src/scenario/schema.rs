//! The JSON Schema of the scenario format, derived by schemars from the model the loader
//! deserialises into. `cogflow schema` prints it for editors; the loader's structural pass
//! checks files against the very same value, so the two cannot disagree.

use std::sync::OnceLock;

use serde_json::Value;

use super::model::{CURRENT_FORMAT_VERSION, ScenarioFile};

/// The JSON Schema (draft 2020-12) of scenario files (`format_version` 1 and 2).
#[must_use]
pub fn json_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let mut schema = schemars::schema_for!(ScenarioFile).to_value();
        if let Some(root) = schema.as_object_mut() {
            root.insert(
                "title".to_owned(),
                Value::String(format!(
                    "cogflow scenario (format_version {CURRENT_FORMAT_VERSION})"
                )),
            );
        }
        schema
    })
}

/// The schema as pretty-printed JSON, ending with a newline.
#[must_use]
pub fn json_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(json_schema())
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::Action;

    #[test]
    fn schema_lists_every_action() {
        let actions = &json_schema()["$defs"]["Action"]["oneOf"];
        let names: Vec<&str> = actions
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["const"].as_str().unwrap())
            .collect();
        let ours: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        assert_eq!(names, ours);
    }

    #[test]
    fn schema_carries_ranges_and_formats() {
        let schema = json_schema();
        let policy = &schema["$defs"]["PasswordPolicySpec"]["properties"]["min_length"];
        assert_eq!(policy["minimum"], 6);
        assert_eq!(policy["maximum"], 99);
        let clock = &schema["$defs"]["PoolSpec"]["properties"]["clock_start"];
        assert_eq!(clock["format"], "date-time");
        assert_eq!(schema["additionalProperties"], false);
        assert!(json_schema_text().ends_with("}\n"));
    }
}
