"""The AWS CLI (v1, from the venv) pointed at the mock by AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER
alone: exit codes and error text as it prints them for real Cognito."""

import json
import os
import subprocess
import sys
import unittest

from common import CLIENT_ID, ENDPOINT, POOL_ID, REGION, verify

AWS = os.path.join(os.path.dirname(sys.executable), "aws")


def aws(*args):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": ENDPOINT,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "cogflow-local",
        "AWS_SECRET_ACCESS_KEY": "cogflow-local",
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        "AWS_PAGER": "",
    }
    return subprocess.run(
        [AWS, "cognito-idp", *args], env=env, capture_output=True, text=True, timeout=60
    )


def initiate_auth(password):
    return aws(
        "initiate-auth",
        "--auth-flow", "USER_PASSWORD_AUTH",
        "--client-id", CLIENT_ID,
        "--auth-parameters", f"USERNAME=user123,PASSWORD={password}",
    )


class AwsCli(unittest.TestCase):
    def test_initiate_auth_succeeds(self):
        ran = initiate_auth("pass123")
        self.assertEqual(ran.returncode, 0, ran.stderr)
        result = json.loads(ran.stdout)["AuthenticationResult"]
        self.assertEqual(result["TokenType"], "Bearer")
        verify(result["IdToken"], "id")

    def test_initiate_auth_fails_as_for_real_cognito(self):
        ran = initiate_auth("wrong12")
        self.assertEqual(ran.returncode, 255)
        self.assertEqual(
            ran.stderr.strip(),
            "An error occurred (NotAuthorizedException) when calling the InitiateAuth operation: "
            "Incorrect username or password.",
        )
        self.assertEqual(ran.stdout, "")

    def test_admin_calls_unsigned_with_no_sign_request(self):
        ran = aws("admin-get-user", "--user-pool-id", POOL_ID, "--username", "user123", "--no-sign-request")
        self.assertEqual(ran.returncode, 0, ran.stderr)
        self.assertEqual(json.loads(ran.stdout)["UserStatus"], "CONFIRMED")
        missing = aws("admin-get-user", "--user-pool-id", POOL_ID, "--username", "ghost")
        self.assertEqual(missing.returncode, 255)
        self.assertEqual(
            missing.stderr.strip(),
            "An error occurred (UserNotFoundException) when calling the AdminGetUser operation: "
            "User does not exist.",
        )


if __name__ == "__main__":
    unittest.main(verbosity=2)
