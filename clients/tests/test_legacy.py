"""A LEGACY app client (tests/fixtures/serve/legacy.toml, eu-west-1, Cognito's default policy):
an unknown user is told so, and the policy speaks Cognito's words."""

import unittest

from botocore.exceptions import ClientError

from common import BANNER, CLIENT_ID, REGION, client, error_of, password_auth, verify


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


class AppClients(unittest.TestCase):
    def test_the_scenarios_second_client_is_served_with_its_own_settings(self):
        spa = BANNER["client_id.spa"]
        self.assertEqual(BANNER["client_id.app"], CLIENT_ID)
        idp = client()
        # The spa client signs in with SRP only: the password flow is refused before any user
        # is looked at.
        with self.assertRaises(ClientError) as off:
            password_auth(idp, "lee", "Silver-Maple-63", client_id=spa)
        self.assertEqual(
            error_of(off),
            ("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client"),
        )
        described = idp.describe_user_pool_client(UserPoolId=BANNER["user_pool_id"], ClientId=spa)
        self.assertEqual(described["UserPoolClient"]["ClientName"], "spa")
        self.assertEqual(described["UserPoolClient"]["PreventUserExistenceErrors"], "ENABLED")


if __name__ == "__main__":
    unittest.main(verbosity=2)
