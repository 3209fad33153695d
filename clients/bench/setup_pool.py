"""Prepares one target of scripts/bench-serve.sh and writes the request bodies its load uses.

    setup_pool.py ENDPOINT OUT_DIR [--create]

With --create (moto) it creates a pool, an app client allowing USER_PASSWORD_AUTH and a
confirmed user; without (cogflow serve) it uses the banner's pool, given as env
COGFLOW_CLIENT_ID. Either way it signs in once and writes OUT_DIR/GetUser.json and
OUT_DIR/InitiateAuth.json: the same two requests for both servers."""

import json
import os
import sys

import boto3

USERNAME, PASSWORD = "bench", "Bench-Pass-1"


def main():
    endpoint, out = sys.argv[1], sys.argv[2]
    idp = boto3.client(
        "cognito-idp",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
    )
    if "--create" in sys.argv:
        pool = idp.create_user_pool(PoolName="bench")["UserPool"]["Id"]
        client_id = idp.create_user_pool_client(
            UserPoolId=pool,
            ClientName="bench",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )["UserPoolClient"]["ClientId"]
        idp.admin_create_user(UserPoolId=pool, Username=USERNAME, MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=pool, Username=USERNAME, Password=PASSWORD, Permanent=True)
    else:
        client_id = os.environ["COGFLOW_CLIENT_ID"]
    sign_in = {
        "AuthFlow": "USER_PASSWORD_AUTH",
        "ClientId": client_id,
        "AuthParameters": {"USERNAME": USERNAME, "PASSWORD": PASSWORD},
    }
    tokens = idp.initiate_auth(**sign_in)["AuthenticationResult"]
    with open(os.path.join(out, "InitiateAuth.json"), "w") as f:
        json.dump(sign_in, f)
    with open(os.path.join(out, "GetUser.json"), "w") as f:
        json.dump({"AccessToken": tokens["AccessToken"]}, f)


if __name__ == "__main__":
    main()
