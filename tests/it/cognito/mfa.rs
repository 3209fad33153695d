//! MFA set-up and the MFA challenges: MFA_SETUP → AssociateSoftwareToken → VerifySoftwareToken
//! → tokens, an authenticator added by a signed-in user, SELECT_MFA_TYPE, EMAIL_OTP and
//! SMS_MFA codes delivered into the outbox. Codes come from the secret the pool handed out, as
//! an authenticator app would compute them.

use std::collections::BTreeMap;

use cogflow::cognito::{
    AccessTokenRequest, AdminSetUserMfaPreferenceRequest, AssociateSoftwareTokenRequest,
    ChallengeName, CodeKind, MfaConfiguration, MfaFactor, MfaSettings, MfaSettingsType, PoolConfig,
    RespondToAuthChallengeRequest, SeedUser, SetUserMfaPreferenceRequest, UserPool,
    VerifySoftwareTokenRequest, totp_code_at,
};

use super::{NOW, PASSWORD, SEED, assert_exception, config, sign_in};

fn mfa_pool(configuration: MfaConfiguration, factors: Vec<MfaFactor>) -> UserPool {
    let mut pool = UserPool::new(
        PoolConfig {
            mfa: MfaSettings {
                configuration,
                factors,
            },
            ..config()
        },
        SEED,
        NOW,
    );
    pool.add_user(
        SeedUser::new("sam", PASSWORD)
            .attribute("email", "sam@example.com")
            .attribute("email_verified", "true")
            .attribute("phone_number", "+15555551234")
            .attribute("phone_number_verified", "true"),
    )
    .unwrap();
    pool
}

/// Decodes RFC 4648 base32 (what an authenticator app does with the QR code's secret).
fn base32_decode(text: &str) -> Vec<u8> {
    let mut bits = 0u32;
    let mut buffer = 0u32;
    let mut out = Vec::new();
    for c in text.chars() {
        let v = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".find(c).unwrap() as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

fn respond(
    pool: &mut UserPool,
    challenge: ChallengeName,
    session: &str,
    responses: &[(&str, &str)],
) -> Result<cogflow::cognito::InitiateAuthResponse, cogflow::cognito::CognitoError> {
    let mut challenge_responses: BTreeMap<String, String> = responses
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    challenge_responses.insert("USERNAME".into(), "sam".into());
    pool.respond_to_auth_challenge(RespondToAuthChallengeRequest {
        client_id: pool.client_id().to_owned(),
        challenge_name: challenge,
        session: session.to_owned(),
        challenge_responses,
    })
}

#[test]
fn mfa_on_with_no_factor_is_set_up_during_sign_in() {
    let mut pool = mfa_pool(MfaConfiguration::On, vec![MfaFactor::SoftwareToken]);
    let first = sign_in(&mut pool, "sam", PASSWORD).unwrap();
    assert_eq!(first.challenge_name, Some(ChallengeName::MfaSetup));
    assert_eq!(
        first.challenge_parameters["MFAS_CAN_SETUP"],
        "[\"SOFTWARE_TOKEN_MFA\"]"
    );
    let session = first.session.unwrap();

    // Answering MFA_SETUP before the authenticator is verified is refused.
    assert_exception(
        respond(&mut pool, ChallengeName::MfaSetup, &session, &[]),
        "NotAuthorizedException: Invalid session for the user.",
    );

    let associated = pool
        .associate_software_token(AssociateSoftwareTokenRequest {
            access_token: None,
            session: Some(session.clone()),
        })
        .unwrap();
    assert_eq!(associated.secret_code.len(), 32, "20 bytes in base32");
    let session = associated.session.unwrap();
    let secret = base32_decode(&associated.secret_code);

    // A wrong code: the authenticator is not enabled, the session stays usable.
    assert_exception(
        pool.verify_software_token(VerifySoftwareTokenRequest {
            session: Some(session.clone()),
            user_code: "000000".into(),
            ..Default::default()
        }),
        "EnableSoftwareTokenMFAException: Code mismatch and fail enable Software Token MFA",
    );
    let verified = pool
        .verify_software_token(VerifySoftwareTokenRequest {
            session: Some(session.clone()),
            user_code: totp_code_at(&secret, pool.now()),
            friendly_device_name: Some("Sam's phone".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(verified.status, "SUCCESS");
    let session = verified.session.unwrap();
    let done = respond(&mut pool, ChallengeName::MfaSetup, &session, &[]).unwrap();
    assert!(done.authentication_result.is_some());

    // The next sign-in asks for the authenticator's code.
    let second = sign_in(&mut pool, "sam", PASSWORD).unwrap();
    assert_eq!(second.challenge_name, Some(ChallengeName::SoftwareTokenMfa));
    let code = totp_code_at(&secret, pool.now());
    let tokens = respond(
        &mut pool,
        ChallengeName::SoftwareTokenMfa,
        &second.session.unwrap(),
        &[("SOFTWARE_TOKEN_MFA_CODE", &code)],
    )
    .unwrap();
    assert!(tokens.authentication_result.is_some());
}

#[test]
fn a_signed_in_user_adds_an_authenticator_then_turns_it_on() {
    let mut pool = mfa_pool(MfaConfiguration::Optional, vec![MfaFactor::SoftwareToken]);
    let result = sign_in(&mut pool, "sam", PASSWORD).unwrap();
    let access = result.authentication_result.unwrap().access_token;

    assert_exception(
        pool.verify_software_token(VerifySoftwareTokenRequest {
            access_token: Some(access.clone()),
            user_code: "123456".into(),
            ..Default::default()
        }),
        "SoftwareTokenMFANotFoundException: Software Token MFA has not been associated with the user.",
    );
    assert_exception(
        pool.set_user_mfa_preference(SetUserMfaPreferenceRequest {
            access_token: access.clone(),
            software_token_mfa_settings: Some(MfaSettingsType {
                enabled: Some(true),
                preferred_mfa: Some(true),
            }),
            ..Default::default()
        }),
        "InvalidParameterException: User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA",
    );
    let associated = pool
        .associate_software_token(AssociateSoftwareTokenRequest {
            access_token: Some(access.clone()),
            session: None,
        })
        .unwrap();
    assert!(associated.session.is_none());
    let secret = base32_decode(&associated.secret_code);
    pool.verify_software_token(VerifySoftwareTokenRequest {
        access_token: Some(access.clone()),
        user_code: totp_code_at(&secret, pool.now()),
        ..Default::default()
    })
    .unwrap();
    // Verified but not yet on: the next sign-in is still password-only.
    let user = pool
        .get_user(AccessTokenRequest {
            access_token: access.clone(),
        })
        .unwrap();
    assert_eq!(user.user_mfa_setting_list, None);
    pool.set_user_mfa_preference(SetUserMfaPreferenceRequest {
        access_token: access.clone(),
        software_token_mfa_settings: Some(MfaSettingsType {
            enabled: Some(true),
            preferred_mfa: Some(true),
        }),
        ..Default::default()
    })
    .unwrap();
    let user = pool
        .get_user(AccessTokenRequest {
            access_token: access,
        })
        .unwrap();
    assert_eq!(
        user.user_mfa_setting_list,
        Some(vec!["SOFTWARE_TOKEN_MFA".to_owned()])
    );
    assert_eq!(
        user.preferred_mfa_setting.as_deref(),
        Some("SOFTWARE_TOKEN_MFA")
    );
    let next = sign_in(&mut pool, "sam", PASSWORD).unwrap();
    assert_eq!(next.challenge_name, Some(ChallengeName::SoftwareTokenMfa));
}

#[test]
fn several_factors_and_none_preferred_ask_which_then_send_that_code() {
    let mut pool = mfa_pool(
        MfaConfiguration::Optional,
        vec![MfaFactor::Sms, MfaFactor::SoftwareToken, MfaFactor::Email],
    );
    let admin = |factor: MfaFactor| {
        let on = Some(MfaSettingsType {
            enabled: Some(true),
            preferred_mfa: Some(false),
        });
        let mut request = AdminSetUserMfaPreferenceRequest {
            user_pool_id: String::new(),
            username: "sam".into(),
            ..Default::default()
        };
        match factor {
            MfaFactor::Sms => request.sms_mfa_settings = on,
            MfaFactor::Email => request.email_mfa_settings = on,
            MfaFactor::SoftwareToken => request.software_token_mfa_settings = on,
        }
        request
    };
    for factor in [MfaFactor::Sms, MfaFactor::Email] {
        let mut request = admin(factor);
        request.user_pool_id = pool.pool_id().to_owned();
        pool.admin_set_user_mfa_preference(request).unwrap();
    }
    let first = sign_in(&mut pool, "sam", PASSWORD).unwrap();
    assert_eq!(first.challenge_name, Some(ChallengeName::SelectMfaType));
    assert_eq!(
        first.challenge_parameters["MFAS_CAN_CHOOSE"],
        "[\"SMS_MFA\",\"EMAIL_OTP\"]"
    );
    let session = first.session.unwrap();
    assert_exception(
        respond(
            &mut pool,
            ChallengeName::SelectMfaType,
            &session,
            &[("ANSWER", "SOFTWARE_TOKEN_MFA")],
        ),
        "InvalidParameterException: Invalid value for ANSWER: SOFTWARE_TOKEN_MFA",
    );
    let email = respond(
        &mut pool,
        ChallengeName::SelectMfaType,
        &session,
        &[("ANSWER", "EMAIL_OTP")],
    )
    .unwrap();
    assert_eq!(email.challenge_name, Some(ChallengeName::EmailOtp));
    assert_eq!(
        email.challenge_parameters["CODE_DELIVERY_DELIVERY_MEDIUM"],
        "EMAIL"
    );
    assert_eq!(
        email.challenge_parameters["CODE_DELIVERY_DESTINATION"],
        "s***@e***"
    );
    let code = pool.last_code("sam", CodeKind::Mfa).unwrap();
    let session = email.session.unwrap();
    assert_exception(
        respond(
            &mut pool,
            ChallengeName::EmailOtp,
            &session,
            &[("EMAIL_OTP_CODE", "999999x")],
        ),
        "CodeMismatchException: Invalid code or auth state for the user.",
    );
    let done = respond(
        &mut pool,
        ChallengeName::EmailOtp,
        &session,
        &[("EMAIL_OTP_CODE", &code)],
    )
    .unwrap();
    assert!(done.authentication_result.is_some());

    // SMS preferred: straight to SMS_MFA, the code texted to the masked number.
    let mut prefer_sms = admin(MfaFactor::Sms);
    prefer_sms.user_pool_id = pool.pool_id().to_owned();
    prefer_sms.sms_mfa_settings = Some(MfaSettingsType {
        enabled: Some(true),
        preferred_mfa: Some(true),
    });
    pool.admin_set_user_mfa_preference(prefer_sms).unwrap();
    let sms = sign_in(&mut pool, "sam", PASSWORD).unwrap();
    assert_eq!(sms.challenge_name, Some(ChallengeName::SmsMfa));
    assert_eq!(
        sms.challenge_parameters["CODE_DELIVERY_DELIVERY_MEDIUM"],
        "SMS"
    );
    assert_eq!(
        sms.challenge_parameters["CODE_DELIVERY_DESTINATION"],
        "+*******1234"
    );
    let last = pool.outbox().last().unwrap();
    assert_eq!(
        (last.kind, last.destination.as_str()),
        (CodeKind::Mfa, "+15555551234")
    );
}

#[test]
fn pool_mfa_off_challenges_nobody() {
    let mut pool = mfa_pool(MfaConfiguration::Off, vec![MfaFactor::SoftwareToken]);
    pool.set_totp("sam", true).unwrap();
    let result = sign_in(&mut pool, "sam", PASSWORD).unwrap();
    assert!(result.authentication_result.is_some());
}
