//! The `[pool]` keys, step inputs and actions of MFA set-up, groups, sign-in names, the schema,
//! the client secret, triggers and tampered tokens: all format 2, and each names only what
//! exists.

use super::*;
use crate::scenario::model::{Action, PoolPatch, SignInAttributeSpec, StepPatch, Tamper};

/// The actions of these features (format 2).
const FORMAT_2_ACTIONS: [Action; 7] = [
    Action::ComputeSecretHash,
    Action::AdminAddUserToGroup,
    Action::AuthorizeGroup,
    Action::AssociateSoftwareToken,
    Action::VerifySoftwareToken,
    Action::AnswerMfaSetup,
    Action::TamperToken,
];

impl Checker<'_, '_> {
    pub(super) fn features(&mut self, file: &ScenarioFile) {
        let pool = &file.pool;
        for (used, key) in [
            (pool.mfa.is_some(), "mfa"),
            (!pool.groups.is_empty(), "groups"),
            (!pool.username_attributes.is_empty(), "username_attributes"),
            (!pool.alias_attributes.is_empty(), "alias_attributes"),
            (!pool.schema.is_empty(), "schema"),
            (pool.client_secret.is_some(), "client_secret"),
            (pool.triggers.is_some(), "triggers"),
        ] {
            if used {
                self.format_2(&format!("pool.{key}"), &format!("`{key}`"));
            }
        }
        self.sign_in_names(
            "pool",
            Some(&pool.username_attributes),
            Some(&pool.alias_attributes),
        );
        let groups: Vec<&str> = pool.groups.iter().map(|g| g.name.as_str()).collect();
        self.unique(
            "group",
            pool.groups
                .iter()
                .enumerate()
                .map(|(i, g)| (format!("pool.groups[{i}].name"), g.name.as_str())),
        );
        for (i, user) in pool.users.iter().enumerate() {
            for (j, group) in user.groups.iter().enumerate() {
                let path = format!("pool.users[{i}].groups[{j}]");
                self.format_2(&path, "a user's `groups`");
                self.known_group(&path, &user.username, group, &groups);
            }
        }
        for (i, step) in file.steps.iter().enumerate() {
            let path = format!("steps[{i}]");
            if FORMAT_2_ACTIONS.contains(&step.action) {
                self.format_2(
                    &format!("{path}.action"),
                    &format!("action `{}`", step.action.name()),
                );
            }
            self.feature_inputs(&path, &step.group, &step.client_secret, &step.tamper);
        }
        for (i, variant) in file.variants.iter().enumerate() {
            let path = format!("variants[{i}]");
            let set = &variant.set;
            self.feature_inputs(
                &format!("{path}.set"),
                &set.group,
                &set.client_secret,
                &set.tamper,
            );
            for (id, patch) in &variant.at {
                let StepPatch {
                    group,
                    client_secret,
                    tamper,
                    ..
                } = patch;
                self.feature_inputs(&format!("{path}.at.{id}"), group, client_secret, tamper);
            }
            for (name, patch) in &variant.users {
                for (j, group) in patch.groups.iter().flatten().enumerate() {
                    let at = format!("{path}.users.{name}.groups[{j}]");
                    self.format_2(&at, "a user's `groups`");
                    self.known_group(&at, name, group, &groups);
                }
            }
            let PoolPatch {
                mfa,
                username_attributes,
                alias_attributes,
                triggers,
                ..
            } = &variant.pool;
            for (used, key) in [
                (mfa.is_some(), "mfa"),
                (username_attributes.is_some(), "username_attributes"),
                (alias_attributes.is_some(), "alias_attributes"),
                (triggers.is_some(), "triggers"),
            ] {
                if used {
                    self.format_2(&format!("{path}.pool.{key}"), &format!("`{key}`"));
                }
            }
            self.sign_in_names(
                &format!("{path}.pool"),
                username_attributes.as_ref(),
                alias_attributes.as_ref(),
            );
        }
    }

    /// `group` (at `path`, for `user`) is one `[[pool.groups]]` defines.
    fn known_group(&mut self, path: &str, user: &str, group: &str, groups: &[&str]) {
        if !groups.contains(&group) {
            self.error(
                path,
                format!(
                    "user `{user}` is put in group `{group}`, which `[[pool.groups]]` does not define{}",
                    did_you_mean(group, groups.iter().copied())
                ),
            );
        }
    }

    /// `group`, `client_secret` and `tamper` at `path`: format 2, and a tamper Cognito's tokens
    /// can be given.
    fn feature_inputs(
        &mut self,
        path: &str,
        group: &Option<String>,
        client_secret: &Option<String>,
        tamper: &Option<String>,
    ) {
        for (used, key) in [
            (group.is_some(), "group"),
            (client_secret.is_some(), "client_secret"),
            (tamper.is_some(), "tamper"),
        ] {
            if used {
                self.format_2(&format!("{path}.{key}"), &format!("`{key}`"));
            }
        }
        if let Some(group) = group {
            self.not_blank(&format!("{path}.group"), group, "`group`");
        }
        if let Some(name) = tamper
            && Tamper::parse(name).is_none()
        {
            self.error(
                &format!("{path}.tamper"),
                format!(
                    "`{name}` is not a way to tamper with a token; use {}",
                    one_of(Tamper::ALL.iter().map(|t| t.name()))
                ),
            );
        }
    }

    /// Cognito takes `email` and `phone_number` as usernames, and a pool has either usernames
    /// of those or aliases, never both.
    fn sign_in_names(
        &mut self,
        path: &str,
        usernames: Option<&Vec<SignInAttributeSpec>>,
        aliases: Option<&Vec<SignInAttributeSpec>>,
    ) {
        let usernames = usernames.map_or(&[][..], Vec::as_slice);
        let aliases = aliases.map_or(&[][..], Vec::as_slice);
        if usernames.contains(&SignInAttributeSpec::PreferredUsername) {
            self.error(
                &format!("{path}.username_attributes"),
                "`preferred_username` can only be an alias (`alias_attributes`); usernames may be `email` or `phone_number`".to_owned(),
            );
        }
        if !usernames.is_empty() && !aliases.is_empty() {
            self.error(
                &format!("{path}.alias_attributes"),
                "a pool has `username_attributes` or `alias_attributes`, not both (Cognito refuses the pair)".to_owned(),
            );
        }
    }
}
