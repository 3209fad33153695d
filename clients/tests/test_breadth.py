"""Issue 17 over the wire, with clients nobody here wrote: boto3 (both retry modes, reading the
`amz-sdk-request` header each attempt sends), pyotp as the authenticator app, PyJWT verifying
the tokens by the JWKS. MFA set-up from MFA_SETUP is covered in-process; here a signed-in user
adds an authenticator, and an admin adds a group that the next tokens carry."""

import unittest

import boto3
import pyotp
from botocore.config import Config
from botocore.exceptions import ClientError

from common import CLIENT_ID, POOL_ID, client, error_of, password_auth, post_json, verify

PASSWORD = "Correct-Horse-9"


def signed_up(idp, username):
    """A confirmed user made by an admin with a permanent password."""
    idp.admin_create_user(UserPoolId=POOL_ID, Username=username, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=POOL_ID, Username=username, Password=PASSWORD, Permanent=True)


class Groups(unittest.TestCase):
    def test_an_admin_adds_a_group_and_the_next_tokens_carry_it(self):
        idp = client()
        signed_up(idp, "gus")
        idp.create_group(GroupName="admins", UserPoolId=POOL_ID, Precedence=0,
                         RoleArn="arn:aws:iam::123456789012:role/Admin")
        idp.admin_add_user_to_group(UserPoolId=POOL_ID, Username="gus", GroupName="admins")
        listed = idp.admin_list_groups_for_user(UserPoolId=POOL_ID, Username="gus")["Groups"]
        self.assertEqual([g["GroupName"] for g in listed], ["admins"])
        tokens = password_auth(idp, "gus", PASSWORD)["AuthenticationResult"]
        id_claims = verify(tokens["IdToken"], "id")
        access_claims = verify(tokens["AccessToken"], "access")
        self.assertEqual(id_claims["cognito:groups"], ["admins"])
        self.assertEqual(access_claims["cognito:groups"], ["admins"])
        self.assertEqual(id_claims["cognito:preferred_role"], "arn:aws:iam::123456789012:role/Admin")
        with self.assertRaises(ClientError) as again:
            idp.create_group(GroupName="admins", UserPoolId=POOL_ID)
        self.assertEqual(error_of(again), ("GroupExistsException", "A group with the name admins already exists."))


class Authenticator(unittest.TestCase):
    def test_a_signed_in_user_sets_up_pyotp_and_then_needs_its_code(self):
        idp = client()
        signed_up(idp, "tia")
        access = password_auth(idp, "tia", PASSWORD)["AuthenticationResult"]["AccessToken"]
        secret = idp.associate_software_token(AccessToken=access)["SecretCode"]
        app = pyotp.TOTP(secret)
        with self.assertRaises(ClientError) as wrong:
            idp.verify_software_token(AccessToken=access, UserCode="000000")
        self.assertEqual(error_of(wrong), ("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA"))
        verified = idp.verify_software_token(AccessToken=access, UserCode=app.now(), FriendlyDeviceName="phone")
        self.assertEqual(verified["Status"], "SUCCESS")
        idp.set_user_mfa_preference(
            AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
        )
        challenge = password_auth(idp, "tia", PASSWORD)
        self.assertEqual(challenge["ChallengeName"], "SOFTWARE_TOKEN_MFA")
        done = idp.respond_to_auth_challenge(
            ClientId=CLIENT_ID, ChallengeName="SOFTWARE_TOKEN_MFA", Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "tia", "SOFTWARE_TOKEN_MFA_CODE": app.now()},
        )
        verify(done["AuthenticationResult"]["IdToken"], "id")


def _text(header):
    return header.decode() if isinstance(header, bytes) else header


class Throttling(unittest.TestCase):
    def tearDown(self):
        post_json("/_cogflow/faults", {"faults": []})

    def attempts(self, mode):
        """How many attempts boto3 makes at a throttled InitiateAuth, by the header it sends."""
        idp = client()
        signed_up(idp, f"thr-{mode}")
        seen = []
        idp = boto3.client(
            "cognito-idp", endpoint_url=idp.meta.endpoint_url, region_name=idp.meta.region_name,
            aws_access_key_id="cogflow-test", aws_secret_access_key="cogflow-test",
            config=Config(retries={"mode": mode, "max_attempts": 3}),
        )
        idp.meta.events.register(
            "before-send.cognito-idp.InitiateAuth",
            lambda request, **_: seen.append(_text(request.headers.get("amz-sdk-request"))),
        )
        post_json("/_cogflow/faults", {"faults": [{"operation": "InitiateAuth", "kind": "TooManyRequests", "times": 2}]})
        try:
            password_auth(idp, f"thr-{mode}", PASSWORD)
            outcome = "signed in"
        except ClientError as e:
            outcome = e.response["Error"]["Code"]
        return outcome, seen

    def test_legacy_mode_does_not_retry_too_many_requests(self):
        outcome, seen = self.attempts("legacy")
        self.assertEqual(outcome, "TooManyRequestsException")
        self.assertEqual(len(seen), 1, seen)

    def test_standard_mode_retries_and_the_header_counts_attempts(self):
        outcome, seen = self.attempts("standard")
        self.assertEqual(outcome, "signed in")
        # e.g. "attempt=1; max=3", then "ttl=…; attempt=2; max=3": the SDK says which try it is.
        attempts = [next(p.strip() for p in s.split(";") if p.strip().startswith("attempt=")) for s in seen]
        self.assertEqual(attempts, ["attempt=1", "attempt=2", "attempt=3"])


if __name__ == "__main__":
    unittest.main()
