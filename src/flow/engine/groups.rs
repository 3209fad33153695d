//! Groups: an administrator adds a user to one, and the app's API lets a call through only
//! when the access token's `cognito:groups` holds the group it requires.
//!
//! ```text
//!  admin_add_user_to_group ──> (tokens issued from now on carry the group) ──> authorize_group
//!  AdminAddUserToGroup          sign_in / refresh_tokens                       JWKS checks +
//!                                                                              cognito:groups
//! ```

use crate::cognito::{self, Check, UserPool, decode_unverified};
use crate::scenario::model::{StepSpec, TokenKind};

use super::Runner;
use super::inputs::Ask;
use super::record::Effect;

impl Runner {
    /// AdminAddUserToGroup (a signed administrator call, no user token involved).
    pub(super) fn admin_add_user_to_group(&mut self, step: &StepSpec, effect: &mut Effect) {
        let username = self.username(step);
        let group = self.input(step, Ask::Group, &username).unwrap_or_default();
        effect.input = format!("{username}, {group}");
        let request = cognito::UserGroupRequest {
            user_pool_id: self.facts.pool_id.clone(),
            username,
            group_name: group,
        };
        self.send(
            "AdminAddUserToGroup",
            request,
            effect,
            UserPool::admin_add_user_to_group,
        );
    }

    /// The app's API checks the access token it is given (every JWKS check) and then that its
    /// `cognito:groups` claim holds the step's `group`: a token issued before the user joined
    /// the group does not, however valid it is.
    pub(super) fn authorize_group(&mut self, step: &StepSpec, effect: &mut Effect) {
        let group = self.input(step, Ask::Group, "").unwrap_or_default();
        effect.input = format!("access token, needs {group}");
        let mut verification = self.recorder.verify(&self.pool, TokenKind::Access, effect);
        let held: Vec<String> = self
            .recorder
            .tokens()
            .access
            .as_deref()
            .and_then(decode_unverified)
            .and_then(|(_, claims)| {
                serde_json::from_value(claims.get("cognito:groups")?.clone()).ok()
            })
            .unwrap_or_default();
        let member = held.contains(&group);
        let detail = if held.is_empty() {
            format!("absent, so not in {group}")
        } else if member {
            format!("[{}] holds {group}", held.join(", "))
        } else {
            format!("[{}] does not hold {group}", held.join(", "))
        };
        verification
            .checks
            .push(Check::new("cognito:groups", member, detail));
        self.token_verdict(verification, false, effect);
    }
}
