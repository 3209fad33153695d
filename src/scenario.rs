//! Scenario files: parse (serde + toml), then validate, collecting every problem with its location.

pub mod model;

pub use model::ScenarioFile;

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_parses() {
        let src = include_str!("../scenarios/signin-basic.toml");
        let file: super::ScenarioFile = toml::from_str(src).unwrap();
        assert_eq!(file.steps.len(), 7);
        assert_eq!(file.questions.len(), 3);
    }
}
