// Seed 004 "Invitation link" in headless Chromium: Directory -> Invitations -> Create with a name, an expiry, the
// enrollment-invitation flow and Single use; the invitation's page shows "Link to use the invitation"; the link,
// opened in a fresh browser, shows the enrollment form with the invitation's fixed data filled in, enrolls once, and
// is refused the second time. The enrollment-invitation flow (invitation, prompt, user_write) is set up over the API
// beforehand (building it is another page's recipe). Screenshots at 1280 and 390 px. Run by BrowserAdminInvitationsIT,
// or by hand:
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_USER=akadmin GATEHOUSE_PASSWORD=… GATEHOUSE_TOKEN=… \
//   SCREENSHOT_DIR=/tmp/shots node --test browser-tests/admin-invitations.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, required, startBrowser, withPage, logIn, shoot, api } from './harness.mjs';

const USER = required('GATEHOUSE_USER');
const PASSWORD = required('GATEHOUSE_PASSWORD');
const TOKEN = required('GATEHOUSE_TOKEN');
const FLOW = 'enrollment-invitation';
const INVITEE = 'jane';
const INVITEE_EMAIL = 'jane@example.org';

let browser;

/** Seed 004's enrollment-invitation flow: invitation (10), prompt (20), user_write (30). */
async function enrollmentFlow() {
  const flow = await api(TOKEN, 'POST', '/api/v3/flows/instances/', {
    name: 'Enrollment Invitation', slug: FLOW, title: 'Enrollment Invitation', designation: 'enrollment',
    compatibility_mode: true,
  });
  const invitation = await api(TOKEN, 'POST', '/api/v3/stages/invitation/stages/', {
    name: 'enrollment-invitation', continue_flow_without_invitation: false,
  });
  const prompt = await promptStage('enrollment-invitation-prompt');
  const write = await api(TOKEN, 'POST', '/api/v3/stages/user_write/', {
    name: 'enrollment-invitation-write', user_creation_mode: 'create_when_required', create_users_as_inactive: false,
    user_type: 'internal',
  });
  for (const [stage, order] of [[invitation, 10], [prompt, 20], [write, 30]]) {
    await api(TOKEN, 'POST', '/api/v3/flows/bindings/', { target: flow.pk, stage: stage.pk, order });
  }
}

/** The one place this test names the prompt stage's config: username, name, email, password, as prompts. */
async function promptStage(name) {
  const field = (field_key, label, type, order) => api(TOKEN, 'POST', '/api/v3/stages/prompt/prompts/',
    { name: `${name}-field-${field_key}`, field_key, label, type, required: true, order });
  const fields = [];
  for (const f of [['username', 'Username', 'username', 1], ['name', 'Name', 'text', 2], ['email', 'Email', 'email', 3],
    ['password', 'Password', 'password', 4]]) {
    fields.push((await field(...f)).pk);
  }
  return api(TOKEN, 'POST', '/api/v3/stages/prompt/stages/', { name, fields });
}

before(async () => {
  browser = await startBrowser();
  await enrollmentFlow();
});

after(async () => {
  await browser?.close();
});

async function menu(page, label) {
  await page.getByRole('navigation', { name: 'Admin', exact: true }).getByRole('link', { name: label, exact: true }).click();
}

test('Seed 004: create a single-use invitation in the admin interface; its link enrolls once', async () => {
  const link = await withPage(browser, {}, async (page) => {
    await logIn(page, USER, PASSWORD, '/if/admin/');
    // Directory -> Invitations -> Create: a suitable name and expiry, the enrollment-invitation flow, Single use
    await menu(page, 'Invitations');
    await page.getByRole('link', { name: 'Create', exact: true }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('family-jane');
    await page.getByLabel('Expires').fill('2099-12-31T18:00');
    await page.getByLabel('Flow').selectOption({ label: `Enrollment Invitation (${FLOW})` });
    await page.getByLabel('Single use').check();
    await page.getByLabel('Fixed data').fill(`email: ${INVITEE_EMAIL}\nname: Jane Doe\n`);
    await shoot(page, 'admin-invitation-create');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'family-jane' }).waitFor();

    // Expand the invitation: "Link to use the invitation" holds the link to hand out
    const properties = page.locator('dl.properties');
    const dd = properties.locator('dt', { hasText: 'Link to use the invitation' }).locator('xpath=following-sibling::dd[1]');
    const url = (await dd.innerText()).trim();
    const pk = new URL(page.url()).pathname.split('/')[4];
    assert.equal(url, `${BASE}/if/flow/${FLOW}/?itoken=${pk}`);
    await shoot(page, 'admin-invitation');
    return url;
  });

  // the link in a fresh browser: the enrollment form with the fixed data filled in
  await withPage(browser, {}, async (page) => {
    await page.goto(link);
    await page.getByRole('heading', { name: 'Enrollment Invitation' }).waitFor();
    assert.equal(await page.getByLabel('Email').inputValue(), INVITEE_EMAIL);
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Jane Doe');
    assert.equal(await page.getByLabel('Username').inputValue(), '');
    await shoot(page, 'invitation-enrollment');
    await page.getByLabel('Username').fill(INVITEE);
    await page.getByLabel('Password').fill(`Seed-004-${Date.now()}`);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith(`/if/flow/${FLOW}/`)),
      page.getByRole('button', { name: 'Continue' }).click()]);
  });
  const users = await api(TOKEN, 'GET', `/api/v3/core/users/?username=${INVITEE}`);
  assert.equal(users.results.length, 1, 'the invitee enrolled');
  assert.equal(users.results[0].email, INVITEE_EMAIL);

  // the second use is refused with a clear page
  await withPage(browser, {}, async (page) => {
    await page.goto(link);
    await page.getByText('This invitation has expired or was already used.').waitFor();
    assert.equal(await page.locator('form input[name="username"]').count(), 0);
    await shoot(page, 'invitation-used');
  });
});
