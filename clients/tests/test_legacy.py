"""A LEGACY app client (tests/fixtures/serve/legacy.toml, eu-west-1, Cognito's default policy):
an unknown user is told so, and the policy speaks Cognito's words."""

import unittest

from botocore.exceptions import ClientError

from common import CLIENT_ID, REGION, client, error_of, password_auth, verify


class Legacy(unittest.TestCase):
    def test_unknown_user_is_user_not_found(self):
        idp = client()
        with self.assertRaises(idp.exceptions.UserNotFoundException) as raised:
            password_auth(idp, "nobody", "Silver-Maple-63")
        self.assertEqual(error_of(raised), ("UserNotFoundException", "User does not exist."))

    def test_default_policy_and_the_region_in_the_issuer(self):
        self.assertEqual(REGION, "eu-west-1")
        idp = client()
        with self.assertRaises(ClientError) as weak:
            idp.sign_up(ClientId=CLIENT_ID, Username="weak", Password="Short1!")
        self.assertEqual(
            error_of(weak),
            ("InvalidPasswordException", "Password did not conform with policy: Password not long enough"),
        )
        claims = verify(password_auth(idp, "lee", "Silver-Maple-63")["AuthenticationResult"]["IdToken"], "id")
        self.assertTrue(claims["iss"].startswith("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
