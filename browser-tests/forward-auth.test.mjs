// Forward auth in headless Chromium through Debian's Caddy with seed 002's forward_auth snippet, in front of an
// upstream that answers with the request headers it received (JSON): a protected URL sends the browser to
// Gatehouse's login page, and after signing in it is back on the URL it asked for, whose upstream saw
// X-authentik-username; domain-level forward auth signs in once for every host under the cookie domain; sign_out
// ends the proxy session through the provider's end-session endpoint. *.localhost names reach loopback in Chromium.
// Run by ProxyBrowserIT, or by hand against a Gatehouse and a Caddy set up as that IT does:
//   APP_URL=http://app.localhost:9080 APP_SLUG=… APP_COOKIE=gatehouse_proxy_… \
//   DOMAIN_A_URL=http://a.apps.localhost:9080 DOMAIN_B_URL=http://b.apps.localhost:9080 \
//   DOMAIN_COOKIE=gatehouse_proxy_… COOKIE_DOMAIN=apps.localhost GATEHOUSE_USER=akadmin GATEHOUSE_PASSWORD=… \
//   SCREENSHOT_DIR=/tmp/shots node --test browser-tests/forward-auth.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './chromium.mjs';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is required`);
  }
  return value;
}

const APP = required('APP_URL').replace(/\/+$/, '');
const APP_SLUG = required('APP_SLUG');
const APP_COOKIE = required('APP_COOKIE');
const DOMAIN_A = required('DOMAIN_A_URL').replace(/\/+$/, '');
const DOMAIN_B = required('DOMAIN_B_URL').replace(/\/+$/, '');
const DOMAIN_COOKIE = required('DOMAIN_COOKIE');
const COOKIE_DOMAIN = required('COOKIE_DOMAIN');
const USER = required('GATEHOUSE_USER');
const PASSWORD = required('GATEHOUSE_PASSWORD');
const SCREENSHOT_DIR = required('SCREENSHOT_DIR');

const AUTHORIZE = '/application/o/authorize/';
const CALLBACK = '/outpost.goauthentik.io/callback';
const FLOW_PAGE = /^\/if\/flow\/[^/]+\/$/;

for (const url of [APP, DOMAIN_A, DOMAIN_B]) {
  assert.match(url, /^http:\/\/[a-z.]+\.localhost:\d+$/, 'the apps are reached as http://<name>.localhost:<port>');
}
mkdirSync(SCREENSHOT_DIR, { recursive: true });

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/**
 * A fresh context (own cookies) per test; every top-level navigation's URL is recorded, and the last document
 * response kept (what the upstream answered, once the browser is back on the app).
 */
async function withPage(body) {
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  try {
    const page = await context.newPage();
    const visited = [];
    const state = { document: null };
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        visited.push(new URL(request.url()));
      }
    });
    page.on('response', (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && response.status() < 300) {
        state.document = response;
      }
    });
    return await body(page, context, visited, state);
  } finally {
    await context.close();
  }
}

/** Gatehouse's login page, reached from an app: username, then password; back on `appOrigin` afterwards. */
async function signIn(page, appOrigin) {
  const login = new URL(page.url());
  assert.notEqual(login.origin, appOrigin, `sent away from the app to sign in, not left at ${page.url()}`);
  assert.match(login.pathname, FLOW_PAGE, `Gatehouse's login page, not ${page.url()}`);
  await page.getByLabel('Username or email').fill(USER);
  await Promise.all([page.waitForURL((url) => url.pathname === login.pathname),
    page.getByRole('button', { name: 'Log in' }).click()]);
  await page.getByText(`Signing in as ${USER}`).waitFor();
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => url.origin === appOrigin, { waitUntil: 'load' }),
    page.getByRole('button', { name: 'Continue' }).click()]);
}

/** What the upstream saw for the page now shown: its JSON answer. */
async function upstreamSaw(state) {
  assert.ok(state.document, 'a document was loaded');
  assert.match(state.document.headers()['content-type'] ?? '', /^application\/json/, `the upstream's answer at ${state.document.url()}`);
  return state.document.json();
}

test('a protected URL goes through Gatehouse\'s login page and back to the app, whose upstream sees the user', async () => {
  await withPage(async (page, context, visited, state) => {
    const target = `${APP}/private/page?x=1`;
    await page.goto(target);
    assert.ok(visited.some((url) => url.pathname === AUTHORIZE), `through the authorize endpoint (${visited.join(' ')})`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'forward-auth-login.png'), fullPage: true });
    await signIn(page, APP);
    assert.equal(page.url(), target, 'back on the URL the browser asked for');
    assert.ok(visited.some((url) => url.origin === APP && url.pathname === CALLBACK), 'through the callback on the app\'s host');

    const seen = await upstreamSaw(state);
    assert.equal(seen.uri, '/private/page?x=1');
    assert.deepEqual(seen.headers['x-authentik-username'], [USER]);
    assert.equal(seen.headers['x-authentik-meta-app']?.[0], APP_SLUG);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'forward-auth-app.png'), fullPage: true });

    const cookie = (await context.cookies(APP)).find((c) => c.name === APP_COOKIE);
    assert.ok(cookie, `the proxy session cookie ${APP_COOKIE}`);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.domain, new URL(APP).hostname, 'a host-only cookie');

    // the session serves the next page without another trip to Gatehouse
    visited.length = 0;
    const again = await page.goto(`${APP}/again`);
    assert.equal(again.status(), 200);
    assert.deepEqual(visited.map((url) => url.href), [`${APP}/again`]);
    assert.deepEqual((await again.json()).headers['x-authentik-username'], [USER]);
  });
});

test('domain level: one sign-in serves every host under the cookie domain', async () => {
  await withPage(async (page, context, visited, state) => {
    const first = `${DOMAIN_A}/one`;
    await page.goto(first);
    await signIn(page, DOMAIN_A);
    assert.equal(page.url(), first);
    assert.deepEqual((await upstreamSaw(state)).headers['x-authentik-username'], [USER]);
    const cookie = (await context.cookies(DOMAIN_A)).find((c) => c.name === DOMAIN_COOKIE);
    assert.ok(cookie, `the proxy session cookie ${DOMAIN_COOKIE}`);
    assert.equal(cookie.domain, `.${COOKIE_DOMAIN}`, 'set for the cookie domain');

    visited.length = 0;
    const second = await page.goto(`${DOMAIN_B}/two`);
    assert.equal(second.status(), 200);
    assert.deepEqual(visited.map((url) => url.href), [`${DOMAIN_B}/two`], 'no sign-in on the second host');
    const seen = await second.json();
    assert.deepEqual(seen.headers['x-authentik-username'], [USER]);
    assert.deepEqual(seen.headers.host, [new URL(DOMAIN_B).host]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'forward-auth-domain.png'), fullPage: true });
  });
});

test('sign_out ends the proxy session through the provider\'s end-session endpoint', async () => {
  await withPage(async (page, context, visited) => {
    await page.goto(`${APP}/before`);
    await signIn(page, APP);
    assert.ok((await context.cookies(APP)).some((c) => c.name === APP_COOKIE), 'signed in to the app');

    visited.length = 0;
    await page.goto(`${APP}/outpost.goauthentik.io/sign_out`);
    assert.ok(visited.some((url) => url.pathname === `/application/o/${APP_SLUG}/end-session/`),
      `continued to the provider's end-session endpoint (${visited.join(' ')})`);
    assert.equal((await context.cookies(APP)).find((c) => c.name === APP_COOKIE), undefined,
      'the proxy session cookie is gone');

    visited.length = 0;
    await page.goto(`${APP}/after`);
    assert.ok(visited.some((url) => url.pathname === AUTHORIZE), `the app asks Gatehouse again (${visited.join(' ')})`);
  });
});
