"""An app client with a secret, over the wire, against `cogflow serve client-secret`: the client
computes SECRET_HASH = Base64(HMAC-SHA256(key = client secret, message = username + client id))
with Python's own hmac, and boto3 sends it on every call that needs it (InitiateAuth, the
refresh, SignUp, ConfirmSignUp, ForgotPassword). Without it, or made with another secret,
Cognito answers `NotAuthorizedException: Unable to verify secret hash for client <id>`."""

import base64
import hashlib
import hmac
import unittest

from botocore.exceptions import ClientError

from common import BANNER, CLIENT_ID, client, error_of, last_code, verify

# The lesson's user (scenarios/client-secret.toml) and the secret the banner prints.
RIO, RIO_PASSWORD = "rio", "Lantern-Moss-64"
SECRET = BANNER["client_secret.app"]
REFUSED = ("NotAuthorizedException", f"Unable to verify secret hash for client {CLIENT_ID}")


def secret_hash(username, secret=SECRET):
    digest = hmac.new(secret.encode(), (username + CLIENT_ID).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def sign_in(idp, username, password, **extra):
    parameters = {"USERNAME": username, "PASSWORD": password, **extra}
    return idp.initiate_auth(AuthFlow="USER_PASSWORD_AUTH", ClientId=CLIENT_ID, AuthParameters=parameters)


class ClientSecret(unittest.TestCase):
    def test_the_right_hash_signs_in_and_refreshes(self):
        idp = client()
        tokens = sign_in(idp, RIO, RIO_PASSWORD, SECRET_HASH=secret_hash(RIO))["AuthenticationResult"]
        self.assertEqual(verify(tokens["IdToken"], "id")["cognito:username"], RIO)
        refreshed = idp.initiate_auth(
            AuthFlow="REFRESH_TOKEN_AUTH", ClientId=CLIENT_ID,
            AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"], "SECRET_HASH": secret_hash(RIO)},
        )["AuthenticationResult"]
        verify(refreshed["AccessToken"], "access")

    def test_no_hash_or_one_made_with_another_secret_is_refused(self):
        idp = client()
        for extra in ({}, {"SECRET_HASH": secret_hash(RIO, secret="not-the-secret")},
                      {"SECRET_HASH": secret_hash("someone-else")}):
            with self.assertRaises(ClientError) as refused:
                sign_in(idp, RIO, RIO_PASSWORD, **extra)
            self.assertEqual(error_of(refused), REFUSED, extra)

    def test_the_hash_is_checked_before_the_password(self):
        idp = client()
        with self.assertRaises(ClientError) as refused:
            sign_in(idp, RIO, "wrong-password", SECRET_HASH="bm90IGEgaGFzaA==")
        self.assertEqual(error_of(refused), REFUSED)
        with self.assertRaises(ClientError) as wrong:
            sign_in(idp, RIO, "wrong-password", SECRET_HASH=secret_hash(RIO))
        self.assertEqual(error_of(wrong), ("NotAuthorizedException", "Incorrect username or password."))

    def test_sign_up_confirm_and_forgot_password_send_it_too(self):
        idp = client()
        with self.assertRaises(ClientError) as refused:
            idp.sign_up(ClientId=CLIENT_ID, Username="sol", Password="Quiet-Harbor-7",
                        UserAttributes=[{"Name": "email", "Value": "sol@example.com"}])
        self.assertEqual(error_of(refused), REFUSED)
        idp.sign_up(ClientId=CLIENT_ID, Username="sol", Password="Quiet-Harbor-7", SecretHash=secret_hash("sol"),
                    UserAttributes=[{"Name": "email", "Value": "sol@example.com"}])
        code = last_code("sol", "SignUp")
        with self.assertRaises(ClientError) as unconfirmed:
            idp.confirm_sign_up(ClientId=CLIENT_ID, Username="sol", ConfirmationCode=code)
        self.assertEqual(error_of(unconfirmed), REFUSED)
        idp.confirm_sign_up(ClientId=CLIENT_ID, Username="sol", ConfirmationCode=code, SecretHash=secret_hash("sol"))
        tokens = sign_in(idp, "sol", "Quiet-Harbor-7", SECRET_HASH=secret_hash("sol"))["AuthenticationResult"]
        verify(tokens["IdToken"], "id")
        with self.assertRaises(ClientError) as forgot:
            idp.forgot_password(ClientId=CLIENT_ID, Username="sol")
        self.assertEqual(error_of(forgot), REFUSED)
        sent = idp.forgot_password(ClientId=CLIENT_ID, Username="sol", SecretHash=secret_hash("sol"))
        self.assertEqual(sent["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL")


if __name__ == "__main__":
    unittest.main()
