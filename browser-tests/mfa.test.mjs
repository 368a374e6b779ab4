// Headless Chromium, JavaScript off, against a running Gatehouse whose default validate stage follows seed 004
// (not_configured_action configure, TOTP only, the TOTP setup stage offered): the first login forces TOTP setup
// (the secret read from the page, the code computed here with node's crypto), the second asks for a code, and the
// settings page lists the device. Run by BrowserMfaIT, or by hand:
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_USER=… GATEHOUSE_PASSWORD=… \
//   SCREENSHOT_DIR=/tmp/shots node --test browser-tests/mfa.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
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

assert.match(BASE, /^http:\/\/localhost:\d+$/, 'pages must be loaded from http://localhost:<port>');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

/** RFC 4648 base32 without padding. */
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(c);
    assert.ok(index >= 0, `base32 character ${c}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s) of the step {@code offset} steps from now. */
function totp(secret, offset = 0) {
  const step = Math.floor(Date.now() / 1000 / 30) + offset;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hash = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const o = hash[hash.length - 1] & 0x0f;
  const binary = ((hash[o] & 0x7f) << 24) | (hash[o + 1] << 16) | (hash[o + 2] << 8) | hash[o + 3];
  return String(binary % 1_000_000).padStart(6, '0');
}

let browser;
let secret;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

async function withPage(body) {
  const context = await browser.newContext({ baseURL: BASE, javaScriptEnabled: false });
  context.setDefaultTimeout(15_000);
  try {
    return await body(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Username, then password; leaves the page on whatever the flow shows next. */
async function passwordSteps(page) {
  await page.goto(`${LOGIN}?next=${encodeURIComponent(ME)}`);
  await page.getByLabel('Username or email').fill(USER);
  await Promise.all([page.waitForURL((url) => url.pathname === LOGIN), page.getByRole('button', { name: 'Log in' }).click()]);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue' }).click()]);
}

async function signedInAs(page) {
  const response = await page.goto(ME);
  assert.equal(response.status(), 200);
  return JSON.parse(await page.locator('body').innerText()).user.username;
}

test('the first login forces TOTP setup: QR code and secret on the page, a wrong code refused, the right one signs in', async () => {
  await withPage(async (page) => {
    await passwordSteps(page);
    await page.getByText('Scan this code with your authenticator app').waitFor();
    assert.equal(await page.locator('svg.qr').count(), 1, 'the QR code is an inline SVG');
    secret = (await page.locator('#totp-secret').innerText()).trim();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'totp-setup.png') });

    await page.getByLabel('Code', { exact: true }).fill(totp(secret, 0) === '000000' ? '111111' : '000000');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue' }).click()]);
    await page.getByText('Code does not match').waitFor();

    await page.getByLabel('Code', { exact: true }).fill(totp(secret, 0));
    await Promise.all([page.waitForURL((url) => url.pathname === ME), page.getByRole('button', { name: 'Continue' }).click()]);
    assert.equal(await signedInAs(page), USER);
  });
});

test('the second login asks for a code from the app and the settings page lists the device', async () => {
  assert.ok(secret, 'the setup test ran first');
  await withPage(async (page) => {
    await passwordSteps(page);
    const code = page.getByLabel('Code from your authenticator app');
    await code.waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'totp-validate.png') });
    // The setup code's step is spent; the next step's code is within the allowed skew.
    await code.fill(totp(secret, 1));
    await Promise.all([page.waitForURL((url) => url.pathname === ME), page.getByRole('button', { name: 'Continue' }).click()]);
    assert.equal(await signedInAs(page), USER);

    await page.goto('/if/user/');
    const device = page.locator('li.device[data-device-class="totp"]');
    assert.equal(await device.count(), 1);
    await device.getByLabel('Name').fill('My phone');
    await Promise.all([page.waitForURL((url) => url.pathname === '/if/user/'), device.getByRole('button', { name: 'Rename' }).click()]);
    await page.locator('li.device strong', { hasText: 'My phone' }).waitFor();
  });
});
