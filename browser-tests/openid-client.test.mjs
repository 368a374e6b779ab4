// Gatehouse's OAuth2/OIDC provider driven by openid-client (a certified relying-party library, v6 API): discovery,
// the code flow with PKCE S256, state and nonce, id_token validation (signature via JWKS), userinfo, and refresh
// token rotation. The browser is played with fetch and a small cookie jar: redirects are followed by hand, the
// sign-in goes through the flow executor's JSON API, and the redirect to the callback is captured (the callback
// itself need not exist). Run by OpenIdClientIT, or by hand against a server with a confidential provider whose
// strict redirect URI is <GATEHOUSE_URL>/rp/callback:
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_ISSUER=http://localhost:9000/application/o/<slug>/ \
//   GATEHOUSE_CLIENT_ID=… GATEHOUSE_CLIENT_SECRET=… GATEHOUSE_USER=akadmin GATEHOUSE_PASSWORD=… \
//   GATEHOUSE_EMAIL=admin@example.org node --test browser-tests/openid-client.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is required`);
  }
  return value;
}

const BASE = required('GATEHOUSE_URL').replace(/\/+$/, '');
const ISSUER = required('GATEHOUSE_ISSUER');
const CLIENT_ID = required('GATEHOUSE_CLIENT_ID');
const CLIENT_SECRET = required('GATEHOUSE_CLIENT_SECRET');
const USER = required('GATEHOUSE_USER');
const PASSWORD = required('GATEHOUSE_PASSWORD');
const EMAIL = required('GATEHOUSE_EMAIL');

const CALLBACK = `${BASE}/rp/callback`;
const SCOPE = 'openid email profile offline_access';
const ACR = 'goauthentik.io/providers/oauth2/default';
const MAX_HOPS = 30;

/** name → value of the cookies the server set (one host; a cookie set empty or expired is dropped). */
class CookieJar {
  #cookies = new Map();

  store(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k, v = ''] = a.split('=').map((s) => s.trim());
        return (k.toLowerCase() === 'max-age' && Number(v) <= 0)
          || (k.toLowerCase() === 'expires' && Date.parse(v) <= Date.now());
      });
      if (expired || value === '') {
        this.#cookies.delete(name);
      } else {
        this.#cookies.set(name, value);
      }
    }
  }

  header() {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  has(name) {
    return this.#cookies.has(name);
  }
}

/** One request with the jar's cookies, redirects not followed; the response's cookies go into the jar. */
async function request(jar, url, { method = 'GET', json } = {}) {
  const headers = { cookie: jar.header(), accept: json === undefined ? 'text/html,application/json' : 'application/json' };
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url, {
    method, headers, redirect: 'manual', body: json === undefined ? undefined : JSON.stringify(json),
  });
  jar.store(response);
  return response;
}

function location(response, from) {
  const to = response.headers.get('location');
  assert.ok(to, `${from} answered ${response.status} without Location`);
  return new URL(to, from);
}

/**
 * The flow executor for the flow page at `page` (/if/flow/<slug>/?<query>): GET the challenge, answer
 * identification and password, POSTs answered by a redirect back to the GET; returns where the flow sends the
 * browser (xak-flow-redirect).
 */
async function runFlow(jar, page) {
  const slug = page.pathname.match(/^\/if\/flow\/([^/]+)\/$/)[1];
  const executor = new URL(`/api/v3/flows/executor/${slug}/`, BASE);
  if (page.search.length > 1) {
    executor.searchParams.set('query', page.search.slice(1));
  }
  let challenge = await json(await request(jar, executor), 'GET');
  for (let step = 0; step < MAX_HOPS; step++) {
    assert.equal(challenge.response_errors, undefined, `flow ${slug} refused an answer: ${JSON.stringify(challenge)}`);
    let answer;
    switch (challenge.component) {
      case 'xak-flow-redirect':
        return new URL(challenge.to, BASE);
      case 'ak-stage-identification':
        answer = { component: challenge.component, uid_field: USER };
        if (challenge.password_fields) {
          answer.password = PASSWORD;
        }
        break;
      case 'ak-stage-password':
        answer = { component: challenge.component, password: PASSWORD };
        break;
      default:
        assert.fail(`flow ${slug}: no answer for ${JSON.stringify(challenge)}`);
    }
    let response = await request(jar, executor, { method: 'POST', json: answer });
    if (response.status >= 300 && response.status < 400) {
      response = await request(jar, location(response, executor));
    }
    challenge = await json(response, 'POST');
  }
  assert.fail(`flow ${slug} did not end after ${MAX_HOPS} steps`);
}

async function json(response, method) {
  const body = await response.text();
  assert.equal(response.status, 200, `${method} ${response.url} -> ${response.status}: ${body}`);
  return JSON.parse(body);
}

/**
 * The browser from the authorization URL to the client's callback: redirects followed by hand, flow pages run
 * through the executor; returns the callback URL with its query (code, state, iss, …).
 */
async function authorize(jar, authorizationUrl) {
  let url = authorizationUrl;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (url.href.startsWith(`${CALLBACK}?`) || url.href === CALLBACK) {
      return url;
    }
    if (url.origin === BASE && /^\/if\/flow\/[^/]+\/$/.test(url.pathname)) {
      url = await runFlow(jar, url);
      continue;
    }
    const response = await request(jar, url);
    if (response.status < 300 || response.status >= 400) {
      assert.fail(`GET ${url} -> ${response.status} instead of a redirect: ${(await response.text()).slice(0, 2000)}`);
    }
    url = location(response, url);
  }
  assert.fail(`no redirect to ${CALLBACK} after ${MAX_HOPS} hops`);
}

let config;
const jar = new CookieJar();
const started = Math.floor(Date.now() / 1000);

/**
 * The client's configuration from discovery: plain HTTP allowed (loopback), and the id_token's signature
 * checked against the issuer's JWKS (openid-client skips that for token endpoint responses unless asked).
 */
function discover(options = {}) {
  return client.discovery(new URL(ISSUER), CLIENT_ID, undefined, client.ClientSecretBasic(CLIENT_SECRET),
    { execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks], ...options });
}

before(async () => {
  config = await discover();
});

/** A fresh authorization request (PKCE S256, state, nonce) and the browser's way to the callback. */
async function codeFlow() {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  assert.equal(url.origin + url.pathname, `${BASE}/application/o/authorize/`);
  const callback = await authorize(jar, url);
  return { verifier, state, nonce, callback };
}

test('discovery: the issuer and its endpoints', () => {
  const server = config.serverMetadata();
  assert.equal(server.issuer, ISSUER);
  assert.equal(server.authorization_endpoint, `${BASE}/application/o/authorize/`);
  assert.equal(server.token_endpoint, `${BASE}/application/o/token/`);
  assert.equal(server.userinfo_endpoint, `${BASE}/application/o/userinfo/`);
  assert.equal(server.jwks_uri, `${ISSUER}jwks/`);
  assert.ok(server.code_challenge_methods_supported.includes('S256'), 'S256 offered');
  assert.ok(server.supportsPKCE(), 'openid-client sees PKCE support');
});

test('code flow with PKCE: id_token, userinfo, refresh rotation and the old refresh token refused', async () => {
  const { verifier, state, nonce, callback } = await codeFlow();
  assert.ok(jar.has('gatehouse_session'), 'the browser signed in');
  assert.ok(callback.searchParams.get('code'), `a code in ${callback}`);

  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true,
  });
  assert.equal(tokens.token_type.toLowerCase(), 'bearer');
  assert.ok(tokens.access_token);
  assert.ok(tokens.refresh_token, 'offline_access gives a refresh token');
  assert.ok(tokens.expiresIn() > 0);
  assert.ok(client.getJwksCache(config)?.jwks?.keys?.length > 0, 'the id_token was checked against the JWKS');
  const claims = tokens.claims();
  assert.equal(claims.iss, ISSUER);
  assert.equal(claims.aud, CLIENT_ID);
  assert.equal(claims.nonce, nonce);
  assert.match(claims.sub, /^\S+$/);
  assert.equal(claims.email, EMAIL);
  assert.equal(claims.preferred_username, USER);
  assert.equal(claims.acr, ACR);
  assert.equal(typeof claims.auth_time, 'number');
  const now = Math.floor(Date.now() / 1000);
  assert.ok(claims.auth_time >= started - 1 && claims.auth_time <= now + 1,
    `auth_time ${claims.auth_time} is the sign-in of this test (${started}..${now})`);

  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  assert.equal(userinfo.sub, claims.sub);
  assert.equal(userinfo.email, EMAIL);
  assert.equal(userinfo.preferred_username, USER);

  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  assert.ok(refreshed.access_token);
  assert.ok(refreshed.refresh_token, 'a rotated refresh token');
  assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
  assert.notEqual(refreshed.access_token, tokens.access_token);
  if (refreshed.id_token) {
    assert.equal(refreshed.claims().sub, claims.sub);
  }
  const again = await client.fetchUserInfo(config, refreshed.access_token, claims.sub);
  assert.equal(again.sub, claims.sub);

  await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token), (error) => {
    assert.ok(error instanceof client.ResponseBodyError, `a ResponseBodyError, not ${error}`);
    assert.equal(error.error, 'invalid_grant');
    assert.equal(error.status, 400);
    return true;
  }, 'the old refresh token is refused after rotation');
  await assert.rejects(client.refreshTokenGrant(config, refreshed.refresh_token), (error) => {
    assert.ok(error instanceof client.ResponseBodyError, `a ResponseBodyError, not ${error}`);
    assert.equal(error.error, 'invalid_grant');
    return true;
  }, 'the reuse revoked the whole family, the rotated refresh token too');
});

/** The token endpoint's response with one character of the id_token's signature changed. */
async function tamperingFetch(url, options) {
  const response = await fetch(url, options);
  if (new URL(url).pathname !== '/application/o/token/' || response.status !== 200) {
    return response;
  }
  const body = await response.json();
  const [header, payload, signature] = body.id_token.split('.');
  const i = Math.floor(signature.length / 2);
  body.id_token = [header, payload,
    signature.slice(0, i) + (signature[i] === 'A' ? 'B' : 'A') + signature.slice(i + 1)].join('.');
  return new Response(JSON.stringify(body), {
    status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

test('a tampered state, then a tampered id_token signature, are rejected by openid-client', async () => {
  const { verifier, state, nonce, callback } = await codeFlow();
  const checks = { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true };
  const tampered = new URL(callback);
  tampered.searchParams.set('state', `${state}x`);
  await assert.rejects(client.authorizationCodeGrant(config, tampered, checks), (error) => {
    assert.ok(error instanceof client.ClientError, `a ClientError (refused before the token endpoint), not ${error}`);
    assert.equal(error.code, 'OAUTH_INVALID_RESPONSE');
    assert.equal(error.cause?.message, 'unexpected "state" response parameter value');
    return true;
  });

  // the code was not spent: the server redeems it, and the forged signature is what openid-client refuses
  const forging = await discover({ [client.customFetch]: tamperingFetch });
  await assert.rejects(client.authorizationCodeGrant(forging, callback, checks), (error) => {
    assert.ok(error instanceof client.ClientError, `a ClientError, not ${error}`);
    assert.equal(error.code, 'OAUTH_INVALID_RESPONSE');
    assert.equal(error.cause?.message, 'JWT signature verification failed');
    return true;
  });
});
