// Account lockdown from the user interface in headless Chromium with JavaScript off: a user signs in, clicks
// "Lock my account" in the settings, reads the warning, gives a reason and confirms; the browser ends on the page
// saying the account was locked, its session is gone, the account can no longer sign in, and the event records the
// reason. Screenshots of the portal's lockdown section, the confirmation and the locked page at 1280 and 390 px.
// Run by BrowserLockdownIT, or by hand:
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_TOKEN=… SCREENSHOT_DIR=/tmp/shots \
//   node --test browser-tests/lockdown.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LOGIN, api, logIn, required, shoot, startBrowser, withPage } from './harness.mjs';

const TOKEN = required('GATEHOUSE_TOKEN');
const USER = 'lock-me';
const PASSWORD = `Lock-${Date.now()}-pw`;
const PORTAL = '/if/user/';
const ME = '/api/v3/core/users/me/';

let browser;

before(async () => {
  browser = await startBrowser();
  const user = await api(TOKEN, 'POST', '/api/v3/core/users/', { username: USER, name: 'Lock Me', email: 'lock-me@example.org' });
  await api(TOKEN, 'POST', `/api/v3/core/users/${user.pk}/set_password/`, { password: PASSWORD });
});

after(async () => {
  await browser?.close();
});

test('"Lock my account", confirmed with a reason, locks the account: locked page, session gone, sign-in refused', async () => {
  await withPage(browser, { javaScriptEnabled: false }, async (page) => {
    await logIn(page, USER, PASSWORD, PORTAL);
    const section = page.locator('#lockdown');
    await section.getByRole('heading', { name: 'Lock my account' }).waitFor();
    await section.scrollIntoViewIfNeeded();
    await shoot(page, 'lockdown-portal');

    await Promise.all([page.waitForURL((url) => url.pathname === '/if/flow/default-account-lockdown/'),
      section.getByRole('button', { name: 'Lock my account' }).click()]);
    await page.getByText('Only an administrator can unlock it').waitFor();
    assert.equal(new URL(page.url()).search, '', 'the link token is gone from the address bar');
    await page.getByLabel('Reason').fill('Someone else signed in from abroad');
    await shoot(page, 'lockdown-confirm');
    const before = await page.request.get(ME);
    assert.equal(before.status(), 200, 'nothing is locked before the confirmation');

    await Promise.all([page.waitForURL((url) => url.pathname === '/if/flow/default-account-lockdown-complete/'),
      page.getByRole('button', { name: 'Continue' }).click()]);
    await page.getByText('Your account has been locked').waitFor();
    await shoot(page, 'lockdown-locked');
    const me = await page.request.get(ME);
    assert.equal(me.status(), 401, 'the session is gone');
  });

  await withPage(browser, { javaScriptEnabled: false }, async (page) => {
    await page.goto(`${LOGIN}?next=${encodeURIComponent(PORTAL)}`);
    await page.getByLabel('Username or email').fill(USER);
    await Promise.all([page.waitForURL((url) => url.pathname === LOGIN), page.getByRole('button', { name: 'Log in' }).click()]);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue' }).click()]);
    assert.notEqual(new URL(page.url()).pathname, PORTAL, 'the old password no longer signs in');
    assert.equal((await page.request.get(ME)).status(), 401);
  });

  const events = await api(TOKEN, 'GET', '/api/v3/events/events/?action=account_lockdown_triggered');
  const mine = events.results.filter((e) => e.context.affected_user === USER);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].context.reason, 'Someone else signed in from abroad');
  assert.equal(mine[0].user.username, USER);
});
