// amazon-cognito-identity-js against `cogflow serve` (tests/fixtures/serve/srp.toml), run with
// `node --test`: CognitoUser.authenticateUser, the SDK's default flow (USER_SRP_AUTH, SRP
// computed by the SDK's own AuthenticationHelper), pointed at the mock by the pool's `endpoint`
// option. Success, a wrong password, the newPasswordRequired callback, and random users until
// the SDK has padded every value of the protocol every way it can (below).
// Every ID token is checked with RS256 against the served JWKS (Node's crypto).
// The random users are shared out to worker threads, one per core (at least 2): the SDK's SRP
// is pure-JS BigInteger arithmetic (montReduce/modPow are ~95% of the run's CPU, ~0.4 s per
// sign-in), so one thread doing 100 sign-ins was the suite's longest test. This file is each
// worker's script too: in a worker the tests below are not registered, `usersInWorker` runs.
"use strict";

const assert = require("node:assert/strict");
const crypto = require("node:crypto");
const os = require("node:os");
const { Worker, isMainThread, parentPort, workerData } = require("node:worker_threads");
const test = isMainThread ? require("node:test") : () => {};
const {
  AuthenticationDetails,
  AuthenticationHelper,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
} = require("amazon-cognito-identity-js");

const ENDPOINT = process.env.COGFLOW_ENDPOINT;
const POOL = new CognitoUserPool({
  UserPoolId: process.env.COGFLOW_USER_POOL_ID,
  ClientId: process.env.COGFLOW_CLIENT_ID,
  endpoint: ENDPOINT + "/",
});
const WRONG = "Incorrect username or password.";

// The random users exist for SRP's padding: the SDK hashes A and B (into u), the SALT (into x),
// S and u (into the HKDF key) as `padHex` writes them, and the server must hash the same bytes.
// `padHex` writes a value's hex three ways: "00" before it when its top bit is set ("00"), "0"
// before an odd number of digits ("0"; 1 value in 16), or as it is ("="). The SDK's own
// `padHex` is watched here (its code unchanged): each call inside getPasswordAuthenticationKey
// is named by its value (A, B, salt, u; the one other is S) and its way counted, so the test
// knows which cases the real client took, each of which the server then matched.
const ROLES = ["A", "B", "salt", "S", "u"];
const WAYS = ["00", "0", "="];
const padded = new Map(ROLES.flatMap((role) => WAYS.map((way) => [`${role} ${way}`, 0])));
{
  const helper = AuthenticationHelper.prototype;
  const padHex = helper.padHex;
  const key = helper.getPasswordAuthenticationKey;
  let values = null;
  helper.padHex = function (bigInt) {
    const hex = padHex.call(this, bigInt);
    if (values) {
      const role = bigInt === this.largeAValue ? "A" : bigInt === this.UValue ? "u" : values.get(bigInt) || "S";
      const plain = bigInt.toString(16);
      const way = hex === plain ? "=" : hex === "0" + plain ? "0" : "00";
      padded.set(`${role} ${way}`, padded.get(`${role} ${way}`) + 1);
    }
    return hex;
  };
  helper.getPasswordAuthenticationKey = function (username, password, serverB, salt, callback) {
    values = new Map([[serverB, "B"], [salt, "salt"]]);
    try {
      return key.call(this, username, password, serverB, salt, (err, hkdf) => {
        values = null;
        callback(err, hkdf);
      });
    } finally {
      // calculateS's modPow calls back synchronously: S and u are padded before this.
      values = null;
    }
  };
}

/** authenticateUser as a promise: { session } on success, { newPassword } on the challenge. */
function signIn(username, password) {
  const user = new CognitoUser({ Username: username, Pool: POOL });
  const details = new AuthenticationDetails({ Username: username, Password: password });
  return new Promise((resolve, reject) => {
    user.authenticateUser(details, {
      onSuccess: (session) => resolve({ user, session }),
      onFailure: reject,
      newPasswordRequired: (userAttributes) => resolve({ user, newPassword: userAttributes }),
      totpRequired: () => reject(new Error("unexpected totpRequired")),
      mfaRequired: () => reject(new Error("unexpected mfaRequired")),
    });
  });
}

let jwks;
/** RS256 verification of `token` by its kid against the JWKS fetched from the served URL. */
async function verifyIdToken(token, username) {
  jwks = jwks || (await (await fetch(process.env.COGFLOW_JWKS_URL)).json());
  const [header, payload, signature] = token.split(".");
  const kid = JSON.parse(Buffer.from(header, "base64url")).kid;
  const jwk = jwks.keys.find((k) => k.kid === kid);
  assert.ok(jwk, `kid ${kid} is in the JWKS`);
  const key = crypto.createPublicKey({ key: jwk, format: "jwk" });
  const valid = crypto.verify(
    "RSA-SHA256",
    Buffer.from(`${header}.${payload}`),
    key,
    Buffer.from(signature, "base64url"),
  );
  assert.ok(valid, "the RS256 signature verifies with the JWKS key");
  const claims = JSON.parse(Buffer.from(payload, "base64url"));
  assert.equal(claims.token_use, "id");
  assert.equal(claims.aud, process.env.COGFLOW_CLIENT_ID);
  assert.equal(claims.iss, process.env.COGFLOW_ISSUER);
  assert.equal(claims["cognito:username"], username);
  return claims;
}

async function lastCode(username) {
  const answer = await fetch(
    `${ENDPOINT}/_cogflow/messages?${new URLSearchParams({ username })}`,
  );
  const codes = (await answer.json()).messages.filter((m) => m.kind === "SignUp");
  assert.ok(codes.length, `a SignUp code for ${username}`);
  return codes[codes.length - 1].code;
}

function signUp(username, password, email) {
  const attributes = [new CognitoUserAttribute({ Name: "email", Value: email })];
  return new Promise((resolve, reject) =>
    POOL.signUp(username, password, attributes, null, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

function confirm(username, code) {
  const user = new CognitoUser({ Username: username, Pool: POOL });
  return new Promise((resolve, reject) =>
    user.confirmRegistration(code, true, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

test("authenticateUser signs in over SRP and the ID token verifies against the JWKS", async () => {
  const { session } = await signIn("alice", "Passw0rd!");
  assert.ok(session.isValid(), "the session is valid");
  await verifyIdToken(session.getIdToken().getJwtToken(), "alice");
  assert.equal(session.getAccessToken().decodePayload().username, "alice");
  assert.ok(session.getRefreshToken().getToken().split(".").length === 5);
});

test("a wrong password gets onFailure with Cognito's exception and message", async () => {
  await assert.rejects(signIn("alice", "Passw0rd?"), (err) => {
    assert.equal(err.code, "NotAuthorizedException");
    assert.equal(err.message, WRONG);
    return true;
  });
});

test("a temporary password gets the newPasswordRequired callback, then tokens", async () => {
  const { user, newPassword } = await signIn("jo", "Temp-Pass-43");
  assert.ok(newPassword, "newPasswordRequired was called");
  assert.equal(newPassword.email, "jo@example.com");
  const session = await new Promise((resolve, reject) =>
    user.completeNewPasswordChallenge("Own-Pass-4343", {}, {
      onSuccess: resolve,
      onFailure: reject,
    }),
  );
  await verifyIdToken(session.getIdToken().getJwtToken(), "jo");
  // The new password proves over SRP now; the temporary one no longer does.
  const again = await signIn("jo", "Own-Pass-4343");
  assert.ok(again.session.isValid());
  await assert.rejects(signIn("jo", "Temp-Pass-43"), (err) => err.message === WRONG);
});

/** A small seeded generator (mulberry32), so a failing case can be replayed by its seed. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random user's sign-up, confirmation, sign-in (ID token verified) and wrong password. */
async function oneUser({ i, username, password }, seed) {
  await signUp(username, password, `js${i}@example.com`);
  await confirm(username, await lastCode(username));
  const { session } = await signIn(username, password);
  await verifyIdToken(session.getIdToken().getJwtToken(), username);
  const wrong = password.slice(0, -1) + (password.endsWith("x") ? "y" : "x");
  await assert.rejects(signIn(username, wrong), (err) => {
    assert.equal(err.code, "NotAuthorizedException", `seed ${seed}, ${username}`);
    assert.equal(err.message, WRONG);
    return true;
  });
}

/** A worker signs in the users the main thread hands it, one at a time, and after each posts
 * the padding cases taken so far; "stop" ends it. */
function usersInWorker({ seed }) {
  parentPort.on("message", (user) => {
    if (user === "stop") {
      parentPort.close();
      return;
    }
    oneUser(user, seed).then(
      () => parentPort.postMessage({ done: user.i, padded: [...padded] }),
      (err) => {
        throw err;
      },
    );
  });
  parentPort.postMessage({ ready: true });
}

if (!isMainThread) {
  usersInWorker(workerData);
}

test("random users until every padding case is taken: right passwords sign in, wrong ones are refused", async () => {
  const seed = Number(process.env.COGFLOW_TEST_SEED || 17);
  const random = generator(seed);
  const pick = (chars) => chars[Math.floor(random() * chars.length)];
  const classes = ["ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "0123456789", "!#%&*+-=?@^_~"];
  // The same users, drawn in the same order, as when one thread signed 50 of them in.
  const users = [];
  for (let i = 0; i < 50; i++) {
    const username = `js${i}-` + Array.from({ length: 1 + Math.floor(random() * 20) }, () =>
      pick("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+@")).join("");
    const chars = classes.map(pick);
    for (let n = 4 + Math.floor(random() * 24); n > 0; n--) chars.push(pick(classes.join("")));
    chars.sort(() => random() - 0.5);
    users.push({ i, username, password: chars.join("") });
  }
  // At least MIN users; then more until every padding case has been taken, or all 50 (as many
  // as this test always signed in) when the draw has not taken one.
  const MIN = 12;
  const taken = new Map(); // per worker, its counts
  const total = () => {
    const sum = new Map([...padded].map(([cell]) => [cell, 0]));
    for (const counts of taken.values()) for (const [cell, n] of counts) sum.set(cell, sum.get(cell) + n);
    return sum;
  };
  const untaken = () => [...total()].filter(([, n]) => n === 0).map(([cell]) => cell);
  let next = 0;
  let done = 0;
  const threads = Math.min(4, Math.max(2, os.availableParallelism()));
  await Promise.all(
    Array.from(
      { length: threads },
      (_, k) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(__filename, { workerData: { seed } });
          worker.on("message", (m) => {
            if (m.padded) {
              taken.set(k, m.padded);
              done++;
            }
            const enough = next >= users.length || (next >= MIN && untaken().length === 0);
            worker.postMessage(enough ? "stop" : users[next++]);
          });
          worker.on("error", reject);
          worker.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`a worker exited ${code}`))));
        }),
    ),
  );
  assert.equal(done, next, "every user handed out signed in and was refused with a wrong password");
  assert.ok(done >= MIN, `${done} users`);
  assert.ok(done === users.length || untaken().length === 0, `${done} users and untaken: ${untaken()}`);
  const cases = [...total()].map(([cell, n]) => `${cell}:${n}`).join(" ");
  console.log(`# ${done} random users (seed ${seed}); padding cases taken: ${cases}; untaken: ${untaken().join(", ") || "none"}`);
});
