// Seed 004 "Authentik Setup" clicked through the admin interface in headless Chromium, then proven through the
// protocol: create a user (Internal), add it to authentik Admins, set its password, sign in as it, deactivate
// akadmin — akadmin's sign-in is then refused. Also: a user page's recovery link signs that user in once, and
// ending a session from the user page signs that browser out. Screenshots of the user page, the group page and
// the create form at 1280 and 390 px. Run by BrowserAdminDirectoryIT, or by hand:
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_USER=akadmin GATEHOUSE_PASSWORD=… \
//   SCREENSHOT_DIR=/tmp/shots node --test browser-tests/admin-directory.test.mjs
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
const ADMIN = required('GATEHOUSE_USER');
const ADMIN_PASSWORD = required('GATEHOUSE_PASSWORD');
const SCREENSHOT_DIR = required('SCREENSHOT_DIR');

const LOGIN = '/if/flow/default-authentication-flow/';
const ME = '/api/v3/core/users/me/';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const NEW_USER = 'jdoe';
const NEW_PASSWORD = `Seed-004-${Date.now()}`;

assert.match(BASE, /^http:\/\/localhost:\d+$/, 'pages must be loaded from http://localhost:<port>');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

let browser;
/** The new admin's signed-in page, shared by the tests after the seed. */
let mine;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

async function newPage(options = {}) {
  const context = await browser.newContext({ baseURL: BASE, viewport: DESKTOP, ...options });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

/** The login flow by its buttons; returns once the browser has left the flow. */
async function logIn(page, username, password) {
  await page.goto(`${LOGIN}?next=${encodeURIComponent('/if/user/')}`);
  await page.getByLabel('Username or email').fill(username);
  await Promise.all([page.waitForURL((url) => url.pathname === LOGIN), page.getByRole('button', { name: 'Log in' }).click()]);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== LOGIN), page.getByRole('button', { name: 'Continue' }).click()]);
}

/** Who this browser is signed in as (null when it is not). */
async function whoAmI(page) {
  const r = await page.request.get(ME);
  return r.status() === 200 ? (await r.json()).user.username : null;
}

async function openAdmin(page) {
  const link = page.getByRole('link', { name: 'Admin interface' });
  if (await link.count()) {
    await link.first().click();
  } else {
    await page.goto('/if/admin/');
  }
  assert.equal(new URL(page.url()).pathname, '/if/admin/');
}

async function menu(page, label) {
  await page.getByRole('navigation', { name: 'Admin', exact: true }).getByRole('link', { name: label, exact: true }).click();
}

async function shoot(page, name) {
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: no sideways scrolling at 390 px (${overflow}px too wide)`);
  await page.setViewportSize(DESKTOP);
}

test('Seed 004 "Authentik Setup": create a user, make it an admin, set its password, deactivate akadmin', async () => {
  const page = await newPage();
  await logIn(page, ADMIN, ADMIN_PASSWORD);
  await openAdmin(page);

  // Directory -> Users -> Create: Username and Name, User type Internal, Email, Create
  await menu(page, 'Users');
  await page.getByRole('link', { name: 'Create', exact: true }).click();
  assert.equal(await page.getByLabel('User type').inputValue(), 'internal', 'Internal is the default type');
  assert.deepEqual(await page.getByLabel('User type').locator('option').allInnerTexts(), ['Internal', 'External', 'Service account']);
  await page.getByLabel('Username').fill(NEW_USER);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Jane Doe');
  await page.getByLabel('User type').selectOption({ label: 'Internal' });
  await page.getByLabel('Email').fill('jane@example.org');
  await shoot(page, 'admin-user-create');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: NEW_USER }).waitFor();

  // click the recently created user, Groups tab, Add to existing group: authentik Admins, Add
  await menu(page, 'Users');
  await page.getByRole('link', { name: NEW_USER, exact: true }).click();
  await page.getByRole('navigation', { name: 'User sections' }).getByRole('link', { name: 'Groups' }).click();
  await page.getByLabel('Add to existing group').selectOption({ label: 'authentik Admins' });
  await page.locator('#groups').getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('status').getByText('Added to the group.').waitFor();
  assert.equal(await page.locator('#groups table').getByRole('link', { name: 'authentik Admins' }).count(), 1);

  // Overview tab, Set password under Recovery
  await page.getByRole('navigation', { name: 'User sections' }).getByRole('link', { name: 'Overview' }).click();
  await page.getByRole('link', { name: 'Set password' }).click();
  await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Password (repeat)').fill(NEW_PASSWORD + 'x');
  await page.getByRole('button', { name: 'Update password' }).click();
  assert.equal(await page.locator('#field-password_repeat-errors').innerText(), 'The passwords do not match.');
  await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Password (repeat)').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Update password' }).click();
  await page.getByRole('status').getByText('The password was set.').waitFor();
  assert.match(await page.locator('dl.properties').innerText(), /Yes, through authentik Admins/);
  await shoot(page, 'admin-user');

  // the group page, for its screenshot: Directory -> Groups -> authentik Admins shows the new member
  await menu(page, 'Groups');
  await page.getByRole('link', { name: 'authentik Admins', exact: true }).click();
  assert.equal(await page.locator('#users table').getByRole('link', { name: NEW_USER }).count(), 1);
  await shoot(page, 'admin-group');

  // log out, log in as the new user: the admin interface works for them
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/if/admin/')),
    page.getByRole('banner').getByRole('button', { name: 'Log out' }).click()]);
  assert.equal(await whoAmI(page), null, 'logged out');
  await logIn(page, NEW_USER, NEW_PASSWORD);
  assert.equal(await whoAmI(page), NEW_USER);
  await openAdmin(page);
  await menu(page, 'Users');

  // Directory -> Users -> akadmin -> Actions: Deactivate -> Update
  await page.getByRole('link', { name: ADMIN, exact: true }).click();
  await page.getByRole('link', { name: 'Deactivate' }).click();
  await page.getByRole('button', { name: 'Update' }).click();
  await page.getByRole('status').getByText('The user was deactivated').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Activate' }).count(), 1);
  mine = page;

  // akadmin's sign-in is now refused, through the flow executor API
  const flow = `/api/v3/flows/executor/default-authentication-flow/?query=${encodeURIComponent('next=/if/user/')}`;
  const fresh = await newPage();
  try {
    let challenge = await (await fresh.request.get(flow)).json();
    assert.equal(challenge.component, 'ak-stage-identification');
    const answer = { uid_field: ADMIN };
    if (challenge.password_fields) {
      answer.password = ADMIN_PASSWORD;
    }
    challenge = await (await fresh.request.post(flow, { data: answer })).json();
    if (challenge.component === 'ak-stage-password') {
      challenge = await (await fresh.request.post(flow, { data: { password: ADMIN_PASSWORD } })).json();
    }
    assert.notEqual(challenge.component, 'xak-flow-redirect', `akadmin is not signed in: ${JSON.stringify(challenge)}`);
    assert.equal(await whoAmI(fresh), null, 'no session for akadmin');
  } finally {
    await fresh.context().close();
  }
});

test('a user page\'s recovery link signs that user in once; ending its session signs that browser out', async () => {
  assert.ok(mine, 'the seed test ran');
  const page = mine;
  // a user to recover, made with the create form
  await page.goto('/if/admin/users/new/');
  await page.getByLabel('Username').fill('recover-me');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Recover Me');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'recover-me' }).waitFor();
  const userPage = new URL(page.url()).pathname;

  await page.getByRole('button', { name: 'Create recovery link' }).click();
  const link = await page.getByLabel('Recovery link').inputValue();
  assert.match(link, /\/recovery\/use-token\/[A-Za-z0-9]{64}\/$/);

  const other = await newPage();
  try {
    await other.goto(link);
    assert.equal(await whoAmI(other), 'recover-me', 'the link signs the user in');
    const again = await newPage();
    try {
      const second = await again.goto(link);
      assert.equal(second.status(), 404, 'the link works once');
      assert.equal(await whoAmI(again), null);
    } finally {
      await again.context().close();
    }

    // the admin ends that session from the user page
    await page.goto(userPage);
    await page.getByRole('navigation', { name: 'User sections' }).getByRole('link', { name: 'Sessions' }).click();
    const rows = page.locator('#sessions tbody tr');
    assert.equal(await rows.count(), 1, 'one session of recover-me');
    await rows.first().getByRole('button', { name: /^End session/ }).click();
    await page.getByRole('status').getByText('The session was ended').waitFor();
    assert.equal(await whoAmI(other), null, 'that browser is signed out');
    assert.equal(await whoAmI(page), NEW_USER, 'the admin stays signed in');
  } finally {
    await other.context().close();
  }
});
