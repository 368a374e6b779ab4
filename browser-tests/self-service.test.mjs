// Seed 004's self-service recipes in headless Chromium, with a real SMTP server writing a maildir (Debian's
// aiosmtpd, started by BrowserSelfServiceIT): the recovery flow clicked together in the admin interface as the seed
// writes it, then used from the login page's "Forgot username or password?" link with the emailed link opened in
// another browser; and invitation enrollment: the invitation created under Directory → Invitations, its link opened
// by the invitee, the account confirmed from the email, a second use refused. Run by hand with:
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_USER=akadmin GATEHOUSE_PASSWORD=… GATEHOUSE_TOKEN=… \
//   GATEHOUSE_MEMBER=alice GATEHOUSE_MEMBER_EMAIL=alice@example.org MAILDIR=/tmp/maildir SCREENSHOT_DIR=/tmp/shots \
//   node --test browser-tests/self-service.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { api, clickAndWait, logIn, optionValue, required, save, shoot, startBrowser, withPage } from './harness.mjs';

const USER = required('GATEHOUSE_USER');
const PASSWORD = required('GATEHOUSE_PASSWORD');
const TOKEN = required('GATEHOUSE_TOKEN');
const MEMBER = required('GATEHOUSE_MEMBER');
const MEMBER_EMAIL = required('GATEHOUSE_MEMBER_EMAIL');
const MAILDIR = required('MAILDIR');
const STRONG = 'Correct-Horse-9-Battery';
const COMPLEXITY = 'Please enter a minimum of 12 characters with at least 1 uppercase, 1 lowercase, 1 digit and 1 symbol character.';

let browser;

before(async () => {
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
});

/** Opens the create form of a stage or policy subtype ("Email Stage", "Password Policy"). */
async function createForm(page, list, subtype) {
  await page.goto(list);
  await clickAndWait(page, page.getByRole('link', { name: 'Create', exact: true }));
  await clickAndWait(page, page.getByRole('link', { name: subtype, exact: true }));
}

/** Opens a stage's edit form by its name. */
async function editStage(page, name) {
  const found = await api(TOKEN, 'GET', `/api/v3/stages/all/?name=${encodeURIComponent(name)}`);
  assert.equal(found.results.length, 1, name);
  await page.goto(`/if/admin/stages/${found.results[0].pk}/edit/`);
}

/** The decoded text parts of the newest message to `to` in the maildir, waiting up to 15 s for one newer than `since`. */
async function mailTo(to, since) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const dir = join(MAILDIR, 'new');
    const files = readdirSync(dir).map((f) => join(dir, f)).filter((f) => statSync(f).mtimeMs >= since)
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    for (const file of files) {
      const raw = readFileSync(file, 'utf8');
      if (new RegExp(`^To: .*${to.replace(/[.]/g, '\\.')}`, 'mi').test(raw)) {
        return { subject: /^Subject: (.*)$/mi.exec(raw)[1].trim(), text: decodeParts(raw) };
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to} in ${MAILDIR}`);
}

/** Every MIME part's body, decoded from quoted-printable or base64, joined. */
function decodeParts(raw) {
  return raw.split(/\r?\n--[^\r\n]+\r?\n/).map((part) => {
    const split = part.search(/\r?\n\r?\n/);
    const headers = part.slice(0, split);
    const body = part.slice(split).trim();
    if (/Content-Transfer-Encoding:\s*base64/i.test(headers)) {
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    }
    if (/Content-Transfer-Encoding:\s*quoted-printable/i.test(headers)) {
      return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
    }
    return body;
  }).join('\n');
}

function flowLink(text) {
  const m = /(https?:\/\/[^\s"<>]+\/if\/flow\/[a-z0-9-]+\/\?flow_token=[A-Za-z0-9_\-.%]+)/.exec(text);
  assert.ok(m, `a flow link in the mail: ${text}`);
  return m[1];
}

test('seed 004 recovery: clicked together in the admin interface, then used from the login page', async () => {
  await withPage(browser, {}, async (page) => {
    await logIn(page, USER, PASSWORD, '/if/admin/');
    // "It's a good idea to enforce some kind of password policy."
    await createForm(page, '/if/admin/policies/', 'Password Policy');
    await page.locator('#field-name').fill('password-complexity');
    for (const [field, value] of [['length_min', '12'], ['amount_uppercase', '1'], ['amount_lowercase', '1'],
      ['amount_digits', '1'], ['amount_symbols', '1']]) {
      await page.locator(`#field-${field}`).fill(value);
    }
    await page.locator('#field-error_message').fill(COMPLEXITY);
    await save(page, 'Create', 'password-complexity');
    await editStage(page, 'default-password-change-prompt');
    const policies = page.locator('#field-validation_policies');
    await policies.selectOption([await optionValue(policies, 'password-complexity')]);
    await save(page, 'Update', 'default-password-change-prompt');

    // "If users forget their password it's nice if they're able to reset their passwords on their own."
    await createForm(page, '/if/admin/stages/', 'Identification Stage');
    await page.locator('#field-name').fill('recovery-authentication-identification');
    await save(page, 'Create', 'recovery-authentication-identification');
    await createForm(page, '/if/admin/stages/', 'Email Stage');
    await page.locator('#field-name').fill('recovery-email');
    await page.locator('#field-subject').fill('Authentik password recovery');
    await save(page, 'Create', 'recovery-email');
    await page.goto('/if/admin/flows/');
    await clickAndWait(page, page.getByRole('link', { name: 'Create', exact: true }));
    await page.locator('#field-name').fill('Recovery');
    await page.locator('#field-title').fill('Recovery');
    await page.locator('#field-slug').fill('recovery');
    await page.locator('#field-designation').selectOption('recovery');
    await save(page, 'Create', 'Recovery');
    for (const [stage, order] of [['recovery-authentication-identification', '10'], ['recovery-email', '20'],
      ['default-password-change-prompt', '30'], ['default-password-change-write', '40']]) {
      const select = page.locator('#field-stage');
      await select.selectOption(await optionValue(select, stage));
      await page.locator('#field-order').fill(order);
      await clickAndWait(page, page.getByRole('button', { name: 'Bind', exact: true }));
    }
    await editStage(page, 'default-authentication-identification');
    const recovery = page.locator('#field-recovery_flow');
    await recovery.selectOption(await optionValue(recovery, 'recovery'));
    await save(page, 'Update', 'default-authentication-identification');
  });

  const since = Date.now() - 1000;
  await withPage(browser, {}, async (page) => {
    await page.goto('/if/flow/default-authentication-flow/');
    await clickAndWait(page, page.getByRole('link', { name: 'Forgot username or password?' }));
    assert.equal(new URL(page.url()).pathname, '/if/flow/recovery/');
    await page.getByLabel('Username or email').fill(MEMBER_EMAIL);
    await clickAndWait(page, page.getByRole('button', { name: 'Log in' }));
    assert.match(await page.locator('main').innerText(), /email/i);
    await shoot(page, 'recovery-email-sent');
  });
  const mail = await mailTo(MEMBER_EMAIL, since);
  assert.equal(mail.subject, 'Authentik password recovery');
  const link = flowLink(mail.text);

  await withPage(browser, {}, async (page) => { // another browser: the phone the mail was read on
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Password (repeat)').fill('short');
    await clickAndWait(page, page.getByRole('button', { name: 'Continue' }));
    assert.match(await page.locator('main').innerText(), new RegExp(COMPLEXITY.slice(0, 40)));
    await shoot(page, 'recovery-new-password');
    await page.getByLabel('Password', { exact: true }).fill(STRONG);
    await page.getByLabel('Password (repeat)').fill(STRONG);
    await clickAndWait(page, page.getByRole('button', { name: 'Continue' }));
  });

  await withPage(browser, {}, async (page) => {
    await logIn(page, MEMBER, STRONG, '/if/user/');
  });
  await withPage(browser, {}, async (page) => {
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    assert.match(await page.locator('main').innerText(), /invalid|expired|used/i);
    await shoot(page, 'recovery-link-used');
  });
});

test('seed 004 invitation: created under Directory → Invitations, enrolled once by the invitee, refused the second time', async () => {
  const group = await api(TOKEN, 'POST', '/api/v3/core/groups/', { name: 'authentik Users', is_superuser: false });
  const write = await api(TOKEN, 'POST', '/api/v3/stages/user_write/', { name: 'enrollment-invitation-write',
    user_creation_mode: 'create_when_required', create_users_as_inactive: false, user_type: 'internal', create_users_group: group.pk });
  const invitationStage = await api(TOKEN, 'POST', '/api/v3/stages/invitation/stages/', { name: 'enrollment-invitation',
    continue_flow_without_invitation: false });
  const email = await api(TOKEN, 'POST', '/api/v3/stages/email/', { name: 'enrollment-invitation-email',
    subject: 'Account Confirmation', template: 'email/account_confirmation.html' });
  const flow = await api(TOKEN, 'POST', '/api/v3/flows/instances/', { name: 'Enrollment Invitation', title: 'Enrollment Invitation',
    slug: 'enrollment-invitation', designation: 'enrollment', compatibility_mode: true });
  const prompt = (await api(TOKEN, 'GET', '/api/v3/stages/all/?name=default-source-enrollment-prompt')).results[0];
  const login = (await api(TOKEN, 'GET', '/api/v3/stages/all/?name=default-source-enrollment-login')).results[0];
  for (const [stage, order] of [[invitationStage.pk, 10], [prompt.pk, 20], [write.pk, 30], [email.pk, 40], [login.pk, 50]]) {
    await api(TOKEN, 'POST', '/api/v3/flows/bindings/', { target: flow.pk, stage, order });
  }

  let link;
  await withPage(browser, {}, async (page) => {
    await logIn(page, USER, PASSWORD, '/if/admin/');
    await page.goto('/if/admin/invitations/');
    await clickAndWait(page, page.getByRole('link', { name: 'Create', exact: true }));
    await page.locator('#field-name').fill('cousin-anna');
    const expires = new Date(Date.now() + 7 * 86_400_000);
    const field = page.locator('#field-expires');
    await field.fill((await field.getAttribute('type')) === 'datetime-local' ? expires.toISOString().slice(0, 16) : expires.toISOString());
    const flows = page.locator('#field-flow');
    await flows.selectOption(await optionValue(flows, 'enrollment-invitation'));
    await page.locator('#field-single_use').check();
    await save(page, 'Create', 'cousin-anna');
    link = await page.locator('main').getByText(/\/if\/flow\/enrollment-invitation\/\?itoken=/).first().innerText();
    link = /(https?:\/\/\S+itoken=[0-9a-f-]+)/.exec(link)[1];
  });

  const since = Date.now() - 1000;
  await withPage(browser, {}, async (page) => {
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await page.getByLabel('Username', { exact: true }).fill('anna');
    await page.getByLabel('Name', { exact: true }).fill('Anna Cousin');
    await page.getByLabel('Email', { exact: true }).fill('anna@example.org');
    await page.getByLabel('Password', { exact: true }).fill(STRONG);
    await page.getByLabel('Password (repeat)').fill(STRONG);
    await shoot(page, 'enrollment-invitation-form');
    await clickAndWait(page, page.getByRole('button', { name: 'Continue' }));
    assert.match(await page.locator('main').innerText(), /email/i);
    await shoot(page, 'enrollment-confirm-email');
    const mail = await mailTo('anna@example.org', since);
    assert.equal(mail.subject, 'Account Confirmation');
    await Promise.all([page.waitForURL((url) => url.pathname.startsWith('/if/user/')),
      page.goto(flowLink(mail.text).replace(/^https?:\/\/[^/]+/, ''))]);
    assert.match(await page.locator('body').innerText(), /Anna Cousin|anna/);
  });

  await withPage(browser, {}, async (page) => {
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    assert.match(await page.locator('main').innerText(), /invitation/i);
    assert.equal(await page.getByLabel('Username', { exact: true }).count(), 0, 'no enrollment form for a used invitation');
    await shoot(page, 'enrollment-invitation-used');
  });
});
