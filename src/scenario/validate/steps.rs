//! The steps: references to the diagram and the sample, the inputs each action reads, `when`,
//! and predictions.

use super::*;

impl Checker<'_, '_> {
    pub(super) fn steps(&mut self, file: &ScenarioFile) {
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
        let variants: Vec<&str> = file.variants.iter().map(|v| v.id.as_str()).collect();
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
            self.branches(&path, step, &variants);
            self.error_explain(&path, step);
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
        let given: [(Input, bool); 13] = [
            (Input::Username, step.username.is_some()),
            (Input::Password, step.password.is_some()),
            (Input::NewPassword, step.new_password.is_some()),
            (Input::Email, step.email.is_some()),
            (Input::Code, step.code.is_some()),
            (Input::Token, step.token.is_some()),
            (Input::Duration, step.duration.is_some()),
            (Input::Timestamp, step.timestamp.is_some()),
            (Input::Group, step.group.is_some()),
            (Input::ClientSecret, step.client_secret.is_some()),
            (Input::Tamper, step.tamper.is_some()),
            (Input::RedirectUri, step.redirect_uri.is_some()),
            (Input::CodeVerifier, step.code_verifier.is_some()),
        ];
        for (input, present) in given {
            // A lab step's `username` is whom the learner's call must be about, whatever the
            // action reads.
            let judged = input == Input::Username && step.expect.is_some();
            if present && !reads.contains(&input) && !judged {
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
        if let Some(pattern) = &step.timestamp
            && let Err(message) = vocab::timestamp_pattern(pattern)
        {
            self.error(&format!("{path}.timestamp"), message);
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

    /// A `when` condition (also a lab step's `expect.outcome`), named by its key in messages.
    pub(super) fn when(&mut self, path: &str, when: &str) {
        let key = path.rsplit('.').next().unwrap_or("when");
        let parsed = match When::parse(when) {
            Ok(parsed) => parsed,
            Err(error) => {
                let message = match &error.unknown {
                    Some(word) if word == when.trim() => {
                        let hint = did_you_mean(word, WHEN_WORDS.iter().copied());
                        if hint.is_empty() {
                            error.message
                        } else {
                            format!("`{key} = \"{when}\"` is not understood{hint}")
                        }
                    }
                    _ => error.message,
                };
                self.error(path, message);
                return;
            }
        };
        if !parsed.is_format_1() {
            self.format_2(
                path,
                "`|` (or), `not`, parentheses and a message to match in `when`",
            );
        }
        for name in parsed.names() {
            match name {
                Named::Exception(name)
                    if !EXCEPTIONS.contains(&name) && name != vocab::TOKEN_REJECTED =>
                {
                    self.error(
                        path,
                        format!(
                            "unknown exception `{name}` in `{key}`{}",
                            exception_hint(name)
                        ),
                    );
                }
                Named::Challenge(name) if !CHALLENGES.contains(&name) => self.error(
                    path,
                    format!(
                        "unknown challenge `{name}` in `{key}`{}",
                        hint_or_list(name, CHALLENGES)
                    ),
                ),
                Named::Exception(_) | Named::Challenge(_) => {}
            }
        }
    }

    /// `only_in` and `not_in`: format 2, naming branches that exist, not both.
    fn branches(&mut self, path: &str, step: &StepSpec, variants: &[&str]) {
        let mut known = vec![vocab::MAIN];
        known.extend(variants.iter().copied());
        for (key, names) in [("only_in", &step.only_in), ("not_in", &step.not_in)] {
            let Some(names) = names else { continue };
            let key_path = format!("{path}.{key}");
            self.format_2(&key_path, &format!("`{key}`"));
            if key == "only_in" && names.is_empty() {
                self.error(
                    &key_path,
                    "an empty `only_in` leaves the step out of every branch; list the branches it belongs to (variant ids, or `main` for the main path)".to_owned(),
                );
            }
            for (j, name) in names.iter().enumerate() {
                if !known.contains(&name.as_str()) {
                    self.error(
                        &format!("{key_path}[{j}]"),
                        format!("no branch is called `{name}`{}", hint_or_list(name, &known)),
                    );
                }
            }
        }
        if step.only_in.is_some() && step.not_in.is_some() {
            self.error(
                &format!("{path}.not_in"),
                "a step takes `only_in` or `not_in`, not both".to_owned(),
            );
        }
    }

    /// `error_explain`: format 2, not empty, and on a step whose action can fail.
    fn error_explain(&mut self, path: &str, step: &StepSpec) {
        let Some(text) = &step.error_explain else {
            return;
        };
        let key_path = format!("{path}.error_explain");
        self.format_2(&key_path, "`error_explain`");
        self.not_blank(&key_path, text, "`error_explain`");
        if !step.action.can_fail() {
            self.warn(
                &key_path,
                format!(
                    "`error_explain` has no effect on a `{}` step: it never fails",
                    step.action.name()
                ),
            );
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
}

/// "; did you mean `CodeMismatchException`?" for `CodeMismatch` too (the name without its
/// `Exception`), else the closest known exception or the list.
fn exception_hint(name: &str) -> String {
    let completed = format!("{name}Exception");
    match EXCEPTIONS
        .iter()
        .find(|e| e.eq_ignore_ascii_case(&completed))
    {
        Some(full) => format!("; did you mean `{full}`?"),
        None => hint_or_list(name, EXCEPTIONS),
    }
}
