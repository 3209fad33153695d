//! MFA: setting up an authenticator (AssociateSoftwareToken, VerifySoftwareToken), choosing
//! factors (SetUserMFAPreference, AdminSetUserMFAPreference), deciding which challenge a
//! sign-in gets once the password is right, and checking the answers to SMS_MFA, EMAIL_OTP,
//! SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE and MFA_SETUP.
//!
//! ```text
//!  password right ──► mfa_due(user)
//!    pool OFF, or OPTIONAL with no factor enabled ──────────────► tokens
//!    pool ON, no factor enabled ─► MFA_SETUP ─► AssociateSoftwareToken(Session)
//!                                               ─► VerifySoftwareToken(Session, code)
//!                                               ─► RespondToAuthChallenge(MFA_SETUP) ─► tokens
//!    one factor enabled, or one preferred ─► SOFTWARE_TOKEN_MFA | SMS_MFA | EMAIL_OTP ─► tokens
//!    several enabled, none preferred ─► SELECT_MFA_TYPE ─(ANSWER)─► that factor's challenge
//! ```
//!
//! SMS and email codes are "delivered" into the pool's outbox like confirmation codes; the TOTP
//! code comes from the user's authenticator (the pool's [`super::UserPool::totp_now`], or pyotp
//! over the wire). Sources of each rule: docs/cognito-fidelity.md, "MFA".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::api::{ChallengeName, EmptyResponse};
use super::error::{CognitoError, Exception};
use super::ids;
use super::pool::{ChallengeSession, CodeKind, DeliveredMessage, PendingCode, UserPool};
use super::totp;
use super::user::User;
use super::validation::{self, Validation};

/// An MFA factor a pool can offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MfaFactor {
    /// An authenticator app (TOTP, RFC 6238).
    #[serde(rename = "SOFTWARE_TOKEN_MFA")]
    SoftwareToken,
    /// A code by text message to the verified `phone_number`.
    #[serde(rename = "SMS_MFA")]
    Sms,
    /// A code by email to the verified `email` (Essentials tier).
    #[serde(rename = "EMAIL_OTP")]
    Email,
}

impl MfaFactor {
    /// Every factor, in the order Cognito lists them.
    pub const ALL: [Self; 3] = [Self::Sms, Self::SoftwareToken, Self::Email];

    /// The name on the wire, e.g. `SOFTWARE_TOKEN_MFA`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SoftwareToken => "SOFTWARE_TOKEN_MFA",
            Self::Sms => "SMS_MFA",
            Self::Email => "EMAIL_OTP",
        }
    }

    /// The challenge that asks for this factor's code.
    #[must_use]
    pub fn challenge(self) -> ChallengeName {
        match self {
            Self::SoftwareToken => ChallengeName::SoftwareTokenMfa,
            Self::Sms => ChallengeName::SmsMfa,
            Self::Email => ChallengeName::EmailOtp,
        }
    }

    /// The factor a challenge asks for, if it is an MFA challenge.
    #[must_use]
    pub fn of_challenge(challenge: ChallengeName) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.challenge() == challenge)
    }

    /// The `ChallengeResponses` key that carries the code.
    fn code_key(self) -> &'static str {
        match self {
            Self::SoftwareToken => "SOFTWARE_TOKEN_MFA_CODE",
            Self::Sms => "SMS_MFA_CODE",
            Self::Email => "EMAIL_OTP_CODE",
        }
    }

    /// The attribute a code is sent to (none for an authenticator).
    fn contact(self) -> Option<&'static str> {
        match self {
            Self::SoftwareToken => None,
            Self::Sms => Some("phone_number"),
            Self::Email => Some("email"),
        }
    }
}

/// A user's MFA choices (`UserMFASettingList`, `PreferredMfaSetting`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct UserMfa {
    /// Factors the user has turned on.
    pub enabled: Vec<MfaFactor>,
    /// The one to challenge when several are on.
    pub preferred: Option<MfaFactor>,
    /// A secret from AssociateSoftwareToken not yet proved by VerifySoftwareToken.
    pub pending_secret: Option<Vec<u8>>,
}

impl UserMfa {
    fn enable(&mut self, factor: MfaFactor, preferred: bool) {
        if !self.enabled.contains(&factor) {
            self.enabled.push(factor);
            self.enabled.sort();
        }
        if preferred {
            self.preferred = Some(factor);
        }
    }

    fn disable(&mut self, factor: MfaFactor) {
        self.enabled.retain(|f| *f != factor);
        if self.preferred == Some(factor) {
            self.preferred = None;
        }
    }
}

/// One factor's part of SetUserMFAPreference (`SMSMfaSettings`, `SoftwareTokenMfaSettings`,
/// `EmailMfaSettings`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MfaSettingsType {
    /// Turn the factor on or off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Make it the preferred factor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_mfa: Option<bool>,
}

/// SetUserMFAPreference's request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SetUserMfaPreferenceRequest {
    /// The signed-in user's access token.
    pub access_token: String,
    /// SMS.
    #[serde(
        rename = "SMSMfaSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sms_mfa_settings: Option<MfaSettingsType>,
    /// Authenticator app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software_token_mfa_settings: Option<MfaSettingsType>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_mfa_settings: Option<MfaSettingsType>,
}

/// AdminSetUserMFAPreference's request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminSetUserMfaPreferenceRequest {
    /// The pool.
    pub user_pool_id: String,
    /// The user.
    pub username: String,
    /// SMS.
    #[serde(
        rename = "SMSMfaSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sms_mfa_settings: Option<MfaSettingsType>,
    /// Authenticator app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software_token_mfa_settings: Option<MfaSettingsType>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_mfa_settings: Option<MfaSettingsType>,
}

/// AssociateSoftwareToken's request: an access token (a signed-in user adds an authenticator)
/// or a Session (the MFA_SETUP challenge).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssociateSoftwareTokenRequest {
    /// A signed-in user's access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// The MFA_SETUP challenge's session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

/// AssociateSoftwareToken's response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssociateSoftwareTokenResponse {
    /// The shared secret in base32: what the QR code carries.
    pub secret_code: String,
    /// A new session, when the request came with one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

/// VerifySoftwareToken's request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifySoftwareTokenRequest {
    /// A signed-in user's access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// The session AssociateSoftwareToken returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// The 6 digits the authenticator shows.
    pub user_code: String,
    /// A name for the authenticator, e.g. "Sam's phone".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friendly_device_name: Option<String>,
}

/// VerifySoftwareToken's response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifySoftwareTokenResponse {
    /// `SUCCESS` (a wrong code is an exception, not `ERROR`).
    pub status: String,
    /// A new session for RespondToAuthChallenge(MFA_SETUP), when the request had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

/// What a right MFA answer leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MfaAnswer {
    /// Tokens.
    Authenticated,
    /// Another challenge (SELECT_MFA_TYPE's choice).
    Challenge(ChallengeName),
}

/// The `otpauth://` key URI an authenticator app scans (the de-facto format of Google
/// Authenticator's key-uri wiki): `otpauth://totp/<issuer>:<account>?secret=…&issuer=…`.
#[must_use]
pub fn otpauth_uri(issuer: &str, account: &str, secret_base32: &str) -> String {
    let issuer_enc = percent_encode(issuer);
    format!(
        "otpauth://totp/{issuer_enc}:{}?secret={secret_base32}&issuer={issuer_enc}",
        percent_encode(account)
    )
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `+*******1234`: the last four digits kept, as CODE_DELIVERY_DESTINATION shows a phone.
pub(crate) fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    let keep = digits.len().saturating_sub(4);
    let tail: String = digits[keep..].iter().collect();
    format!("+{}{tail}", "*".repeat(keep))
}

/// A JSON list as a string, as Cognito puts lists in ChallengeParameters.
fn json_list(factors: &[MfaFactor]) -> String {
    let names: Vec<&str> = factors.iter().map(|f| f.as_str()).collect();
    serde_json::to_string(&names).unwrap_or_else(|_| "[]".to_owned())
}

fn enable_failed() -> CognitoError {
    CognitoError::new(
        Exception::EnableSoftwareTokenMfa,
        "Code mismatch and fail enable Software Token MFA",
    )
}

impl UserPool {
    /// The challenge a user whose password was right must answer before any token, if any.
    pub(crate) fn mfa_due(&self, user: &User) -> Option<ChallengeName> {
        use super::config::MfaConfiguration::{Off, On, Optional};
        let enabled: Vec<MfaFactor> = user
            .mfa
            .enabled
            .iter()
            .copied()
            .filter(|f| self.config.mfa.factors.contains(f))
            .collect();
        match (self.config.mfa.configuration, enabled.as_slice()) {
            (Off, _) | (Optional, []) => None,
            (On, []) => Some(ChallengeName::MfaSetup),
            (Optional | On, [only]) => Some(only.challenge()),
            (Optional | On, several) => Some(
                user.mfa
                    .preferred
                    .filter(|p| several.contains(p))
                    .map_or(ChallengeName::SelectMfaType, MfaFactor::challenge),
            ),
        }
    }

    /// The ChallengeParameters of an MFA challenge, sending the SMS or email code it asks for.
    pub(crate) fn mfa_challenge_parameters(
        &mut self,
        username: &str,
        challenge: ChallengeName,
    ) -> BTreeMap<String, String> {
        let mut parameters = BTreeMap::new();
        match challenge {
            ChallengeName::MfaSetup => {
                parameters.insert(
                    "MFAS_CAN_SETUP".to_owned(),
                    json_list(&[MfaFactor::SoftwareToken]),
                );
            }
            ChallengeName::SelectMfaType => {
                let choices: Vec<MfaFactor> = self
                    .users
                    .get(username)
                    .map(|u| u.mfa.enabled.clone())
                    .unwrap_or_default();
                parameters.insert("MFAS_CAN_CHOOSE".to_owned(), json_list(&choices));
            }
            ChallengeName::SmsMfa | ChallengeName::EmailOtp => {
                if let Some(factor) = MfaFactor::of_challenge(challenge)
                    && let Some((medium, masked)) = self.send_mfa_code(username, factor)
                {
                    parameters.insert(
                        "CODE_DELIVERY_DELIVERY_MEDIUM".to_owned(),
                        medium.to_owned(),
                    );
                    parameters.insert("CODE_DELIVERY_DESTINATION".to_owned(), masked);
                }
            }
            ChallengeName::SoftwareTokenMfa
            | ChallengeName::NewPasswordRequired
            | ChallengeName::PasswordVerifier
            | ChallengeName::CustomChallenge => {}
        }
        parameters
    }

    /// Sends a 6-digit MFA code by SMS or email; returns the medium and masked destination.
    fn send_mfa_code(
        &mut self,
        username: &str,
        factor: MfaFactor,
    ) -> Option<(&'static str, String)> {
        let contact = factor.contact()?;
        let destination = self.users.get(username)?.attributes.get(contact)?.clone();
        let (medium, masked) = match factor {
            MfaFactor::Sms => ("SMS", mask_phone(&destination)),
            MfaFactor::Email | MfaFactor::SoftwareToken => {
                ("EMAIL", super::user::mask_email(&destination))
            }
        };
        let code = ids::six_digits(&mut self.rng.next());
        let expires_at = self.now + self.config.auth_session_validity_secs;
        self.codes.insert(
            (username.to_owned(), CodeKind::Mfa),
            PendingCode {
                code: code.clone(),
                expires_at,
            },
        );
        let message = self.run_custom_message(username, "CustomMessage_Authentication", &code);
        self.outbox.push(DeliveredMessage {
            username: username.to_owned(),
            destination,
            masked_destination: masked.clone(),
            kind: CodeKind::Mfa,
            code,
            sent_at: self.now,
            expires_at,
            message,
        });
        Some((medium, masked))
    }

    /// Checks the answer to an MFA challenge (the session and USERNAME are already checked).
    ///
    /// # Errors
    /// `CodeMismatchException: Invalid code or auth state for the user.` for a wrong code;
    /// `InvalidParameterException` for a missing response or a SELECT_MFA_TYPE answer that is
    /// not one of the choices; `NotAuthorizedException: Invalid session for the user.` for
    /// MFA_SETUP before VerifySoftwareToken succeeded.
    pub(crate) fn answer_mfa(
        &mut self,
        username: &str,
        challenge: ChallengeName,
        session: &str,
        responses: &BTreeMap<String, String>,
    ) -> Result<MfaAnswer, CognitoError> {
        let value = |key: &str| match responses.get(key).map(String::as_str) {
            Some(v) if !v.is_empty() => Ok(v.to_owned()),
            _ => Err(CognitoError::missing_parameter(key)),
        };
        if challenge == ChallengeName::MfaSetup {
            let verified = self
                .challenges
                .get(session)
                .is_some_and(|s| s.setup_verified);
            return if verified {
                Ok(MfaAnswer::Authenticated)
            } else {
                Err(CognitoError::invalid_session())
            };
        }
        if challenge == ChallengeName::SelectMfaType {
            let answer = value("ANSWER")?;
            let choices = self
                .users
                .get(username)
                .map(|u| u.mfa.enabled.clone())
                .unwrap_or_default();
            return choices
                .into_iter()
                .find(|f| f.as_str() == answer)
                .map(|f| MfaAnswer::Challenge(f.challenge()))
                .ok_or_else(|| {
                    CognitoError::new(
                        Exception::InvalidParameter,
                        format!("Invalid value for ANSWER: {answer}"),
                    )
                });
        }
        let Some(factor) = MfaFactor::of_challenge(challenge) else {
            return Err(CognitoError::internal("not an MFA challenge"));
        };
        let code = value(factor.code_key())?;
        let right = match factor {
            MfaFactor::SoftwareToken => self
                .users
                .get(username)
                .and_then(|u| u.totp_secret.as_ref())
                .is_some_and(|secret| totp::accepts(secret, self.now, &code)),
            MfaFactor::Sms | MfaFactor::Email => {
                self.take_code(username, CodeKind::Mfa, &code).is_ok()
            }
        };
        if right {
            Ok(MfaAnswer::Authenticated)
        } else {
            Err(CognitoError::mfa_code_mismatch())
        }
    }

    /// AssociateSoftwareToken: a new shared secret for the user's authenticator, kept pending
    /// until VerifySoftwareToken proves the app holds it.
    ///
    /// # Errors
    /// The access-token errors of [`UserPool::get_user`]; with a Session, the session errors
    /// of RespondToAuthChallenge; `InvalidParameterException` when neither is given.
    pub fn associate_software_token(
        &mut self,
        request: AssociateSoftwareTokenRequest,
    ) -> Result<AssociateSoftwareTokenResponse, CognitoError> {
        Validation::default()
            .member("session", &validation::SESSION, request.session.as_deref())
            .done()?;
        let (username, old_session) =
            self.mfa_setup_caller(request.access_token.as_deref(), request.session.as_deref())?;
        let secret = ids::bytes(&mut self.rng.next(), 20);
        let secret_code = totp::base32(&secret);
        self.user_mut(&username)?.mfa.pending_secret = Some(secret);
        let session = old_session.map(|old| self.renew_setup_session(&old, false));
        Ok(AssociateSoftwareTokenResponse {
            secret_code,
            session,
        })
    }

    /// VerifySoftwareToken: the code from the authenticator proves it holds the pending
    /// secret, which becomes the user's. In the MFA_SETUP flow (a Session) the authenticator is
    /// also turned on and preferred; a signed-in user turns it on with SetUserMFAPreference.
    ///
    /// # Errors
    /// `EnableSoftwareTokenMFAException: Code mismatch and fail enable Software Token MFA` for a
    /// wrong code (the pending secret stays, for another try); `SoftwareTokenMFANotFoundException`
    /// when AssociateSoftwareToken was not called first.
    pub fn verify_software_token(
        &mut self,
        request: VerifySoftwareTokenRequest,
    ) -> Result<VerifySoftwareTokenResponse, CognitoError> {
        Validation::default()
            .member("session", &validation::SESSION, request.session.as_deref())
            .member("userCode", &validation::USER_CODE, Some(&request.user_code))
            .done()?;
        let (username, old_session) =
            self.mfa_setup_caller(request.access_token.as_deref(), request.session.as_deref())?;
        let now = self.now;
        let user = self.user_mut(&username)?;
        let Some(secret) = user.mfa.pending_secret.clone() else {
            return Err(CognitoError::new(
                Exception::SoftwareTokenMfaNotFound,
                "Software Token MFA has not been associated with the user.",
            ));
        };
        if !totp::accepts(&secret, now, &request.user_code) {
            return Err(enable_failed());
        }
        user.totp_secret = Some(secret);
        user.mfa.pending_secret = None;
        user.modified_at = now;
        if old_session.is_some() {
            user.mfa.enable(MfaFactor::SoftwareToken, true);
        }
        let session = old_session.map(|old| self.renew_setup_session(&old, true));
        Ok(VerifySoftwareTokenResponse {
            status: "SUCCESS".to_owned(),
            session,
        })
    }

    /// SetUserMFAPreference: the signed-in user turns factors on or off and picks one.
    ///
    /// # Errors
    /// The access-token errors of [`UserPool::get_user`]; `InvalidParameterException: User does
    /// not have delivery config set to turn on <factor>` for an authenticator never verified,
    /// or a factor without a phone number / email.
    pub fn set_user_mfa_preference(
        &mut self,
        request: SetUserMfaPreferenceRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        let username = self.authorize(&request.access_token)?;
        self.apply_mfa_preference(
            &username,
            [
                (MfaFactor::Sms, request.sms_mfa_settings),
                (
                    MfaFactor::SoftwareToken,
                    request.software_token_mfa_settings,
                ),
                (MfaFactor::Email, request.email_mfa_settings),
            ],
        )
    }

    /// AdminSetUserMFAPreference.
    ///
    /// # Errors
    /// `ResourceNotFoundException`, `UserNotFoundException`, and as
    /// [`UserPool::set_user_mfa_preference`].
    pub fn admin_set_user_mfa_preference(
        &mut self,
        request: AdminSetUserMfaPreferenceRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let username = self.admin_username(&request.username)?;
        self.apply_mfa_preference(
            &username,
            [
                (MfaFactor::Sms, request.sms_mfa_settings),
                (
                    MfaFactor::SoftwareToken,
                    request.software_token_mfa_settings,
                ),
                (MfaFactor::Email, request.email_mfa_settings),
            ],
        )
    }

    /// Gives a seeded user a factor (a lesson's starting state): the authenticator gets a
    /// seeded secret; SMS and email need the attribute already set.
    ///
    /// # Errors
    /// `UserNotFoundException`, and the delivery-config error of SetUserMFAPreference.
    pub fn enable_mfa(
        &mut self,
        username: &str,
        factor: MfaFactor,
        preferred: bool,
    ) -> Result<(), CognitoError> {
        if factor == MfaFactor::SoftwareToken && self.user_mut(username)?.totp_secret.is_none() {
            let secret = ids::bytes(&mut self.rng.next(), 32);
            self.user_mut(username)?.totp_secret = Some(secret);
        }
        let setting = MfaSettingsType {
            enabled: Some(true),
            preferred_mfa: Some(preferred),
        };
        let mut settings = [
            (MfaFactor::Sms, None),
            (MfaFactor::SoftwareToken, None),
            (MfaFactor::Email, None),
        ];
        for (f, s) in &mut settings {
            if *f == factor {
                *s = Some(setting);
            }
        }
        self.apply_mfa_preference(username, settings).map(|_| ())
    }

    fn apply_mfa_preference(
        &mut self,
        username: &str,
        settings: [(MfaFactor, Option<MfaSettingsType>); 3],
    ) -> Result<EmptyResponse, CognitoError> {
        let user = self.user_mut(username)?;
        for (factor, setting) in &settings {
            let Some(setting) = setting else { continue };
            if setting.enabled == Some(true) {
                let ready = match factor.contact() {
                    None => user.totp_secret.is_some(),
                    Some(attribute) => user.attributes.contains_key(attribute),
                };
                if !ready {
                    return Err(CognitoError::new(
                        Exception::InvalidParameter,
                        format!(
                            "User does not have delivery config set to turn on {}",
                            factor.as_str()
                        ),
                    ));
                }
            }
        }
        let now = self.now;
        let user = self.user_mut(username)?;
        for (factor, setting) in settings {
            let Some(setting) = setting else { continue };
            match setting.enabled {
                Some(true) => user.mfa.enable(factor, setting.preferred_mfa == Some(true)),
                Some(false) => user.mfa.disable(factor),
                None if setting.preferred_mfa == Some(true)
                    && user.mfa.enabled.contains(&factor) =>
                {
                    user.mfa.preferred = Some(factor);
                }
                None => {}
            }
        }
        user.modified_at = now;
        Ok(EmptyResponse {})
    }

    /// Who is setting up an authenticator: the access token's user, or the MFA_SETUP
    /// session's (with that session, to be replaced).
    fn mfa_setup_caller(
        &mut self,
        access_token: Option<&str>,
        session: Option<&str>,
    ) -> Result<(String, Option<String>), CognitoError> {
        match (access_token, session) {
            (Some(token), _) => Ok((self.authorize(token)?, None)),
            (None, Some(session)) => {
                let open = self
                    .challenges
                    .get(session)
                    .filter(|s| s.challenge == ChallengeName::MfaSetup)
                    .cloned()
                    .ok_or_else(CognitoError::invalid_session)?;
                if self.now >= open.expires_at {
                    self.challenges.remove(session);
                    return Err(CognitoError::session_expired());
                }
                Ok((open.username, Some(session.to_owned())))
            }
            (None, None) => Err(CognitoError::missing_parameter("AccessToken")),
        }
    }

    /// Replaces an MFA_SETUP session with a new one (each step of the set-up returns its own),
    /// marked verified once VerifySoftwareToken succeeded.
    fn renew_setup_session(&mut self, old: &str, verified: bool) -> String {
        let Some(open) = self.challenges.remove(old) else {
            return old.to_owned();
        };
        let session = ids::session(&mut self.rng.next());
        self.challenges.insert(
            session.clone(),
            ChallengeSession {
                setup_verified: verified,
                ..open
            },
        );
        session
    }

    /// `UserMFASettingList` and `PreferredMfaSetting` for GetUser / AdminGetUser.
    pub(crate) fn mfa_settings_of(user: &User) -> (Option<String>, Option<Vec<String>>) {
        let list: Vec<String> = user
            .mfa
            .enabled
            .iter()
            .map(|f| f.as_str().to_owned())
            .collect();
        let preferred = user
            .mfa
            .preferred
            .or_else(|| (user.mfa.enabled.len() == 1).then(|| user.mfa.enabled[0]))
            .map(|f| f.as_str().to_owned());
        (preferred, (!list.is_empty()).then_some(list))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_uri_and_masks() {
        assert_eq!(
            otpauth_uri("cogflow lesson", "sam@example.com", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/cogflow%20lesson:sam%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=cogflow%20lesson"
        );
        assert_eq!(mask_phone("+15555551234"), "+*******1234");
        assert_eq!(mask_phone("+12"), "+12");
    }
}
