"""What every real-client test shares: the served endpoint (from the environment the cargo
test sets from `cogflow serve`'s banner), a boto3 client pointed at it, and the helpers
(/_cogflow/messages, /_cogflow/clock) a learner's script would use too."""

import json
import os
import urllib.parse
import urllib.request

import boto3
import jwt
from botocore.config import Config

ENDPOINT = os.environ["COGFLOW_ENDPOINT"]
REGION = os.environ["COGFLOW_REGION"]
POOL_ID = os.environ["COGFLOW_USER_POOL_ID"]
CLIENT_ID = os.environ["COGFLOW_CLIENT_ID"]
JWKS_URL = os.environ["COGFLOW_JWKS_URL"]
ISSUER = os.environ["COGFLOW_ISSUER"]
BANNER = json.loads(os.environ.get("COGFLOW_BANNER", "{}"))


def client(**config):
    """boto3's cognito-idp client on the served endpoint, with dummy keys (Admin calls are
    signed; the signature is never checked). No retries: a test must see the first answer."""
    return boto3.client(
        "cognito-idp",
        endpoint_url=ENDPOINT,
        region_name=REGION,
        aws_access_key_id="cogflow-test",
        aws_secret_access_key="cogflow-test",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}, **config),
    )


def get_json(path):
    with urllib.request.urlopen(ENDPOINT + path, timeout=10) as answer:
        return json.load(answer)


def post_json(path, body):
    request = urllib.request.Request(
        ENDPOINT + path, data=json.dumps(body).encode(), method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def last_code(username, kind):
    """The latest code of `kind` (SignUp, ForgotPassword, TemporaryPassword) sent to `username`."""
    query = urllib.parse.urlencode({"username": username})
    messages = get_json(f"/_cogflow/messages?{query}")["messages"]
    codes = [m["code"] for m in messages if m["kind"] == kind]
    assert codes, f"no {kind} message for {username}: {messages}"
    return codes[-1]


def advance_clock(duration):
    return post_json("/_cogflow/clock", {"advance": duration})


def error_of(raised):
    """(Error.Code, Error.Message) of a botocore ClientError."""
    error = raised.exception.response["Error"]
    return error["Code"], error["Message"]


JWKS = jwt.PyJWKClient(JWKS_URL, cache_keys=True)


def verify(token, token_use, client_id=CLIENT_ID, pool_id=None):
    """PyJWT's verdict on a token, with keys fetched over HTTP from the served JWKS URL alone:
    signature by `kid`, `exp`, `iss`, `aud` (ID) or `client_id` (access), `token_use`.
    `pool_id`: a pool other than the banner's, whose JWKS is at the same place under its id."""
    if pool_id is None:
        jwks, issuer = JWKS, ISSUER
    else:
        jwks = jwt.PyJWKClient(f"{ENDPOINT}/{pool_id}/.well-known/jwks.json")
        issuer = f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}"
    return _verify(jwks, issuer, token, token_use, client_id)


def _verify(jwks, issuer, token, token_use, client_id):
    key = jwks.get_signing_key_from_jwt(token)
    options = {"require": ["exp", "iat", "iss", "sub", "token_use"]}
    if token_use == "id":
        claims = jwt.decode(
            token, key.key, algorithms=["RS256"], audience=client_id, issuer=issuer, options=options
        )
    else:
        # Access tokens have no `aud`; `client_id` is checked by hand, as AWS says to.
        claims = jwt.decode(token, key.key, algorithms=["RS256"], issuer=issuer, options=options)
        assert claims["client_id"] == client_id, claims
    assert claims["token_use"] == token_use, claims
    return claims


def password_auth(idp, username, password, client_id=CLIENT_ID):
    return idp.initiate_auth(
        AuthFlow="USER_PASSWORD_AUTH",
        ClientId=client_id,
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )
