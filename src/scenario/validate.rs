//! The semantic pass: everything serde cannot know. Runs on the built model and reports every
//! problem at the span of the key path it concerns.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

use super::Severity;
use super::model::{
    CURRENT_FORMAT_VERSION, InputOverrides, Prediction, Proof, Question, ScenarioFile, StepRef,
    StepSpec, UserPatch,
};
use super::spans::{KeyPath, span_of};
use super::suggest::{did_you_mean, one_of};
use super::vocab::{
    self, CHALLENGES, EXCEPTIONS, Input, PREDICTION_FIELDS, PROOF_FIELDS, VARIABLES, WHEN_WORDS,
    letter_str,
};
use super::when::When;

/// A problem found by the semantic pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where, in bytes.
    pub span: Range<usize>,
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
        problems: Vec::new(),
    };
    check.format_version(file);
    check.meta(file);
    check.pool(file);
    check.diagram(file);
    check.steps(file);
    check.variants(file);
    check.moments(file);
    check.questions(file);
    check.problems
}

struct Checker<'r, 'i> {
    root: &'r Spanned<DeTable<'i>>,
    placeholders: &'r [KeyPath],
    problems: Vec<Problem>,
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
        if file.format_version != CURRENT_FORMAT_VERSION {
            self.error(
                "format_version",
                format!(
                    "format_version {} is not supported: this version of cogflow reads format_version {CURRENT_FORMAT_VERSION}",
                    file.format_version
                ),
            );
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
        if let Some(start) = &pool.clock_start
            && (start.date.is_none() || start.time.is_none() || start.offset.is_none())
        {
            self.error(
                "pool.clock_start",
                format!(
                    "clock_start `{start}` must be a full date and time with a UTC offset, e.g. 2026-01-15T09:00:00Z"
                ),
            );
        }
        let policy = &pool.password_policy;
        if policy.to_policy().is_weaker_than_default() && policy.note.as_deref().is_none_or(blank) {
            self.warn(
                "pool.password_policy",
                "this password policy is weaker than Cognito's default (at least 8 characters with uppercase, lowercase, numbers and symbols); add a `note` saying why, which the lesson shows".to_owned(),
            );
        }
        let uses_password_flow = file.steps.iter().any(|s| s.action.uses_password_flow());
        if uses_password_flow
            && !pool
                .auth_flows
                .contains(&super::model::ExplicitAuthFlow::AllowUserPasswordAuth)
        {
            self.warn(
                "pool.auth_flows",
                "steps sign in with USER_PASSWORD_AUTH but `auth_flows` does not include `ALLOW_USER_PASSWORD_AUTH`, so Cognito will answer InvalidParameterException (fine if that is the lesson)".to_owned(),
            );
        }
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
            if let Err(refused) = policy.to_policy().check(&user.password) {
                self.warn(
                    &format!("{path}.password"),
                    format!(
                        "the password of `{}` does not meet this pool's password policy; Cognito would answer {refused}",
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

    fn steps(&mut self, file: &ScenarioFile) {
        if file.steps.is_empty() {
            self.error(
                "steps",
                "a scenario needs at least one step: add a [[steps]] table".to_owned(),
            );
            return;
        }
        self.unique(
            "step",
            file.steps
                .iter()
                .enumerate()
                .filter_map(|(i, s)| s.id.as_deref().map(|id| (format!("steps[{i}].id"), id))),
        );
        let node_ids: Option<HashSet<&str>> = file
            .diagram
            .as_ref()
            .map(|d| d.nodes.iter().map(|n| n.id.as_str()).collect());
        let sample_lines = file.sample.as_ref().map(|s| s.lines.len());
        let mut users: HashSet<&str> = file
            .pool
            .users
            .iter()
            .map(|u| u.username.as_str())
            .collect();
        for (i, step) in file.steps.iter().enumerate() {
            let path = format!("steps[{i}]");
            if let Some(id) = &step.id {
                self.not_blank(&format!("{path}.id"), id, "the step's `id`");
            }
            if let Some(when) = &step.when {
                self.when(&format!("{path}.when"), when);
            }
            if let Some(node) = &step.node {
                match &node_ids {
                    None => self.error(
                        &format!("{path}.node"),
                        format!("`node = \"{node}\"` but the file has no [diagram]"),
                    ),
                    Some(ids) if !ids.contains(node.as_str()) => self.error(
                        &format!("{path}.node"),
                        format!(
                            "no diagram node has id `{node}`{}",
                            did_you_mean(node, sorted(ids))
                        ),
                    ),
                    Some(_) => {}
                }
            }
            if let Some(line) = step.sample_line {
                match sample_lines {
                    None => self.error(
                        &format!("{path}.sample_line"),
                        "`sample_line` but the file has no [sample]".to_owned(),
                    ),
                    Some(n) if usize::try_from(line).is_ok_and(|l| l > n) => self.error(
                        &format!("{path}.sample_line"),
                        format!("sample_line {line} is beyond the sample, which has {n} lines"),
                    ),
                    Some(_) => {}
                }
            }
            if step.explain.as_deref().is_none_or(blank) {
                self.warn(
                    &path,
                    format!(
                        "step {} has no `explain`: learners will see only its table row",
                        i + 1
                    ),
                );
            }
            if !self.is_placeholder(&KeyPath::parse(&format!("{path}.action"))) {
                self.step_inputs(&path, step, &mut users, file.pool.users.is_empty());
            }
            if let Some(predict) = &step.predict {
                self.prediction(&format!("{path}.predict"), predict);
            }
        }
    }

    fn step_inputs<'f>(
        &mut self,
        path: &str,
        step: &'f StepSpec,
        users: &mut HashSet<&'f str>,
        pool_empty: bool,
    ) {
        let reads = step.action.inputs();
        let given: [(Input, bool); 7] = [
            (Input::Username, step.username.is_some()),
            (Input::Password, step.password.is_some()),
            (Input::NewPassword, step.new_password.is_some()),
            (Input::Email, step.email.is_some()),
            (Input::Code, step.code.is_some()),
            (Input::Token, step.token.is_some()),
            (Input::Duration, step.duration.is_some()),
        ];
        for (input, present) in given {
            if present && !reads.contains(&input) {
                let what = if reads.is_empty() {
                    "it reads no inputs".to_owned()
                } else {
                    format!("it reads only {}", one_of(reads.iter().map(|r| r.key())))
                };
                self.warn(
                    &format!("{path}.{}", input.key()),
                    format!(
                        "`{}` has no effect on a `{}` step ({what})",
                        input.key(),
                        step.action.name()
                    ),
                );
            }
        }
        if reads.contains(&Input::Duration) {
            match &step.duration {
                None => self.error(
                    path,
                    format!(
                        "this `{}` step needs a `duration`, e.g. `duration = \"61m\"`",
                        step.action.name()
                    ),
                ),
                Some(duration) => {
                    if let Err(message) = vocab::parse_duration(duration) {
                        self.error(&format!("{path}.duration"), message);
                    }
                }
            }
        }
        if reads.contains(&Input::Username) {
            match &step.username {
                Some(name) if step.action.creates_user() => {
                    users.insert(name.as_str());
                }
                Some(name) if !users.contains(name.as_str()) => {
                    self.error(
                        &format!("{path}.username"),
                        format!(
                            "user `{name}` is not in the pool and no earlier step signs it up or creates it{}; to show an unknown user, use a variant with `set = {{ username = \"{name}\" }}`",
                            did_you_mean(name, sorted(users))
                        ),
                    );
                }
                Some(_) => {}
                None if pool_empty && users.is_empty() => self.error(
                    path,
                    format!(
                        "this `{}` step needs a user: add `username = \"...\"` or a [[pool.users]] entry (steps default to the pool's first user)",
                        step.action.name()
                    ),
                ),
                None => {}
            }
        }
    }

    fn when(&mut self, path: &str, when: &str) {
        let message = match When::parse(when) {
            Ok(When::ErrorNamed(name))
                if !EXCEPTIONS.contains(&name.as_str()) && name != vocab::TOKEN_REJECTED =>
            {
                format!(
                    "unknown exception `{name}` in `when`{}",
                    hint_or_list(&name, EXCEPTIONS)
                )
            }
            Ok(When::ChallengeNamed(name)) if !CHALLENGES.contains(&name.as_str()) => format!(
                "unknown challenge `{name}` in `when`{}",
                hint_or_list(&name, CHALLENGES)
            ),
            Ok(_) => return,
            Err(message) => {
                let hint = did_you_mean(when.trim(), WHEN_WORDS.iter().copied());
                if hint.is_empty() || when.contains(':') {
                    message
                } else {
                    format!("`when = \"{when}\"` is not understood{hint}")
                }
            }
        };
        self.error(path, message);
    }

    fn choices(&mut self, path: &str, choices: &[String]) {
        if !(2..=6).contains(&choices.len()) {
            self.error(
                &format!("{path}.choices"),
                format!("there must be 2 to 6 choices; this has {}", choices.len()),
            );
        }
        let mut seen = HashSet::new();
        for (j, choice) in choices.iter().enumerate() {
            let choice_path = format!("{path}.choices[{j}]");
            if blank(choice) {
                self.error(&choice_path, format!("choice {} is empty", letter_str(j)));
            } else if !seen.insert(choice.trim()) {
                self.error(
                    &choice_path,
                    format!("choice {} repeats an earlier choice", letter_str(j)),
                );
            }
        }
    }

    /// Checks an answer letter; returns the choice's index when it is valid.
    fn answer(&mut self, path: &str, answer: &str, choices: &[String]) -> Option<usize> {
        let count = choices.len();
        let last = letter_str(count.saturating_sub(1));
        let index = match answer.as_bytes() {
            [b @ b'A'..=b'Z'] => usize::from(b - b'A'),
            [b'a'..=b'z'] => {
                self.error(
                    path,
                    format!(
                        "answer `{answer}` must be an uppercase letter: `{}`",
                        answer.to_uppercase()
                    ),
                );
                return None;
            }
            _ => {
                let by_text = choices.iter().position(|c| c.trim() == answer.trim());
                let message = match by_text {
                    Some(j) => format!(
                        "the answer is the choice's letter, not its text: write `answer = \"{}\"`",
                        letter_str(j)
                    ),
                    None => {
                        format!("answer `{answer}` must be the letter of a choice, A to {last}")
                    }
                };
                self.error(path, message);
                return None;
            }
        };
        if index >= count {
            self.error(
                path,
                format!("answer `{answer}` is not among the {count} choices (A to {last})"),
            );
            return None;
        }
        Some(index)
    }

    fn field(&mut self, path: &str, field: &str, allowed: &[&str]) {
        if let Some(name) = field.strip_prefix("var:") {
            if !VARIABLES.contains(&name) {
                self.error(
                    path,
                    format!(
                        "unknown variable `{name}` in `{field}`{}",
                        hint_or_list(name, VARIABLES)
                    ),
                );
            }
        } else if !allowed.contains(&field) {
            let hint = did_you_mean(field, allowed.iter().copied());
            let message = if hint.is_empty() {
                format!(
                    "unknown field `{field}`; use {} or `var:<name>`",
                    one_of(allowed.iter().copied())
                )
            } else {
                format!("unknown field `{field}`{hint}")
            };
            self.error(path, message);
        }
    }

    fn prediction(&mut self, path: &str, predict: &Prediction) {
        self.not_blank(
            &format!("{path}.prompt"),
            &predict.prompt,
            "the prediction's `prompt`",
        );
        self.choices(path, &predict.choices);
        match (&predict.answer, &predict.field) {
            (None, None) => self.error(
                path,
                "a prediction needs `answer` (the right letter) or `field` (read the right choice from the run)".to_owned(),
            ),
            (Some(_), Some(_)) => self.error(
                path,
                "a prediction takes `answer` or `field`, not both".to_owned(),
            ),
            (Some(answer), None) => {
                self.answer(&format!("{path}.answer"), answer, &predict.choices);
            }
            (None, Some(field)) => self.field(&format!("{path}.field"), field, PREDICTION_FIELDS),
        }
    }

    /// Checks a reference to a step by number or id; `ids` are the file's step ids.
    fn step_ref(&mut self, path: &str, step: &StepRef, count: usize, ids: &HashSet<&str>) {
        match step {
            StepRef::Number(n) => {
                if *n == 0 || usize::try_from(*n).is_ok_and(|n| n > count) {
                    self.error(
                        path,
                        format!(
                            "step {n} is out of range: the file has {count} steps (1 to {count})"
                        ),
                    );
                }
            }
            StepRef::Id(id) => {
                if !ids.contains(id.as_str()) {
                    self.error(
                        path,
                        format!("no step has id `{id}`{}", did_you_mean(id, sorted(ids))),
                    );
                }
            }
        }
    }

    fn variants(&mut self, file: &ScenarioFile) {
        self.unique(
            "variant",
            file.variants
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("variants[{i}].id"), v.id.as_str())),
        );
        let read: HashSet<Input> = file
            .steps
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                if self.is_placeholder(&KeyPath::parse(&format!("steps[{i}].action"))) {
                    &Input::ALL[..]
                } else {
                    s.action.inputs()
                }
            })
            .copied()
            .collect();
        let pool_users: Vec<&str> = file
            .pool
            .users
            .iter()
            .map(|u| u.username.as_str())
            .collect();
        for (i, variant) in file.variants.iter().enumerate() {
            let path = format!("variants[{i}]");
            if !is_slug(&variant.id) {
                self.error(
                    &format!("{path}.id"),
                    format!(
                        "variant id `{}` must use only lowercase letters, digits and `-`, e.g. `wrong-password`",
                        variant.id
                    ),
                );
            }
            self.not_blank(
                &format!("{path}.title"),
                &variant.title,
                "the variant's `title`",
            );
            let set = overridden(&variant.set);
            if set.is_empty() && variant.users.is_empty() && variant.pool.is_empty() {
                self.error(
                    &path,
                    format!(
                        "variant `{}` overrides nothing: give it `set = {{ ... }}` (e.g. a wrong password), `users` or `pool`",
                        variant.id
                    ),
                );
            }
            let pool = &variant.pool;
            if pool.prevent_user_existence_errors == Some(file.pool.prevent_user_existence_errors)
                || pool.auth_flows.as_ref() == Some(&file.pool.auth_flows)
            {
                self.error(
                    &format!("{path}.pool"),
                    format!(
                        "variant `{}` sets the pool to what it already is, so this changes nothing",
                        variant.id
                    ),
                );
            }
            for input in set {
                if !read.contains(&input) {
                    self.error(
                        &format!("{path}.set.{}", input.key()),
                        format!(
                            "no step reads `{}`, so overriding it changes nothing",
                            input.key()
                        ),
                    );
                }
            }
            if let Some(duration) = &variant.set.duration
                && let Err(message) = vocab::parse_duration(duration)
            {
                self.error(&format!("{path}.set.duration"), message);
            }
            for (name, patch) in &variant.users {
                let user_path = format!("{path}.users.\"{name}\"");
                if !pool_users.contains(&name.as_str()) {
                    self.error_at_key(
                        &user_path,
                        format!(
                            "user `{name}` is not in the pool{}",
                            did_you_mean(name, pool_users.iter().copied())
                        ),
                    );
                } else if *patch == UserPatch::default() {
                    self.error_at_key(&user_path, format!("this changes nothing for `{name}`"));
                }
            }
        }
    }

    fn moments(&mut self, file: &ScenarioFile) {
        let ids = step_ids(file);
        for (i, moment) in file.moments.iter().enumerate() {
            let path = format!("moments[{i}]");
            self.not_blank(
                &format!("{path}.title"),
                &moment.title,
                "the moment's `title`",
            );
            self.not_blank(&format!("{path}.text"), &moment.text, "the moment's `text`");
            for (j, step) in moment.steps.iter().enumerate() {
                self.step_ref(&format!("{path}.steps[{j}]"), step, file.steps.len(), &ids);
            }
        }
    }

    fn questions(&mut self, file: &ScenarioFile) {
        self.unique(
            "question",
            file.questions
                .iter()
                .enumerate()
                .map(|(i, q)| (format!("questions[{i}].id"), q.id.as_str())),
        );
        let targets = Targets {
            steps: step_ids(file),
            variants: file.variants.iter().map(|v| v.id.as_str()).collect(),
            count: file.steps.len(),
        };
        for (i, question) in file.questions.iter().enumerate() {
            self.question(&format!("questions[{i}]"), question, &targets);
        }
    }

    fn question(&mut self, path: &str, question: &Question, targets: &Targets<'_>) {
        self.not_blank(&format!("{path}.id"), &question.id, "the question's `id`");
        self.not_blank(
            &format!("{path}.prompt"),
            &question.prompt,
            "the question's `prompt`",
        );
        self.choices(path, &question.choices);
        let answer = self.answer(
            &format!("{path}.answer"),
            &question.answer,
            &question.choices,
        );
        if question.hints.is_empty() {
            self.error(
                &format!("{path}.hints"),
                format!(
                    "question `{}` has no hint: add at least one to `hints` (shown after a wrong answer)",
                    question.id
                ),
            );
        }
        for (j, hint) in question.hints.iter().enumerate() {
            self.not_blank(
                &format!("{path}.hints[{j}]"),
                hint,
                &format!("hint {}", j + 1),
            );
        }
        if let Some(step) = &question.about_step {
            self.step_ref(
                &format!("{path}.about_step"),
                step,
                targets.count,
                &targets.steps,
            );
        }
        if let Some(proof) = &question.proof {
            self.proof(
                &format!("{path}.proof"),
                proof,
                answer.map(|a| &question.choices[a]),
                targets,
            );
        }
    }

    fn proof(&mut self, path: &str, proof: &Proof, answer: Option<&String>, targets: &Targets<'_>) {
        if let Some(variant) = &proof.variant
            && !targets.variants.contains(variant.as_str())
        {
            self.error(
                &format!("{path}.variant"),
                format!(
                    "no variant has id `{variant}`{}",
                    did_you_mean(variant, sorted(&targets.variants))
                ),
            );
        }
        self.field(&format!("{path}.field"), &proof.field, PROOF_FIELDS);
        if let Some(step) = proof.step {
            let count = targets.count;
            if step == 0 || usize::try_from(step).is_ok_and(|s| s > count) {
                self.error(
                    &format!("{path}.step"),
                    format!(
                        "run step {step} is out of range: a run has at most {count} steps, one per [[steps]] that applies"
                    ),
                );
            }
        }
        if let Some(expect) = &proof.expect {
            self.not_blank(&format!("{path}.expect"), expect, "`expect`");
        }
        if proof.step.is_none()
            && proof.expect.is_none()
            && let Some(answer) = answer
            && !is_step_label(answer)
        {
            self.error(
                path,
                format!(
                    "without `step` or `expect`, the proof compares the first step where `{}` is set with the answer, so the answer must read like \"Step 4\"; it is \"{answer}\"",
                    proof.field
                ),
            );
        }
    }
}

/// What questions may refer to, collected once (not per reference, which would be quadratic).
struct Targets<'f> {
    steps: HashSet<&'f str>,
    variants: HashSet<&'f str>,
    count: usize,
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

/// "Step 4" (any case, optional spaces).
fn is_step_label(text: &str) -> bool {
    let text = text.trim();
    text.get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("step"))
        && text
            .get(4..)
            .map(str::trim)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The inputs a variant's `set` overrides.
fn overridden(set: &InputOverrides) -> Vec<Input> {
    [
        (Input::Username, set.username.is_some()),
        (Input::Password, set.password.is_some()),
        (Input::NewPassword, set.new_password.is_some()),
        (Input::Code, set.code.is_some()),
        (Input::Email, set.email.is_some()),
        (Input::Duration, set.duration.is_some()),
    ]
    .into_iter()
    .filter_map(|(input, present)| present.then_some(input))
    .collect()
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
            assert_eq!(is_step_label(text), ok, "{text}");
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
