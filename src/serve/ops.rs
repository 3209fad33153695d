//! The operation table: `X-Amz-Target` name → decode the request → the mock's operation →
//! encode the answer. One row per operation; add an operation by adding a row.
//!
//! Rows only translate: every check, every answer and every error message is the mock's
//! (`src/cognito`). Requests decode into the mock's own request types, so a missing required
//! member or a wrong enum value is refused here with the validation error Cognito gives
//! before any check runs.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::cognito::{AuthCall, CognitoError, UserPool};

use super::events::Failure;
use super::mock::Mock;

/// How a row runs.
#[derive(Clone, Copy)]
pub enum Run {
    /// One call on the pool the request is routed to (see [`Mock::route`]): the usual case.
    Pool(fn(&mut UserPool, Value) -> Result<Value, Failure>),
    /// One call on the served pools as a whole (CreateUserPool, ListUserPools).
    Mock(fn(&mut Mock, Value) -> Result<Value, Failure>),
    /// A phased sign-in (InitiateAuth, RespondToAuthChallenge): decode into the mock's
    /// [`AuthCall`], which the dispatcher advances one phase at a time (so `--step` can hold
    /// the call between phases) and whose response has InitiateAuth's shape.
    Phased(fn(&UserPool, Value) -> Result<AuthCall, Failure>),
}

/// One operation of `AWSCognitoIdentityProviderService`.
#[derive(Clone, Copy)]
pub struct Operation {
    /// The name after `AWSCognitoIdentityProviderService.`, e.g. `InitiateAuth`.
    pub name: &'static str,
    /// Whether the AWS SDKs sign it with SigV4 (botocore's model). Informational: signatures
    /// are never verified, signed and unsigned calls are both served.
    pub signed: bool,
    /// Decode, run, encode.
    pub run: Run,
}

/// Every operation served, in the order of Cognito's API reference sections.
pub const OPERATIONS: &[Operation] = &[
    // Sign-up and confirmation.
    unsigned("SignUp", |p, b| call(b, |r| p.sign_up(r))),
    unsigned("ConfirmSignUp", |p, b| call(b, |r| p.confirm_sign_up(r))),
    unsigned("ResendConfirmationCode", |p, b| {
        call(b, |r| p.resend_confirmation_code(r))
    }),
    // Sign-in.
    Operation {
        name: "InitiateAuth",
        signed: false,
        run: Run::Phased(|p, b| Ok(p.start_initiate_auth(decode(b)?))),
    },
    Operation {
        name: "RespondToAuthChallenge",
        signed: false,
        run: Run::Phased(|p, b| Ok(p.start_respond_to_auth_challenge(decode(b)?))),
    },
    // Password recovery and change.
    unsigned("ForgotPassword", |p, b| call(b, |r| p.forgot_password(r))),
    unsigned("ConfirmForgotPassword", |p, b| {
        call(b, |r| p.confirm_forgot_password(r))
    }),
    unsigned("ChangePassword", |p, b| call(b, |r| p.change_password(r))),
    // Calls with the user's tokens.
    unsigned("GetUser", |p, b| call(b, |r| p.get_user(r))),
    unsigned("GlobalSignOut", |p, b| call(b, |r| p.global_sign_out(r))),
    unsigned("RevokeToken", |p, b| call(b, |r| p.revoke_token(r))),
    unsigned("GetTokensFromRefreshToken", |p, b| {
        call(b, |r| p.get_tokens_from_refresh_token(r))
    }),
    unsigned("DeleteUser", |p, b| call(b, |r| p.delete_user(r))),
    unsigned("UpdateUserAttributes", |p, b| {
        call(b, |r| p.update_user_attributes(r))
    }),
    // MFA set-up (an access token, or the MFA_SETUP challenge's Session).
    unsigned("AssociateSoftwareToken", |p, b| {
        call(b, |r| p.associate_software_token(r))
    }),
    unsigned("VerifySoftwareToken", |p, b| {
        call(b, |r| p.verify_software_token(r))
    }),
    unsigned("SetUserMFAPreference", |p, b| {
        call(b, |r| p.set_user_mfa_preference(r))
    }),
    // Administration (SigV4-signed by the SDKs).
    Operation {
        name: "AdminInitiateAuth",
        signed: true,
        run: Run::Phased(|p, b| Ok(p.start_admin_initiate_auth(decode(b)?))),
    },
    Operation {
        name: "AdminRespondToAuthChallenge",
        signed: true,
        run: Run::Phased(|p, b| Ok(p.start_admin_respond_to_auth_challenge(decode(b)?))),
    },
    signed("AdminCreateUser", |p, b| {
        call(b, |r| p.admin_create_user(r))
    }),
    signed("AdminGetUser", |p, b| call(b, |r| p.admin_get_user(r))),
    signed("AdminConfirmSignUp", |p, b| {
        call(b, |r| p.admin_confirm_sign_up(r))
    }),
    signed("AdminSetUserPassword", |p, b| {
        call(b, |r| p.admin_set_user_password(r))
    }),
    signed("AdminDisableUser", |p, b| {
        call(b, |r| p.admin_disable_user(r))
    }),
    signed("AdminEnableUser", |p, b| {
        call(b, |r| p.admin_enable_user(r))
    }),
    signed("AdminDeleteUser", |p, b| {
        call(b, |r| p.admin_delete_user(r))
    }),
    signed("ListUsers", |p, b| call(b, |r| p.list_users(r))),
    signed("AdminUpdateUserAttributes", |p, b| {
        call(b, |r| p.admin_update_user_attributes(r))
    }),
    signed("AdminSetUserMFAPreference", |p, b| {
        call(b, |r| p.admin_set_user_mfa_preference(r))
    }),
    signed("AdminResetUserPassword", |p, b| {
        call(b, |r| p.admin_reset_user_password(r))
    }),
    signed("AdminUserGlobalSignOut", |p, b| {
        call(b, |r| p.admin_user_global_sign_out(r))
    }),
    signed("AdminListUserAuthEvents", |p, b| {
        call(b, |r| p.admin_list_user_auth_events(r))
    }),
    // Groups.
    signed("CreateGroup", |p, b| call(b, |r| p.create_group(r))),
    signed("GetGroup", |p, b| call(b, |r| p.get_group(r))),
    signed("ListGroups", |p, b| call(b, |r| p.list_groups(r))),
    signed("AdminAddUserToGroup", |p, b| {
        call(b, |r| p.admin_add_user_to_group(r))
    }),
    signed("AdminRemoveUserFromGroup", |p, b| {
        call(b, |r| p.admin_remove_user_from_group(r))
    }),
    signed("AdminListGroupsForUser", |p, b| {
        call(b, |r| p.admin_list_groups_for_user(r))
    }),
    // Pools and app clients.
    Operation {
        name: "CreateUserPool",
        signed: true,
        run: Run::Mock(create_user_pool),
    },
    signed("DescribeUserPool", |p, b| {
        call(b, |r| p.describe_user_pool(r))
    }),
    signed("CreateUserPoolClient", |p, b| {
        call(b, |r| p.create_user_pool_client(r))
    }),
    signed("DescribeUserPoolClient", |p, b| {
        call(b, |r| p.describe_user_pool_client(r))
    }),
    Operation {
        name: "ListUserPools",
        signed: true,
        run: Run::Mock(list_user_pools),
    },
    signed("ListUserPoolClients", |p, b| {
        call(b, |r| p.list_user_pool_clients(r))
    }),
    signed("DeleteUserPoolClient", |p, b| {
        call(b, |r| p.delete_user_pool_client(r))
    }),
    Operation {
        name: "DeleteUserPool",
        signed: true,
        run: Run::Mock(delete_user_pool),
    },
];

/// DeleteUserPool: any served pool, the scenario's too (as Cognito would); `{}`.
fn delete_user_pool(mock: &mut Mock, body: Value) -> Result<Value, Failure> {
    let request: crate::cognito::UserPoolIdRequest = decode(body)?;
    mock.remove_pool(&request.user_pool_id)?;
    encode(crate::cognito::EmptyResponse {})
}

/// ListUserPools: every served pool, the scenario's first.
fn list_user_pools(mock: &mut Mock, body: Value) -> Result<Value, Failure> {
    let request = decode(body)?;
    encode(crate::cognito::list_user_pools(mock.pools(), &request)?)
}

/// CreateUserPool: a new pool beside the scenario's, in the served region, with the served
/// argon2 cost and issuer style, and no app client until CreateUserPoolClient.
fn create_user_pool(mock: &mut Mock, body: Value) -> Result<Value, Failure> {
    let request = decode(body)?;
    let base = mock
        .pools()
        .first()
        .map(UserPool::config)
        .cloned()
        .unwrap_or_default();
    let seed = mock.seed_for_new_pool();
    let now = mock.tick(super::clock::wall_now());
    let (pool, response) = UserPool::create(request, base, seed, now)?;
    mock.add_pool(pool);
    encode(response)
}

/// The row for `name`, if the mock serves it.
#[must_use]
pub fn find(name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|op| op.name == name)
}

const fn unsigned(
    name: &'static str,
    run: fn(&mut UserPool, Value) -> Result<Value, Failure>,
) -> Operation {
    Operation {
        name,
        signed: false,
        run: Run::Pool(run),
    }
}

const fn signed(
    name: &'static str,
    run: fn(&mut UserPool, Value) -> Result<Value, Failure>,
) -> Operation {
    Operation {
        name,
        signed: true,
        run: Run::Pool(run),
    }
}

/// Decodes `body` into the mock's request type, runs `operation`, encodes its response.
///
/// # Errors
/// A validation failure from [`decode`], or the mock's exception.
pub fn call<Req: DeserializeOwned, Resp: Serialize>(
    body: Value,
    operation: impl FnOnce(Req) -> Result<Resp, CognitoError>,
) -> Result<Value, Failure> {
    encode(operation(decode(body)?)?)
}

/// The mock's response as the JSON body of the answer.
///
/// # Errors
/// `InternalErrorException` if it does not serialise (not expected).
pub fn encode<Resp: Serialize>(response: Resp) -> Result<Value, Failure> {
    serde_json::to_value(response)
        .map_err(|e| Failure::from(CognitoError::internal(format!("encoding the answer: {e}"))))
}

/// Decodes a request body into the mock's request type. Members the mock does not read
/// (`ClientMetadata`, `AnalyticsMetadata`, …) are ignored, as a real pool without triggers
/// ignores them.
///
/// # Errors
/// - a missing required member: `InvalidParameterException: 1 validation error detected:
///   Value null at 'clientId' failed to satisfy constraint: Member must not be null` (the
///   "N validation errors detected" form is sourced for Cognito, facts §2; the `Value null`
///   wording is AWS's usual one, unverified for Cognito);
/// - a value outside an enum: `InvalidParameterException` naming the allowed set (same form);
/// - anything else that does not fit the shape (a number where a string goes):
///   `SerializationException` with the decoder's words (Cognito's exact text is unverified).
pub fn decode<Req: DeserializeOwned>(body: Value) -> Result<Req, Failure> {
    serde_json::from_value(body).map_err(|e| validation_failure(&e.to_string()))
}

fn validation_failure(serde_message: &str) -> Failure {
    let between = |text: &str, start: &str| -> Option<String> {
        let rest = text.split_once(start)?.1;
        Some(rest.split_once('`')?.0.to_owned())
    };
    if let Some(field) = between(serde_message, "missing field `") {
        return CognitoError::new(
            crate::cognito::Exception::InvalidParameter,
            format!(
                "1 validation error detected: Value null at '{}' failed to satisfy constraint: \
                 Member must not be null",
                lower_first(&field)
            ),
        )
        .into();
    }
    if let Some(value) = between(serde_message, "unknown variant `") {
        let allowed = serde_message
            .split_once("expected one of ")
            .map(|(_, rest)| rest.replace('`', ""))
            .unwrap_or_default();
        let allowed = allowed.split(" at line").next().unwrap_or_default();
        return CognitoError::new(
            crate::cognito::Exception::InvalidParameter,
            format!(
                "1 validation error detected: Value '{value}' failed to satisfy constraint: \
                 Member must satisfy enum value set: [{allowed}]"
            ),
        )
        .into();
    }
    Failure::wire("SerializationException", serde_message, 400)
}

/// `ClientId` → `clientId`, as Cognito names members in validation messages.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::cognito::{InitiateAuthRequest, SignUpRequest};

    #[test]
    fn names_are_unique_and_admin_calls_are_signed() {
        let mut names: Vec<&str> = OPERATIONS.iter().map(|op| op.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), OPERATIONS.len());
        // botocore 1.43.11 marks these 32 operations unsigned (wire-protocol.md §3); every other
        // one is SigV4-signed.
        let unsigned = [
            "AssociateSoftwareToken",
            "ChangePassword",
            "CompleteWebAuthnRegistration",
            "ConfirmDevice",
            "ConfirmForgotPassword",
            "ConfirmSignUp",
            "DeleteUser",
            "DeleteUserAttributes",
            "DeleteWebAuthnCredential",
            "ForgetDevice",
            "ForgotPassword",
            "GetDevice",
            "GetTokensFromRefreshToken",
            "GetUser",
            "GetUserAttributeVerificationCode",
            "GetUserAuthFactors",
            "GlobalSignOut",
            "InitiateAuth",
            "ListDevices",
            "ListWebAuthnCredentials",
            "ResendConfirmationCode",
            "RespondToAuthChallenge",
            "RevokeToken",
            "SetUserMFAPreference",
            "SetUserSettings",
            "SignUp",
            "StartWebAuthnRegistration",
            "UpdateAuthEventFeedback",
            "UpdateDeviceStatus",
            "UpdateUserAttributes",
            "VerifySoftwareToken",
            "VerifyUserAttribute",
        ];
        for op in OPERATIONS {
            assert_eq!(op.signed, !unsigned.contains(&op.name), "{}", op.name);
        }
        assert!(find("InitiateAuth").is_some());
        assert!(find("initiateauth").is_none());
    }

    #[test]
    fn decoding_failures_read_like_cognitos_validation_errors() {
        let cases: &[(Value, &str, &str)] = &[
            (
                json!({"Username": "a", "Password": "b"}),
                "InvalidParameterException",
                "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null",
            ),
            (
                json!({"ClientId": 5, "Username": "a", "Password": "b"}),
                "SerializationException",
                "invalid type: integer `5`, expected a string",
            ),
        ];
        for (body, type_name, message) in cases {
            let failure = decode::<SignUpRequest>(body.clone()).unwrap_err();
            assert_eq!(failure.type_name, *type_name, "{body}");
            assert_eq!(failure.message, *message, "{body}");
            assert_eq!(failure.status, 400);
        }
        let flow = decode::<InitiateAuthRequest>(json!({"AuthFlow": "MAGIC", "ClientId": "c"}))
            .unwrap_err();
        assert_eq!(flow.type_name, "InvalidParameterException");
        assert!(
            flow.message.starts_with(
                "1 validation error detected: Value 'MAGIC' failed to satisfy constraint: \
                 Member must satisfy enum value set: [USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH"
            ),
            "{}",
            flow.message
        );
    }
}
