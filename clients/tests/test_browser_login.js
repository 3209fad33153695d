// A real browser through the hosted UI of `cogflow serve`: headless Chromium (the system's,
// driven by puppeteer-core, which downloads nothing) opens the authorize URL with a PKCE
// challenge, is sent to the sign-in page, gets the error on the page for a wrong password,
// signs in, and follows the redirect to a local callback (a listener the cargo test holds,
// COGFLOW_CALLBACK). The code is read from the browser's URL and redeemed with the verifier;
// the ID token's RS256 signature is checked against the served JWKS with Node's crypto, and
// its nonce and at_hash against what the app sent and got. Then the challenge pages: a
// temporary password gets the new-password page (a weak one refused on it), and an
// authenticator user, on pages asked for in Spanish (lang=es), gets the code page. Run with
// `node --test`.
"use strict";

const assert = require("node:assert/strict");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const test = require("node:test");
const puppeteer = require("puppeteer-core");

const ENDPOINT = process.env.COGFLOW_ENDPOINT;
const CLIENT_ID = process.env.COGFLOW_CLIENT_ID;
const CALLBACK = process.env.COGFLOW_CALLBACK;
const SHOT = process.env.COGFLOW_SCREENSHOT;

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const sha256 = (text) => crypto.createHash("sha256").update(text, "ascii").digest();

/** Chromium headless, with nothing of its own going to the network: every host but the
 * loopback ones resolves to nothing. */
async function launch() {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ],
  });
}

let shared;
/** A fresh browser context (its own cookies and storage, as a new browser's) in the one
 * Chromium the file's tests share: each launch costs seconds on a loaded machine. */
async function freshBrowser() {
  shared = shared || launch();
  return (await shared).createBrowserContext();
}
test.after(async () => {
  if (shared) await (await shared).close();
});

function authorizeUrl(challenge, state, nonce, extra = {}) {
  const query = new URLSearchParams({
    ...extra,
    response_type: "code",
    client_id: CLIENT_ID,
    redirect_uri: CALLBACK,
    scope: "openid email profile",
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  return `${ENDPOINT}/oauth2/authorize?${query}`;
}

/** The JWT's header and claims after its RS256 signature verified with the served JWKS. */
async function verified(token) {
  const [head, body, signature] = token.split(".");
  const header = JSON.parse(Buffer.from(head, "base64url"));
  const pool = process.env.COGFLOW_USER_POOL_ID;
  const jwks = await (await fetch(`${ENDPOINT}/${pool}/.well-known/jwks.json`)).json();
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  assert.ok(jwk, `no key ${header.kid} in the JWKS`);
  assert.equal(header.alg, "RS256");
  const key = crypto.createPublicKey({ key: jwk, format: "jwk" });
  const ok = crypto.verify(
    "RSA-SHA256",
    Buffer.from(`${head}.${body}`),
    key,
    Buffer.from(signature, "base64url"),
  );
  assert.ok(ok, "the signature does not verify");
  return JSON.parse(Buffer.from(body, "base64url"));
}

test("Chromium signs in on the served page and the app redeems the code with PKCE", async () => {
  const verifier = b64url(crypto.randomBytes(32));
  const challenge = b64url(sha256(verifier));
  const state = b64url(crypto.randomBytes(12));
  const nonce = b64url(crypto.randomBytes(12));
  const browser = await freshBrowser();
  try {
    const page = await browser.newPage();
    const logged = [];
    page.on("console", (message) => logged.push(message.text()));
    const opened = await page.goto(authorizeUrl(challenge, state, nonce));
    assert.equal(opened.status(), 200);
    assert.ok(page.url().startsWith(`${ENDPOINT}/login?`), page.url());
    assert.equal(await page.title(), "Sign in");
    // The first field has focus, each field has its label.
    assert.equal(await page.evaluate(() => document.activeElement.id), "username");
    const labels = await page.$$eval("label", (all) => all.map((l) => `${l.htmlFor}:${l.textContent}`));
    assert.deepEqual(labels, ["username:Username", "password:Password"]);
    const png = await page.screenshot({ path: SHOT, fullPage: true });
    assert.ok(png.length > 1000, `a screenshot of ${png.length} bytes`);
    assert.ok(fs.statSync(SHOT).size > 1000);

    // A wrong password: the same page, the error announced on it.
    await page.type("#username", "alice");
    await page.type("#password", "Wrong-Horse-1");
    await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    const alert = await page.$eval("[role=alert]", (p) => p.textContent);
    assert.equal(alert, "Error: Incorrect username or password.");
    assert.equal(await page.$eval("#username", (i) => i.value), "alice", "the username is kept");
    assert.equal(await page.$eval("#password", (i) => i.getAttribute("aria-describedby")), "error");

    // The right one: the browser goes to the callback with the code and the state.
    await page.type("#password", "Corr3ct-Horse!");
    const [arrived] = await Promise.all([
      page.waitForNavigation(),
      page.click("button[type=submit]"),
    ]);
    assert.equal(arrived.status(), 200);
    const back = new URL(page.url());
    assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
    assert.equal(back.searchParams.get("state"), state);
    const code = back.searchParams.get("code");
    assert.match(code, /^[0-9a-f-]{36}$/);
    assert.deepEqual(logged, [], "the pages log nothing");

    // The app's side: the code and the verifier for tokens.
    const answer = await fetch(`${ENDPOINT}/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: CLIENT_ID,
        code,
        redirect_uri: CALLBACK,
        code_verifier: verifier,
      }),
    });
    const tokens = await answer.json();
    assert.equal(answer.status, 200, JSON.stringify(tokens));
    const id = await verified(tokens.id_token);
    const access = await verified(tokens.access_token);
    assert.equal(id.aud, CLIENT_ID);
    assert.equal(id.token_use, "id");
    assert.equal(id.nonce, nonce);
    assert.equal(id.at_hash, b64url(sha256(tokens.access_token).subarray(0, 16)));
    assert.equal(id["cognito:username"], "alice");
    assert.equal(access.scope, "openid email profile");
    assert.equal(access.client_id, CLIENT_ID);
    fs.writeFileSync(path.join(path.dirname(SHOT), "code.txt"), code);
  } finally {
    await browser.close();
  }
});

/** Opens a fresh authorize request in `page` and signs `username` in with `password`;
 * resolves when the next page has loaded. */
async function signIn(page, username, password, extra = {}) {
  const verifier = b64url(crypto.randomBytes(32));
  const state = b64url(crypto.randomBytes(12));
  const opened = await page.goto(authorizeUrl(b64url(sha256(verifier)), state, "n", extra));
  assert.equal(opened.status(), 200);
  await page.type("#username", username);
  await page.type("#password", password);
  await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  return { verifier, state };
}

/** The page's labels as `for:text`, the focused field, and the alert's text (or null). */
async function looks(page) {
  return page.evaluate(() => ({
    labels: [...document.querySelectorAll("label")].map((l) => `${l.htmlFor}:${l.textContent}`),
    focused: document.activeElement.id,
    alert: document.querySelector("[role=alert]")?.textContent ?? null,
    lang: document.documentElement.lang,
  }));
}

/** Submits the page's form and waits for what comes next. */
async function submit(page) {
  const [answer] = await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  return answer;
}

test("A temporary password gets the new-password page, which refuses a weak one and ends at the callback", async () => {
  const browser = await freshBrowser();
  try {
    const page = await browser.newPage();
    const { state } = await signIn(page, "fran", "Temp-Pass-42!");
    assert.equal(await page.title(), "Change your password");
    let seen = await looks(page);
    assert.deepEqual(seen.labels, ["new_password:New password"]);
    assert.equal(seen.focused, "new_password");
    assert.equal(seen.alert, null);
    assert.equal(await page.$eval("#new_password", (i) => i.type), "password");

    await page.type("#new_password", "short");
    await submit(page);
    seen = await looks(page);
    assert.equal(await page.title(), "Change your password");
    assert.equal(seen.alert, "Error: Password did not conform with policy: Password not long enough");
    assert.equal(await page.$eval("#new_password", (i) => i.getAttribute("aria-describedby")), "error");

    await page.type("#new_password", "Brand-New-Horse-2");
    const arrived = await submit(page);
    assert.equal(arrived.status(), 200);
    const back = new URL(page.url());
    assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
    assert.equal(back.searchParams.get("state"), state);
    assert.match(back.searchParams.get("code"), /^[0-9a-f-]{36}$/);
  } finally {
    await browser.close();
  }
});

test("An authenticator user gets the code page in Spanish (lang=es), a wrong code stays there, the right one signs in", async () => {
  const browser = await freshBrowser();
  try {
    const page = await browser.newPage();
    await signIn(page, "sam", "Quiet-River-58!", { lang: "es" });
    assert.equal(await page.title(), "Introduce el código de tu autenticador");
    let seen = await looks(page);
    assert.equal(seen.lang, "es");
    assert.deepEqual(seen.labels, ["code:Código"]);
    assert.equal(seen.focused, "code");
    assert.equal(await page.$eval("#code", (i) => i.inputMode), "numeric");
    assert.equal(await page.$eval("#code", (i) => i.autocomplete), "one-time-code");

    await page.type("#code", "000000");
    await submit(page);
    seen = await looks(page);
    assert.equal(seen.alert, "Error: Invalid code or auth state for the user.");
    assert.equal(seen.lang, "es", "the cookie keeps the language");

    const now = await (await fetch(`${ENDPOINT}/_cogflow/totp?username=sam`)).json();
    await page.type("#code", now.code);
    const arrived = await submit(page);
    assert.equal(arrived.status(), 200);
    assert.equal(new URL(page.url()).pathname, new URL(CALLBACK).pathname);
  } finally {
    await browser.close();
  }
});
