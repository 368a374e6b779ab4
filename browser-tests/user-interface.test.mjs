// The user interface /if/user/ in headless Chromium with JavaScript off (issue 15, "The user interface"): the
// application tiles (an application named <script>alert(1)</script> shown as text), ending another session (a
// second browser context is signed out at its next request), revoking a consent (the consent page comes back on
// the next authorization), creating an app password and binding LDAP with it (ldapwhoami), and changing the password
// through the default-password-change flow (the old one refused, the new one signs in). Screenshots of the portal
// and the settings at 1280 and 390 px. Run by BrowserUserInterfaceIT, or by hand:
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_USER=… GATEHOUSE_PASSWORD=… GATEHOUSE_NEW_PASSWORD=… \
//   GATEHOUSE_CLIENT_ID=… GATEHOUSE_REDIRECT_URI=http://127.0.0.1:9999/callback GATEHOUSE_LDAP_URL=ldap://127.0.0.1:3389 \
//   GATEHOUSE_LDAP_DN=cn=…,ou=users,dc=ldap,dc=goauthentik,dc=io SCREENSHOT_DIR=/tmp/shots \
//   node --test --test-concurrency=1 browser-tests/user-interface.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
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
const NEW_PASSWORD = required('GATEHOUSE_NEW_PASSWORD');
const CLIENT_ID = required('GATEHOUSE_CLIENT_ID');
const REDIRECT_URI = required('GATEHOUSE_REDIRECT_URI');
const LDAP_URL = required('GATEHOUSE_LDAP_URL');
const LDAP_DN = required('GATEHOUSE_LDAP_DN');
const SCREENSHOT_DIR = required('SCREENSHOT_DIR');
const LOGIN = '/if/flow/default-authentication-flow/';
const PORTAL = '/if/user/';
const ME = '/api/v3/core/users/me/';
const AUTHORIZE = `/application/o/authorize/?client_id=${encodeURIComponent(CLIENT_ID)}`
  + `&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&response_type=code&scope=openid%20email&state=ui-state`;

assert.match(BASE, /^http:\/\/localhost:\d+$/, 'pages must be loaded from http://localhost:<port>');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

let browser;
let relyingParty;

before(async () => {
  browser = await launchChromium();
  // The relying party's callback: a real local server at the registered redirect URI (http://127.0.0.1:<port>/…).
  const callback = new URL(REDIRECT_URI);
  relyingParty = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('relying party callback');
  });
  await new Promise((resolve) => relyingParty.listen(Number(callback.port), callback.hostname, resolve));
});

after(async () => {
  await browser?.close();
  relyingParty?.close();
});

/** A new browser (its own cookies), JavaScript off. */
async function newContext(width = 1280) {
  const context = await browser.newContext({ baseURL: BASE, javaScriptEnabled: false,
    viewport: { width, height: 900 } });
  context.setDefaultTimeout(15_000);
  return context;
}

async function withContext(body, width) {
  const context = await newContext(width);
  try {
    return await body(context, await context.newPage());
  } finally {
    await context.close();
  }
}

/** Signs in through the login flow; ends on /if/user/. */
async function signIn(page, password = PASSWORD) {
  await page.goto(`${LOGIN}?next=${encodeURIComponent(PORTAL)}`);
  await page.getByLabel('Username or email').fill(USER);
  await Promise.all([page.waitForURL((url) => url.pathname === LOGIN), page.getByRole('button', { name: 'Log in' }).click()]);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue' }).click()]);
}

async function signedIn(page) {
  const response = await page.goto(ME);
  return response.status() === 200;
}

function ldapwhoami(password) {
  return new Promise((resolve) => {
    execFile('ldapwhoami', ['-x', '-H', LDAP_URL, '-D', LDAP_DN, '-w', password], { timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code ?? 1) : 0, out: `${stdout}${stderr}` }));
  });
}

async function shoot(page, name) {
  await page.screenshot({ path: join(SCREENSHOT_DIR, name), fullPage: true });
}

test('the portal shows the tiles, escapes an application named <script>, and looks right at 1280 and 390 px', async () => {
  for (const [width, suffix] of [[1280, ''], [390, '-phone']]) {
    await withContext(async (context, page) => {
      let dialogs = 0;
      page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
      await signIn(page);
      assert.equal(new URL(page.url()).pathname, PORTAL);
      await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
      const tiles = page.locator('#apps .tile');
      assert.ok(await tiles.count() >= 2);
      const script = tiles.filter({ hasText: '<script>alert(1)</script>' });
      assert.equal(await script.count(), 1, 'the name is shown as text');
      assert.equal(await page.locator('#apps script').count(), 0);
      assert.equal(await tiles.filter({ hasText: 'Hidden Home' }).count(), 0, 'blank://blank is hidden');
      const wiki = tiles.filter({ hasText: 'Team Wiki' });
      assert.equal(await wiki.locator('a').getAttribute('href'), 'https://wiki.example.test/');
      assert.match(await wiki.innerText(), /Example Publisher/);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `user-portal${suffix}.png`) });
      await page.locator('#settings').scrollIntoViewIfNeeded();
      await shoot(page, `user-settings${suffix}.png`);
      assert.equal(dialogs, 0, 'no script ran');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)
        .catch(() => null);
      assert.notEqual(overflow, true, 'nothing wider than the viewport');
    }, width);
  }
});

test('ending another session signs that browser out at its next request', async () => {
  const other = await newContext();
  try {
    const otherPage = await other.newPage();
    await withContext(async (context, page) => {
      await signIn(page);
      // Earlier tests' browsers are still signed in: "End all other sessions" first, then sign the other one in.
      await Promise.all([page.waitForURL((url) => url.pathname === PORTAL),
        page.getByRole('button', { name: 'End all other sessions' }).click()]);
      await page.getByText('Every other session was ended.').waitFor();
      assert.equal(await page.locator('#sessions li.session').count(), 1);
      await signIn(otherPage);
      assert.ok(await signedIn(otherPage));
      await page.goto(PORTAL);
      const sessions = page.locator('#sessions li.session');
      assert.equal(await sessions.count(), 2, 'this browser and the other one');
      assert.equal(await page.locator('#sessions li.session[data-current="true"]').count(), 1);
      await Promise.all([page.waitForURL((url) => url.pathname === PORTAL),
        page.locator('#sessions li.session[data-current="false"]').getByRole('button', { name: 'End session' }).click()]);
      await page.getByText('The session was ended.').waitFor();
      assert.equal(await page.locator('#sessions li.session').count(), 1);
    });
    const response = await otherPage.goto(PORTAL);
    assert.equal(new URL(otherPage.url()).pathname, LOGIN, 'the other browser is sent to sign in');
    assert.equal(response.status(), 200);
    assert.equal(await signedIn(otherPage), false);
  } finally {
    await other.close();
  }
});

test('revoking a consent brings the consent page back on the next authorization', async () => {
  await withContext(async (context, page) => {
    await signIn(page);
    await page.goto(AUTHORIZE);
    await page.getByRole('button', { name: 'Continue' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Consent App/);
    await Promise.all([page.waitForURL((url) => url.href.startsWith(REDIRECT_URI)),
      page.getByRole('button', { name: 'Continue' }).click()]);
    assert.ok(new URL(page.url()).searchParams.get('code'), 'a code came back');

    await page.goto(AUTHORIZE);
    await page.waitForURL((url) => url.href.startsWith(REDIRECT_URI));
    assert.ok(new URL(page.url()).searchParams.get('code'), 'consent remembered: no question the second time');

    await page.goto(`${PORTAL}#consents`);
    const consent = page.locator('#consents li.consent', { hasText: 'Consent App' });
    assert.equal(await consent.count(), 1);
    await Promise.all([page.waitForURL((url) => url.pathname === PORTAL),
      consent.getByRole('button', { name: /Revoke/ }).click()]);
    await page.getByText('The consent was revoked').waitFor();
    assert.equal(await page.locator('#consents li.consent').count(), 0);

    await page.goto(AUTHORIZE);
    await page.getByRole('button', { name: 'Continue' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Consent App/, 'asked again');
  });
});

test('an app password is shown once and binds LDAP', async () => {
  await withContext(async (context, page) => {
    await signIn(page);
    const form = page.locator('#tokens form.create');
    await form.getByLabel('App password').check();
    await form.getByLabel('Name').fill('ui-ldap-laptop');
    await form.getByLabel('Description').fill('LDAP on my laptop');
    await form.getByLabel('Valid for').selectOption('30');
    await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: 'Create' }).click()]);
    const key = await page.locator('#new-token-key').inputValue();
    assert.match(key, /^\S{60,}$/);
    await page.locator('#tokens').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'user-token-created.png') });

    await page.goto(PORTAL);
    assert.equal(await page.locator('#new-token-key').count(), 0, 'not shown again');
    assert.equal(await page.locator('#tokens li.token[data-identifier="ui-ldap-laptop"]').count(), 1);
    assert.equal((await page.content()).includes(key), false);

    const wrong = await ldapwhoami('not-the-app-password');
    assert.equal(wrong.code, 49, wrong.out);
    const withPassword = await ldapwhoami(PASSWORD);
    assert.equal(withPassword.code, 0, `the LDAP provider works with the password: ${withPassword.out}`);
    const bound = await ldapwhoami(key);
    assert.equal(bound.code, 0, `ldapwhoami with the app password: ${bound.out}`);
    assert.match(bound.out, new RegExp(`dn:${LDAP_DN}`, 'i'));
  });
});

test('changing the password: the new one signs in, the old one is refused', async () => {
  await withContext(async (context, page) => {
    await signIn(page);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Change password' }).click()]);
    assert.equal(new URL(page.url()).pathname, '/if/flow/default-password-change/');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'user-password-change.png') });
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Password (repeat)').fill(`${NEW_PASSWORD}-typo`);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue' }).click()]);
    assert.equal(new URL(page.url()).pathname, '/if/flow/default-password-change/', 'mismatch: asked again');
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Password (repeat)').fill(NEW_PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname === PORTAL),
      page.getByRole('button', { name: 'Continue' }).click()]);
    assert.ok(await signedIn(page), 'this browser stays signed in');
  });
  await withContext(async (context, page) => {
    await signIn(page, PASSWORD);
    assert.equal(await signedIn(page), false, 'the old password is refused');
  });
  await withContext(async (context, page) => {
    await signIn(page, NEW_PASSWORD);
    assert.equal(new URL(page.url()).pathname, PORTAL);
    assert.ok(await signedIn(page), 'the new password signs in');
  });
});
