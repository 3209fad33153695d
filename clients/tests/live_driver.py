"""The learner's own code, as the README's "Try it with your own code" writes it, driving
`cogflow serve`'s live view in tests/it/serve/live.rs: a sign-in, GetUser with its access token,
a wrong password. Not a unittest: it prints each answer so the test can match it to the screen.

Reads AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER (the banner's export line) and COGFLOW_CLIENT_ID.
"""

import os
import sys

import boto3

idp = boto3.client("cognito-idp")
client_id = os.environ["COGFLOW_CLIENT_ID"]


def sign_in(password):
    return idp.initiate_auth(
        AuthFlow="USER_PASSWORD_AUTH",
        ClientId=client_id,
        AuthParameters={"USERNAME": "user123", "PASSWORD": password},
    )


result = sign_in("pass123")["AuthenticationResult"]
print("signed in, ExpiresIn", result["ExpiresIn"], flush=True)
print("GetUser:", idp.get_user(AccessToken=result["AccessToken"])["Username"], flush=True)
try:
    sign_in("wrong")
except idp.exceptions.NotAuthorizedException as e:
    print("refused:", e.response["Error"]["Code"], e.response["Error"]["Message"], flush=True)
    sys.exit(0)
sys.exit("the wrong password was accepted")
