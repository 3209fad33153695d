//! Which steps a run takes: a step applies when its `when` matches the latest outcome.

use crate::scenario::model::StepSpec;
use crate::scenario::when::When;

use super::record::Latest;

/// Whether `step` applies after `latest`. A `when` the loader would refuse applies always (a
/// loaded scenario never has one).
pub(super) fn applies(step: &StepSpec, latest: &Latest) -> bool {
    let when = step
        .when
        .as_deref()
        .map_or(Ok(When::Always), When::parse)
        .unwrap_or(When::Always);
    matches(&when, latest)
}

/// Whether `when` holds after `latest`.
pub(super) fn matches(when: &When, latest: &Latest) -> bool {
    match (when, latest) {
        (When::Always, _)
        | (When::Success, Latest::Success)
        | (When::Error, Latest::Error { .. })
        | (When::Challenge, Latest::Challenge(_)) => true,
        (When::ErrorNamed(want), Latest::Error { exception, .. }) => want == exception,
        (When::ChallengeNamed(want), Latest::Challenge(got)) => want == got,
        (
            When::Success
            | When::Error
            | When::ErrorNamed(_)
            | When::Challenge
            | When::ChallengeNamed(_),
            Latest::Nothing | Latest::Success | Latest::Error { .. } | Latest::Challenge(_),
        ) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(name: &str) -> Latest {
        Latest::Error {
            exception: name.to_owned(),
            message: "m".to_owned(),
        }
    }

    #[test]
    fn conditions_match_outcomes() {
        let disabled = error("NotAuthorizedException");
        let challenged = Latest::Challenge("NEW_PASSWORD_REQUIRED".to_owned());
        let cases: &[(&str, &Latest, bool)] = &[
            ("always", &Latest::Nothing, true),
            ("success", &Latest::Nothing, false),
            ("success", &Latest::Success, true),
            ("error", &disabled, true),
            ("error", &Latest::Success, false),
            ("error:NotAuthorizedException", &disabled, true),
            ("error:UserNotFoundException", &disabled, false),
            ("challenge", &challenged, true),
            ("challenge:NEW_PASSWORD_REQUIRED", &challenged, true),
            ("challenge:SOFTWARE_TOKEN_MFA", &challenged, false),
            ("challenge", &disabled, false),
        ];
        for (when, latest, want) in cases {
            let parsed = When::parse(when).unwrap();
            assert_eq!(matches(&parsed, latest), *want, "{when} after {latest:?}");
        }
    }
}
