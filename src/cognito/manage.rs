//! Pool and app-client management, as a real client's set-up calls it: CreateUserPool,
//! DescribeUserPool, CreateUserPoolClient, DescribeUserPoolClient, ListUsers.
//!
//! Shapes follow botocore's model (`UserPoolType`, `UserPoolClientType`); only the members the
//! mock simulates are filled in. Where Cognito's exact wording of a refusal is not in
//! `reference/cognito-facts.md`, the constructor says the message is unsourced.

use serde::{Deserialize, Serialize};

use super::api::UserType;
use super::config::{
    AppClient, ExplicitAuthFlow, PasswordPolicy, PoolConfig, PreventUserExistenceErrors,
};
use super::error::{CognitoError, Exception};
use super::pool::UserPool;
use super::session::user_type;

/// `Policies` of CreateUserPool / `UserPoolType`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PoliciesType {
    /// The password policy; Cognito's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_policy: Option<PasswordPolicyType>,
}

/// `PasswordPolicyType`: every member optional on the way in, all set on the way out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PasswordPolicyType {
    /// 6 to 99.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_length: Option<u32>,
    /// A–Z.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_uppercase: Option<bool>,
    /// a–z.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_lowercase: Option<bool>,
    /// 0–9.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_numbers: Option<bool>,
    /// A symbol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_symbols: Option<bool>,
    /// 0 to 365.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_password_validity_days: Option<u32>,
}

impl PasswordPolicyType {
    fn of(policy: &PasswordPolicy) -> Self {
        Self {
            minimum_length: Some(policy.min_length),
            require_uppercase: Some(policy.require_uppercase),
            require_lowercase: Some(policy.require_lowercase),
            require_numbers: Some(policy.require_numbers),
            require_symbols: Some(policy.require_symbols),
            temporary_password_validity_days: Some(policy.temporary_password_validity_days),
        }
    }

    /// The policy these members give, Cognito's default for each one absent.
    fn to_policy(&self) -> Result<PasswordPolicy, CognitoError> {
        let default = PasswordPolicy::default();
        let policy = PasswordPolicy {
            min_length: self.minimum_length.unwrap_or(default.min_length),
            require_uppercase: self.require_uppercase.unwrap_or(default.require_uppercase),
            require_lowercase: self.require_lowercase.unwrap_or(default.require_lowercase),
            require_numbers: self.require_numbers.unwrap_or(default.require_numbers),
            require_symbols: self.require_symbols.unwrap_or(default.require_symbols),
            temporary_password_validity_days: self
                .temporary_password_validity_days
                .unwrap_or(default.temporary_password_validity_days),
        };
        // Ranges from [BC] PasswordPolicyMinLengthType / TemporaryPasswordValidityDaysType; the
        // message is the usual validation wording (unverified for these members).
        if !(6..=99).contains(&policy.min_length) {
            return Err(out_of_range(
                "policies.passwordPolicy.minimumLength",
                "6",
                "99",
            ));
        }
        if policy.temporary_password_validity_days > 365 {
            return Err(out_of_range(
                "policies.passwordPolicy.temporaryPasswordValidityDays",
                "0",
                "365",
            ));
        }
        Ok(policy)
    }
}

pub(crate) fn out_of_range(member: &str, min: &str, max: &str) -> CognitoError {
    CognitoError::new(
        Exception::InvalidParameter,
        format!(
            "1 validation error detected: Value at '{member}' failed to satisfy constraint: \
             Member must have value between {min} and {max}"
        ),
    )
}

/// CreateUserPool's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateUserPoolRequest {
    /// `PoolName`.
    pub pool_name: String,
    /// The password policy.
    #[serde(default)]
    pub policies: PoliciesType,
}

/// `UserPoolType`, the members the mock has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolType {
    /// e.g. `us-east-1_AbC123xyz`.
    pub id: String,
    /// `PoolName`.
    pub name: String,
    /// `arn:aws:cognito-idp:{region}:000000000000:userpool/{id}` (the account is made up).
    pub arn: String,
    /// The password policy in force.
    pub policies: PoliciesType,
    /// `OFF` (MFA is per user in this mock: a user's TOTP).
    pub mfa_configuration: String,
    /// Users in the pool now.
    pub estimated_number_of_users: u64,
    /// Epoch seconds.
    pub creation_date: u64,
    /// Epoch seconds.
    pub last_modified_date: u64,
}

/// CreateUserPool's and DescribeUserPool's response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolResponse {
    /// The pool.
    pub user_pool: UserPoolType,
}

/// DescribeUserPool's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolIdRequest {
    /// The pool.
    pub user_pool_id: String,
}

/// `TokenValidityUnitsType`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TokenValidityUnits {
    /// `seconds`, `minutes`, `hours` or `days`; default `hours`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// Default `hours`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
    /// Default `days`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

/// CreateUserPoolClient's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateUserPoolClientRequest {
    /// The pool.
    pub user_pool_id: String,
    /// `ClientName`.
    pub client_name: String,
    /// Default: Cognito's (refresh, SRP, custom: no password flow).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explicit_auth_flows: Option<Vec<ExplicitAuthFlow>>,
    /// Default `LEGACY` through the API ([BC]; the console picks ENABLED).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prevent_user_existence_errors: Option<PreventUserExistenceErrors>,
    /// In `TokenValidityUnits.AccessToken` (default hours); default 1 h.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_validity: Option<u64>,
    /// In `TokenValidityUnits.IdToken` (default hours); default 1 h.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token_validity: Option<u64>,
    /// In `TokenValidityUnits.RefreshToken` (default days); default 30 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_validity: Option<u64>,
    /// The units of the three above.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_validity_units: Option<TokenValidityUnits>,
    /// Minutes, 3 to 15; default 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_session_validity: Option<u64>,
    /// `GenerateSecret`: a confidential client (its secret drawn from the seed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate_secret: Option<bool>,
    /// `RefreshTokenRotation`: GetTokensFromRefreshToken rotates refresh tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_rotation: Option<super::RefreshTokenRotation>,
    /// The managed login settings (`CallbackURLs`, `LogoutURLs`, `AllowedOAuthFlows`,
    /// `AllowedOAuthScopes`, `AllowedOAuthFlowsUserPoolClient`).
    #[serde(flatten)]
    pub oauth: OAuthMembers,
}

/// The OAuth members of CreateUserPoolClient's request and of `UserPoolClientType`, as the
/// service model names them (`URLs` in capitals, hence the renames).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OAuthMembers {
    /// Where authorize may send the browser back.
    #[serde(
        rename = "CallbackURLs",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub callback_urls: Vec<String>,
    /// Where `/logout` may send the browser.
    #[serde(rename = "LogoutURLs", default, skip_serializing_if = "Vec::is_empty")]
    pub logout_urls: Vec<String>,
    /// `code`, `implicit`, `client_credentials`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_o_auth_flows: Vec<super::OAuthFlow>,
    /// The scopes the client may be granted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_o_auth_scopes: Vec<String>,
    /// Must be true for the flows to apply (Cognito's switch for the hosted UI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_o_auth_flows_user_pool_client: Option<bool>,
}

impl OAuthMembers {
    /// As the pool keeps them: no flow unless the switch is on.
    fn settings(&self) -> super::OAuthSettings {
        let on = self.allowed_o_auth_flows_user_pool_client == Some(true);
        super::OAuthSettings {
            callback_urls: self.callback_urls.clone(),
            logout_urls: self.logout_urls.clone(),
            flows: if on {
                self.allowed_o_auth_flows.clone()
            } else {
                Vec::new()
            },
            scopes: self.allowed_o_auth_scopes.clone(),
        }
    }

    fn of(settings: &super::OAuthSettings) -> Self {
        Self {
            callback_urls: settings.callback_urls.clone(),
            logout_urls: settings.logout_urls.clone(),
            allowed_o_auth_flows: settings.flows.clone(),
            allowed_o_auth_scopes: settings.scopes.clone(),
            allowed_o_auth_flows_user_pool_client: Some(!settings.flows.is_empty()),
        }
    }
}

/// `UserPoolClientType`, the members the mock has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolClientType {
    /// The pool.
    pub user_pool_id: String,
    /// `ClientName`.
    pub client_name: String,
    /// `ClientId`.
    pub client_id: String,
    /// `ExplicitAuthFlows`.
    pub explicit_auth_flows: Vec<ExplicitAuthFlow>,
    /// `PreventUserExistenceErrors`.
    pub prevent_user_existence_errors: PreventUserExistenceErrors,
    /// In `TokenValidityUnits.AccessToken`.
    pub access_token_validity: u64,
    /// In `TokenValidityUnits.IdToken`.
    pub id_token_validity: u64,
    /// In `TokenValidityUnits.RefreshToken`.
    pub refresh_token_validity: u64,
    /// The units of the three above.
    pub token_validity_units: TokenValidityUnits,
    /// Minutes.
    pub auth_session_validity: u64,
    /// Always on in the mock (revocation adds `jti`/`origin_jti`, facts §7).
    pub enable_token_revocation: bool,
    /// `ClientSecret`, for a confidential client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// `RefreshTokenRotation`, when it was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_rotation: Option<super::RefreshTokenRotation>,
    /// The managed login settings.
    #[serde(flatten)]
    pub oauth: OAuthMembers,
}

/// CreateUserPoolClient's and DescribeUserPoolClient's response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolClientResponse {
    /// The client.
    pub user_pool_client: UserPoolClientType,
}

/// DescribeUserPoolClient's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolClientRequest {
    /// The pool.
    pub user_pool_id: String,
    /// The client.
    pub client_id: String,
}

/// ListUsers' request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersRequest {
    /// The pool.
    pub user_pool_id: String,
    /// At most 60 per page (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
    /// From the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination_token: Option<String>,
    /// `attribute = "value"` or `attribute ^= "prefix"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
}

/// ListUsers' response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersResponse {
    /// This page, by username.
    pub users: Vec<UserType>,
    /// Set when more pages follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination_token: Option<String>,
}

/// A validity in seconds expressed as Cognito reports it: a value and its unit.
fn in_units(secs: u64, day_unit: bool) -> (u64, &'static str) {
    if day_unit && secs.is_multiple_of(86_400) {
        (secs / 86_400, "days")
    } else if secs.is_multiple_of(3600) {
        (secs / 3600, "hours")
    } else if secs.is_multiple_of(60) {
        (secs / 60, "minutes")
    } else {
        (secs, "seconds")
    }
}

fn unit_secs(unit: Option<&str>, default: u64) -> Result<u64, CognitoError> {
    match unit {
        None => Ok(default),
        Some("seconds") => Ok(1),
        Some("minutes") => Ok(60),
        Some("hours") => Ok(3600),
        Some("days") => Ok(86_400),
        Some(other) => Err(CognitoError::new(
            Exception::InvalidParameter,
            format!(
                "1 validation error detected: Value '{other}' failed to satisfy constraint: \
                 Member must satisfy enum value set: [seconds, minutes, hours, days]"
            ),
        )),
    }
}

impl UserPool {
    /// A pool as CreateUserPool makes it: no users, **no app client** (CreateUserPoolClient
    /// adds them), the requested password policy. `config` carries what the server decides
    /// (region, argon2 cost, issuer style).
    ///
    /// # Errors
    /// `InvalidParameterException` for a policy out of Cognito's ranges or an empty name.
    pub fn create(
        request: CreateUserPoolRequest,
        config: PoolConfig,
        seed: u64,
        now: u64,
    ) -> Result<(Self, UserPoolResponse), CognitoError> {
        if request.pool_name.trim().is_empty() || request.pool_name.chars().count() > 128 {
            return Err(CognitoError::new(
                Exception::InvalidParameter,
                "1 validation error detected: Value at 'poolName' failed to satisfy constraint: \
                 Member must have length between 1 and 128",
            ));
        }
        let password_policy = request
            .policies
            .password_policy
            .unwrap_or_default()
            .to_policy()?;
        let mut pool = Self::new(
            PoolConfig {
                password_policy,
                pool_id: None,
                client_id: None,
                ..config
            },
            seed,
            now,
        );
        pool.name = request.pool_name;
        pool.clients.clear();
        let response = pool.describe();
        Ok((pool, response))
    }

    fn describe(&self) -> UserPoolResponse {
        UserPoolResponse {
            user_pool: UserPoolType {
                id: self.pool_id.clone(),
                name: self.name.clone(),
                arn: format!(
                    "arn:aws:cognito-idp:{}:000000000000:userpool/{}",
                    self.config.region, self.pool_id
                ),
                policies: PoliciesType {
                    password_policy: Some(PasswordPolicyType::of(&self.config.password_policy)),
                },
                mfa_configuration: "OFF".to_owned(),
                estimated_number_of_users: self.users.len() as u64,
                creation_date: self.created_at,
                last_modified_date: self.created_at,
            },
        }
    }

    /// DescribeUserPool.
    ///
    /// # Errors
    /// `ResourceNotFoundException` for another pool id.
    pub fn describe_user_pool(
        &self,
        request: UserPoolIdRequest,
    ) -> Result<UserPoolResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        Ok(self.describe())
    }

    /// CreateUserPoolClient: an app client with Cognito's API defaults for what is omitted
    /// (no password flow, PreventUserExistenceErrors LEGACY, 1 h / 1 h / 30 days, 3 min).
    ///
    /// # Errors
    /// `ResourceNotFoundException`; `InvalidParameterException` for a validity out of Cognito's
    /// ranges (access and ID 5 min – 1 day, refresh 1 h – 10 years, session 3 – 15 min) or a
    /// `GenerateSecret: true` gives the client a secret of Cognito's shape, drawn from the seed;
    /// every call naming a user through it must then carry SECRET_HASH.
    pub fn create_user_pool_client(
        &mut self,
        request: CreateUserPoolClientRequest,
    ) -> Result<UserPoolClientResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let units = request.token_validity_units.clone().unwrap_or_default();
        let access = request.access_token_validity.unwrap_or(1)
            * unit_secs(units.access_token.as_deref(), 3600)?;
        let id =
            request.id_token_validity.unwrap_or(1) * unit_secs(units.id_token.as_deref(), 3600)?;
        let refresh = request.refresh_token_validity.unwrap_or(30)
            * unit_secs(units.refresh_token.as_deref(), 86_400)?;
        let session = request.auth_session_validity.unwrap_or(3);
        for (member, value, min, max, shown) in [
            (
                "accessTokenValidity",
                access,
                300,
                86_400,
                ("5 minutes", "1 day"),
            ),
            ("idTokenValidity", id, 300, 86_400, ("5 minutes", "1 day")),
            (
                "refreshTokenValidity",
                refresh,
                3600,
                3650 * 86_400,
                ("60 minutes", "3650 days"),
            ),
            ("authSessionValidity", session * 60, 180, 900, ("3", "15")),
            (
                "refreshTokenRotation.retryGracePeriodSeconds",
                request
                    .refresh_token_rotation
                    .map_or(0, |r| r.retry_grace_period_seconds),
                0,
                60,
                ("0", "60"),
            ),
        ] {
            if !(min..=max).contains(&value) {
                return Err(out_of_range(member, shown.0, shown.1));
            }
        }
        let client = AppClient {
            name: request.client_name,
            client_id: String::new(),
            explicit_auth_flows: request
                .explicit_auth_flows
                .unwrap_or_else(|| ExplicitAuthFlow::COGNITO_DEFAULT.to_vec()),
            prevent_user_existence_errors: request
                .prevent_user_existence_errors
                .unwrap_or(PreventUserExistenceErrors::Legacy),
            access_token_validity_secs: access,
            id_token_validity_secs: id,
            refresh_token_validity_secs: refresh,
            auth_session_validity_secs: session * 60,
            oauth: request.oauth.settings(),
            secret: (request.generate_secret == Some(true))
                .then(|| super::client_secret::generate(&mut self.rng.next())),
            refresh_token_rotation: request.refresh_token_rotation,
        };
        let client = self.add_client(client)?.clone();
        Ok(self.client_response(&client))
    }

    /// DescribeUserPoolClient.
    ///
    /// # Errors
    /// `ResourceNotFoundException` for another pool or an unknown client.
    pub fn describe_user_pool_client(
        &self,
        request: UserPoolClientRequest,
    ) -> Result<UserPoolClientResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let client = self.client(&request.client_id)?;
        Ok(self.client_response(&client))
    }

    fn client_response(&self, client: &AppClient) -> UserPoolClientResponse {
        let (access, access_unit) = in_units(client.access_token_validity_secs, false);
        let (id, id_unit) = in_units(client.id_token_validity_secs, false);
        let (refresh, refresh_unit) = in_units(client.refresh_token_validity_secs, true);
        UserPoolClientResponse {
            user_pool_client: UserPoolClientType {
                user_pool_id: self.pool_id.clone(),
                client_name: client.name.clone(),
                client_id: client.client_id.clone(),
                explicit_auth_flows: client.explicit_auth_flows.clone(),
                prevent_user_existence_errors: client.prevent_user_existence_errors,
                access_token_validity: access,
                id_token_validity: id,
                refresh_token_validity: refresh,
                token_validity_units: TokenValidityUnits {
                    access_token: Some(access_unit.to_owned()),
                    id_token: Some(id_unit.to_owned()),
                    refresh_token: Some(refresh_unit.to_owned()),
                },
                auth_session_validity: client.auth_session_validity_secs / 60,
                enable_token_revocation: true,
                client_secret: client.secret.clone(),
                refresh_token_rotation: client.refresh_token_rotation,
                oauth: OAuthMembers::of(&client.oauth),
            },
        }
    }

    /// ListUsers: the pool's users by username, 60 (or `Limit`) a page, optionally filtered by
    /// `attribute = "value"` or `attribute ^= "prefix"` on `username`, `sub`, `email`,
    /// `phone_number`, `name`, `given_name`, `family_name`, `preferred_username`,
    /// `cognito:user_status` or `status` (`Enabled` / `Disabled`), as Cognito's filter allows.
    ///
    /// # Errors
    /// `ResourceNotFoundException`; `InvalidParameterException` for a filter it cannot read
    /// (the wording is unsourced) or a limit over 60.
    pub fn list_users(&self, request: ListUsersRequest) -> Result<ListUsersResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        // "If the filter string is empty, ListUsers returns all users" (the Filter member's
        // documentation in the service model).
        let filter = request
            .filter
            .as_deref()
            .filter(|f| !f.trim().is_empty())
            .map(parse_filter)
            .transpose()?;
        let matching: Vec<UserType> = self
            .users
            .values()
            .filter(|user| {
                filter.as_ref().is_none_or(|(name, prefix, value)| {
                    let actual = match name.as_str() {
                        "username" => Some(user.username.clone()),
                        "sub" => Some(user.sub.clone()),
                        "cognito:user_status" => Some(user.status.as_str().to_owned()),
                        "status" => {
                            Some(if user.enabled { "Enabled" } else { "Disabled" }.to_owned())
                        }
                        other => user.attributes.get(other).cloned(),
                    };
                    // The model's Filter documentation: "cognito:user_status (called Status
                    // in the Console) (case-insensitive)"; every other name is matched as is.
                    let fold = |text: &str| {
                        if name == "cognito:user_status" {
                            text.to_ascii_uppercase()
                        } else {
                            text.to_owned()
                        }
                    };
                    actual.is_some_and(|a| {
                        let (a, value) = (fold(&a), fold(value));
                        if *prefix {
                            a.starts_with(value.as_str())
                        } else {
                            a == value
                        }
                    })
                })
            })
            .map(user_type)
            .collect();
        let (users, pagination_token) = super::listing::page(
            &matching,
            "limit",
            request.limit.unwrap_or(60),
            request.pagination_token.as_deref(),
        )?;
        Ok(ListUsersResponse {
            users,
            pagination_token,
        })
    }
}

/// `email ^= "ana"` → ("email", true, "ana"); `username = "ana"` → ("username", false, "ana").
fn parse_filter(filter: &str) -> Result<(String, bool, String), CognitoError> {
    let bad = || {
        CognitoError::new(
            Exception::InvalidParameter,
            format!(
                "Invalid filter: `{filter}`; use attribute = \"value\" or attribute ^= \"prefix\""
            ),
        )
    };
    let (name, prefix, value) = if let Some((name, value)) = filter.split_once("^=") {
        (name, true, value)
    } else if let Some((name, value)) = filter.split_once('=') {
        (name, false, value)
    } else {
        return Err(bad());
    };
    let name = name.trim();
    let value = value.trim();
    let allowed = [
        "username",
        "sub",
        "email",
        "phone_number",
        "name",
        "given_name",
        "family_name",
        "preferred_username",
        "cognito:user_status",
        "status",
    ];
    let quoted = value.len() >= 2 && value.starts_with('"') && value.ends_with('"');
    if !allowed.contains(&name) || !quoted {
        return Err(bad());
    }
    Ok((
        name.to_owned(),
        prefix,
        value[1..value.len() - 1].to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::{Argon2Params, SeedUser};

    fn pool() -> UserPool {
        let mut pool = UserPool::new(
            PoolConfig {
                argon2: Argon2Params::cheap_for_tests(),
                ..PoolConfig::default()
            },
            3,
            1000,
        );
        for name in ["ana", "anabel", "bo"] {
            pool.add_user(
                SeedUser::new(name, "Correct-Horse-9")
                    .attribute("email", format!("{name}@example.com")),
            )
            .unwrap();
        }
        pool
    }

    #[test]
    fn created_clients_get_cognitos_api_defaults_and_ranges() {
        let mut pool = pool();
        let id = pool.pool_id().to_owned();
        let request = |name: &str| CreateUserPoolClientRequest {
            user_pool_id: id.clone(),
            client_name: name.to_owned(),
            explicit_auth_flows: None,
            prevent_user_existence_errors: None,
            access_token_validity: None,
            id_token_validity: None,
            refresh_token_validity: None,
            token_validity_units: None,
            auth_session_validity: None,
            generate_secret: None,
            refresh_token_rotation: None,
            oauth: OAuthMembers::default(),
        };
        let made = pool
            .create_user_pool_client(request("web"))
            .unwrap()
            .user_pool_client;
        assert_eq!(made.client_id.len(), 26);
        assert_eq!(
            made.explicit_auth_flows,
            ExplicitAuthFlow::COGNITO_DEFAULT.to_vec()
        );
        assert_eq!(
            made.prevent_user_existence_errors,
            PreventUserExistenceErrors::Legacy
        );
        assert_eq!(
            (made.access_token_validity, made.refresh_token_validity),
            (1, 30)
        );
        assert_eq!(
            made.token_validity_units.refresh_token.as_deref(),
            Some("days")
        );
        assert_eq!(pool.clients().len(), 2);
        let described = pool
            .describe_user_pool_client(UserPoolClientRequest {
                user_pool_id: id.clone(),
                client_id: made.client_id.clone(),
            })
            .unwrap();
        assert_eq!(described.user_pool_client, made);

        let short = CreateUserPoolClientRequest {
            access_token_validity: Some(2),
            token_validity_units: Some(TokenValidityUnits {
                access_token: Some("minutes".into()),
                ..TokenValidityUnits::default()
            }),
            ..request("short")
        };
        let refused = pool.create_user_pool_client(short).unwrap_err();
        assert!(
            refused.message.contains("'accessTokenValidity'"),
            "{}",
            refused.message
        );
        // A confidential client with the hosted UI: its secret and OAuth settings come back.
        let secret = CreateUserPoolClientRequest {
            generate_secret: Some(true),
            oauth: OAuthMembers {
                callback_urls: vec!["http://localhost:9876/callback".into()],
                allowed_o_auth_flows: vec![super::super::OAuthFlow::Code],
                allowed_o_auth_scopes: vec!["openid".into()],
                allowed_o_auth_flows_user_pool_client: Some(true),
                ..OAuthMembers::default()
            },
            ..request("secret")
        };
        let made = pool
            .create_user_pool_client(secret)
            .unwrap()
            .user_pool_client;
        let secret = made.client_secret.clone().unwrap();
        assert_eq!(secret.len(), 51, "Cognito's shape: {secret}");
        let described = pool
            .describe_user_pool_client(UserPoolClientRequest {
                user_pool_id: pool.pool_id().to_owned(),
                client_id: made.client_id.clone(),
            })
            .unwrap();
        assert_eq!(
            described.user_pool_client.client_secret,
            Some(secret.clone())
        );
        let hash = super::super::secret_hash(&secret, "ana", &made.client_id);
        assert!(
            pool.require_secret_hash(&made.client_id, Some(&hash), "ana")
                .is_ok()
        );
        let refused = pool
            .require_secret_hash(&made.client_id, None, "ana")
            .unwrap_err();
        assert_eq!(
            refused.message,
            format!("Unable to verify secret hash for client {}", made.client_id)
        );
        assert!(
            pool.require_secret_hash(pool.client_id(), None, "ana")
                .is_ok(),
            "the first client stays public"
        );
        assert_eq!(made.client_secret.as_ref().map(String::len), Some(51));
        let wire = serde_json::to_value(&made).unwrap();
        assert_eq!(wire["CallbackURLs"][0], "http://localhost:9876/callback");
        assert_eq!(wire["AllowedOAuthFlows"][0], "code");
        assert_eq!(wire["AllowedOAuthFlowsUserPoolClient"], true);
        let client = pool.app_client(&made.client_id).unwrap();
        assert!(client.oauth.allows(super::super::OAuthFlow::Code));
    }

    #[test]
    fn list_users_filters_and_pages() {
        let pool = pool();
        let list = |filter: Option<&str>, limit: Option<usize>, token: Option<&str>| {
            pool.list_users(ListUsersRequest {
                user_pool_id: pool.pool_id().to_owned(),
                limit,
                pagination_token: token.map(str::to_owned),
                filter: filter.map(str::to_owned),
            })
        };
        let names = |r: &ListUsersResponse| {
            r.users
                .iter()
                .map(|u| u.username.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(&list(None, None, None).unwrap()),
            ["ana", "anabel", "bo"]
        );
        assert_eq!(
            names(&list(Some("username ^= \"ana\""), None, None).unwrap()),
            ["ana", "anabel"]
        );
        assert_eq!(
            names(&list(Some("email = \"bo@example.com\""), None, None).unwrap()),
            ["bo"]
        );
        assert_eq!(
            names(&list(Some("cognito:user_status = \"CONFIRMED\""), None, None).unwrap()).len(),
            3
        );
        // Case-insensitive for cognito:user_status, case-sensitive for status (the model).
        assert_eq!(
            names(&list(Some("cognito:user_status = \"confirmed\""), None, None).unwrap()).len(),
            3
        );
        assert_eq!(
            names(&list(Some("cognito:user_status ^= \"Conf\""), None, None).unwrap()).len(),
            3
        );
        assert!(
            !list(Some("status = \"Enabled\""), None, None)
                .unwrap()
                .users
                .is_empty()
        );
        assert!(
            list(Some("status = \"enabled\""), None, None)
                .unwrap()
                .users
                .is_empty()
        );
        let first = list(None, Some(2), None).unwrap();
        assert_eq!(names(&first), ["ana", "anabel"]);
        let second = list(None, Some(2), first.pagination_token.as_deref()).unwrap();
        assert_eq!(
            (names(&second), second.pagination_token),
            (vec!["bo".to_owned()], None)
        );
        assert!(list(Some("shoe_size = \"9\""), None, None).is_err());
        assert!(list(Some("email = bo"), None, None).is_err());
        assert!(list(None, Some(61), None).is_err());
    }

    #[test]
    fn a_created_pool_has_its_policy_and_no_client() {
        let request = CreateUserPoolRequest {
            pool_name: "shop".into(),
            policies: PoliciesType {
                password_policy: Some(PasswordPolicyType {
                    minimum_length: Some(12),
                    ..PasswordPolicyType::default()
                }),
            },
        };
        let (pool, response) = UserPool::create(request, PoolConfig::default(), 9, 500).unwrap();
        assert!(pool.clients().is_empty());
        assert_eq!(response.user_pool.name, "shop");
        let policy = response.user_pool.policies.password_policy.unwrap();
        assert_eq!(policy.minimum_length, Some(12));
        assert_eq!(policy.require_symbols, Some(true));
        let too_short = CreateUserPoolRequest {
            pool_name: "x".into(),
            policies: PoliciesType {
                password_policy: Some(PasswordPolicyType {
                    minimum_length: Some(4),
                    ..PasswordPolicyType::default()
                }),
            },
        };
        assert!(UserPool::create(too_short, PoolConfig::default(), 9, 500).is_err());
    }
}
