// What the Gatehouse browser tests share: the server they run against (from the environment), a fresh browser
// context per test, signing in through the login pages, screenshots at desktop and phone width, and the REST API
// with the bootstrap token for setting things up.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './chromium.mjs';

export function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is required`);
  }
  return value;
}

export const BASE = required('GATEHOUSE_URL').replace(/\/+$/, '');
export const SCREENSHOT_DIR = required('SCREENSHOT_DIR');
export const LOGIN = '/if/flow/default-authentication-flow/';
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

assert.match(BASE, /^http:\/\/localhost:\d+$/, 'pages must be loaded from http://localhost:<port>');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

/** One Chromium for the file: call in before(), close in after(). */
export async function startBrowser() {
  return launchChromium();
}

/** A fresh context (own cookies) per test, closed afterwards; any dialog (an alert from injected script) fails it. */
export async function withPage(browser, options, body) {
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

/** Signs in through the login pages (username, then password) and waits to arrive at {@code next}. */
export async function logIn(page, user, password, next) {
  await page.goto(`${LOGIN}?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username or email').fill(user);
  await Promise.all([page.waitForURL((url) => url.pathname === LOGIN), page.getByRole('button', { name: 'Log in' }).click()]);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname === next), page.getByRole('button', { name: 'Continue' }).click()]);
}

/** Full-page screenshots {@code name}.png (1280 px) and {@code name}-phone.png (390 px). */
export async function shoot(page, name) {
  for (const [suffix, size] of [['', DESKTOP], ['-phone', PHONE]]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}${suffix}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

/** A REST API call with a bearer token; fails the test on an error status; the JSON answer or null. */
export async function api(token, method, path, body) {
  const r = await fetch(BASE + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Clicks and waits for the navigation it causes. */
export async function clickAndWait(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}

/** The value of the option of `select` whose label contains `text`. */
export async function optionValue(select, text) {
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent.trim()]));
  const hit = options.find(([, label]) => label.includes(text));
  assert.ok(hit, `an option containing "${text}" among ${JSON.stringify(options.map(([, l]) => l))}`);
  return hit[0];
}

/** Submits a create or edit form of the admin interface and checks the object's page follows. */
export async function save(page, button, heading) {
  await clickAndWait(page, page.getByRole('button', { name: button, exact: true }));
  const errors = await page.locator('ul.errors li, .alert li, .error').allInnerTexts();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), heading, `refused: ${errors}`);
}
