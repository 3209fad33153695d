"""pycognito against `cogflow serve --issuer local` (tests/fixtures/serve/srp.toml): USER_SRP_AUTH
as pycognito computes it (pycognito/aws_srp.py, code nobody here wrote), tokens verified by PyJWT
against the served JWKS; a wrong password refused with Cognito's words; NEW_PASSWORD_REQUIRED;
and random users, each signed in with the right password and refused with a wrong one, until
pycognito has padded every SRP value every way it can (at least 12 users, at most 50)."""

import os
import random
import string
import sys
import unittest

from botocore.exceptions import ClientError
from pycognito import Cognito, aws_srp
from pycognito.exceptions import ForceChangePasswordException

from common import CLIENT_ID, ENDPOINT, POOL_ID, REGION, client, error_of, last_code, verify


def cognito(username):
    """pycognito's Cognito for `username` on the served endpoint. pycognito verifies the tokens
    itself against `<endpoint>/<pool>/.well-known/jwks.json` with that URL as the issuer, which
    is what `--issuer local` serves."""
    return Cognito(
        POOL_ID,
        CLIENT_ID,
        username=username,
        user_pool_region=REGION,
        boto3_client_kwargs={
            "endpoint_url": ENDPOINT,
            "aws_access_key_id": "cogflow-test",
            "aws_secret_access_key": "cogflow-test",
        },
    )


# The random users exist for SRP's padding: pycognito hashes A and B (into u), the SALT (into x),
# S and u (into the HKDF key) as `aws_srp.pad_hex` writes them, and the server must hash the same
# bytes. `pad_hex` writes a value's hex three ways: "00" before it when its top bit is set, "0"
# before an odd number of digits (1 value in 16), or as it is ("="). pycognito's own pad_hex is
# watched here (its code unchanged): in get_password_authentication_key it pads, in this order,
# A, B, the salt, S and u; each call's way is counted.
ROLES = ("A", "B", "salt", "S", "u")
PADDED = {f"{role} {way}": 0 for role in ROLES for way in ("00", "0", "=")}
_pad_hex = aws_srp.pad_hex
_key = aws_srp.AWSSRP.get_password_authentication_key
_calls = None  # the ways taken in the get_password_authentication_key under way


def _watched_pad_hex(value):
    padded = _pad_hex(value)
    if _calls is not None and len(_calls) < len(ROLES):
        plain = value if isinstance(value, str) else f"{value:x}"
        way = "=" if padded == plain else "0" if padded == "0" + plain else "00"
        PADDED[f"{ROLES[len(_calls)]} {way}"] += 1
        _calls.append(way)
    return padded


def _watched_key(self, *args):
    global _calls
    _calls = []
    try:
        key = _key(self, *args)
        assert len(_calls) == len(ROLES), f"pycognito padded {len(_calls)} values, not 5"
        return key
    finally:
        _calls = None


aws_srp.pad_hex = _watched_pad_hex
aws_srp.AWSSRP.get_password_authentication_key = _watched_key


def random_password(rng):
    """A password Cognito's default policy accepts: 8+ characters with each class."""
    classes = [string.ascii_uppercase, string.ascii_lowercase, string.digits, "!#%&*+-=?@^_~"]
    chars = [rng.choice(c) for c in classes]
    chars += [rng.choice("".join(classes)) for _ in range(rng.randint(4, 28))]
    rng.shuffle(chars)
    return "".join(chars)


class PycognitoSrp(unittest.TestCase):
    WRONG = ("NotAuthorizedException", "Incorrect username or password.")

    def test_authenticate_signs_in_and_pyjwt_verifies_the_tokens(self):
        user = cognito("alice")
        user.authenticate(password="Passw0rd!")
        id_claims = verify(user.id_token, "id")
        access_claims = verify(user.access_token, "access")
        self.assertEqual(id_claims["cognito:username"], "alice")
        self.assertEqual(access_claims["username"], "alice")
        # pycognito's own verification passed too, and agrees.
        self.assertEqual(user.id_claims["sub"], id_claims["sub"])
        self.assertEqual(user.token_type, "Bearer")
        self.assertTrue(user.refresh_token)

    def test_a_wrong_password_is_not_authorized_with_cognitos_message(self):
        with self.assertRaises(ClientError) as raised:
            cognito("alice").authenticate(password="Passw0rd?")
        self.assertEqual(error_of(raised), self.WRONG)
        self.assertEqual(raised.exception.operation_name, "RespondToAuthChallenge")

    def test_an_unknown_user_gets_a_simulated_challenge_then_the_same_answer(self):
        with self.assertRaises(ClientError) as raised:
            cognito("nobody-here").authenticate(password="Passw0rd!")
        self.assertEqual(error_of(raised), self.WRONG)
        self.assertEqual(raised.exception.operation_name, "RespondToAuthChallenge")

    def test_a_temporary_password_proves_then_must_be_replaced(self):
        with self.assertRaises(ForceChangePasswordException):
            cognito("fran").authenticate(password="Temp-Pass-42")
        user = cognito("fran")
        user.new_password_challenge(password="Temp-Pass-42", new_password="Own-Pass-4242")
        verify(user.id_token, "id")
        # The new password has a new verifier: it proves, the temporary one no longer does.
        cognito("fran").authenticate(password="Own-Pass-4242")
        with self.assertRaises(ClientError) as raised:
            cognito("fran").authenticate(password="Temp-Pass-42")
        self.assertEqual(error_of(raised), self.WRONG)

    def test_random_users_until_every_padding_case_right_passwords_in_wrong_ones_out(self):
        seed = int(os.environ.get("COGFLOW_TEST_SEED", "13"))
        rng = random.Random(seed)
        idp = client()
        alphabet = string.ascii_letters + string.digits + "._-+@"
        accepted = refused = 0
        before = dict(PADDED)  # the other tests' sign-ins are not counted

        def untaken():
            return [cell for cell, n in PADDED.items() if n == before[cell]]

        # The same users, in the same order, as when this test always signed in 50; at least 12,
        # then more until every padding case is taken, or all 50 when the draw has not taken one.
        for i in range(50):
            if i >= 12 and not untaken():
                break
            username = f"u{i}-" + "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 20)))
            password = random_password(rng)
            idp.sign_up(
                ClientId=CLIENT_ID,
                Username=username,
                Password=password,
                UserAttributes=[{"Name": "email", "Value": f"user{i}@example.com"}],
            )
            idp.confirm_sign_up(
                ClientId=CLIENT_ID,
                Username=username,
                ConfirmationCode=last_code(username, "SignUp"),
            )
            user = cognito(username)
            user.authenticate(password=password)
            self.assertEqual(verify(user.id_token, "id")["cognito:username"], username)
            accepted += 1
            wrong = password[:-1] + ("x" if password[-1] != "x" else "y")
            with self.assertRaises(ClientError, msg=f"seed {seed}, {username}") as raised:
                cognito(username).authenticate(password=wrong)
            self.assertEqual(error_of(raised), self.WRONG)
            refused += 1
        self.assertEqual(refused, accepted)
        self.assertGreaterEqual(accepted, 12)
        self.assertTrue(accepted == 50 or not untaken(), f"{accepted} users, untaken {untaken()}")
        cases = " ".join(f"{cell}:{n - before[cell]}" for cell, n in PADDED.items())
        print(f"{accepted} random users (seed {seed}); padding cases taken: {cases}; "
              f"untaken: {', '.join(untaken()) or 'none'}", file=sys.stderr)

if __name__ == "__main__":
    unittest.main()
