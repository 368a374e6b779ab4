// Headless Chromium against two fresh Gatehouse servers started without GATEHOUSE_BOOTSTRAP_PASSWORD: the
// initial-setup form (/if/flow/initial-setup/), its errors, the setup that signs akadmin in, the refusal
// afterwards and logging in with the new password; then the whole setup again with JavaScript disabled on
// the second server (a setup happens once per server). Run by BrowserInitialSetupIT, or by hand:
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_NOSCRIPT_URL=http://localhost:9100 \
//   SCREENSHOT_DIR=/tmp/shots node --test browser-tests/initial-setup.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
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
const NOSCRIPT_BASE = required('GATEHOUSE_NOSCRIPT_URL').replace(/\/+$/, '');
const SCREENSHOT_DIR = required('SCREENSHOT_DIR');

const USER = 'akadmin';
const SETUP = '/if/flow/initial-setup/';
const LOGIN = '/if/flow/default-authentication-flow/';
const PORTAL = '/if/user/';
const ME = '/api/v3/core/users/me/';
const PHONE = { width: 390, height: 844 };
const DONE = 'The initial setup has already been completed. Sign in instead.';

const token = () => randomBytes(9).toString('hex');
const EMAIL = `admin-${token()}@example.org`;
const PASSWORD = `pw-${token()}`;

for (const base of [BASE, NOSCRIPT_BASE]) {
  assert.match(base, /^http:\/\/localhost:\d+$/, 'pages must be loaded from http://localhost:<port>');
}
assert.notEqual(BASE, NOSCRIPT_BASE, 'the no-JavaScript setup needs a server of its own');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

let browser;
/** A second browser that opened the setup form before anyone completed it (submitted only afterwards). */
let earlier;

before(async () => {
  browser = await launchChromium();
  earlier = await browser.newContext({ baseURL: BASE });
  earlier.setDefaultTimeout(15_000);
  const page = await earlier.newPage();
  await page.goto(SETUP);
  await page.getByLabel('Email', { exact: true }).waitFor();
});

after(async () => {
  await earlier?.close();
  await browser?.close();
});

/** A fresh context (own cookies) per test, closed afterwards. */
async function withPage(options, body) {
  const context = await browser.newContext({ baseURL: BASE, ...options });
  context.setDefaultTimeout(15_000);
  try {
    const page = await context.newPage();
    return await body(page, context);
  } finally {
    await context.close();
  }
}

const email = (page) => page.getByLabel('Email', { exact: true });
const password = (page) => page.getByLabel('Password', { exact: true });
const repeat = (page) => page.getByLabel('Password (repeat)', { exact: true });

/** Fills the setup form and submits it with its button; returns the response of the navigation. */
async function submitSetup(page, values) {
  await email(page).fill(values.email);
  await password(page).fill(values.password);
  await repeat(page).fill(values.repeat ?? values.password);
  const navigation = page.waitForNavigation();
  await page.getByRole('button', { name: 'Continue' }).click();
  return navigation;
}

async function alerts(page) {
  return (await page.getByRole('alert').allInnerTexts()).join('\n');
}

async function sessionCookie(context, base) {
  return (await context.cookies(base)).find((c) => c.name === 'gatehouse_session');
}

/** Still set up-able: a browser of its own gets the form, so akadmin has no usable password yet. */
async function assertSetupStillOpen(base) {
  await withPage({ baseURL: base }, async (page) => {
    const response = await page.goto(SETUP);
    assert.equal(response.status(), 200);
    assert.ok(await email(page).isVisible(), 'the setup form is still offered');
    assert.equal(await page.getByText(DONE).count(), 0);
  });
}

/** Not signed in: no session cookie and the API does not know the browser. */
async function assertSignedOut(page, context, base) {
  assert.equal(await sessionCookie(context, base), undefined, 'no session cookie');
  const me = await context.request.get(`${base}${ME}`);
  assert.equal(me.status(), 401);
}

/** Lands on the user interface with an HttpOnly session cookie; the API says who and with which email. */
async function assertSetUpAndSignedIn(page, context, base) {
  assert.equal(new URL(page.url()).pathname, PORTAL, 'redirected to / and on to the user interface');
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^Hello, /);
  const session = await sessionCookie(context, base);
  assert.ok(session && session.value.length > 0, 'gatehouse_session cookie is set');
  assert.equal(session.httpOnly, true, 'gatehouse_session is HttpOnly');
  assert.equal(session.sameSite, 'Lax');
  const me = await context.request.get(`${base}${ME}`);
  assert.equal(me.status(), 200);
  const body = await me.json();
  assert.equal(body.user.username, USER);
  assert.equal(body.user.email, EMAIL, 'akadmin has the email given in the setup');
  assert.equal(body.user.is_superuser, true);
}

/** A browser of its own that opens the flow after the setup gets the refusal, not the form. */
async function assertRefused(page) {
  await page.goto(SETUP);
  assert.equal(new URL(page.url()).pathname, SETUP);
  await page.getByText(DONE).waitFor();
  assert.match(await alerts(page), new RegExp(DONE.replace(/[.]/g, '\\.')));
  assert.equal(await page.locator('input[type=password], input[type=email]').count(), 0, 'no setup form');
}

/** Username (or email), then password, each submitted with its button. */
async function logIn(page, base, uid, secret) {
  await page.goto(`${base}${LOGIN}?next=${encodeURIComponent(ME)}`);
  await page.getByLabel('Username or email').fill(uid);
  await Promise.all([page.waitForURL((url) => url.pathname === LOGIN), page.getByRole('button', { name: 'Log in' }).click()]);
  await page.getByText(`Signing in as ${uid}`).waitFor(); // what was typed: the page never names the account
  await page.getByLabel('Password').fill(secret);
  const navigation = page.waitForNavigation();
  await page.getByRole('button', { name: 'Continue' }).click();
  return navigation;
}

/**
 * Whether the page's own scripts run: a probe page (served by the browser itself, never reaching the server)
 * whose inline script renames it. Playwright's evaluate() works either way, so it cannot tell.
 */
async function pageScriptsRun(page, base) {
  const probe = `${base}/__script-probe__`;
  await page.route(probe, (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!DOCTYPE html><title>static</title><script>document.title = "scripted"</script>',
  }));
  await page.goto(probe);
  await page.unroute(probe);
  return (await page.title()) === 'scripted';
}

for (const [name, viewport, file] of [
  ['desktop', { width: 1280, height: 800 }, 'initial-setup-card.png'],
  ['phone', PHONE, 'initial-setup-phone.png'],
]) {
  test(`setup form renders with labelled inputs (${name} ${viewport.width}x${viewport.height})`, async () => {
    await withPage({ viewport, isMobile: name === 'phone', hasTouch: name === 'phone' }, async (page) => {
      const response = await page.goto(SETUP);
      assert.equal(response.status(), 200);
      assert.match(response.headers()['content-type'], /^text\/html/);
      const card = page.locator('main.card');
      await card.waitFor();
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Welcome to Gatehouse!');
      for (const [input, key, type, autocomplete] of [
        [email(page), 'email', 'email', 'email'],
        [password(page), 'password', 'password', 'new-password'],
        [repeat(page), 'password_repeat', 'password', 'new-password'],
      ]) {
        assert.equal(await input.getAttribute('name'), key);
        assert.equal(await input.getAttribute('type'), type, `${key} type`);
        assert.equal(await input.getAttribute('autocomplete'), autocomplete, `${key} autocomplete`);
        assert.equal(await input.getAttribute('required'), '', `${key} is required`);
        assert.equal(await input.inputValue(), '', `${key} starts empty`);
        assert.equal(await input.getAttribute('aria-invalid'), null, `${key} is not marked invalid`);
        assert.ok(await input.isVisible() && await input.isEditable(), `${key} input is usable`);
        const box = await input.boundingBox();
        assert.ok(box.height >= 32, `${key} is big enough to tap (${box.height}px)`);
      }
      assert.ok(await page.getByRole('button', { name: 'Continue' }).isVisible());
      assert.equal(await page.locator('input[type=hidden][name=csrf]').count(), 1, 'form carries a CSRF token');
      assert.equal(await page.getByRole('alert').count(), 0, 'no error before anything was sent');
      // the stylesheet applied: the card is a white box narrower than the viewport, inside it
      const box = await card.boundingBox();
      assert.ok(box.width > 200 && box.width <= viewport.width, `card width ${box.width}`);
      assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, 'card fits horizontally');
      assert.equal(await card.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(255, 255, 255)');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);
      await card.screenshot({ path: join(SCREENSHOT_DIR, file) });
    });
  });
}

test('an invalid email is refused ("Enter a valid email address.") and nothing is set', async () => {
  await withPage({}, async (page, context) => {
    await page.goto(SETUP);
    let posted = 0;
    page.on('request', (request) => { posted += request.method() === 'POST' ? 1 : 0; });
    await email(page).fill('not-an-email');
    await password(page).fill(PASSWORD);
    await repeat(page).fill(PASSWORD);
    // Chromium's own check of type=email stops the form first...
    await page.getByRole('button', { name: 'Continue' }).click();
    assert.equal(await email(page).evaluate((el) => el.validity.typeMismatch), true, 'the browser flags the email');
    assert.equal(posted, 0, 'the browser did not send the form');
    // ...and the server checks it too, for a client that does not (the form without its HTML checks)
    await page.locator('form').evaluate((form) => { form.noValidate = true; });
    const navigation = page.waitForNavigation();
    await page.getByRole('button', { name: 'Continue' }).click();
    const response = await navigation;
    assert.equal(posted, 1);
    assert.ok(response.status() < 500, `status ${response.status()}`);
    assert.equal(new URL(page.url()).pathname, SETUP, 'stays on the flow');
    await page.getByText('Enter a valid email address.').waitFor();
    assert.match(await alerts(page), /Enter a valid email address\./);
    assert.equal(await email(page).inputValue(), 'not-an-email', 'the typed email is shown again');
    // the error belongs to the email input: marked invalid, described by the message
    assert.equal(await email(page).getAttribute('aria-invalid'), 'true');
    const describedBy = await email(page).getAttribute('aria-describedby');
    assert.equal(await page.locator(`[id="${describedBy}"]`).innerText(), 'Enter a valid email address.');
    assert.equal(await password(page).getAttribute('aria-invalid'), null, 'the password input is not marked');
    assert.equal(await password(page).inputValue(), '', 'the password is not sent back');
    assert.equal(await repeat(page).inputValue(), '');
    assert.ok(!(await page.content()).includes(PASSWORD), 'the password is nowhere in the page');
    await assertSignedOut(page, context, BASE);
  });
  await assertSetupStillOpen(BASE);
});

test('mismatched passwords show "Passwords don\'t match.", keep the email and empty both password fields', async () => {
  await withPage({}, async (page, context) => {
    await page.goto(SETUP);
    const response = await submitSetup(page, { email: EMAIL, password: PASSWORD, repeat: `${PASSWORD}-other` });
    assert.ok(response.status() < 500, `status ${response.status()}`);
    assert.equal(new URL(page.url()).pathname, SETUP, 'stays on the flow');
    await page.getByText("Passwords don't match.").waitFor();
    assert.match(await alerts(page), /Passwords don't match\./);
    assert.equal(await email(page).inputValue(), EMAIL, 'the typed email is kept');
    assert.equal(await password(page).inputValue(), '', 'password field is empty');
    assert.equal(await repeat(page).inputValue(), '', 'password (repeat) field is empty');
    const html = await page.content();
    assert.ok(!html.includes(PASSWORD), 'neither password is anywhere in the page');
    await assertSignedOut(page, context, BASE);
  });
  await assertSetupStillOpen(BASE);
});

test('the setup sets akadmin\'s email and password, signs in and lands on /if/user/', async () => {
  await withPage({}, async (page, context) => {
    assert.equal(await pageScriptsRun(page, BASE), true, 'JavaScript is on in the default context');
    await page.goto(SETUP);
    const response = await submitSetup(page, { email: EMAIL, password: PASSWORD });
    assert.equal(response.status(), 200);
    await assertSetUpAndSignedIn(page, context, BASE);
  });
});

test('afterwards the flow is refused in a fresh browser', async () => {
  await withPage({}, async (page, context) => {
    await assertRefused(page);
    await assertSignedOut(page, context, BASE);
  });
});

test('a setup form opened before the setup completed cannot set another password', async () => {
  const page = earlier.pages()[0];
  const response = await submitSetup(page, { email: `late-${token()}@example.org`, password: `${PASSWORD}-late` });
  assert.ok(response.status() < 500, `status ${response.status()}`);
  await page.getByText(DONE).waitFor();
  assert.equal(await sessionCookie(earlier, BASE), undefined, 'the late browser is not signed in');
  await withPage({}, async (login) => {
    await logIn(login, BASE, USER, `${PASSWORD}-late`);
    assert.equal(new URL(login.url()).pathname, LOGIN, 'the late password does not sign in');
    await login.getByText('Invalid password').waitFor();
  });
});

test('logging in through default-authentication-flow with the new password works', async () => {
  for (const uid of [USER, EMAIL]) {
    await withPage({}, async (page, context) => {
      const response = await logIn(page, BASE, uid, PASSWORD);
      assert.equal(response.status(), 200);
      assert.equal(new URL(page.url()).pathname, ME, `signed in as ${uid}, on the next URL`);
      const me = JSON.parse(await page.locator('body').innerText());
      assert.equal(me.user.username, USER);
      assert.equal(me.user.email, EMAIL);
      assert.ok(await sessionCookie(context, BASE), 'gatehouse_session cookie is set');
    });
  }
});

test('the initial setup works with JavaScript disabled (second server)', async () => {
  const noScript = { baseURL: NOSCRIPT_BASE, javaScriptEnabled: false };
  await withPage(noScript, async (page, context) => {
    assert.equal(await pageScriptsRun(page, NOSCRIPT_BASE), false, 'JavaScript is really off');
    await page.goto(SETUP);
    await submitSetup(page, { email: EMAIL, password: PASSWORD, repeat: `${PASSWORD}-other` });
    await page.getByText("Passwords don't match.").waitFor();
    assert.equal(await email(page).inputValue(), EMAIL, 'the typed email is kept');
    assert.equal(await password(page).inputValue(), '');
    assert.equal(await repeat(page).inputValue(), '');
    await assertSignedOut(page, context, NOSCRIPT_BASE);
    // the form the server sent back after the error is the one that completes the setup
    await password(page).fill(PASSWORD);
    await repeat(page).fill(PASSWORD);
    const navigation = page.waitForNavigation();
    await page.getByRole('button', { name: 'Continue' }).click();
    assert.equal((await navigation).status(), 200);
    await assertSetUpAndSignedIn(page, context, NOSCRIPT_BASE);
  });
  await withPage(noScript, async (page, context) => {
    await assertRefused(page);
    await assertSignedOut(page, context, NOSCRIPT_BASE);
    const response = await logIn(page, NOSCRIPT_BASE, USER, PASSWORD);
    assert.equal(response.status(), 200);
    assert.equal(new URL(page.url()).pathname, ME, 'the new password signs in without JavaScript too');
  });
});
