//! User pool groups: CreateGroup, GetGroup, ListGroups, AdminAddUserToGroup,
//! AdminRemoveUserFromGroup, AdminListGroupsForUser, ListUsersInGroup, and the claims a
//! member's tokens carry.
//!
//! Both tokens carry `cognito:groups`; the ID token also carries `cognito:roles` (the role
//! ARNs of the user's groups) and `cognito:preferred_role` (the role of the group with the
//! lowest `Precedence`; when two groups tie at the lowest precedence with different roles, the
//! claim is left out). Those are the rules of the `Precedence` member's documentation in the
//! service model (docs/cognito-fidelity.md, "Groups").

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::api::EmptyResponse;
use super::error::{CognitoError, Exception};
use super::pool::UserPool;
use super::user::User;

/// A group as the pool keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    pub description: Option<String>,
    pub role_arn: Option<String>,
    pub precedence: Option<u32>,
    pub created_at: u64,
    pub modified_at: u64,
}

/// The pool's groups and who is in them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Groups {
    groups: BTreeMap<String, Group>,
    /// Username → the names of the groups the user is in.
    members: BTreeMap<String, BTreeSet<String>>,
}

/// `GroupType`, as every group call answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupType {
    /// The group's name.
    pub group_name: String,
    /// The pool it belongs to.
    pub user_pool_id: String,
    /// A description, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The IAM role members' ID tokens name in `cognito:roles`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// 0 is the highest precedence; absent is the lowest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precedence: Option<u32>,
    /// Epoch seconds.
    pub creation_date: u64,
    /// Epoch seconds.
    pub last_modified_date: u64,
}

/// CreateGroup's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateGroupRequest {
    /// The name, unique in the pool.
    pub group_name: String,
    /// The pool.
    pub user_pool_id: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// An IAM role ARN for identity pools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// 0 is the highest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precedence: Option<u32>,
}

/// The response of CreateGroup and GetGroup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupResponse {
    /// The group.
    pub group: GroupType,
}

/// GetGroup's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupRequest {
    /// The group.
    pub group_name: String,
    /// The pool.
    pub user_pool_id: String,
}

/// ListGroups's request (one page holds every group: a lesson pool is small).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListGroupsRequest {
    /// The pool.
    pub user_pool_id: String,
}

/// The response of ListGroups and AdminListGroupsForUser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupsResponse {
    /// By name.
    pub groups: Vec<GroupType>,
}

/// The request of AdminAddUserToGroup and AdminRemoveUserFromGroup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserGroupRequest {
    /// The pool.
    pub user_pool_id: String,
    /// The user.
    pub username: String,
    /// The group.
    pub group_name: String,
}

/// The claims a user's groups add to tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct GroupClaims {
    /// `cognito:groups` (both tokens): by precedence, then name.
    pub groups: Vec<String>,
    /// `cognito:roles` (ID token): the distinct role ARNs, in the same order.
    pub roles: Vec<String>,
    /// `cognito:preferred_role` (ID token).
    pub preferred_role: Option<String>,
}

impl Groups {
    /// The claims for `username`'s tokens.
    ///
    /// The order of `cognito:groups` is not documented; the mock lists groups by precedence
    /// (absent last), then name, so the first one is the one that decides the preferred role.
    pub fn claims(&self, username: &str) -> GroupClaims {
        let mut groups: Vec<(&String, &Group)> = self
            .members
            .get(username)
            .into_iter()
            .flatten()
            .filter_map(|name| self.groups.get(name).map(|g| (name, g)))
            .collect();
        groups.sort_by_key(|(name, g)| (g.precedence.is_none(), g.precedence, name.as_str()));
        let mut roles: Vec<String> = Vec::new();
        for role in groups.iter().filter_map(|(_, g)| g.role_arn.as_ref()) {
            if !roles.contains(role) {
                roles.push(role.clone());
            }
        }
        GroupClaims {
            groups: groups.iter().map(|(name, _)| (*name).clone()).collect(),
            roles,
            preferred_role: preferred_role(&groups),
        }
    }

    /// The names of the groups `username` is in, by name.
    pub fn of(&self, username: &str) -> Vec<String> {
        self.members
            .get(username)
            .map(|set| set.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Creates a group (seeding and CreateGroup).
    pub fn create(&mut self, name: &str, group: Group) -> Result<(), CognitoError> {
        if self.groups.contains_key(name) {
            return Err(CognitoError::new(
                Exception::GroupExists,
                format!("A group with the name {name} already exists."),
            ));
        }
        self.groups.insert(name.to_owned(), group);
        Ok(())
    }

    /// Puts `username` in `group` (idempotent, as AdminAddUserToGroup is).
    pub fn add(&mut self, username: &str, group: &str) -> Result<(), CognitoError> {
        self.get(group)?;
        self.members
            .entry(username.to_owned())
            .or_default()
            .insert(group.to_owned());
        Ok(())
    }

    fn get(&self, name: &str) -> Result<&Group, CognitoError> {
        self.groups.get(name).ok_or_else(group_not_found)
    }
}

/// The role of the group with the lowest precedence, unless groups tie there with different
/// roles (the service model's `Precedence` documentation). `groups` is sorted by precedence.
fn preferred_role(groups: &[(&String, &Group)]) -> Option<String> {
    let with_role: Vec<&Group> = groups
        .iter()
        .map(|(_, g)| *g)
        .filter(|g| g.role_arn.is_some())
        .collect();
    let first = with_role.first()?;
    let tied: BTreeSet<&Option<String>> = with_role
        .iter()
        .filter(|g| g.precedence == first.precedence)
        .map(|g| &g.role_arn)
        .collect();
    if tied.len() == 1 {
        first.role_arn.clone()
    } else {
        None
    }
}

/// An unknown group name.
fn group_not_found() -> CognitoError {
    CognitoError::new(Exception::ResourceNotFound, "Group not found.")
}

impl UserPool {
    /// CreateGroup.
    ///
    /// # Errors
    /// `ResourceNotFoundException` (another pool), `GroupExistsException: A group with the name
    /// <name> already exists.`
    pub fn create_group(
        &mut self,
        request: CreateGroupRequest,
    ) -> Result<GroupResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let group = Group {
            description: request.description,
            role_arn: request.role_arn,
            precedence: request.precedence,
            created_at: self.now,
            modified_at: self.now,
        };
        self.groups.create(&request.group_name, group)?;
        self.group_response(&request.group_name)
    }

    /// GetGroup.
    ///
    /// # Errors
    /// `ResourceNotFoundException` for another pool or an unknown group.
    pub fn get_group(&self, request: GroupRequest) -> Result<GroupResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        self.group_response(&request.group_name)
    }

    /// ListGroups: every group, by name.
    ///
    /// # Errors
    /// `ResourceNotFoundException` for another pool.
    pub fn list_groups(&self, request: ListGroupsRequest) -> Result<GroupsResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let names: Vec<String> = self.groups.groups.keys().cloned().collect();
        self.groups_response(&names)
    }

    /// AdminAddUserToGroup: the user's next tokens carry the group (tokens already issued do
    /// not change). Adding a member again is not an error.
    ///
    /// # Errors
    /// `ResourceNotFoundException` (another pool, or `Group not found.`),
    /// `UserNotFoundException: User does not exist.`
    pub fn admin_add_user_to_group(
        &mut self,
        request: UserGroupRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let username = self.admin_username(&request.username)?;
        self.groups.add(&username, &request.group_name)?;
        Ok(EmptyResponse {})
    }

    /// AdminRemoveUserFromGroup (removing a non-member is not an error).
    ///
    /// # Errors
    /// As [`UserPool::admin_add_user_to_group`].
    pub fn admin_remove_user_from_group(
        &mut self,
        request: UserGroupRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let username = self.admin_username(&request.username)?;
        self.groups.get(&request.group_name)?;
        if let Some(set) = self.groups.members.get_mut(&username) {
            set.remove(&request.group_name);
        }
        Ok(EmptyResponse {})
    }

    /// AdminListGroupsForUser: the user's groups, by name.
    ///
    /// # Errors
    /// `ResourceNotFoundException`, `UserNotFoundException: User does not exist.`
    pub fn admin_list_groups_for_user(
        &self,
        request: super::api::AdminUserRequest,
    ) -> Result<GroupsResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let username = self.admin_username(&request.username)?;
        self.groups_response(&self.groups.of(&username))
    }

    /// ListUsersInGroup: the members' usernames, by name.
    ///
    /// # Errors
    /// `ResourceNotFoundException` for another pool or an unknown group.
    pub fn list_users_in_group(&self, request: GroupRequest) -> Result<Vec<String>, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        self.groups.get(&request.group_name)?;
        Ok(self
            .groups
            .members
            .iter()
            .filter(|(_, set)| set.contains(&request.group_name))
            .map(|(user, _)| user.clone())
            .collect())
    }

    /// The groups `username` is in, by name (for a lesson's view).
    #[must_use]
    pub fn groups_of(&self, username: &str) -> Vec<String> {
        self.groups.of(username)
    }

    pub(crate) fn group_claims(&self, user: &User) -> GroupClaims {
        self.groups.claims(&user.username)
    }

    fn group_response(&self, name: &str) -> Result<GroupResponse, CognitoError> {
        let group = self.groups.get(name)?;
        Ok(GroupResponse {
            group: self.group_type(name, group),
        })
    }

    fn groups_response(&self, names: &[String]) -> Result<GroupsResponse, CognitoError> {
        let groups = names
            .iter()
            .map(|name| self.groups.get(name).map(|g| self.group_type(name, g)))
            .collect::<Result<_, _>>()?;
        Ok(GroupsResponse { groups })
    }

    fn group_type(&self, name: &str, group: &Group) -> GroupType {
        GroupType {
            group_name: name.to_owned(),
            user_pool_id: self.pool_id.clone(),
            description: group.description.clone(),
            role_arn: group.role_arn.clone(),
            precedence: group.precedence,
            creation_date: group.created_at,
            last_modified_date: group.modified_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(precedence: Option<u32>, role: Option<&str>) -> Group {
        Group {
            description: None,
            role_arn: role.map(str::to_owned),
            precedence,
            created_at: 0,
            modified_at: 0,
        }
    }

    /// One row per rule of the `Precedence` documentation.
    #[test]
    fn claims_follow_precedence() {
        type Row<'a> = (
            &'a [(&'a str, Option<u32>, Option<&'a str>)],
            &'a [&'a str],
            &'a [&'a str],
            Option<&'a str>,
        );
        let rows: &[Row] = &[
            (&[], &[], &[], None),
            (&[("readers", None, None)], &["readers"], &[], None),
            (
                &[
                    ("admins", Some(0), Some("arn:admin")),
                    ("readers", Some(5), Some("arn:read")),
                ],
                &["admins", "readers"],
                &["arn:admin", "arn:read"],
                Some("arn:admin"),
            ),
            // Absent precedence comes last, whatever the name.
            (
                &[
                    ("aaa", None, Some("arn:a")),
                    ("zzz", Some(9), Some("arn:z")),
                ],
                &["zzz", "aaa"],
                &["arn:z", "arn:a"],
                Some("arn:z"),
            ),
            // A tie at the top with different roles: no preferred role.
            (
                &[("a", Some(1), Some("arn:a")), ("b", Some(1), Some("arn:b"))],
                &["a", "b"],
                &["arn:a", "arn:b"],
                None,
            ),
            // A tie with the same role: that role.
            (
                &[("a", Some(1), Some("arn:x")), ("b", Some(1), Some("arn:x"))],
                &["a", "b"],
                &["arn:x"],
                Some("arn:x"),
            ),
            // The best group has no role: the best group that has one decides.
            (
                &[("top", Some(0), None), ("next", Some(2), Some("arn:n"))],
                &["top", "next"],
                &["arn:n"],
                Some("arn:n"),
            ),
        ];
        for (groups, names, roles, preferred) in rows {
            let mut g = Groups::default();
            for (name, precedence, role) in *groups {
                g.create(name, group(*precedence, *role)).unwrap();
                g.add("ana", name).unwrap();
            }
            let claims = g.claims("ana");
            assert_eq!(claims.groups, *names, "{groups:?}");
            assert_eq!(claims.roles, *roles, "{groups:?}");
            assert_eq!(claims.preferred_role.as_deref(), *preferred, "{groups:?}");
        }
    }

    #[test]
    fn duplicate_and_unknown_groups_are_refused() {
        let mut g = Groups::default();
        g.create("admins", group(None, None)).unwrap();
        assert_eq!(
            g.create("admins", group(None, None))
                .unwrap_err()
                .to_string(),
            "GroupExistsException: A group with the name admins already exists."
        );
        assert_eq!(
            g.add("ana", "nobody").unwrap_err().to_string(),
            "ResourceNotFoundException: Group not found."
        );
    }
}
