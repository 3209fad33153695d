"""MFA set-up over the wire, against `cogflow serve mfa-setup` (MfaConfiguration ON, only an
authenticator app offered): boto3 signs in, meets MFA_SETUP, asks for a secret with the Session
(AssociateSoftwareToken), pyotp (the authenticator app) makes the code VerifySoftwareToken
checks, RespondToAuthChallenge(MFA_SETUP) gives the tokens (PyJWT verifies them by the JWKS),
and the next sign-in asks SOFTWARE_TOKEN_MFA, answered with pyotp's code. The wrong-code and
preference calls a set-up screen makes are here too."""

import json
import unittest

import pyotp
from botocore.exceptions import ClientError

from common import CLIENT_ID, POOL_ID, client, error_of, password_auth, verify

# The lesson's user (scenarios/mfa-setup.toml).
KAI, KAI_PASSWORD = "kai", "Silver-Brook-45"
PASSWORD = "Correct-Horse-9"


def admin_made(idp, username):
    """A confirmed user with a permanent password and no second factor."""
    idp.admin_create_user(UserPoolId=POOL_ID, Username=username, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=POOL_ID, Username=username, Password=PASSWORD, Permanent=True)


def set_up(test, idp, username, password):
    """Sign-in to MFA_SETUP, then an authenticator secret for its Session. Returns (app, session)."""
    first = password_auth(idp, username, password)
    test.assertEqual(first["ChallengeName"], "MFA_SETUP")
    test.assertEqual(json.loads(first["ChallengeParameters"]["MFAS_CAN_SETUP"]), ["SOFTWARE_TOKEN_MFA"])
    test.assertNotIn("AuthenticationResult", first)
    associated = idp.associate_software_token(Session=first["Session"])
    secret = associated["SecretCode"]
    test.assertRegex(secret, r"^[A-Z2-7]{32}$")
    test.assertNotEqual(associated["Session"], first["Session"])
    return pyotp.TOTP(secret), associated["Session"]


class MfaSetUp(unittest.TestCase):
    def test_required_mfa_is_set_up_during_sign_in_then_asked_at_the_next(self):
        idp = client()
        app, session = set_up(self, idp, KAI, KAI_PASSWORD)
        # What the app's set-up screen shows: the otpauth URI pyotp builds from the secret.
        uri = app.provisioning_uri(name=KAI, issuer_name="cogflow")
        self.assertTrue(uri.startswith("otpauth://totp/cogflow:kai?secret="), uri)
        verified = idp.verify_software_token(Session=session, UserCode=app.now(), FriendlyDeviceName="phone")
        self.assertEqual(verified["Status"], "SUCCESS")
        done = idp.respond_to_auth_challenge(
            ClientId=CLIENT_ID, ChallengeName="MFA_SETUP", Session=verified["Session"],
            ChallengeResponses={"USERNAME": KAI},
        )
        tokens = done["AuthenticationResult"]
        self.assertEqual(verify(tokens["IdToken"], "id")["cognito:username"], KAI)
        verify(tokens["AccessToken"], "access")
        user = idp.get_user(AccessToken=tokens["AccessToken"])
        self.assertEqual(user["UserMFASettingList"], ["SOFTWARE_TOKEN_MFA"])
        self.assertEqual(user["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA")

        again = password_auth(idp, KAI, KAI_PASSWORD)
        self.assertEqual(again["ChallengeName"], "SOFTWARE_TOKEN_MFA")
        with self.assertRaises(ClientError) as wrong:
            idp.respond_to_auth_challenge(
                ClientId=CLIENT_ID, ChallengeName="SOFTWARE_TOKEN_MFA", Session=again["Session"],
                ChallengeResponses={"USERNAME": KAI, "SOFTWARE_TOKEN_MFA_CODE": "000000"},
            )
        self.assertEqual(error_of(wrong), ("CodeMismatchException", "Invalid code or auth state for the user."))
        again = password_auth(idp, KAI, KAI_PASSWORD)
        answered = idp.respond_to_auth_challenge(
            ClientId=CLIENT_ID, ChallengeName="SOFTWARE_TOKEN_MFA", Session=again["Session"],
            ChallengeResponses={"USERNAME": KAI, "SOFTWARE_TOKEN_MFA_CODE": app.now()},
        )
        verify(answered["AuthenticationResult"]["IdToken"], "id")

    def test_a_wrong_first_code_is_refused_and_the_set_up_not_finished(self):
        idp = client()
        admin_made(idp, "wen")
        app, session = set_up(self, idp, "wen", PASSWORD)
        wrong = f"{(int(app.now()) + 1) % 1_000_000:06d}"
        with self.assertRaises(ClientError) as refused:
            idp.verify_software_token(Session=session, UserCode=wrong)
        self.assertEqual(
            error_of(refused),
            ("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA"),
        )
        # The set-up did not finish: the next sign-in still meets MFA_SETUP.
        self.assertEqual(password_auth(idp, "wen", PASSWORD)["ChallengeName"], "MFA_SETUP")

    def test_a_malformed_code_is_refused_by_the_model_before_the_service(self):
        idp = client()
        admin_made(idp, "max")
        _, session = set_up(self, idp, "max", PASSWORD)
        # botocore checks the model's min length 6 before sending: the SDK refuses, not Cognito.
        from botocore.exceptions import ParamValidationError

        with self.assertRaises(ParamValidationError):
            idp.verify_software_token(Session=session, UserCode="123")

    def test_an_admin_sets_the_preference_for_a_user_with_an_authenticator(self):
        idp = client()
        admin_made(idp, "ada")
        app, session = set_up(self, idp, "ada", PASSWORD)
        verified = idp.verify_software_token(Session=session, UserCode=app.now())
        idp.respond_to_auth_challenge(
            ClientId=CLIENT_ID, ChallengeName="MFA_SETUP", Session=verified["Session"],
            ChallengeResponses={"USERNAME": "ada"},
        )
        idp.admin_set_user_mfa_preference(
            UserPoolId=POOL_ID, Username="ada",
            SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True},
        )
        user = idp.admin_get_user(UserPoolId=POOL_ID, Username="ada")
        self.assertEqual(user["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA")
        self.assertEqual(password_auth(idp, "ada", PASSWORD)["ChallengeName"], "SOFTWARE_TOKEN_MFA")


if __name__ == "__main__":
    unittest.main()
