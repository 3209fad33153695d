//! Variants: what each overrides, and that it changes something a step reads.

use super::*;

impl Checker<'_, '_> {
    pub(super) fn variants(&mut self, file: &ScenarioFile) {
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
            if variant.id == vocab::MAIN && self.format_version > 1 {
                self.error(
                    &format!("{path}.id"),
                    "`main` is the main path's name in `only_in` and `not_in`: call the variant something else".to_owned(),
                );
            }
            if let Some(outcome) = &variant.outcome {
                self.format_2(&format!("{path}.outcome"), "`outcome`");
                self.not_blank(&format!("{path}.outcome"), outcome, "`outcome`");
            }
            self.at(&path, variant, file);
            let set = overridden(&variant.set);
            if set.is_empty()
                && variant.users.is_empty()
                && variant.pool.is_empty()
                && variant.at.is_empty()
                && !has_own_steps(file, &variant.id)
            {
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
            if let Some(pattern) = &variant.set.timestamp
                && let Err(message) = vocab::timestamp_pattern(pattern)
            {
                self.error(&format!("{path}.set.timestamp"), message);
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
}

impl Checker<'_, '_> {
    /// A variant's `at`: values for single steps, by id. Each must name a step of this branch
    /// that reads what it sets.
    fn at(&mut self, path: &str, variant: &VariantSpec, file: &ScenarioFile) {
        if variant.at.is_empty() {
            return;
        }
        self.format_2(&format!("{path}.at"), "`at` (values for single steps)");
        let ids: Vec<&str> = file.steps.iter().filter_map(|s| s.id.as_deref()).collect();
        for (id, patch) in &variant.at {
            let at = format!("{path}.at.\"{id}\"");
            let Some(step) = file.steps.iter().find(|s| s.id.as_deref() == Some(id)) else {
                self.error_at_key(
                    &at,
                    format!(
                        "`at` names steps by their `id`, and no step has id `{id}`{}",
                        did_you_mean(id, ids.iter().copied())
                    ),
                );
                continue;
            };
            if *patch == StepPatch::default() {
                self.error_at_key(&at, format!("this changes nothing at step `{id}`"));
                continue;
            }
            let in_branch = step
                .only_in
                .as_ref()
                .is_none_or(|b| b.contains(&variant.id))
                && !step
                    .not_in
                    .as_ref()
                    .is_some_and(|b| b.contains(&variant.id));
            if !in_branch {
                self.error_at_key(
                    &at,
                    format!(
                        "step `{id}` is not in variant `{}` (its `only_in` or `not_in` leaves it out), so this never applies",
                        variant.id
                    ),
                );
            }
            let mut set = overridden(&patch.inputs());
            if patch.token.is_some() {
                set.push(Input::Token);
            }
            let reads = step.action.inputs();
            for input in set {
                if !reads.contains(&input) {
                    self.error(
                        &format!("{at}.{}", input.key()),
                        format!(
                            "step `{id}` (`{}`) does not read `{}`, so this changes nothing",
                            step.action.name(),
                            input.key()
                        ),
                    );
                }
            }
            if let Some(duration) = &patch.duration
                && let Err(message) = vocab::parse_duration(duration)
            {
                self.error(&format!("{at}.duration"), message);
            }
            if let Some(pattern) = &patch.timestamp
                && let Err(message) = vocab::timestamp_pattern(pattern)
            {
                self.error(&format!("{at}.timestamp"), message);
            }
            for (key, text) in [
                ("explain", &patch.explain),
                ("error_explain", &patch.error_explain),
            ] {
                if let Some(text) = text {
                    self.not_blank(&format!("{at}.{key}"), text, &format!("`{key}`"));
                }
            }
        }
    }
}

/// The inputs a variant's `set` overrides.
/// Whether some step belongs to the branch `id` only (`only_in`): such a variant changes the
/// run by its steps alone.
fn has_own_steps(file: &ScenarioFile, id: &str) -> bool {
    file.steps.iter().any(|s| {
        s.only_in
            .as_ref()
            .is_some_and(|only| only.iter().any(|b| b == id))
    })
}

fn overridden(set: &InputOverrides) -> Vec<Input> {
    [
        (Input::Username, set.username.is_some()),
        (Input::Password, set.password.is_some()),
        (Input::NewPassword, set.new_password.is_some()),
        (Input::Code, set.code.is_some()),
        (Input::Email, set.email.is_some()),
        (Input::Duration, set.duration.is_some()),
        (Input::Timestamp, set.timestamp.is_some()),
        (Input::Group, set.group.is_some()),
        (Input::ClientSecret, set.client_secret.is_some()),
        (Input::Tamper, set.tamper.is_some()),
        (Input::RedirectUri, set.redirect_uri.is_some()),
        (Input::CodeVerifier, set.code_verifier.is_some()),
    ]
    .into_iter()
    .filter_map(|(input, present)| present.then_some(input))
    .collect()
}
