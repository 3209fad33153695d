//! Moments and the quiz: answers among the choices, hints, references to steps, and proofs.

use super::*;

impl Checker<'_, '_> {
    pub(super) fn choices(&mut self, path: &str, choices: &[String]) {
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
    pub(super) fn answer(&mut self, path: &str, answer: &str, choices: &[String]) -> Option<usize> {
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

    pub(super) fn field(&mut self, path: &str, field: &str, allowed: &[&str]) {
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

    pub(super) fn moments(&mut self, file: &ScenarioFile) {
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

    pub(super) fn questions(&mut self, file: &ScenarioFile) {
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
        if question.pin_order {
            self.format_2(&format!("{path}.pin_order"), "`pin_order`");
        }
        let answer = self.answer(
            &format!("{path}.answer"),
            &question.answer,
            &question.choices,
        );
        if question.hints.is_empty() {
            self.error(
                &format!("{path}.hints"),
                format!(
                    "question `{}` has no hint: add at least one to `hints` (offered after a wrong answer)",
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
        match &proof.step {
            Some(StepRef::Number(step)) => {
                let count = targets.count;
                if *step == 0 || usize::try_from(*step).is_ok_and(|s| s > count) {
                    self.error(
                        &format!("{path}.step"),
                        format!(
                            "run step {step} is out of range: a run has at most {count} steps, one per [[steps]] that applies"
                        ),
                    );
                }
            }
            // One error for one bad `step`: an unknown id says so (and, in format 1, that
            // steps are numbers there); a known id in format 1 needs format 2.
            Some(StepRef::Id(id)) if !targets.steps.contains(id.as_str()) => {
                let format_1 = if self.format_version == 1 {
                    " (in format 1 `step` is a run step number; step ids need `format_version = 2`)"
                } else {
                    ""
                };
                self.error(
                    &format!("{path}.step"),
                    format!(
                        "no step has id `{id}`{}{format_1}",
                        did_you_mean(id, sorted(&targets.steps))
                    ),
                );
            }
            Some(StepRef::Id(_)) => self.format_2(
                &format!("{path}.step"),
                "a proof's `step` given as a step id",
            ),
            None => {}
        }
        if let Some(expect) = &proof.expect {
            self.not_blank(&format!("{path}.expect"), expect, "`expect`");
        }
        // A `step` or `expect` the structural pass dropped as broken was still given.
        let given = |key: &str| self.is_placeholder(&KeyPath::parse(&format!("{path}.{key}")));
        if proof.step.is_none()
            && !given("step")
            && proof.expect.is_none()
            && !given("expect")
            && let Some(answer) = answer
            && self.words.step_label_number(answer).is_none()
        {
            self.error(
                path,
                format!(
                    "without `step` or `expect`, the proof compares the first step where `{}` is set with the answer, so the answer must read like \"{}\"; it is \"{answer}\"",
                    proof.field,
                    self.words.step(4)
                ),
            );
        }
    }
}

/// What questions may refer to, collected once (not per reference, which would be quadratic).
pub(super) struct Targets<'f> {
    steps: HashSet<&'f str>,
    variants: HashSet<&'f str>,
    count: usize,
}
