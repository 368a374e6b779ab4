// Headless Chromium against a running Gatehouse: the admin interface's generic pages — menu, a list with search,
// create/edit/delete from the declared forms with errors beside their inputs, phone width, keyboard use, no
// JavaScript, escaping of user text, and the 403 page for a user who is no superuser. Run by BrowserAdminIT.
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
const TOKEN = required('GATEHOUSE_TOKEN');
const SCREENSHOT_DIR = required('SCREENSHOT_DIR');
const LOGIN = '/if/flow/default-authentication-flow/';
const DESKTOP = { width: 1280, height: 900 };
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

async function withPage(options, body) {
  const context = await browser.newContext({ baseURL: BASE, viewport: DESKTOP, ...options });
  context.setDefaultTimeout(15_000);
  try {
    const page = await context.newPage();
    page.on('dialog', (d) => {
      throw new Error(`unexpected dialog: ${d.message()}`);
    });
    return await body(page, context);
  } finally {
    await context.close();
  }
}

async function logIn(page, user, password, next) {
  await page.goto(`${LOGIN}?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username or email').fill(user);
  await Promise.all([page.waitForURL((url) => url.pathname === LOGIN), page.getByRole('button', { name: 'Log in' }).click()]);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname === next), page.getByRole('button', { name: 'Continue' }).click()]);
}

async function shoot(page, name) {
  for (const [suffix, size] of [['', DESKTOP], ['-phone', PHONE]]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}${suffix}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

async function api(method, path, body) {
  const r = await fetch(BASE + path, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

test('the menu reaches every section, and a user is created, edited and deleted through the forms', async () => {
  await withPage({}, async (page) => {
    await logIn(page, USER, PASSWORD, '/if/admin/');
    await shoot(page, 'admin-overview');
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Users' }).click();
    await page.waitForURL('**/if/admin/users/');
    await page.getByRole('link', { name: 'Create', exact: true }).click();
    await page.getByLabel('Username').fill('');
    await page.getByLabel(/^Name/).fill('Nobody');
    await page.getByRole('button', { name: 'Create' }).click();
    await assert.doesNotReject(page.locator('#field-username-errors').getByText('This field may not be blank.').waitFor(),
      'the refused field has its error beside it');
    await shoot(page, 'admin-form-error');
    await page.getByLabel('Username').fill('jane');
    await page.getByLabel(/^Name/).fill('Jane Doe');
    await page.getByLabel('Email').fill('jane@example.org');
    await page.getByLabel('Type').selectOption('internal');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/if\/admin\/users\/\d+\/$/);
    await assert.doesNotReject(page.getByRole('heading', { name: 'jane' }).waitFor());
    const userPage = page.url();
    await shoot(page, 'admin-user-detail');

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel(/^Name/).fill('Jane Q. Doe');
    await page.getByRole('button', { name: 'Update' }).click();
    await page.waitForURL(userPage);
    await assert.doesNotReject(page.getByText('Jane Q. Doe').first().waitFor());

    await page.goto('/if/admin/users/');
    await page.getByLabel('Search users').fill('jane');
    await page.getByRole('button', { name: 'Search' }).click();
    await assert.doesNotReject(page.getByText('1 object').waitFor());
    await shoot(page, 'admin-users-list');

    await page.goto(userPage);
    await page.getByRole('link', { name: 'Delete' }).click();
    await assert.doesNotReject(page.getByRole('heading', { name: 'Delete user jane?' }).waitFor());
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL('**/if/admin/users/');
    const gone = await page.request.get(userPage);
    assert.equal(gone.status(), 404);
  });
});

test('at phone width the menu folds into a disclosure and still reaches every page', async () => {
  await withPage({ viewport: PHONE }, async (page) => {
    await logIn(page, USER, PASSWORD, '/if/admin/');
    const menu = page.getByText('Menu', { exact: true });
    await menu.click();
    await page.getByRole('navigation', { name: 'Admin menu' }).getByRole('link', { name: 'Groups' }).click();
    await page.waitForURL('**/if/admin/groups/');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `no horizontal scrolling at phone width (${width}px)`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-groups-phone-menu.png'), fullPage: true });
  });
});

test('the keyboard alone reaches the content and submits a form', async () => {
  await withPage({}, async (page) => {
    await logIn(page, USER, PASSWORD, '/if/admin/');
    await page.goto('/if/admin/groups/new/');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to content');
    await page.getByLabel(/^Name/).focus();
    await page.keyboard.type('keyboard-group');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/if\/admin\/groups\/[0-9a-f-]+\/$/);
    await assert.doesNotReject(page.getByRole('heading', { name: 'keyboard-group' }).waitFor());
  });
});

test('without JavaScript a group is created with attributes in YAML', async () => {
  await withPage({ javaScriptEnabled: false }, async (page) => {
    await logIn(page, USER, PASSWORD, '/if/admin/');
    await page.goto('/if/admin/groups/new/');
    await page.getByLabel(/^Name/).fill('servarr');
    await page.getByLabel('Attributes').fill('prowlarr_user: admin\nprowlarr_password: s3cret\n');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/if\/admin\/groups\/[0-9a-f-]+\/$/);
    const text = await page.locator('dl.properties').innerText();
    assert.match(text, /prowlarr_user: admin/);
  });
});

test('user text is shown as text: a script in a name never runs', async () => {
  await api('POST', '/api/v3/core/groups/', { name: '<script>window.__owned=1</script>', attributes: { x: '"><img src=x onerror="window.__owned=2">' } });
  await withPage({}, async (page) => {
    await logIn(page, USER, PASSWORD, '/if/admin/');
    await page.goto('/if/admin/groups/?search=script');
    await assert.doesNotReject(page.getByText('<script>window.__owned=1</script>').first().waitFor());
    await page.getByRole('link', { name: '<script>window.__owned=1</script>' }).click();
    await page.getByRole('link', { name: 'Edit' }).click();
    assert.equal(await page.evaluate(() => window.__owned), undefined);
    await shoot(page, 'admin-escaped');
  });
});

test('a user who is no superuser gets the 403 page pointing to the user interface', async () => {
  const user = await api('POST', '/api/v3/core/users/', { username: 'plain', name: 'Plain User' });
  await api('POST', `/api/v3/core/users/${user.pk}/set_password/`, { password: 'plain-password-123' });
  await withPage({}, async (page) => {
    await logIn(page, 'plain', 'plain-password-123', '/if/user/');
    const r = await page.goto('/if/admin/');
    assert.equal(r.status(), 403);
    await assert.doesNotReject(page.getByText('You do not have access to the admin interface').waitFor());
    await shoot(page, 'admin-forbidden');
    await page.getByRole('link', { name: 'Go to your user interface' }).click();
    await page.waitForURL('**/if/user/');
  });
});
