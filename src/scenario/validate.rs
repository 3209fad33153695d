//! The semantic pass: everything serde cannot know. Runs on the built model and reports every
//! problem at the span of the key path it concerns.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

use super::Severity;
use super::model::{
    CURRENT_FORMAT_VERSION, FIRST_FORMAT_VERSION, InputOverrides, Prediction, Proof, Question,
    ScenarioFile, StepPatch, StepRef, StepSpec, UserPatch, VariantSpec,
};
use super::spans::{KeyPath, span_of};
use super::suggest::{did_you_mean, one_of};
use super::vocab::{
    self, CHALLENGES, EXCEPTIONS, Input, PREDICTION_FIELDS, PROOF_FIELDS, VARIABLES, WHEN_WORDS,
    letter_str,
};
use super::when::{Named, When};

mod features;
mod lab;
mod oauth;
mod quiz;
mod steps;
mod variants;

/// A problem found by the semantic pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where, in bytes.
    pub span: Range<usize>,
    /// Where, as a key path.
    pub path: KeyPath,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Checks `file`, locating problems in `root` (the same document, parsed with spans).
///
/// `placeholders` are where the structural pass put stand-in values for missing or broken
/// required ones: nothing is reported there (the structural error already was), and a step
/// whose `action` is a stand-in is taken to read every input.
#[must_use]
pub fn validate(
    file: &ScenarioFile,
    root: &Spanned<DeTable<'_>>,
    placeholders: &[KeyPath],
) -> Vec<Problem> {
    let mut check = Checker {
        root,
        placeholders,
        format_version: file.format_version,
        words: words_of(file),
        problems: Vec::new(),
    };
    check.format_version(file);
    check.meta(file);
    check.pool(file);
    check.features(file);
    check.diagram(file);
    check.steps(file);
    check.variants(file);
    check.moments(file);
    check.questions(file);
    check.lab(file);
    check.problems
}

struct Checker<'r, 'i> {
    root: &'r Spanned<DeTable<'i>>,
    placeholders: &'r [KeyPath],
    /// The file's `format_version`: format 2 keys are errors in format 1.
    format_version: u32,
    /// The file's words (its language's "Step N" reads as a step in a proof's answer).
    words: crate::words::Words,
    problems: Vec<Problem>,
}

/// The words of `file`: its language (English when the tag is unknown: that is reported at
/// the key) and its `[messages]`.
pub(crate) fn words_of(file: &ScenarioFile) -> crate::words::Words {
    let language = file
        .scenario
        .language
        .as_deref()
        .and_then(|tag| crate::words::Language::parse(tag).ok())
        .unwrap_or_default();
    crate::words::Words::new(language, &file.messages)
}

/// Lowercase letters, digits and `-`, starting with a letter or digit (ids used on the
/// command line and in progress files).
fn is_slug(id: &str) -> bool {
    id.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

impl Checker<'_, '_> {
    /// Whether `path` is, or is inside, a stand-in value.
    fn is_placeholder(&self, path: &KeyPath) -> bool {
        self.placeholders.iter().any(|p| path.0.starts_with(&p.0))
    }

    fn push(&mut self, path: &str, at_key: bool, severity: Severity, message: String) {
        let path = KeyPath::parse(path);
        if self.is_placeholder(&path) {
            return;
        }
        let span = span_of(self.root, &path, at_key);
        self.problems.push(Problem {
            span,
            path,
            severity,
            message,
        });
    }

    fn error(&mut self, path: &str, message: String) {
        self.push(path, false, Severity::Error, message);
    }

    fn error_at_key(&mut self, path: &str, message: String) {
        self.push(path, true, Severity::Error, message);
    }

    fn warn(&mut self, path: &str, message: String) {
        self.push(path, false, Severity::Warning, message);
    }

    fn not_blank(&mut self, path: &str, text: &str, what: &str) {
        if blank(text) {
            self.error(path, format!("{what} is empty"));
        }
    }

    /// Reports the second and later uses of each id.
    fn unique<'a>(&mut self, what: &str, ids: impl IntoIterator<Item = (String, &'a str)>) {
        let mut seen = HashSet::new();
        for (path, id) in ids {
            if !seen.insert(id) {
                self.error(
                    &path,
                    format!("duplicate {what} id `{id}`: ids must be unique"),
                );
            }
        }
    }

    fn format_version(&mut self, file: &ScenarioFile) {
        if !(FIRST_FORMAT_VERSION..=CURRENT_FORMAT_VERSION).contains(&file.format_version) {
            self.error(
                "format_version",
                format!(
                    "format_version {} is not supported: this version of cogflow reads format_version {FIRST_FORMAT_VERSION} and {CURRENT_FORMAT_VERSION}",
                    file.format_version
                ),
            );
        }
    }

    /// `what` (at `path`) is a format 2 feature: an error in a format 1 file, which keeps
    /// meaning exactly what it meant when it was written.
    fn format_2(&mut self, path: &str, what: &str) {
        if self.format_version == 1 {
            self.error(
                path,
                format!("{what} needs `format_version = 2` (this file is format 1)"),
            );
        }
    }

    /// `[messages]`: each key names one of the app's words, and keeps its blanks.
    fn messages(&mut self, file: &ScenarioFile) {
        use crate::words::{Word, replacement_problem};
        if !file.messages.is_empty() {
            self.format_2("messages", "`[messages]`");
        }
        for (key, text) in &file.messages {
            let path = format!("messages.\"{key}\"");
            // A key naming no word is the structural pass's error (the schema lists them).
            if let Some(word) = Word::from_key(key) {
                if let Some(problem) = replacement_problem(word, text) {
                    self.error(&path, problem);
                }
                self.not_blank(&path, text, &format!("`{key}`"));
            }
        }
    }

    fn meta(&mut self, file: &ScenarioFile) {
        let meta = &file.scenario;
        if !is_slug(&meta.id) {
            self.error(
                "scenario.id",
                format!(
                    "scenario id `{}` must use only lowercase letters, digits and `-`, e.g. `signin-basic`",
                    meta.id
                ),
            );
        }
        self.not_blank("scenario.title", &meta.title, "`title`");
        if let Some(outcome) = &meta.outcome {
            self.format_2("scenario.outcome", "`outcome`");
            self.not_blank("scenario.outcome", outcome, "`outcome`");
        }
        if let Some(language) = &meta.language {
            self.format_2("scenario.language", "`language`");
            if let Err(problem) = crate::words::Language::parse(language) {
                self.error("scenario.language", problem);
            }
        }
        self.messages(file);
        let mut tracked = HashSet::new();
        for (i, name) in meta.track.iter().enumerate() {
            let path = format!("scenario.track[{i}]");
            if !VARIABLES.contains(&name.as_str()) {
                let hint = did_you_mean(name, VARIABLES.iter().copied());
                let message = if hint.is_empty() {
                    format!(
                        "unknown variable `{name}` in `track`; the engine computes {}",
                        one_of(VARIABLES.iter().copied())
                    )
                } else {
                    format!("unknown variable `{name}` in `track`{hint}")
                };
                self.error(&path, message);
            } else if !tracked.insert(name.as_str()) {
                self.error(&path, format!("`{name}` is tracked twice"));
            }
        }
    }

    fn pool(&mut self, file: &ScenarioFile) {
        let pool = &file.pool;
        if !is_region(&pool.region) {
            self.error(
                "pool.region",
                format!(
                    "`{}` is not an AWS region name like `us-east-1`",
                    pool.region
                ),
            );
        }
        if let Some(pool_id) = &pool.pool_id {
            if !is_pool_id(pool_id) {
                self.error(
                    "pool.pool_id",
                    format!(
                        "pool_id `{pool_id}` must look like `{}_AbC123xyz`: the region, `_`, then letters and digits (at most 55 characters)",
                        pool.region
                    ),
                );
            } else if !pool_id.starts_with(&format!("{}_", pool.region)) {
                self.error(
                    "pool.pool_id",
                    format!(
                        "pool_id `{pool_id}` must start with the pool's region: `{}_`",
                        pool.region
                    ),
                );
            }
        }
        if let Some(client_id) = &pool.client_id {
            let shape_ok = (1..=128).contains(&client_id.len())
                && client_id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '+');
            if !shape_ok {
                self.error(
                    "pool.client_id",
                    format!(
                        "client_id `{client_id}` must be 1 to 128 letters, digits, `_` or `+`, e.g. `3n4b5urk1ft4fl3mg5e62d9ado`"
                    ),
                );
            }
        }
        if let Some(start) = &pool.clock_start {
            if start.date.is_none() || start.time.is_none() || start.offset.is_none() {
                self.error(
                    "pool.clock_start",
                    format!(
                        "clock_start `{start}` must be a full date and time with a UTC offset, e.g. 2026-01-15T09:00:00Z"
                    ),
                );
            } else if crate::flow::time::datetime_to_epoch(start).is_none() {
                // The engine would otherwise fall back to its default clock without a word.
                self.error(
                    "pool.clock_start",
                    format!(
                        "clock_start `{start}` is before 1970-01-01T00:00:00Z: token times (`iat`, `exp`) count seconds from then, so the lesson clock cannot start earlier"
                    ),
                );
            }
        }
        let policy = &pool.password_policy;
        if policy.to_policy().is_weaker_than_default() && policy.note.as_deref().is_none_or(blank) {
            self.warn(
                "pool.password_policy",
                "this password policy is weaker than Cognito's default (at least 8 characters with uppercase, lowercase, numbers and symbols); add a `note` saying why, which the lesson shows".to_owned(),
            );
        }
        let uses_srp_flow = file.steps.iter().any(|s| s.action.uses_srp_flow());
        let uses_password_flow = file.steps.iter().any(|s| {
            s.action.uses_password_flow() || (!uses_srp_flow && s.action.continues_sign_in())
        });
        let flows = [
            (
                uses_password_flow,
                super::model::ExplicitAuthFlow::AllowUserPasswordAuth,
                "USER_PASSWORD_AUTH",
            ),
            (
                uses_srp_flow,
                super::model::ExplicitAuthFlow::AllowUserSrpAuth,
                "USER_SRP_AUTH",
            ),
        ];
        for (used, allow, flow) in flows {
            if used && !pool.auth_flows.contains(&allow) {
                self.warn(
                    "pool.auth_flows",
                    format!(
                        "steps sign in with {flow} but `auth_flows` does not include `ALLOW_{flow}`, so Cognito will answer InvalidParameterException (fine if that is the lesson)"
                    ),
                );
            }
        }
        let mut names = HashSet::from(["app"]);
        for (i, client) in pool.app_clients.iter().enumerate() {
            let path = format!("pool.app_clients[{i}].name");
            self.not_blank(&path, &client.name, "the app client's `name`");
            if !client
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            {
                self.error(
                    &path,
                    format!(
                        "app client name `{}` may hold only letters, digits, `-`, `_` and `.` (`cogflow serve` prints it as `client_id.NAME=`)",
                        client.name
                    ),
                );
            }
            if !names.insert(client.name.as_str()) {
                self.error(
                    &path,
                    format!(
                        "app client `{}` is named twice (`app` is the first client, the one `[pool]` describes)",
                        client.name
                    ),
                );
            }
        }
        self.oauth_clients(file);
        let mut seen = HashSet::new();
        for (i, user) in pool.users.iter().enumerate() {
            let path = format!("pool.users[{i}]");
            self.not_blank(&format!("{path}.username"), &user.username, "`username`");
            self.not_blank(&format!("{path}.password"), &user.password, "`password`");
            if !seen.insert(user.username.as_str()) {
                self.error(
                    &format!("{path}.username"),
                    format!("user `{}` is defined twice in the pool", user.username),
                );
            }
            for name in user.attributes.keys() {
                self.attribute_name(&path, name);
            }
            // The pool is built with the mock's own checks, which refuse this user: no run
            // could start, so this is an error, not a warning.
            if let Err(refused) = policy.to_policy().check(&user.password) {
                self.error(
                    &format!("{path}.password"),
                    format!(
                        "the password of `{}` breaks this pool's password policy, so Cognito refuses to create the user ({refused}); choose a password that meets it, or relax the policy with a `note`",
                        user.username
                    ),
                );
            }
        }
    }

    /// An attribute the mock (like Cognito) would refuse: a claim's name, or one outside the
    /// schema, located at its key.
    fn attribute_name(&mut self, user_path: &str, name: &str) {
        use crate::cognito::attributes::{check_name, is_claim};
        let Err(refused) = check_name(name) else {
            return;
        };
        let message = if is_claim(name) {
            format!(
                "attribute `{name}` is a claim Cognito writes into tokens itself, so no user may have it (it would shadow the signed claim); Cognito answers {refused}"
            )
        } else {
            format!(
                "attribute `{name}` is not one of Cognito's standard attributes: name it \"custom:{name}\" (Cognito answers {refused})"
            )
        };
        self.error_at_key(&format!("{user_path}.attributes.\"{name}\""), message);
    }

    fn diagram(&mut self, file: &ScenarioFile) {
        let Some(diagram) = &file.diagram else {
            return;
        };
        self.unique(
            "diagram node",
            diagram
                .nodes
                .iter()
                .enumerate()
                .map(|(i, n)| (format!("diagram.nodes[{i}].id"), n.id.as_str())),
        );
        let ids: Vec<&str> = diagram.nodes.iter().map(|n| n.id.as_str()).collect();
        let known: HashSet<&str> = ids.iter().copied().collect();
        for (i, node) in diagram.nodes.iter().enumerate() {
            let path = format!("diagram.nodes[{i}]");
            self.not_blank(&format!("{path}.id"), &node.id, "the node's `id`");
            self.not_blank(&format!("{path}.label"), &node.label, "the node's `label`");
            for (key, target) in [("yes", &node.yes), ("no", &node.no), ("next", &node.next)] {
                let Some(target) = target else { continue };
                if key == "next" && target.is_empty() {
                    continue;
                }
                if !known.contains(target.as_str()) {
                    self.error(
                        &format!("{path}.{key}"),
                        format!(
                            "`{key}` names diagram node `{target}`, which does not exist{}",
                            did_you_mean(target, ids.iter().copied())
                        ),
                    );
                }
            }
        }
    }
}

/// A set's members in order, so that suggestions do not depend on hashing.
fn sorted<'a>(set: &HashSet<&'a str>) -> Vec<&'a str> {
    let mut members: Vec<&str> = set.iter().copied().collect();
    members.sort_unstable();
    members
}

fn step_ids(file: &ScenarioFile) -> HashSet<&str> {
    file.steps.iter().filter_map(|s| s.id.as_deref()).collect()
}

fn hint_or_list(word: &str, known: &[&str]) -> String {
    let hint = did_you_mean(word, known.iter().copied());
    if hint.is_empty() {
        format!("; known: {}", one_of(known.iter().copied()))
    } else {
        hint
    }
}

/// `us-east-1`, `eu-central-2`, `us-gov-west-1`: two letters, words, a number.
fn is_region(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts
            .last()
            .is_some_and(|n| !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Cognito's user pool id pattern `[\w-]+_[0-9a-zA-Z]+`, at most 55 characters.
fn is_pool_id(id: &str) -> bool {
    let Some((region, suffix)) = id.rsplit_once('_') else {
        return false;
    };
    id.len() <= 55
        && !region.is_empty()
        && region
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !suffix.is_empty()
        && suffix.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::PasswordPolicySpec;

    #[test]
    fn shapes() {
        for (text, slug) in [
            ("signin-basic", true),
            ("a", true),
            ("9a", true),
            ("-a", false),
            ("A", false),
            ("a_b", false),
            ("", false),
        ] {
            assert_eq!(is_slug(text), slug, "{text}");
        }
        for (text, ok) in [
            ("us-east-1", true),
            ("us-gov-west-1", true),
            ("eu-central-2", true),
            ("useast1", false),
            ("us-east", false),
            ("US-EAST-1", false),
            ("u-east-1", false),
        ] {
            assert_eq!(is_region(text), ok, "{text}");
        }
        for (text, ok) in [
            ("us-east-1_AbC123xyz", true),
            ("us-east-1_", false),
            ("_abc", false),
            ("us-east-1_ab-c", false),
            ("noseparator", false),
        ] {
            assert_eq!(is_pool_id(text), ok, "{text}");
        }
        for (text, ok) in [
            ("Step 4", true),
            ("step 12", true),
            ("Step4", true),
            ("Step", false),
            ("Stage 4", false),
            ("Step four", false),
        ] {
            let english = crate::words::Words::default();
            assert_eq!(english.step_label_number(text).is_some(), ok, "{text}");
        }
    }

    #[test]
    fn password_policy() {
        let default = PasswordPolicySpec::default().to_policy();
        for (password, want) in [
            ("pass123", Some("not long enough")),
            ("password123", Some("uppercase")),
            ("PASSWORD123!", Some("lowercase")),
            ("Password!!", Some("numeric")),
            ("Password123", Some("symbol")),
            ("Password123!", None),
        ] {
            match (default.check(password), want) {
                (Ok(()), None) => {}
                (Err(e), Some(rule)) => assert!(e.message.contains(rule), "{password}: {e}"),
                (got, want) => panic!("{password}: {got:?}, want {want:?}"),
            }
        }
        let relaxed = PasswordPolicySpec {
            require_symbols: false,
            ..PasswordPolicySpec::default()
        };
        assert!(relaxed.to_policy().is_weaker_than_default());
        assert!(!default.is_weaker_than_default());
    }
}
