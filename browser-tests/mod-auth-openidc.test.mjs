// Apache httpd with mod_auth_openidc (a third-party relying party, Debian's libapache2-mod-auth-openidc) in
// front of a page, Gatehouse as its OpenID Connect provider, headless Chromium as the browser: the protected
// page sends the browser to Gatehouse's login page, and after signing in it shows the user as Apache sees it
// (REMOTE_USER and the OIDC_CLAIM_* environment, printed by an SSI page); a location that requires a group
// claim lets the user in, one that requires another group does not; logging out through mod_auth_openidc's
// logout URL goes through Gatehouse's end-session endpoint (id_token_hint and post_logout_redirect_uri) back to
// Apache and ends both sessions, while a post-logout page Gatehouse does not know gets its error page. Run by
// ModAuthOpenidcIT, or by hand against a Gatehouse and an Apache set up as that IT does:
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_SLUG=<slug> APACHE_URL=http://localhost:9080 \
//   APACHE_LOGOUT_TARGET=http://localhost:9080/logged-out.html GATEHOUSE_USER=… GATEHOUSE_PASSWORD=… \
//   GATEHOUSE_EMAIL=… GATEHOUSE_GROUP=… SCREENSHOT_DIR=/tmp/shots node --test browser-tests/mod-auth-openidc.test.mjs
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

const GATEHOUSE = required('GATEHOUSE_URL').replace(/\/+$/, '');
const SLUG = required('GATEHOUSE_SLUG');
const APACHE = required('APACHE_URL').replace(/\/+$/, '');
const LOGOUT_TARGET = required('APACHE_LOGOUT_TARGET');
const USER = required('GATEHOUSE_USER');
const PASSWORD = required('GATEHOUSE_PASSWORD');
const EMAIL = required('GATEHOUSE_EMAIL');
const GROUP = required('GATEHOUSE_GROUP');
const SCREENSHOT_DIR = required('SCREENSHOT_DIR');

const WHOAMI = `${APACHE}/protected/whoami.shtml`;
const REDIRECT_URI = `${APACHE}/protected/redirect_uri`;
const MEMBERS_ONLY = `${APACHE}/members/whoami.shtml`;
const OTHERS_ONLY = `${APACHE}/others/whoami.shtml`;
const LOGIN = '/if/flow/default-authentication-flow/';
const AUTHORIZE = '/application/o/authorize/';
const END_SESSION = `/application/o/${SLUG}/end-session/`;
const UNREGISTERED_TARGET = `${APACHE}/not-registered.html`;

for (const url of [GATEHOUSE, APACHE]) {
  assert.match(url, /^http:\/\/localhost:\d+$/, 'both servers must be reached as http://localhost:<port>');
}
assert.notEqual(GATEHOUSE, APACHE);
mkdirSync(SCREENSHOT_DIR, { recursive: true });

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** A fresh context (own cookies) per test, with every top-level navigation's URL recorded; closed afterwards. */
async function withPage(body) {
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  try {
    const page = await context.newPage();
    const visited = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        visited.push(new URL(request.url()));
      }
    });
    return await body(page, context, visited);
  } finally {
    await context.close();
  }
}

/** Gatehouse's login page, as the browser reaches it from Apache: username, then password. */
async function signIn(page) {
  assert.equal(new URL(page.url()).origin, GATEHOUSE, `sent to Gatehouse, not left at ${page.url()}`);
  assert.equal(new URL(page.url()).pathname, LOGIN, `Gatehouse's login page, not ${page.url()}`);
  await page.getByLabel('Username or email').fill(USER);
  await Promise.all([page.waitForURL((url) => url.pathname === LOGIN),
    page.getByRole('button', { name: 'Log in' }).click()]);
  await page.getByText(`Signing in as ${USER}`).waitFor();
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => url.origin === APACHE, { waitUntil: 'load' }),
    page.getByRole('button', { name: 'Continue' }).click()]);
}

/** What the SSI page printed: REMOTE_USER and the claims, by the ids of their <dd> elements. */
async function shown(page) {
  const values = {};
  for (const id of ['remote-user', 'preferred-username', 'email', 'groups', 'sub']) {
    values[id] = (await page.locator(`#${id}`).textContent()).trim();
  }
  return values;
}

/** The protected page, signed in through Gatehouse; returns the page's values and the URLs the browser went through. */
async function logInThroughApache(page, visited) {
  await page.goto(WHOAMI);
  const authorize = visited.find((url) => url.origin === GATEHOUSE && url.pathname === AUTHORIZE);
  assert.ok(authorize, `Apache sent the browser to Gatehouse's authorize endpoint (went through ${visited.join(' ')})`);
  assert.equal(authorize.searchParams.get('redirect_uri'), REDIRECT_URI);
  assert.equal(authorize.searchParams.get('response_type'), 'code');
  assert.deepEqual(authorize.searchParams.get('scope').split(' ').sort(), ['email', 'openid', 'profile']);
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256', 'mod_auth_openidc is set to use PKCE');
  assert.match(authorize.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
  await signIn(page);
  assert.equal(page.url(), WHOAMI, 'mod_auth_openidc returns the browser to the page it asked for');
  const callback = visited.find((url) => url.href.startsWith(`${REDIRECT_URI}?`));
  assert.ok(callback?.searchParams.get('code'), 'the browser came back to the redirect URI with a code');
  assert.equal(callback.searchParams.get('state'), authorize.searchParams.get('state'));
}

test('the protected page signs in through Gatehouse and sees REMOTE_USER and the OIDC_CLAIM_* variables', async () => {
  await withPage(async (page, context, visited) => {
    await logInThroughApache(page, visited);
    const values = await shown(page);
    assert.equal(values['remote-user'], USER, 'REMOTE_USER is the preferred_username claim');
    assert.equal(values['preferred-username'], USER);
    assert.equal(values.email, EMAIL);
    assert.ok(values.groups.split(',').includes(GROUP), `OIDC_CLAIM_groups "${values.groups}" contains ${GROUP}`);
    assert.match(values.sub, /^[0-9a-f]{64}$/, 'sub is the hashed user id');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'mod-auth-openidc-whoami.png'), fullPage: true });

    // the same session serves the next request without another trip to Gatehouse
    visited.length = 0;
    const again = await page.goto(WHOAMI);
    assert.equal(again.status(), 200);
    assert.deepEqual(visited.map((url) => url.href), [WHOAMI]);
    assert.deepEqual(await shown(page), values);

    const session = (await context.cookies(APACHE)).find((c) => c.name === 'mod_auth_openidc_session');
    assert.ok(session, 'mod_auth_openidc keeps its own session cookie');
  });
});

test('"Require claim groups:" admits a member of the group and refuses one of another', async () => {
  await withPage(async (page, context, visited) => {
    await logInThroughApache(page, visited);
    const members = await page.goto(MEMBERS_ONLY);
    assert.equal(members.status(), 200, `${MEMBERS_ONLY} requires groups:${GROUP}`);
    assert.equal((await shown(page))['remote-user'], USER);
    const others = await page.goto(OTHERS_ONLY);
    assert.equal(others.status(), 401, `${OTHERS_ONLY} requires a group ${USER} is not in`);
  });
});

test('logout through mod_auth_openidc reaches Gatehouse\'s end-session and ends both sessions', async () => {
  await withPage(async (page, context, visited) => {
    await logInThroughApache(page, visited);
    assert.ok((await context.cookies(GATEHOUSE)).some((c) => c.name === 'gatehouse_session'), 'signed in at Gatehouse');
    visited.length = 0;
    const response = await page.goto(`${REDIRECT_URI}?logout=${encodeURIComponent(LOGOUT_TARGET)}`);
    assert.equal(response.status(), 200);
    assert.equal(page.url(), LOGOUT_TARGET, 'back on the registered post-logout page');
    assert.match(await page.locator('body').innerText(), /Signed out of the Apache application/);

    const endSession = visited.find((url) => url.origin === GATEHOUSE && url.pathname === END_SESSION);
    assert.ok(endSession, `the logout went through ${END_SESSION} (went through ${visited.join(' ')})`);
    assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), LOGOUT_TARGET);
    assert.ok(endSession.searchParams.get('id_token_hint'), 'mod_auth_openidc sent its id_token as id_token_hint');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'mod-auth-openidc-logged-out.png'), fullPage: true });

    assert.equal((await context.cookies(GATEHOUSE)).find((c) => c.name === 'gatehouse_session'), undefined,
      'Gatehouse\'s session cookie is gone');
    // neither Apache nor Gatehouse remembers the user: the protected page asks for a password again
    await page.goto(WHOAMI);
    assert.equal(new URL(page.url()).origin, GATEHOUSE);
    assert.equal(new URL(page.url()).pathname, LOGIN);
    await page.getByLabel('Username or email').waitFor();
  });
});

test('a post-logout page that is not registered gets Gatehouse\'s error page, and Gatehouse\'s session stays', async () => {
  await withPage(async (page, context, visited) => {
    await logInThroughApache(page, visited);
    visited.length = 0;
    // mod_auth_openidc accepts it (same host as its redirect URI); Gatehouse must not redirect there
    const response = await page.goto(`${REDIRECT_URI}?logout=${encodeURIComponent(UNREGISTERED_TARGET)}`);
    assert.equal(response.status(), 400);
    const at = new URL(page.url());
    assert.equal(at.origin + at.pathname, GATEHOUSE + END_SESSION, 'the browser stays on the end-session page');
    assert.equal(at.searchParams.get('post_logout_redirect_uri'), UNREGISTERED_TARGET);
    assert.match(await page.locator('main').innerText(), /post_logout_redirect_uri is not registered/);
    assert.ok(!visited.some((url) => url.href.startsWith(UNREGISTERED_TARGET)), 'never sent to the unregistered page');
    assert.ok((await context.cookies(GATEHOUSE)).some((c) => c.name === 'gatehouse_session'),
      'a refused logout request ends nothing at Gatehouse');
    // mod_auth_openidc ended its own session before it sent the browser away; Gatehouse's signs in again without a password
    visited.length = 0;
    await page.goto(WHOAMI);
    assert.equal(page.url(), WHOAMI);
    assert.ok(visited.some((url) => url.origin === GATEHOUSE && url.pathname === AUTHORIZE), 'a new authorization');
    assert.ok(!visited.some((url) => url.pathname === LOGIN), 'no login page: still signed in at Gatehouse');
    assert.equal((await shown(page))['remote-user'], USER);
  });
});
