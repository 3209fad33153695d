"""Authlib (an OAuth 2.0 / OpenID Connect client nobody here wrote) against `cogflow serve
hosted-ui-pkce`: the whole authorization code + PKCE exchange, refresh, userInfo, client
credentials, and the ID token checked as authlib's own OpenID client checks it (signature from
the served JWKS, iss, aud, exp, nonce, at_hash).

The browser's part (authorize, the sign-in page, its form) is played by `requests` with a
cookie jar and no redirects followed, so the test reads each hop; tests/it/browser.rs does the
same with a real Chromium."""

import html
import re
import secrets
import unittest
import urllib.parse

import requests
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

from common import BANNER, CLIENT_ID, ENDPOINT, ISSUER, JWKS_URL, POOL_ID, client

CALLBACK = "http://localhost:9876/callback"
AUTHORIZE = f"{ENDPOINT}/oauth2/authorize"
TOKEN = f"{ENDPOINT}/oauth2/token"
USERINFO = f"{ENDPOINT}/oauth2/userInfo"


def session(**extra):
    return OAuth2Session(
        CLIENT_ID,
        scope="openid email profile",
        redirect_uri=CALLBACK,
        code_challenge_method="S256",
        **extra,
    )


def sign_in_in_the_browser(url, password="Corr3ct-Horse!"):
    """Follows authorize to the sign-in page, posts the form with its CSRF cookie, and
    returns the answer to the form (a 302 to the callback when the password is right)."""
    browser = requests.Session()
    hop = browser.get(url, allow_redirects=False, timeout=10)
    assert hop.status_code == 302, (hop.status_code, hop.text)
    page = browser.get(hop.headers["Location"], allow_redirects=False, timeout=10)
    assert page.status_code == 200, page.text
    fields = {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', page.text)
    }
    assert "_csrf" in fields and browser.cookies.get("XSRF-TOKEN") == fields["_csrf"], fields
    fields.update(username="alice", password=password)
    return browser.post(f"{ENDPOINT}/login", data=fields, allow_redirects=False, timeout=10)


def verified_id_token(token, nonce):
    """What authlib's OpenIDMixin.parse_id_token does, with the served JWKS: the signature
    (by kid, RS256 only), then CodeIDToken's iss, aud, exp, iat, nonce and at_hash."""
    keys = KeySet.import_key_set(requests.get(JWKS_URL, timeout=10).json())
    decoded = jwt.decode(token["id_token"], key=keys, registry=JWSRegistry(algorithms=["RS256"]))
    claims = CodeIDToken(
        decoded.claims,
        decoded.header,
        {"iss": {"values": [ISSUER]}},
        {"nonce": nonce, "client_id": CLIENT_ID, "access_token": token["access_token"]},
    )
    claims.validate(leeway=60)
    return claims


class CodeWithPkce(unittest.TestCase):
    def exchange(self, verifier=None, nonce=None):
        oauth = session()
        verifier = verifier or secrets.token_urlsafe(48)
        nonce = nonce or secrets.token_urlsafe(16)
        url, state = oauth.create_authorization_url(AUTHORIZE, code_verifier=verifier, nonce=nonce)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)
        self.assertEqual(query["code_challenge_method"], ["S256"])
        back = sign_in_in_the_browser(url)
        self.assertEqual(back.status_code, 302, back.text)
        callback = back.headers["Location"]
        self.assertTrue(callback.startswith(CALLBACK + "?code="), callback)
        self.assertIn(f"state={state}", callback)
        return oauth, callback, verifier, nonce

    def test_code_pkce_tokens_verified_refresh_and_user_info(self):
        oauth, callback, verifier, nonce = self.exchange()
        token = oauth.fetch_token(TOKEN, authorization_response=callback, code_verifier=verifier)
        self.assertEqual(token["token_type"], "Bearer")
        self.assertIn("refresh_token", token)
        claims = verified_id_token(token, nonce)
        self.assertEqual(claims["aud"], CLIENT_ID)
        self.assertEqual(claims["nonce"], nonce)
        self.assertEqual(claims["email"], "alice@example.com")
        self.assertEqual(claims["cognito:username"], "alice")
        # A nonce the app did not send, or an at_hash of another access token, fail the checks.
        with self.assertRaises(Exception):
            verified_id_token(token, "another-nonce")
        with self.assertRaises(Exception):
            verified_id_token({**token, "access_token": token["access_token"] + "x"}, nonce)

        info = oauth.get(USERINFO, timeout=10)
        self.assertEqual(info.status_code, 200, info.text)
        self.assertEqual(info.json()["email"], "alice@example.com")
        self.assertEqual(info.json()["sub"], claims["sub"])

        refreshed = oauth.refresh_token(TOKEN)
        self.assertNotEqual(refreshed["access_token"], token["access_token"])
        # No new refresh token from Cognito: authlib keeps the one it had.
        self.assertEqual(refreshed["refresh_token"], token["refresh_token"])
        scope = jwt.decode(refreshed["access_token"], key=KeySet.import_key_set(
            requests.get(JWKS_URL, timeout=10).json())).claims["scope"]
        self.assertEqual(scope, "openid email profile", "refresh keeps the scopes")

    def test_a_wrong_verifier_or_a_second_use_is_invalid_grant(self):
        oauth, callback, _verifier, _ = self.exchange()
        with self.assertRaises(OAuthError) as refused:
            oauth.fetch_token(TOKEN, authorization_response=callback,
                              code_verifier="dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        self.assertEqual(refused.exception.error, "invalid_grant")
        oauth, callback, verifier, _ = self.exchange()
        oauth.fetch_token(TOKEN, authorization_response=callback, code_verifier=verifier)
        with self.assertRaises(OAuthError) as again:
            session().fetch_token(TOKEN, authorization_response=callback, code_verifier=verifier)
        self.assertEqual(again.exception.error, "invalid_grant")

    def test_user_info_refuses_an_initiate_auth_token(self):
        answer = client().initiate_auth(
            ClientId=CLIENT_ID,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "alice", "PASSWORD": "Corr3ct-Horse!"},
        )
        access = answer["AuthenticationResult"]["AccessToken"]
        info = requests.get(USERINFO, headers={"Authorization": f"Bearer {access}"}, timeout=10)
        self.assertEqual(info.status_code, 401)
        self.assertIn('error="invalid_token"', info.headers["WWW-Authenticate"])

    def test_a_wrong_password_stays_on_the_page(self):
        oauth = session()
        url, _ = oauth.create_authorization_url(AUTHORIZE, code_verifier=secrets.token_urlsafe(48))
        answer = sign_in_in_the_browser(url, password="Wrong-Horse-1")
        self.assertEqual(answer.status_code, 200)
        self.assertIn('role="alert">Error: Incorrect username or password.', answer.text)


class ClientCredentials(unittest.TestCase):
    def test_basic_and_post_give_an_access_token_with_custom_scopes(self):
        backend = BANNER["client_id.backend"]
        described = client().describe_user_pool_client(UserPoolId=POOL_ID, ClientId=backend)
        secret = described["UserPoolClient"]["ClientSecret"]
        self.assertEqual(described["UserPoolClient"]["AllowedOAuthFlows"], ["client_credentials"])
        for method in ["client_secret_basic", "client_secret_post"]:
            machine = OAuth2Session(backend, secret, token_endpoint_auth_method=method,
                                    scope="orders/read")
            token = machine.fetch_token(TOKEN, grant_type="client_credentials")
            self.assertNotIn("id_token", token)
            self.assertNotIn("refresh_token", token)
            claims = jwt.decode(token["access_token"], key=KeySet.import_key_set(
                requests.get(JWKS_URL, timeout=10).json())).claims
            self.assertEqual((claims["sub"], claims["scope"]), (backend, "orders/read"), method)
        wrong = OAuth2Session(backend, "not-the-secret")
        with self.assertRaises(OAuthError) as refused:
            wrong.fetch_token(TOKEN, grant_type="client_credentials")
        self.assertEqual(refused.exception.error, "invalid_client")


if __name__ == "__main__":
    unittest.main()
