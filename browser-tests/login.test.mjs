// Headless Chromium against a running Gatehouse: the login card, logging in (with and without
// JavaScript), a wrong password, and logging out. Run by BrowserLoginIT, or by hand:
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_USER=akadmin GATEHOUSE_PASSWORD=… \
//   SCREENSHOT_DIR=/tmp/shots node --test browser-tests/login.test.mjs
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
const ME = '/api/v3/core/users/me/';
const LOGOUT = '/if/flow/default-invalidation-flow/';
const PHONE = { width: 390, height: 844 };

assert.match(BASE, /^http:\/\/localhost:\d+$/, 'pages must be loaded from http://localhost:<port>');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
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

/** Username, then password, each submitted with its button; returns the response of the last navigation. */
async function logIn(page, password) {
  await page.goto(`${LOGIN}?next=${encodeURIComponent(ME)}`);
  await page.getByLabel('Username or email').fill(USER);
  await Promise.all([page.waitForURL((url) => url.pathname === LOGIN), page.getByRole('button', { name: 'Log in' }).click()]);
  await assert.doesNotReject(page.getByText(`Signing in as ${USER}`).waitFor(), 'password step shows the user');
  await page.getByLabel('Password').fill(password);
  const navigation = page.waitForNavigation();
  await page.getByRole('button', { name: 'Continue' }).click();
  return navigation;
}

/**
 * Whether the page's own scripts run: a probe page (served by the browser itself, never reaching the server)
 * whose inline script renames it. Playwright's evaluate() works either way, so it cannot tell.
 */
async function pageScriptsRun(page) {
  const probe = `${BASE}/__script-probe__`;
  await page.route(probe, (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!DOCTYPE html><title>static</title><script>document.title = "scripted"</script>',
  }));
  await page.goto(probe);
  await page.unroute(probe);
  return (await page.title()) === 'scripted';
}

async function assertLoggedIn(page, context) {
  assert.equal(new URL(page.url()).pathname, ME, 'lands on the next URL');
  const me = JSON.parse(await page.locator('body').innerText());
  assert.equal(me.user.username, USER);
  const session = (await context.cookies(BASE)).find((c) => c.name === 'gatehouse_session');
  assert.ok(session, 'gatehouse_session cookie is set');
  assert.ok(session.value.length > 0, 'gatehouse_session has a value');
  assert.equal(session.httpOnly, true, 'gatehouse_session is HttpOnly');
  assert.equal(session.sameSite, 'Lax');
}

for (const [name, viewport, file] of [
  ['desktop', { width: 1280, height: 800 }, 'login-card.png'],
  ['phone', PHONE, 'login-card-phone.png'],
]) {
  test(`login card renders with labelled inputs (${name} ${viewport.width}x${viewport.height})`, async () => {
    await withPage({ viewport, isMobile: name === 'phone', hasTouch: name === 'phone' }, async (page) => {
      const response = await page.goto(LOGIN);
      assert.equal(response.status(), 200);
      assert.match(response.headers()['content-type'], /^text\/html/);
      const card = page.locator('main.card');
      await card.waitFor();
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Welcome to Gatehouse!');
      const uid = page.getByLabel('Username or email');
      assert.equal(await uid.getAttribute('name'), 'uid_field');
      // "webauthn": the browser also offers passkeys in the username autofill (conditional UI)
      assert.equal(await uid.getAttribute('autocomplete'), 'username webauthn');
      assert.ok(await uid.isVisible() && await uid.isEditable(), 'username input is usable');
      assert.ok(await page.getByRole('button', { name: 'Log in' }).isVisible());
      assert.equal(await page.locator('form:has(#uid_field) input[type=hidden][name=csrf]').count(), 1,
        'form carries a CSRF token');
      // the stylesheet applied: the card is a white box narrower than the viewport, inside it
      const box = await card.boundingBox();
      assert.ok(box.width > 200 && box.width <= viewport.width, `card width ${box.width}`);
      assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, 'card fits horizontally');
      const background = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(background, 'rgb(255, 255, 255)');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);
      await card.screenshot({ path: join(SCREENSHOT_DIR, file) });
      await page.screenshot({ path: join(SCREENSHOT_DIR, file.replace('card', 'page')) });
    });
  });
}

test('login with username and password lands on next with an HttpOnly session cookie', async () => {
  await withPage({}, async (page, context) => {
    assert.equal(await pageScriptsRun(page), true, 'JavaScript is on in the default context');
    const response = await logIn(page, PASSWORD);
    assert.equal(response.status(), 200);
    await assertLoggedIn(page, context);
  });
});

test('a wrong password shows "Invalid password" and no session', async () => {
  await withPage({}, async (page, context) => {
    await logIn(page, `${PASSWORD}-wrong`);
    assert.equal(new URL(page.url()).pathname, LOGIN, 'stays on the flow');
    const alert = page.getByRole('alert');
    await alert.first().waitFor();
    assert.match(await alert.allInnerTexts().then((t) => t.join('\n')), /Invalid password/);
    assert.ok(await page.getByText('Invalid password').isVisible());
    assert.ok(await page.getByLabel('Password').isVisible(), 'the password can be tried again');
    const cookies = await context.cookies(BASE);
    assert.equal(cookies.find((c) => c.name === 'gatehouse_session'), undefined, 'no session cookie');
    const me = await context.request.get(ME);
    assert.equal(me.status(), 401);
  });
});

test('login works with JavaScript disabled', async () => {
  await withPage({ javaScriptEnabled: false }, async (page, context) => {
    assert.equal(await pageScriptsRun(page), false, 'JavaScript is really off');
    const response = await logIn(page, PASSWORD);
    assert.equal(response.status(), 200);
    await assertLoggedIn(page, context);
  });
});

// A link to the invalidation flow only asks (a cross-site link must not sign anyone out); the page's own form,
// without JavaScript, posts with the session's CSRF token and ends the session.
for (const [name, viewport, file] of [
  ['desktop', { width: 1280, height: 800 }, 'logout-confirm.png'],
  ['phone', PHONE, 'logout-confirm-phone.png'],
]) {
  test(`logout through the invalidation flow asks, then ends the session (${name}, no JavaScript)`, async () => {
    await withPage({ viewport, isMobile: name === 'phone', hasTouch: name === 'phone', javaScriptEnabled: false },
      async (page, context) => {
        await logIn(page, PASSWORD);
        await assertLoggedIn(page, context);
        const stolen = (await context.cookies(BASE)).find((c) => c.name === 'gatehouse_session').value;
        const asked = await page.goto(LOGOUT);
        assert.equal(asked.status(), 200);
        assert.equal(new URL(page.url()).pathname, LOGOUT, 'a link only shows the question');
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Log out?');
        assert.equal((await context.request.get(ME)).status(), 200, 'still signed in after the link');
        assert.equal(await page.locator('form input[type=hidden][name=csrf]').count(), 1, 'the form carries a CSRF token');
        const card = page.locator('main.card');
        const box = await card.boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, 'card fits horizontally');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);
        await page.screenshot({ path: join(SCREENSHOT_DIR, file) });
        await Promise.all([
          page.waitForURL((url) => url.pathname !== LOGOUT),
          page.getByRole('button', { name: 'Log out' }).click(),
        ]);
        const cookies = await context.cookies(BASE);
        assert.equal(cookies.find((c) => c.name === 'gatehouse_session'), undefined, 'session cookie removed');
        const response = await page.goto(ME);
        assert.equal(response.status(), 401);
        // the session is over on the server too, not only forgotten by this browser
        const replay = await context.request.get(ME, { headers: { Cookie: `gatehouse_session=${stolen}` } });
        assert.equal(replay.status(), 401);
      });
  });
}

// The portal's own Log out is one click (a POST with the session's CSRF token, no question), at both widths.
for (const [name, viewport, file] of [
  ['desktop', { width: 1280, height: 800 }, 'portal.png'],
  ['phone', PHONE, 'portal-phone.png'],
]) {
  test(`the portal's Log out button signs out in one click (${name}, no JavaScript)`, async () => {
    await withPage({ viewport, isMobile: name === 'phone', hasTouch: name === 'phone', javaScriptEnabled: false },
      async (page, context) => {
        await logIn(page, PASSWORD);
        await assertLoggedIn(page, context);
        const portal = await page.goto(`${BASE}/if/user/`);
        assert.equal(portal.status(), 200);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);
        await page.screenshot({ path: join(SCREENSHOT_DIR, file), fullPage: true });
        await Promise.all([
          page.waitForURL((url) => url.pathname !== '/if/user/'),
          page.getByRole('button', { name: 'Log out' }).click(),
        ]);
        assert.notEqual(await page.getByRole('heading', { level: 1 }).first().innerText(), 'Log out?', 'no question');
        const cookies = await context.cookies(BASE);
        assert.equal(cookies.find((c) => c.name === 'gatehouse_session'), undefined, 'session cookie removed');
        assert.equal((await page.goto(ME)).status(), 401);
      });
  });
}
