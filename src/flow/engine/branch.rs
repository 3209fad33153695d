//! Which steps a run takes: a step applies when its `when` matches the latest outcome.

use crate::scenario::model::StepSpec;
use crate::scenario::when::When;

use super::record::Latest;

/// Whether `step` belongs to the branch called `branch` (a variant's id, or `main`).
pub fn belongs(step: &StepSpec, branch: &str) -> bool {
    let named = |names: &Option<Vec<String>>| names.iter().flatten().any(|n| n == branch);
    (step.only_in.is_none() || named(&step.only_in)) && !named(&step.not_in)
}

/// Whether `step` applies after `latest`. A `when` the loader would refuse applies always (a
/// loaded scenario never has one).
pub fn applies(step: &StepSpec, latest: &Latest) -> bool {
    let when = step
        .when
        .as_deref()
        .map_or(Ok(When::Always), When::parse)
        .unwrap_or(When::Always);
    matches(&when, latest)
}

/// Whether `when` holds after `latest`.
pub(crate) fn matches(when: &When, latest: &Latest) -> bool {
    match (when, latest) {
        (When::Always, _)
        | (When::Success, Latest::Success)
        | (When::Challenge(None), Latest::Challenge(_)) => true,
        (
            When::Error { name, message },
            Latest::Error {
                exception,
                message: got,
            },
        ) => {
            name.as_ref().is_none_or(|want| want == exception)
                && message
                    .as_ref()
                    .is_none_or(|want| got.contains(want.as_str()))
        }
        (When::Challenge(Some(want)), Latest::Challenge(got)) => want == got,
        (When::Not(inner), _) => !matches(inner, latest),
        (When::Any(all), _) => all.iter().any(|w| matches(w, latest)),
        (
            When::Success | When::Error { .. } | When::Challenge(_),
            Latest::Nothing | Latest::Success | Latest::Error { .. } | Latest::Challenge(_),
        ) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_belong_to_their_branches() {
        let names = |v: &[&str]| Some(v.iter().map(|s| (*s).to_owned()).collect());
        let only = StepSpec {
            only_in: names(&["retry"]),
            ..StepSpec::default()
        };
        let not = StepSpec {
            not_in: names(&["main", "retry"]),
            ..StepSpec::default()
        };
        let cases = [
            (&StepSpec::default(), "main", true),
            (&only, "retry", true),
            (&only, "main", false),
            (&not, "main", false),
            (&not, "retry", false),
            (&not, "other", true),
        ];
        for (step, branch, want) in cases {
            assert_eq!(belongs(step, branch), want, "{step:?} in {branch}");
        }
    }

    fn error(name: &str) -> Latest {
        Latest::Error {
            exception: name.to_owned(),
            message: "User is disabled.".to_owned(),
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
            ("error:NotAuthorizedException \"disabled\"", &disabled, true),
            (
                "error:NotAuthorizedException \"Incorrect\"",
                &disabled,
                false,
            ),
            ("error \"User is\"", &disabled, true),
            ("success | error:NotAuthorizedException", &disabled, true),
            ("success | challenge", &disabled, false),
            ("not success", &Latest::Nothing, true),
            ("not error", &disabled, false),
            ("not (success | challenge)", &disabled, true),
        ];
        for (when, latest, want) in cases {
            let parsed = When::parse(when).unwrap();
            assert_eq!(matches(&parsed, latest), *want, "{when} after {latest:?}");
        }
    }
}
