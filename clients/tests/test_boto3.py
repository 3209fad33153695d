"""boto3 against `cogflow serve` (the built-in signin-basic pool: user123 / pass123, a relaxed
policy, PreventUserExistenceErrors ENABLED): every flow a learner's code takes, with the
exact exceptions boto3 raises."""

import unittest

from botocore.exceptions import ClientError

from common import (
    CLIENT_ID,
    POOL_ID,
    client,
    error_of,
    last_code,
    password_auth,
    verify,
)

class Boto3Flows(unittest.TestCase):
    def setUp(self):
        self.idp = client()

    def assert_error(self, raised, code, message):
        self.assertEqual(error_of(raised), (code, message))

    def test_sign_up_confirm_sign_in_get_user(self):
        signed_up = self.idp.sign_up(
            ClientId=CLIENT_ID,
            Username="newbie",
            Password="hello123",
            UserAttributes=[{"Name": "email", "Value": "newbie@example.com"}],
        )
        self.assertFalse(signed_up["UserConfirmed"])
        self.assertEqual(signed_up["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL")
        with self.assertRaises(ClientError) as unconfirmed:
            password_auth(self.idp, "newbie", "hello123")
        self.assert_error(unconfirmed, "UserNotConfirmedException", "User is not confirmed.")
        self.idp.confirm_sign_up(
            ClientId=CLIENT_ID, Username="newbie", ConfirmationCode=last_code("newbie", "SignUp")
        )
        tokens = password_auth(self.idp, "newbie", "hello123")["AuthenticationResult"]
        user = self.idp.get_user(AccessToken=tokens["AccessToken"])
        self.assertEqual(user["Username"], "newbie")
        attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
        self.assertEqual(attributes["email"], "newbie@example.com")
        self.assertEqual(attributes["email_verified"], "true")
        id_claims = verify(tokens["IdToken"], "id")
        self.assertEqual(id_claims["cognito:username"], "newbie")
        self.assertEqual(id_claims["sub"], attributes["sub"])
        verify(tokens["AccessToken"], "access")

    def test_wrong_password_is_a_client_error_with_cognitos_words(self):
        with self.assertRaises(self.idp.exceptions.NotAuthorizedException) as raised:
            password_auth(self.idp, "user123", "not-it")
        self.assert_error(raised, "NotAuthorizedException", "Incorrect username or password.")
        metadata = raised.exception.response["ResponseMetadata"]
        self.assertEqual(metadata["HTTPStatusCode"], 400)
        self.assertEqual(metadata["RequestId"], metadata["HTTPHeaders"]["x-amzn-requestid"])
        self.assertEqual(metadata["RetryAttempts"], 0)

    def test_unknown_user_under_enabled_looks_like_a_wrong_password(self):
        with self.assertRaises(ClientError) as raised:
            password_auth(self.idp, "nobody", "pass123")
        self.assert_error(raised, "NotAuthorizedException", "Incorrect username or password.")

    def test_refresh_then_global_sign_out_revokes(self):
        first = password_auth(self.idp, "user123", "pass123")["AuthenticationResult"]
        refreshed = self.idp.initiate_auth(
            AuthFlow="REFRESH_TOKEN_AUTH",
            ClientId=CLIENT_ID,
            AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]},
        )["AuthenticationResult"]
        self.assertNotIn("RefreshToken", refreshed)
        old, new = verify(first["IdToken"], "id"), verify(refreshed["IdToken"], "id")
        self.assertEqual(old["origin_jti"], new["origin_jti"])
        self.assertEqual(old["auth_time"], new["auth_time"])
        self.assertNotEqual(old["jti"], new["jti"])

        self.idp.global_sign_out(AccessToken=refreshed["AccessToken"])
        with self.assertRaises(ClientError) as revoked:
            self.idp.get_user(AccessToken=refreshed["AccessToken"])
        self.assert_error(revoked, "NotAuthorizedException", "Access Token has been revoked")
        with self.assertRaises(ClientError) as refresh_revoked:
            self.idp.initiate_auth(
                AuthFlow="REFRESH_TOKEN_AUTH",
                ClientId=CLIENT_ID,
                AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]},
            )
        self.assert_error(refresh_revoked, "NotAuthorizedException", "Refresh Token has been revoked")
        # Offline verification still accepts the revoked tokens until they expire.
        verify(refreshed["AccessToken"], "access")

    def test_admin_created_user_answers_new_password_required(self):
        created = self.idp.admin_create_user(
            UserPoolId=POOL_ID,
            Username="maria",
            TemporaryPassword="temp123",
            UserAttributes=[{"Name": "email", "Value": "maria@example.com"}],
        )
        self.assertEqual(created["User"]["UserStatus"], "FORCE_CHANGE_PASSWORD")
        challenge = password_auth(self.idp, "maria", "temp123")
        self.assertEqual(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED")
        self.assertNotIn("AuthenticationResult", challenge)
        answered = self.idp.respond_to_auth_challenge(
            ClientId=CLIENT_ID,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "maria", "NEW_PASSWORD": "harbor82"},
        )
        verify(answered["AuthenticationResult"]["IdToken"], "id")
        status = self.idp.admin_get_user(UserPoolId=POOL_ID, Username="maria")["UserStatus"]
        self.assertEqual(status, "CONFIRMED")

    def test_forgot_and_confirm_forgot_password(self):
        self.idp.admin_create_user(
            UserPoolId=POOL_ID,
            Username="forgetful",
            TemporaryPassword="temp123",
            MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "email", "Value": "forgetful@example.com"},
                {"Name": "email_verified", "Value": "true"},
            ],
        )
        sent = self.idp.forgot_password(ClientId=CLIENT_ID, Username="forgetful")
        self.assertEqual(sent["CodeDeliveryDetails"]["Destination"], "f***@e***")
        with self.assertRaises(ClientError) as mismatch:
            self.idp.confirm_forgot_password(
                ClientId=CLIENT_ID, Username="forgetful", ConfirmationCode="000000x", Password="fresh123"
            )
        self.assert_error(
            mismatch, "CodeMismatchException", "Invalid verification code provided, please try again."
        )
        self.idp.confirm_forgot_password(
            ClientId=CLIENT_ID,
            Username="forgetful",
            ConfirmationCode=last_code("forgetful", "ForgotPassword"),
            Password="fresh123",
        )
        verify(password_auth(self.idp, "forgetful", "fresh123")["AuthenticationResult"]["IdToken"], "id")

    def test_a_missing_required_member_is_cognitos_validation_error(self):
        unvalidated = client(parameter_validation=False)
        with self.assertRaises(ClientError) as raised:
            unvalidated.initiate_auth(AuthFlow="USER_PASSWORD_AUTH", AuthParameters={})
        self.assert_error(
            raised,
            "InvalidParameterException",
            "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: "
            "Member must not be null",
        )


if __name__ == "__main__":
    unittest.main(verbosity=2)
