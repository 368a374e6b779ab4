// Notifications in the user interface, in headless Chromium with JavaScript off (issue 17, "Notifications"): a
// notification rule (an event matcher on login_failed, the local transport, a group holding akadmin) turns two failed
// sign-ins into two notifications; the header shows how many are unseen; the notifications page lists them newest
// first, with the failed username (an <img onerror> tag) shown as text; "Mark as seen" and "Mark all as seen" are plain
// form posts. Under Events in the admin menu, a signed webhook transport (an ftp:// URL refused) and a rule are
// made with the generated forms. Screenshots at 1280 and 390 px. Run by
// BrowserNotificationsIT, or by hand:
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_USER=akadmin GATEHOUSE_PASSWORD=… GATEHOUSE_TOKEN=… \
//   SCREENSHOT_DIR=/tmp/shots node --test browser-tests/notifications.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LOGIN, required, startBrowser, withPage, logIn, shoot, api, clickAndWait, optionValue, save } from './harness.mjs';

const USER = required('GATEHOUSE_USER');
const PASSWORD = required('GATEHOUSE_PASSWORD');
const TOKEN = required('GATEHOUSE_TOKEN');
const NOTIFICATIONS = '/if/user/notifications/';
const ODD_NAME = '<img src=x onerror=alert(1)>';

let browser;

before(async () => {
  browser = await startBrowser();
  const me = await api(TOKEN, 'GET', '/api/v3/core/users/me/');
  const group = await api(TOKEN, 'POST', '/api/v3/core/groups/', { name: 'sign-in watchers' });
  await api(TOKEN, 'POST', `/api/v3/core/groups/${group.pk}/add_user/`, { pk: me.user.pk });
  const transport = await api(TOKEN, 'POST', '/api/v3/events/transports/', { name: 'in the user interface', mode: 'local' });
  const rule = await api(TOKEN, 'POST', '/api/v3/events/rules/', {
    name: 'failed sign-ins', transports: [transport.pk], severity: 'warning', destination_group: group.pk,
  });
  const policy = await api(TOKEN, 'POST', '/api/v3/policies/event_matcher/', { name: 'login failed', action: 'login_failed' });
  await api(TOKEN, 'POST', '/api/v3/policies/bindings/', { target: rule.pk, policy: policy.pk, order: 0 });
});

after(async () => {
  await browser?.close();
});

/** A sign-in that fails at the password: one login_failed event. */
async function failSignIn(page, user) {
  await page.goto(LOGIN);
  await page.getByLabel('Username or email').fill(user);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Invalid password').waitFor();
}

/** Waits until the background deliverer has written {@code count} notifications for akadmin. */
async function notified(count) {
  for (let i = 0; i < 100; i++) {
    const list = await api(TOKEN, 'GET', '/api/v3/events/notifications/');
    if (list.pagination.count >= count) {
      return list.results;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`fewer than ${count} notifications arrived`);
}

test('failed sign-ins become notifications that are marked seen with plain forms', async () => {
  await withPage(browser, { javaScriptEnabled: false }, async (page) => {
    await failSignIn(page, USER);
  });
  await withPage(browser, { javaScriptEnabled: false }, async (page) => {
    await failSignIn(page, ODD_NAME);
  });
  const results = await notified(2);
  assert.equal(results.length, 2);
  assert.ok(results.every((n) => n.severity === 'warning' && n.seen === false && n.event.action === 'login_failed'));

  await withPage(browser, { javaScriptEnabled: false }, async (page) => {
    await logIn(page, USER, PASSWORD, '/if/user/');
    const link = page.locator('#notifications-link');
    assert.equal((await link.textContent()).replace(/\s+/g, ' ').trim(), 'Notifications2');
    await Promise.all([page.waitForURL((u) => u.pathname === NOTIFICATIONS), link.click()]);

    const rows = page.locator('li.notification');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).locator('.body').textContent(), /onerror/, 'newest first, the tag shown as text');
    assert.equal(await page.locator('li.notification img').count(), 0, 'no element made from the username');
    assert.equal(await rows.nth(0).getAttribute('data-seen'), 'false');
    await shoot(page, 'user-notifications');

    await Promise.all([page.waitForURL((u) => u.pathname === NOTIFICATIONS),
      rows.nth(0).getByRole('button', { name: 'Mark as seen' }).click()]);
    assert.equal(await page.getByRole('status').textContent(), 'The notification was marked as seen.');
    assert.equal(await page.locator('li.notification').nth(0).getAttribute('data-seen'), 'true');
    assert.equal((await page.locator('#notifications-link').textContent()).trim(), 'Notifications1');

    await Promise.all([page.waitForURL((u) => u.pathname === NOTIFICATIONS),
      page.getByRole('button', { name: 'Mark all as seen' }).click()]);
    assert.equal(await page.getByRole('status').textContent(), 'Every notification was marked as seen.');
    assert.equal(await page.locator('li.notification[data-seen="false"]').count(), 0);
    assert.equal((await page.locator('#notifications-link').textContent()).trim(), 'Notifications');
    assert.equal(await page.getByRole('button', { name: 'Mark all as seen' }).count(), 0);
    await shoot(page, 'user-notifications-seen');
  });
  const after = await api(TOKEN, 'GET', '/api/v3/events/notifications/?seen=false');
  assert.equal(after.pagination.count, 0);
});

test('the admin creates a signed webhook transport and a rule with the generated forms', async () => {
  await withPage(browser, { javaScriptEnabled: false }, async (page) => {
    await logIn(page, USER, PASSWORD, '/if/admin/');
    await clickAndWait(page, page.getByRole('link', { name: 'Notification Transports' }));
    await page.getByText('in the user interface').waitFor();
    await clickAndWait(page, page.getByRole('link', { name: 'Create', exact: true }));
    await page.locator('#field-name').fill('n8n');
    await page.locator('#field-mode').selectOption('webhook');
    await page.locator('#field-webhook_url').fill('ftp://n8n.example.org/hook');
    await page.locator('#field-webhook_secret').fill('shared-with-n8n');
    await clickAndWait(page, page.getByRole('button', { name: 'Create', exact: true }));
    assert.match(await page.locator('body').innerText(), /only http and https are allowed/);
    await page.locator('#field-webhook_url').fill('https://n8n.example.org/webhook/gatehouse');
    await page.locator('#field-webhook_secret').fill('shared-with-n8n');
    await save(page, 'Create', 'n8n');
    assert.doesNotMatch(await page.locator('body').innerText(), /shared-with-n8n/, 'the secret is never shown');

    await clickAndWait(page, page.getByRole('link', { name: 'Notification Rules' }));
    await page.getByText('failed sign-ins').waitFor();
    await clickAndWait(page, page.getByRole('link', { name: 'Create', exact: true }));
    await page.locator('#field-name').fill('lockdowns to n8n');
    const transports = page.locator('#field-transports');
    await transports.selectOption([await optionValue(transports, 'n8n')]);
    await page.locator('#field-severity').selectOption('alert');
    const group = page.locator('#field-destination_group');
    await group.selectOption(await optionValue(group, 'sign-in watchers'));
    await save(page, 'Create', 'lockdowns to n8n');
    await shoot(page, 'admin-notification-rule');
  });
  const rules = await api(TOKEN, 'GET', '/api/v3/events/rules/?name=lockdowns%20to%20n8n');
  assert.equal(rules.results.length, 1);
  assert.equal(rules.results[0].severity, 'alert');
  assert.equal(rules.results[0].destination_group_obj.name, 'sign-in watchers');
  const hooks = await api(TOKEN, 'GET', '/api/v3/events/transports/?name=n8n');
  assert.deepEqual(rules.results[0].transports, [hooks.results[0].pk]);
  assert.equal(hooks.results[0].webhook_url, 'https://n8n.example.org/webhook/gatehouse');
});

