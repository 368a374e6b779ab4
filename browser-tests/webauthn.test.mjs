// Headless Chromium with a CDP virtual authenticator (CTAP2, internal transport, resident keys, user verification)
// against a running Gatehouse: sign in with the password, register a passkey through
// /if/flow/default-authenticator-webauthn-setup/, sign out, then sign in with the passkey alone from the
// identification page, and with the password, after which the validate stage asks for the same key.
// Run by BrowserWebAuthnIT, or by hand:
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_USER=akadmin GATEHOUSE_PASSWORD=… \
//   SCREENSHOT_DIR=/tmp/shots node --test browser-tests/webauthn.test.mjs
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

const BASE = required('GATEHOUSE_URL').replace(/\/+$/, '');
const USER = required('GATEHOUSE_USER');
const PASSWORD = required('GATEHOUSE_PASSWORD');
const SCREENSHOT_DIR = required('SCREENSHOT_DIR');

const LOGIN = '/if/flow/default-authentication-flow/';
const SETUP = '/if/flow/default-authenticator-webauthn-setup/';
const LOGOUT = '/if/flow/default-invalidation-flow/';
const ME = '/api/v3/core/users/me/';
const DEVICES = '/api/v3/authenticators/webauthn/';

// WebAuthn needs a secure context: http://localhost is one, http://127.0.0.1 is not for the RP id.
assert.match(BASE, /^http:\/\/localhost:\d+$/, 'pages must be loaded from http://localhost:<port>');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

async function me(context) {
  const response = await context.request.get(ME);
  return { status: response.status(), body: response.status() === 200 ? await response.json() : null };
}

// Runs before the enrolment below: once akadmin has a passkey, a password sign-in needs it too.
/** The invalidation flow page asks first (a link alone signs nobody out); its button logs out. */
async function logOut(page) {
  await page.goto(LOGOUT);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== LOGOUT),
    page.getByRole('button', { name: 'Log out' }).click(),
  ]);
}

test('without JavaScript the setup page says WebAuthn needs it', async () => {
  const context = await browser.newContext({ baseURL: BASE, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${LOGIN}?next=${encodeURIComponent(ME)}`);
    assert.equal(await page.getByRole('button', { name: 'Sign in with a passkey' }).isVisible(), false,
      'no passkey button without JavaScript');
    await page.getByLabel('Username or email').fill(USER);
    await Promise.all([page.waitForURL((url) => url.pathname === LOGIN), page.getByRole('button', { name: 'Log in' }).click()]);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname === ME), page.getByRole('button', { name: 'Continue' }).click()]);
    await page.goto(SETUP);
    assert.match(await page.locator('main.card').innerText(), /needs JavaScript/);
  } finally {
    await context.close();
  }
});

test('register a passkey, sign in with the passkey alone, then with the password and the key', async () => {
  const context = await browser.newContext({ baseURL: BASE });
  context.setDefaultTimeout(20_000);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
        isUserVerified: true, automaticPresenceSimulation: true,
      },
    });

    // 1. password sign-in
    await page.goto(`${LOGIN}?next=${encodeURIComponent(ME)}`);
    await page.getByLabel('Username or email').fill(USER);
    await Promise.all([page.waitForURL((url) => url.pathname === LOGIN), page.getByRole('button', { name: 'Log in' }).click()]);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname === ME), page.getByRole('button', { name: 'Continue' }).click()]);
    assert.equal((await me(context)).body.user.username, USER);
    assert.equal((await (await context.request.get(DEVICES)).json()).pagination.count, 0, 'no device yet');

    // 2. enrol a passkey
    await page.goto(SETUP);
    const register = page.getByRole('button', { name: 'Register a passkey' });
    await register.waitFor();
    await page.locator('main.card').screenshot({ path: join(SCREENSHOT_DIR, 'webauthn-setup.png') });
    await Promise.all([page.waitForURL((url) => url.pathname !== SETUP), register.click()]);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1, 'the authenticator holds one credential');
    assert.equal(credentials[0].isResidentCredential, true, 'a discoverable credential (passkey)');
    assert.equal(credentials[0].rpId, 'localhost');
    const devices = await (await context.request.get(DEVICES)).json();
    assert.equal(devices.pagination.count, 1, 'the server stored one device');

    // 3. sign out. The authenticator stops answering by itself first: the login page the browser lands on asks
    // for passkeys in the username autofill (conditional UI), which it would otherwise answer at once.
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: false });
    await logOut(page);
    assert.equal((await me(context)).status, 401, 'signed out');

    // 4. passwordless: the passkey from the identification page, no username, no password
    const counterBefore = credentials[0].signCount;
    await context.clearCookies(); // a new flow plan, so that it leads to ?next=
    await page.goto(`${LOGIN}?next=${encodeURIComponent(ME)}`);
    const passkey = page.getByRole('button', { name: 'Sign in with a passkey' });
    await passkey.waitFor();
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: true });
    await Promise.all([
      page.waitForURL((url) => url.pathname === ME),
      // the browser may answer the pending autofill request first, which signs in just the same
      passkey.click().catch(() => {}),
    ]);
    const signedIn = await me(context);
    assert.equal(signedIn.status, 200);
    assert.equal(signedIn.body.user.username, USER, 'signed in as the passkey owner');
    const after = await (await context.request.get(DEVICES)).json();
    assert.ok(after.results[0].last_used, 'the device records its use');
    const { credentials: used } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.ok(used[0].signCount > counterBefore, 'the authenticator signed');

    // 5. password sign-in again: the validate stage now asks for the security key after the password. The
    // authenticator stays silent on the identification page (whose autofill request it would answer).
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: false });
    await logOut(page);
    await context.clearCookies();
    await page.goto(`${LOGIN}?next=${encodeURIComponent(ME)}`);
    await page.getByLabel('Username or email').fill(USER);
    await Promise.all([page.waitForURL((url) => url.pathname === LOGIN), page.getByRole('button', { name: 'Log in' }).click()]);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    const key = page.getByRole('button', { name: 'Use a security key or passkey' });
    await key.waitFor();
    assert.equal((await me(context)).status, 401, 'not signed in with the password alone');
    await page.locator('main.card').screenshot({ path: join(SCREENSHOT_DIR, 'webauthn-validate.png') });
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: true });
    await Promise.all([page.waitForURL((url) => url.pathname === ME), key.click()]);
    assert.equal((await me(context)).body.user.username, USER, 'signed in after password and security key');
    const { credentials: validated } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.ok(validated[0].signCount > used[0].signCount, 'the validate stage took an assertion');
  } finally {
    await context.close();
  }
});

test('the identification page offers passkey sign-in', async () => {
  const context = await browser.newContext({ baseURL: BASE });
  try {
    const page = await context.newPage();
    await page.goto(LOGIN);
    const passkey = page.getByRole('button', { name: 'Sign in with a passkey' });
    await passkey.waitFor();
    assert.equal(await page.getByLabel('Username or email').getAttribute('autocomplete'), 'username webauthn',
      'passkeys are offered in the username autofill too');
    await page.locator('main.card').screenshot({ path: join(SCREENSHOT_DIR, 'webauthn-login.png') });
  } finally {
    await context.close();
  }
});
