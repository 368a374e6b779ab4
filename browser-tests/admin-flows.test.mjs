// The admin interface's hand-made pages in headless Chromium: a flow's stage bindings (bind an existing stage,
// move it, change its order, remove it), seed 004's Nextcloud recipe clicked through (two groups, the scope
// mapping, the OAuth2 provider with a regex redirect URI, the application, and its group binding on the bindings
// page) and then proven with openid-client (a member gets the groups and quota claims, a non-member is refused),
// the event log filtered by action and an event's context, and the overview's counts. Run by BrowserAdminFlowsIT,
// or by hand against a server where the users GATEHOUSE_MEMBER and GATEHOUSE_OUTSIDER exist (password
// GATEHOUSE_MEMBER_PASSWORD for both):
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_USER=akadmin GATEHOUSE_PASSWORD=… GATEHOUSE_MEMBER=ncuser \
//   GATEHOUSE_OUTSIDER=outsider GATEHOUSE_MEMBER_PASSWORD=… SCREENSHOT_DIR=/tmp/shots \
//   node --test browser-tests/admin-flows.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as client from 'openid-client';
import { launchChromium } from './chromium.mjs';
import { optionValue } from './harness.mjs';

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
const MEMBER = required('GATEHOUSE_MEMBER');
const OUTSIDER = required('GATEHOUSE_OUTSIDER');
const MEMBER_PASSWORD = required('GATEHOUSE_MEMBER_PASSWORD');
const SCREENSHOT_DIR = required('SCREENSHOT_DIR');

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const CALLBACK = `${BASE}/apps/user_oidc/code`;
const MAX_HOPS = 30;
// Seed 004's "Nextcloud Profile" scope mapping, authentik's Python exactly as the seed prints it (with the line
// breaks the page lost restored), pasted into the form.
const NEXTCLOUD_PROFILE = readFileSync(required('GATEHOUSE_NEXTCLOUD_MAPPING'), 'utf8');

assert.match(BASE, /^http:\/\/localhost:\d+$/, 'pages must be loaded from http://localhost:<port>');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

let browser;
let context;
let page;

before(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: BASE, viewport: DESKTOP });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  await page.goto('/if/admin/');
  await page.getByLabel('Username or email').fill(USER);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => url.pathname === '/if/admin/'), page.getByRole('button', { name: 'Continue' }).click()]);
});

after(async () => {
  await context?.close();
  await browser?.close();
});

/** Screenshots of the current page at 1280 px and 390 px width (full page), back at 1280 px afterwards. */
async function shoot(name) {
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${name}: no sideways scrolling at 390 px (${overflow}px too wide)`);
  await page.setViewportSize(DESKTOP);
}

/** Clicks and waits for the navigation it causes (a form post answered by a redirect, or a link). */
async function clickAndWait(locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}

/** Submits a create form and checks the object's page follows; a refusal names the errors shown. */
async function create(heading) {
  await clickAndWait(page.getByRole('button', { name: 'Create' }));
  const errors = await page.locator('ul.errors li, .alert li').allInnerTexts();
  const fields = await page.locator('.field.invalid').evaluateAll((fs) => fs.map((f) => f.querySelector('[id^=field-]')?.id));
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), heading, `refused: ${fields} ${errors}`);
}

async function stageOrder() {
  return page.locator('table.stage-bindings tbody tr').evaluateAll((rows) => rows.map((r) => [
    r.querySelector('input[name=order]')?.value, r.querySelector('td[data-label=Stage]')?.textContent.trim()]));
}

async function api(path) {
  const response = await page.request.get(path);
  assert.equal(response.status(), 200, `GET ${path}`);
  return response.json();
}

test('flow page: create a flow, bind existing stages, move one, change its order, remove it', async () => {
  await page.goto('/if/admin/flows/');
  await clickAndWait(page.getByRole('link', { name: 'Create', exact: true }));
  await page.locator('#field-name').fill('Recovery');
  await page.locator('#field-title').fill('Recovery');
  await page.locator('#field-slug').fill('recovery');
  await page.locator('#field-designation').selectOption('recovery');
  await create('Recovery');
  assert.equal(new URL(page.url()).pathname, '/if/admin/flows/recovery/');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Recovery');
  assert.equal(await page.getByRole('link', { name: 'Run this flow' }).getAttribute('href'), '/if/flow/recovery/');

  for (const [stage, order] of [['default-authentication-identification', '10'], ['default-authentication-password', '20']]) {
    const select = page.locator('#field-stage');
    await select.selectOption(await optionValue(select, stage));
    await page.locator('#field-order').fill(order);
    await clickAndWait(page.getByRole('button', { name: 'Bind', exact: true }));
    assert.ok(await page.getByText('Saved.').isVisible());
  }
  assert.deepEqual(await stageOrder(), [['10', 'default-authentication-identification'], ['20', 'default-authentication-password']]);

  await clickAndWait(page.getByRole('button', { name: 'Move default-authentication-password up' }));
  assert.deepEqual(await stageOrder(), [['10', 'default-authentication-password'], ['20', 'default-authentication-identification']]);

  await page.getByLabel('Order of default-authentication-password').fill('30');
  await clickAndWait(page.locator('form.inline-order', { has: page.getByLabel('Order of default-authentication-password') })
    .getByRole('button', { name: 'Set' }));
  assert.deepEqual(await stageOrder(), [['20', 'default-authentication-identification'], ['30', 'default-authentication-password']]);

  // two stages may share an order (authentik's unique set is target, stage, order), as while re-ordering
  await page.getByLabel('Order of default-authentication-password').fill('20');
  await clickAndWait(page.locator('form.inline-order', { has: page.getByLabel('Order of default-authentication-password') })
    .getByRole('button', { name: 'Set' }));
  assert.deepEqual((await stageOrder()).map(([order]) => order), ['20', '20']);
  // the same stage bound twice at one order: refused, the message above the form
  const again = page.locator('#field-stage');
  await again.selectOption(await optionValue(again, 'default-authentication-identification'));
  await page.locator('#field-order').fill('20');
  await clickAndWait(page.getByRole('button', { name: 'Bind', exact: true }));
  assert.match(await page.locator('.alert').innerText(), /target, stage, order must make a unique set/);

  await page.goto('/if/admin/flows/recovery/');
  await clickAndWait(page.getByRole('link', { name: 'Remove default-authentication-password' }));
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Remove stage default-authentication-password/);
  await clickAndWait(page.getByRole('button', { name: 'Remove' }));
  assert.deepEqual(await stageOrder(), [['20', 'default-authentication-identification']]);
  assert.ok(await page.getByRole('link', { name: /0 bindings/ }).isVisible(), 'each binding links to its policy bindings');
  await shoot('admin-flow');
});

test('seed 004 Nextcloud: groups, scope mapping, OAuth2 provider with a regex redirect, application, group binding', async () => {
  const users = await api(`/api/v3/core/users/?page_size=1000`);
  const member = users.results.find((u) => u.username === MEMBER);
  assert.ok(member, `user ${MEMBER} exists`);

  for (const [name, attributes] of [['nextcloud Admins', ''], ['nextcloud Users', 'nextcloud_quota: 10 GB']]) {
    await page.goto('/if/admin/groups/');
    await clickAndWait(page.getByRole('link', { name: 'Create', exact: true }));
    await page.locator('#field-name').fill(name);
    await page.locator('#field-users').selectOption(String(member.pk));
    await page.locator('#field-attributes').fill(attributes);
    await create(name);
  }

  await page.goto('/if/admin/property-mappings/');
  await clickAndWait(page.getByRole('link', { name: 'Create', exact: true }));
  await page.locator('#field-name').fill('Nextcloud Profile');
  await page.locator('#field-scope_name').fill('profile');
  await page.locator('#field-expression').fill(NEXTCLOUD_PROFILE);
  await create('Nextcloud Profile');

  await page.goto('/if/admin/providers/');
  await clickAndWait(page.getByRole('link', { name: 'Create', exact: true }));
  await clickAndWait(page.getByRole('link', { name: 'OAuth2/OpenID Provider' }));
  await page.locator('#field-name').fill('Nextcloud Provider');
  const authorization = page.locator('#field-authorization_flow');
  await authorization.selectOption(await optionValue(authorization, 'default-provider-authorization-implicit-consent'));
  const invalidation = page.locator('#field-invalidation_flow');
  if (await invalidation.count() > 0 && !(await invalidation.inputValue())) {
    await invalidation.selectOption(await optionValue(invalidation, 'invalidation-flow'));
  }
  await page.locator('#field-client_type').selectOption('confidential');
  // The generic form sends an empty text input as "", which the API refuses for client_id and client_secret
  // ("Generated when not given"): until the generic form leaves empty optional inputs out, both are entered.
  await page.locator('#field-client_id').fill(`nextcloud-${Date.now()}`);
  await page.locator('#field-client_secret').fill(`secret-${Math.random().toString(36).slice(2)}-${Date.now()}-0123456789abcdef`);
  // authentik's provider form starts with its self-signed certificate as the signing key (RS256)
  const signing = page.locator('#field-signing_key');
  await signing.selectOption(await optionValue(signing, 'Self-signed'));
  await page.locator('#field-redirect_uris').fill(
    `- matching_mode: regex\n  url: 'http://localhost:\\d+/apps/user_oidc/code'\n`);
  const scopes = page.locator('#field-property_mappings');
  await scopes.selectOption([await optionValue(scopes, "OpenID 'email'"), await optionValue(scopes, "OpenID 'openid'"),
    await optionValue(scopes, "OpenID 'profile'"), await optionValue(scopes, 'Nextcloud Profile')]);
  await page.locator('#field-sub_mode').selectOption('user_username');
  assert.ok(await page.locator('#field-include_claims_in_id_token').isChecked(), 'claims in the id_token by default');
  await create('Nextcloud Provider');

  await page.goto('/if/admin/applications/');
  await clickAndWait(page.getByRole('link', { name: 'Create', exact: true }));
  await page.locator('#field-name').fill('Nextcloud');
  await page.locator('#field-slug').fill('nextcloud');
  const provider = page.locator('#field-provider');
  await provider.selectOption(await optionValue(provider, 'Nextcloud Provider'));
  await create('Nextcloud');
  assert.equal(new URL(page.url()).pathname, '/if/admin/applications/nextcloud/');

  const app = await api('/api/v3/core/applications/nextcloud/');
  await page.goto(`/if/admin/bindings/${app.pk}/`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Policy / Group / User Bindings');
  const group = page.locator('#field-group');
  await group.selectOption(await optionValue(group, 'nextcloud Users'));
  await page.locator('#field-order').fill('0');
  await clickAndWait(page.getByRole('button', { name: 'Bind', exact: true }));
  const rows = await page.locator('table.bindings tbody tr').allInnerTexts();
  assert.equal(rows.length, 1);
  assert.match(rows[0], /Group\s+nextcloud Users/);
  assert.equal(await page.getByRole('link', { name: 'Back to application Nextcloud' }).getAttribute('href'),
    '/if/admin/applications/nextcloud/');
  await shoot('admin-bindings');
});

/** name → value of the cookies the server set, for the relying party's own browser (fetch). */
class CookieJar {
  #cookies = new Map();

  store(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (expired || value === '') {
        this.#cookies.delete(name);
      } else {
        this.#cookies.set(name, value);
      }
    }
  }

  header() {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function request(jar, url, { method = 'GET', json } = {}) {
  const headers = { cookie: jar.header(), accept: json === undefined ? 'text/html,application/json' : 'application/json' };
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url, { method, headers, redirect: 'manual', body: json === undefined ? undefined : JSON.stringify(json) });
  jar.store(response);
  return response;
}

/** The sign-in flow through the executor's JSON API as `username`; returns where it sends the browser. */
async function runFlow(jar, flowPage, username) {
  const slug = flowPage.pathname.match(/^\/if\/flow\/([^/]+)\/$/)[1];
  const executor = new URL(`/api/v3/flows/executor/${slug}/`, BASE);
  if (flowPage.search.length > 1) {
    executor.searchParams.set('query', flowPage.search.slice(1));
  }
  let challenge = await (await request(jar, executor)).json();
  for (let step = 0; step < MAX_HOPS; step++) {
    assert.equal(challenge.response_errors, undefined, JSON.stringify(challenge));
    let answer;
    switch (challenge.component) {
      case 'xak-flow-redirect':
        return new URL(challenge.to, BASE);
      case 'ak-stage-identification':
        answer = { component: challenge.component, uid_field: username, ...(challenge.password_fields ? { password: MEMBER_PASSWORD } : {}) };
        break;
      case 'ak-stage-password':
        answer = { component: challenge.component, password: MEMBER_PASSWORD };
        break;
      default:
        assert.fail(`no answer for ${JSON.stringify(challenge)}`);
    }
    let response = await request(jar, executor, { method: 'POST', json: answer });
    if (response.status >= 300 && response.status < 400) {
      response = await request(jar, new URL(response.headers.get('location'), executor));
    }
    challenge = await response.json();
  }
  assert.fail('flow did not end');
}

/** From the authorization URL to the callback (a URL) or to a final non-redirect answer (a Response). */
async function authorize(jar, url, username) {
  let at = url;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (at.href.startsWith(`${CALLBACK}?`)) {
      return at;
    }
    if (at.origin === BASE && /^\/if\/flow\/[^/]+\/$/.test(at.pathname)) {
      at = await runFlow(jar, at, username);
      continue;
    }
    const response = await request(jar, at);
    if (response.status < 300 || response.status >= 400) {
      return response;
    }
    at = new URL(response.headers.get('location'), at);
  }
  assert.fail('too many redirects');
}

test('seed 004 Nextcloud through openid-client: a member gets groups and quota, a non-member is refused', async () => {
  const providers = await api('/api/v3/providers/oauth2/?page_size=1000');
  const listed = providers.results.find((p) => p.name === 'Nextcloud Provider');
  const provider = await api(`/api/v3/providers/oauth2/${listed.pk}/`);
  assert.deepEqual(provider.redirect_uris.map((u) => u.matching_mode), ['regex']);
  const config = await client.discovery(new URL(`${BASE}/application/o/nextcloud/`), provider.client_id, undefined,
    client.ClientSecretBasic(provider.client_secret), { execute: [client.allowInsecureRequests] });

  async function codeFlow(username) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK, scope: 'openid email profile', state, nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    return { verifier, state, nonce, end: await authorize(new CookieJar(), url, username) };
  }

  const member = await codeFlow(MEMBER);
  assert.ok(member.end instanceof URL, `the member reaches the callback (got ${member.end.status})`);
  const tokens = await client.authorizationCodeGrant(config, member.end, {
    pkceCodeVerifier: member.verifier, expectedState: member.state, expectedNonce: member.nonce,
  });
  const claims = tokens.claims();
  assert.equal(claims.sub, MEMBER, 'subject mode: the username');
  // Both "profile" mappings run: authentik's default one (groups: the user's group names) and Nextcloud Profile
  // (groups: ["admin"] for members of nextcloud Admins); their results are deep-merged (lists appended) as
  // authentik does, so Nextcloud sees the group names and "admin".
  assert.ok(Array.isArray(claims.groups) && claims.groups.includes('nextcloud Users'), `groups claim: ${claims.groups}`);
  assert.ok(claims.groups.includes('admin'), `the seed's "admin" group arrives: ${claims.groups}`);
  assert.equal(claims.quota, '10 GB');
  assert.equal(claims.user_id, MEMBER);
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  assert.deepEqual(userinfo.groups, claims.groups);
  assert.equal(userinfo.quota, '10 GB');

  const outsider = await codeFlow(OUTSIDER);
  assert.ok(!(outsider.end instanceof URL), `the non-member gets no code (sent to ${outsider.end})`);
  assert.equal(outsider.end.status, 403);
  assert.match(await outsider.end.text(), /Access denied/);
});

test('events: filter by action and application, open an event and its context', async () => {
  await page.goto('/if/admin/events/');
  await page.getByLabel('Action').selectOption('login');
  await clickAndWait(page.getByRole('button', { name: 'Filter' }));
  const actions = await page.locator('table.events td[data-label=Action]').allInnerTexts();
  assert.ok(actions.length > 0, 'sign-ins are logged');
  assert.ok(actions.every((a) => a === 'login'), `only login events: ${actions}`);

  await page.getByLabel('Action').selectOption('authorize_application');
  await page.getByLabel('Application').selectOption({ label: 'Nextcloud' });
  await clickAndWait(page.getByRole('button', { name: 'Filter' }));
  const users = await page.locator('table.events td[data-label=User]').allInnerTexts();
  assert.deepEqual(users, [MEMBER], 'the member authorized Nextcloud once; the outsider never did');
  await shoot('admin-events');

  await clickAndWait(page.locator('table.events td[data-label=Action] a').first());
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Event authorize_application');
  const context = JSON.parse(await page.locator('pre.json').first().innerText());
  assert.equal(context.authorized_application.name, 'Nextcloud');
  await shoot('admin-event');
});

test('overview: counts, recent logins and failures, version and health', async () => {
  // a wrong password for the outsider: a login_failed event
  const jar = new CookieJar();
  const executor = new URL('/api/v3/flows/executor/default-authentication-flow/', BASE);
  const answer = async (body) => {
    let response = await request(jar, executor, { method: 'POST', json: body });
    if (response.status >= 300 && response.status < 400) {
      response = await request(jar, new URL(response.headers.get('location'), executor));
    }
    return response.json();
  };
  let challenge = await (await request(jar, executor)).json();
  challenge = await answer({ component: challenge.component, uid_field: OUTSIDER });
  assert.equal(challenge.component, 'ak-stage-password');
  challenge = await answer({ component: challenge.component, password: 'not-the-password' });
  assert.ok(challenge.response_errors, 'the wrong password is refused');

  await page.goto('/if/admin/');
  const cards = Object.fromEntries(await page.locator('.cards .card').evaluateAll((cs) => cs.map((c) => [
    c.lastChild.textContent.trim(), c.querySelector('strong').textContent.trim()])));
  const count = async (path) => String((await api(`${path}?page_size=1`)).pagination.count);
  assert.equal(cards.Applications, await count('/api/v3/core/applications/'));
  assert.equal(cards.Groups, await count('/api/v3/core/groups/'));
  assert.equal(cards.Users, await count('/api/v3/core/users/'));
  assert.equal(cards.Flows, await count('/api/v3/flows/instances/'));
  assert.ok(Number(cards.Applications) >= 1 && Number(cards.Providers) >= 1 && 'Outposts' in cards && 'Policies' in cards);
  const logins = await page.locator('section[aria-labelledby=recent-logins] li').allInnerTexts();
  assert.ok(logins.some((l) => l.startsWith(USER)), `recent logins name ${USER}: ${logins}`);
  const failures = await page.locator('section[aria-labelledby=recent-failures] li').allInnerTexts();
  assert.ok(failures.some((l) => l.startsWith(OUTSIDER)), `recent failures name ${OUTSIDER}: ${failures}`);
  assert.ok(await page.getByText('Reachable, schema current').isVisible());
  await shoot('admin-overview');
});

test('policies: seed 000 Geo-IP rule pasted as Python, Python refused with its position, a GeoIP policy with countries', async () => {
  const rule = readFileSync(required('GATEHOUSE_GEOIP_RULE'), 'utf8');
  await page.goto('/if/admin/policies/new/?type=expression');
  await page.locator('#field-name').fill('Only Switzerland and the local network');
  await page.locator('#field-expression').fill(`import os\n${rule}`);
  await clickAndWait(page.getByRole('button', { name: 'Create' }));
  const refusal = await page.locator('.field.invalid').innerText();
  assert.match(refusal, /1:1/, `the refusal names line and column: ${refusal}`);
  assert.match(refusal, /import/);
  await page.locator('#field-expression').fill(rule);
  await create('Only Switzerland and the local network');
  const saved = (await api('/api/v3/policies/expression/?search=Switzerland')).results;
  assert.equal(saved.length, 1);
  assert.equal(saved[0].expression, rule, 'stored exactly as pasted');

  await page.goto('/if/admin/policies/new/?type=geoip');
  await page.locator('#field-name').fill('Alpine countries');
  await page.locator('#field-countries').selectOption(['AT', 'CH', 'LI']);
  await page.getByLabel('Check impossible travel').check();
  await shoot('admin-policy-geoip');
  await create('Alpine countries');
  const geo = (await api('/api/v3/policies/geoip/?search=Alpine')).results;
  assert.equal(geo.length, 1);
  assert.deepEqual(geo[0].countries, ['AT', 'CH', 'LI']);
  assert.equal(geo[0].check_impossible_travel, true);

  await page.goto('/if/admin/policies/new/?type=password_expiry');
  await page.locator('#field-name').fill('Yearly password change');
  await page.locator('#field-days').fill('365');
  await create('Yearly password change');
  const expiry = (await api('/api/v3/policies/password_expiry/?search=Yearly')).results;
  assert.equal(expiry[0].days, 365);
  assert.equal(expiry[0].deny_only, false);
});
