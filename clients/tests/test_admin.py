"""What a real client's set-up and back office call (CreateUserPool, CreateUserPoolClient,
Describe…, ListUsers, Admin*, DeleteUserPool), ChangePassword, DeleteUser and
GetTokensFromRefreshToken, through boto3: each answer as Cognito's API reference shapes it,
each refusal in Cognito's words."""

import base64
import hashlib
import hmac
import unittest
import urllib.error

from botocore.exceptions import ClientError

from common import CLIENT_ID, POOL_ID, REGION, client, error_of, get_json, password_auth, verify

ALL_PASSWORD_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


class SetUp(unittest.TestCase):
    def setUp(self):
        self.idp = client()

    def test_create_and_describe_a_pool_and_its_client(self):
        made = self.idp.create_user_pool(
            PoolName="shop", Policies={"PasswordPolicy": {"MinimumLength": 10, "RequireSymbols": False}}
        )["UserPool"]
        pool_id = made["Id"]
        self.assertRegex(pool_id, rf"^{REGION}_[0-9A-Za-z]{{9}}$")
        self.assertEqual(made["Name"], "shop")
        self.assertEqual(made["Policies"]["PasswordPolicy"]["MinimumLength"], 10)
        self.assertTrue(made["Policies"]["PasswordPolicy"]["RequireUppercase"])
        self.assertEqual(self.idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"], pool_id)

        web = self.idp.create_user_pool_client(
            UserPoolId=pool_id, ClientName="web", ExplicitAuthFlows=ALL_PASSWORD_FLOWS
        )["UserPoolClient"]
        self.assertEqual(len(web["ClientId"]), 26)
        self.assertEqual(web["PreventUserExistenceErrors"], "LEGACY")  # the API's default
        self.assertEqual((web["AccessTokenValidity"], web["TokenValidityUnits"]["AccessToken"]), (1, "hours"))
        described = self.idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=web["ClientId"])
        self.assertEqual(described["UserPoolClient"], web)

        # A user in the new pool, a permanent password set by an admin, an admin sign-in.
        self.idp.admin_create_user(UserPoolId=pool_id, Username="kim", MessageAction="SUPPRESS")
        with self.assertRaises(ClientError) as weak:
            self.idp.admin_set_user_password(UserPoolId=pool_id, Username="kim", Password="short", Permanent=True)
        self.assertEqual(error_of(weak)[0], "InvalidPasswordException")
        self.idp.admin_set_user_password(UserPoolId=pool_id, Username="kim", Password="LongEnough1", Permanent=True)
        signed_in = self.idp.admin_initiate_auth(
            UserPoolId=pool_id,
            ClientId=web["ClientId"],
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "kim", "PASSWORD": "LongEnough1"},
        )["AuthenticationResult"]
        claims = verify(signed_in["IdToken"], "id", client_id=web["ClientId"], pool_id=pool_id)
        self.assertEqual(claims["cognito:username"], "kim")
        # LEGACY tells an unknown user so.
        with self.assertRaises(ClientError) as unknown:
            password_auth(self.idp, "nobody", "LongEnough1", client_id=web["ClientId"])
        self.assertEqual(error_of(unknown), ("UserNotFoundException", "User does not exist."))

    def test_a_fixture_lists_pools_and_clients_and_deletes_its_client(self):
        pool_id = self.idp.create_user_pool(PoolName="fixture")["UserPool"]["Id"]
        # The paginators of the AWS SDK page with NextToken, one pool at a time here.
        pages = self.idp.get_paginator("list_user_pools").paginate(MaxResults=1)
        pools = [p for page in pages for p in page["UserPools"]]
        self.assertGreater(len(pools), 1)
        self.assertEqual(len({p["Id"] for p in pools}), len(pools), "each pool once")
        self.assertEqual(pools[0]["Id"], POOL_ID, "the scenario's pool first")
        self.assertIn(("fixture", pool_id), [(p["Name"], p["Id"]) for p in pools])
        with self.assertRaises(ClientError) as too_many:
            self.idp.list_user_pools(MaxResults=61)
        self.assertEqual(error_of(too_many)[0], "InvalidParameterException")

        first, second = (
            self.idp.create_user_pool_client(UserPoolId=pool_id, ClientName=name, ExplicitAuthFlows=ALL_PASSWORD_FLOWS)[
                "UserPoolClient"
            ]["ClientId"]
            for name in ("web", "cli")
        )
        listed = self.idp.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]
        self.assertEqual(
            listed,
            [
                {"ClientId": first, "UserPoolId": pool_id, "ClientName": "web"},
                {"ClientId": second, "UserPoolId": pool_id, "ClientName": "cli"},
            ],
        )
        # A sign-in through the pool's second client reaches that pool.
        self.idp.admin_create_user(UserPoolId=pool_id, Username="lee", MessageAction="SUPPRESS")
        self.idp.admin_set_user_password(UserPoolId=pool_id, Username="lee", Password="Long-Enough1", Permanent=True)
        tokens = password_auth(self.idp, "lee", "Long-Enough1", client_id=second)["AuthenticationResult"]
        self.assertEqual(verify(tokens["IdToken"], "id", client_id=second, pool_id=pool_id)["cognito:username"], "lee")

        self.idp.delete_user_pool_client(UserPoolId=pool_id, ClientId=second)
        self.assertEqual([c["ClientId"] for c in self.idp.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]], [first])
        with self.assertRaises(ClientError) as gone:
            password_auth(self.idp, "lee", "Long-Enough1", client_id=second)
        self.assertEqual(error_of(gone), ("ResourceNotFoundException", f"User pool client {second} does not exist."))

    def test_unknown_pool_and_client(self):
        with self.assertRaises(ClientError) as pool:
            self.idp.describe_user_pool(UserPoolId="us-east-1_Nope12345")
        self.assertEqual(error_of(pool), ("ResourceNotFoundException", "User pool us-east-1_Nope12345 does not exist."))
        with self.assertRaises(ClientError) as app:
            self.idp.describe_user_pool_client(UserPoolId=POOL_ID, ClientId="nope")
        self.assertEqual(error_of(app), ("ResourceNotFoundException", "User pool client nope does not exist."))

    def test_each_app_client_has_its_own_settings(self):
        legacy = self.idp.create_user_pool_client(
            UserPoolId=POOL_ID,
            ClientName="back-office",
            ExplicitAuthFlows=ALL_PASSWORD_FLOWS,
            PreventUserExistenceErrors="LEGACY",
            AccessTokenValidity=10,
            TokenValidityUnits={"AccessToken": "minutes"},
        )["UserPoolClient"]["ClientId"]
        # The lesson's client says ENABLED, the new one LEGACY: same user, two answers.
        with self.assertRaises(ClientError) as enabled:
            password_auth(self.idp, "ghost", "pass123")
        self.assertEqual(error_of(enabled), ("NotAuthorizedException", "Incorrect username or password."))
        with self.assertRaises(ClientError) as told:
            password_auth(self.idp, "ghost", "pass123", client_id=legacy)
        self.assertEqual(error_of(told), ("UserNotFoundException", "User does not exist."))
        tokens = password_auth(self.idp, "user123", "pass123", client_id=legacy)["AuthenticationResult"]
        self.assertEqual(tokens["ExpiresIn"], 600)
        access = verify(tokens["AccessToken"], "access", client_id=legacy)
        self.assertEqual(access["exp"] - access["iat"], 600)
        # A refresh token works only with the client it was issued to.
        with self.assertRaises(ClientError) as other:
            self.idp.initiate_auth(
                AuthFlow="REFRESH_TOKEN_AUTH", ClientId=CLIENT_ID, AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]}
            )
        self.assertEqual(error_of(other), ("NotAuthorizedException", "Invalid Refresh Token."))
        # The lesson's client does not allow ADMIN_USER_PASSWORD_AUTH.
        with self.assertRaises(ClientError) as off:
            self.idp.admin_initiate_auth(
                UserPoolId=POOL_ID,
                ClientId=CLIENT_ID,
                AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": "user123", "PASSWORD": "pass123"},
            )
        self.assertEqual(error_of(off), ("InvalidParameterException", "Auth flow not enabled for this client"))


    def test_a_client_with_a_generated_secret_needs_secret_hash(self):
        made = self.idp.create_user_pool_client(
            UserPoolId=POOL_ID, ClientName="server", GenerateSecret=True, ExplicitAuthFlows=ALL_PASSWORD_FLOWS
        )["UserPoolClient"]
        client_id, secret = made["ClientId"], made["ClientSecret"]
        self.assertRegex(secret, r"^[a-z0-9]{51}$")
        described = self.idp.describe_user_pool_client(UserPoolId=POOL_ID, ClientId=client_id)["UserPoolClient"]
        self.assertEqual(described["ClientSecret"], secret)
        # SECRET_HASH as AWS's developer guide computes it, written here, not by the mock.
        digest = hmac.new(secret.encode(), ("user123" + client_id).encode(), hashlib.sha256).digest()
        secret_hash = base64.b64encode(digest).decode()
        with self.assertRaises(ClientError) as missing:
            password_auth(self.idp, "user123", "pass123", client_id=client_id)
        self.assertEqual(
            error_of(missing), ("NotAuthorizedException", f"Unable to verify secret hash for client {client_id}")
        )
        tokens = self.idp.initiate_auth(
            AuthFlow="USER_PASSWORD_AUTH",
            ClientId=client_id,
            AuthParameters={"USERNAME": "user123", "PASSWORD": "pass123", "SECRET_HASH": secret_hash},
        )["AuthenticationResult"]
        verify(tokens["IdToken"], "id", client_id=client_id)
        # The lesson's own client stays public: no SECRET_HASH there.
        self.assertNotIn("ClientSecret", self.idp.describe_user_pool_client(UserPoolId=POOL_ID, ClientId=CLIENT_ID)["UserPoolClient"])


class PoolLifecycle(unittest.TestCase):
    def setUp(self):
        self.idp = client()

    def test_a_deleted_pool_is_no_longer_served(self):
        pool_id = self.idp.create_user_pool(PoolName="doomed")["UserPool"]["Id"]
        client_id = self.idp.create_user_pool_client(
            UserPoolId=pool_id, ClientName="web", ExplicitAuthFlows=ALL_PASSWORD_FLOWS
        )["UserPoolClient"]["ClientId"]
        self.idp.admin_create_user(UserPoolId=pool_id, Username="kim", MessageAction="SUPPRESS")
        self.idp.admin_set_user_password(UserPoolId=pool_id, Username="kim", Password="Long-Enough1", Permanent=True)
        tokens = password_auth(self.idp, "kim", "Long-Enough1", client_id=client_id)["AuthenticationResult"]
        self.assertEqual(get_json(f"/{pool_id}/.well-known/jwks.json")["keys"][0]["alg"], "RS256")

        answer = self.idp.delete_user_pool(UserPoolId=pool_id)
        self.assertEqual(set(answer), {"ResponseMetadata"}, "DeleteUserPool answers {}")
        with self.assertRaises(ClientError) as described:
            self.idp.describe_user_pool(UserPoolId=pool_id)
        self.assertEqual(error_of(described), ("ResourceNotFoundException", f"User pool {pool_id} does not exist."))
        with self.assertRaises(ClientError) as sign_in:
            password_auth(self.idp, "kim", "Long-Enough1", client_id=client_id)
        self.assertEqual(error_of(sign_in), ("ResourceNotFoundException", f"User pool client {client_id} does not exist."))
        with self.assertRaises(ClientError) as refresh:
            self.idp.get_tokens_from_refresh_token(RefreshToken=tokens["RefreshToken"], ClientId=client_id)
        self.assertEqual(error_of(refresh)[0], "ResourceNotFoundException")
        with self.assertRaises(urllib.error.HTTPError) as jwks:
            get_json(f"/{pool_id}/.well-known/jwks.json")
        self.assertEqual(jwks.exception.code, 404)
        listed = [p["Id"] for p in self.idp.list_user_pools(MaxResults=60)["UserPools"]]
        self.assertNotIn(pool_id, listed)
        self.assertIn(POOL_ID, listed, "the scenario's pool is still served")
        with self.assertRaises(ClientError) as again:
            self.idp.delete_user_pool(UserPoolId=pool_id)
        self.assertEqual(error_of(again), ("ResourceNotFoundException", f"User pool {pool_id} does not exist."))


class TokensFromRefreshToken(unittest.TestCase):
    def setUp(self):
        self.idp = client()

    def test_without_rotation_new_id_and_access_tokens_of_the_same_sign_in(self):
        first = password_auth(self.idp, "user123", "pass123")["AuthenticationResult"]
        got = self.idp.get_tokens_from_refresh_token(RefreshToken=first["RefreshToken"], ClientId=CLIENT_ID)
        tokens = got["AuthenticationResult"]
        self.assertNotIn("RefreshToken", tokens, "no rotation: no new refresh token")
        self.assertEqual((tokens["TokenType"], tokens["ExpiresIn"]), ("Bearer", 3600))
        before, after = verify(first["AccessToken"], "access"), verify(tokens["AccessToken"], "access")
        self.assertEqual((after["origin_jti"], after["auth_time"]), (before["origin_jti"], before["auth_time"]))
        self.assertNotEqual(after["jti"], before["jti"])
        self.assertEqual(verify(tokens["IdToken"], "id")["cognito:username"], "user123")
        with self.assertRaises(ClientError) as junk:
            self.idp.get_tokens_from_refresh_token(RefreshToken="not-a-token", ClientId=CLIENT_ID)
        self.assertEqual(error_of(junk), ("NotAuthorizedException", "Invalid Refresh Token."))
        self.idp.revoke_token(Token=first["RefreshToken"], ClientId=CLIENT_ID)
        with self.assertRaises(ClientError) as revoked:
            self.idp.get_tokens_from_refresh_token(RefreshToken=first["RefreshToken"], ClientId=CLIENT_ID)
        self.assertEqual(error_of(revoked), ("NotAuthorizedException", "Refresh Token has been revoked"))

    def test_with_rotation_each_refresh_token_is_replaced_and_works_only_for_the_grace_period(self):
        with self.assertRaises(ClientError) as too_long:
            self.idp.create_user_pool_client(
                UserPoolId=POOL_ID, ClientName="x", RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": 61}
            )
        self.assertEqual(error_of(too_long)[0], "InvalidParameterException")
        rotation = {"Feature": "ENABLED", "RetryGracePeriodSeconds": 10}
        client_id = self.idp.create_user_pool_client(
            UserPoolId=POOL_ID, ClientName="rotating", ExplicitAuthFlows=ALL_PASSWORD_FLOWS, RefreshTokenRotation=rotation
        )["UserPoolClient"]["ClientId"]
        described = self.idp.describe_user_pool_client(UserPoolId=POOL_ID, ClientId=client_id)["UserPoolClient"]
        self.assertEqual(described["RefreshTokenRotation"], rotation)

        signed_in = password_auth(self.idp, "user123", "pass123", client_id=client_id)["AuthenticationResult"]
        old = signed_in["RefreshToken"]
        rotated = self.idp.get_tokens_from_refresh_token(RefreshToken=old, ClientId=client_id)["AuthenticationResult"]
        new = rotated["RefreshToken"]
        self.assertNotEqual(new, old, "rotation: a new refresh token")
        origin = verify(signed_in["AccessToken"], "access", client_id=client_id)["origin_jti"]
        self.assertEqual(verify(rotated["AccessToken"], "access", client_id=client_id)["origin_jti"], origin)
        # Inside the 10 s grace period the old token still works (a client's retry).
        retried = self.idp.get_tokens_from_refresh_token(RefreshToken=old, ClientId=client_id)["AuthenticationResult"]
        verify(retried["IdToken"], "id", client_id=client_id)
        # With no grace period (0 s) the old token is refused at once; the new one goes on.
        # (The clock is not moved here: the other tests of this server verify iat with PyJWT.)
        strict = self.idp.create_user_pool_client(
            UserPoolId=POOL_ID,
            ClientName="strict",
            ExplicitAuthFlows=ALL_PASSWORD_FLOWS,
            RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": 0},
        )["UserPoolClient"]["ClientId"]
        old = password_auth(self.idp, "user123", "pass123", client_id=strict)["AuthenticationResult"]["RefreshToken"]
        new = self.idp.get_tokens_from_refresh_token(RefreshToken=old, ClientId=strict)["AuthenticationResult"]["RefreshToken"]
        with self.assertRaises(ClientError) as reused:
            self.idp.get_tokens_from_refresh_token(RefreshToken=old, ClientId=strict)
        self.assertEqual(error_of(reused)[0], "RefreshTokenReuseException")
        self.assertIsInstance(reused.exception, self.idp.exceptions.RefreshTokenReuseException)
        again = self.idp.get_tokens_from_refresh_token(RefreshToken=new, ClientId=strict)["AuthenticationResult"]
        self.assertNotIn(again["RefreshToken"], (old, new))
        verify(again["AccessToken"], "access", client_id=strict)
        # Another client's refresh token, as for InitiateAuth: Invalid Refresh Token.
        with self.assertRaises(ClientError) as other:
            self.idp.get_tokens_from_refresh_token(RefreshToken=again["RefreshToken"], ClientId=client_id)
        self.assertEqual(error_of(other), ("NotAuthorizedException", "Invalid Refresh Token."))

    def test_a_client_with_a_secret_sends_the_secret_itself(self):
        made = self.idp.create_user_pool_client(
            UserPoolId=POOL_ID, ClientName="confidential", GenerateSecret=True, ExplicitAuthFlows=ALL_PASSWORD_FLOWS
        )["UserPoolClient"]
        client_id, secret = made["ClientId"], made["ClientSecret"]
        digest = hmac.new(secret.encode(), ("user123" + client_id).encode(), hashlib.sha256).digest()
        tokens = self.idp.initiate_auth(
            AuthFlow="USER_PASSWORD_AUTH",
            ClientId=client_id,
            AuthParameters={"USERNAME": "user123", "PASSWORD": "pass123", "SECRET_HASH": base64.b64encode(digest).decode()},
        )["AuthenticationResult"]
        with self.assertRaises(ClientError) as missing:
            self.idp.get_tokens_from_refresh_token(RefreshToken=tokens["RefreshToken"], ClientId=client_id)
        self.assertEqual(error_of(missing)[0], "NotAuthorizedException")
        got = self.idp.get_tokens_from_refresh_token(
            RefreshToken=tokens["RefreshToken"], ClientId=client_id, ClientSecret=secret
        )["AuthenticationResult"]
        verify(got["AccessToken"], "access", client_id=client_id)


class Admin(unittest.TestCase):
    def setUp(self):
        self.idp = client()

    def test_admin_confirm_sign_up_and_list_users(self):
        self.idp.sign_up(ClientId=CLIENT_ID, Username="pending1", Password="hello123")
        listed = self.idp.list_users(UserPoolId=POOL_ID, Filter='username = "pending1"')["Users"]
        self.assertEqual([(u["Username"], u["UserStatus"]) for u in listed], [("pending1", "UNCONFIRMED")])
        self.idp.admin_confirm_sign_up(UserPoolId=POOL_ID, Username="pending1")
        with self.assertRaises(ClientError) as again:
            self.idp.admin_confirm_sign_up(UserPoolId=POOL_ID, Username="pending1")
        self.assertEqual(error_of(again)[0], "NotAuthorizedException")
        verify(password_auth(self.idp, "pending1", "hello123")["AuthenticationResult"]["IdToken"], "id")
        prefix = self.idp.list_users(UserPoolId=POOL_ID, Filter='username ^= "pending"', Limit=5)["Users"]
        self.assertIn("pending1", [u["Username"] for u in prefix])
        # The model: cognito:user_status is matched case-insensitively, status case-sensitively.
        confirmed = self.idp.list_users(UserPoolId=POOL_ID, Filter='cognito:user_status = "confirmed"')["Users"]
        self.assertIn("pending1", [u["Username"] for u in confirmed])
        self.assertEqual(self.idp.list_users(UserPoolId=POOL_ID, Filter='status = "enabled"')["Users"], [])

    def test_a_temporary_password_from_an_admin_then_the_admin_challenge(self):
        self.idp.admin_create_user(UserPoolId=POOL_ID, Username="temp1", MessageAction="SUPPRESS")
        self.idp.admin_set_user_password(UserPoolId=POOL_ID, Username="temp1", Password="tempo123", Permanent=False)
        user = self.idp.admin_get_user(UserPoolId=POOL_ID, Username="temp1")
        self.assertEqual(user["UserStatus"], "FORCE_CHANGE_PASSWORD")
        challenge = password_auth(self.idp, "temp1", "tempo123")
        self.assertEqual(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED")
        client_id = self.idp.create_user_pool_client(
            UserPoolId=POOL_ID, ClientName="admin-app", ExplicitAuthFlows=ALL_PASSWORD_FLOWS
        )["UserPoolClient"]["ClientId"]
        started = self.idp.admin_initiate_auth(
            UserPoolId=POOL_ID,
            ClientId=client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "temp1", "PASSWORD": "tempo123"},
        )
        self.assertEqual(started["ChallengeName"], "NEW_PASSWORD_REQUIRED")
        done = self.idp.admin_respond_to_auth_challenge(
            UserPoolId=POOL_ID,
            ClientId=client_id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=started["Session"],
            ChallengeResponses={"USERNAME": "temp1", "NEW_PASSWORD": "final123"},
        )
        verify(done["AuthenticationResult"]["AccessToken"], "access", client_id=client_id)
        self.assertEqual(self.idp.admin_get_user(UserPoolId=POOL_ID, Username="temp1")["UserStatus"], "CONFIRMED")

    def test_change_password_then_delete(self):
        self.idp.admin_create_user(UserPoolId=POOL_ID, Username="mover", MessageAction="SUPPRESS")
        self.idp.admin_set_user_password(UserPoolId=POOL_ID, Username="mover", Password="first123", Permanent=True)
        access = password_auth(self.idp, "mover", "first123")["AuthenticationResult"]["AccessToken"]
        with self.assertRaises(ClientError) as wrong:
            self.idp.change_password(PreviousPassword="nope123", ProposedPassword="second123", AccessToken=access)
        self.assertEqual(error_of(wrong), ("NotAuthorizedException", "Incorrect username or password."))
        self.idp.change_password(PreviousPassword="first123", ProposedPassword="second123", AccessToken=access)
        with self.assertRaises(ClientError):
            password_auth(self.idp, "mover", "first123")
        fresh = password_auth(self.idp, "mover", "second123")["AuthenticationResult"]["AccessToken"]
        self.idp.delete_user(AccessToken=fresh)
        with self.assertRaises(ClientError) as gone:
            self.idp.admin_get_user(UserPoolId=POOL_ID, Username="mover")
        self.assertEqual(error_of(gone), ("UserNotFoundException", "User does not exist."))
        with self.assertRaises(ClientError) as revoked:
            self.idp.get_user(AccessToken=fresh)
        self.assertEqual(error_of(revoked)[0], "NotAuthorizedException")

    def test_admin_delete_user(self):
        self.idp.admin_create_user(UserPoolId=POOL_ID, Username="leaver", MessageAction="SUPPRESS")
        self.idp.admin_delete_user(UserPoolId=POOL_ID, Username="leaver")
        with self.assertRaises(self.idp.exceptions.UserNotFoundException):
            self.idp.admin_delete_user(UserPoolId=POOL_ID, Username="leaver")


if __name__ == "__main__":
    unittest.main(verbosity=2)
