//! Issue 17 item 7: request members are checked against the API model's lengths and patterns
//! before anything else, in AWS's words (the table, `cognito::validation`, is checked against
//! botocore's model in tests/it/service_model.rs).

use cogflow::cognito::{
    AttributeType, ChallengeName, ConfirmSignUpRequest, RespondToAuthChallengeRequest,
    SignUpRequest, VerifySoftwareTokenRequest,
};

use super::{config, pool};

fn sign_up_with(password: &str) -> Result<String, String> {
    let mut pool = pool(config());
    pool.sign_up(SignUpRequest {
        client_id: pool.client_id().into(),
        username: "lee".into(),
        password: password.into(),
        user_attributes: vec![AttributeType::new("email", "lee@example.com")],
        secret_hash: None,
    })
    .map(|r| r.user_sub)
    .map_err(|e| e.to_string())
}

#[test]
fn a_password_with_surrounding_whitespace_is_refused_one_with_inner_spaces_is_not() {
    for password in [" Correct-Horse-9", "Correct-Horse-9 ", "\tCorrect-Horse-9"] {
        assert_eq!(
            sign_up_with(password).unwrap_err(),
            "InvalidParameterException: 1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$",
            "{password:?}"
        );
    }
    assert!(sign_up_with("Correct Horse 9!").is_ok());
    // Checked before the policy: an empty password breaks the pattern, not "not long enough".
    assert!(
        sign_up_with("")
            .unwrap_err()
            .contains("Value at 'password' failed to satisfy constraint")
    );
}

#[test]
fn an_empty_confirmation_code_is_refused_before_the_user_is_looked_up() {
    let mut pool = pool(config());
    let refused = pool
        .confirm_sign_up(ConfirmSignUpRequest {
            client_id: pool.client_id().into(),
            username: "nobody".into(),
            confirmation_code: String::new(),
            secret_hash: None,
        })
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "InvalidParameterException: 2 validation errors detected: Value '' at 'confirmationCode' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'confirmationCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+"
    );
}

#[test]
fn a_ten_character_session_is_refused_by_its_length_not_as_an_invalid_session() {
    let mut pool = pool(config());
    let answer = |session: &str| RespondToAuthChallengeRequest {
        client_id: pool.client_id().to_owned(),
        challenge_name: ChallengeName::SoftwareTokenMfa,
        session: session.to_owned(),
        challenge_responses: [
            ("USERNAME".to_owned(), "ana".to_owned()),
            ("SOFTWARE_TOKEN_MFA_CODE".to_owned(), "123456".to_owned()),
        ]
        .into(),
    };
    let short = answer("0123456789");
    let long_enough = answer(&"A".repeat(20));
    let too_short = "InvalidParameterException: 1 validation error detected: Value at 'session' failed to satisfy constraint: Member must have length greater than or equal to 20";
    assert_eq!(
        pool.respond_to_auth_challenge(short)
            .unwrap_err()
            .to_string(),
        too_short
    );
    // 20 characters pass validation and reach the session check.
    let unknown = pool
        .respond_to_auth_challenge(long_enough)
        .unwrap_err()
        .to_string();
    assert!(unknown.starts_with("NotAuthorizedException"), "{unknown}");
    let verify = pool.verify_software_token(VerifySoftwareTokenRequest {
        access_token: None,
        session: Some("0123456789".into()),
        user_code: "12".into(),
        friendly_device_name: None,
    });
    assert_eq!(
        verify.unwrap_err().to_string(),
        "InvalidParameterException: 2 validation errors detected: Value at 'session' failed to satisfy constraint: Member must have length greater than or equal to 20; Value at 'userCode' failed to satisfy constraint: Member must have length greater than or equal to 6"
    );
}
