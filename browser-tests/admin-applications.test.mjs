// The applications part of the admin interface in headless Chromium: the seed recipes clicked through the admin
// pages, then proven through the protocol. This file runs Debian's Caddy itself, with the Caddy snippets the
// application wizard printed (only the application's upstream replaced), in front of an upstream (here, in node)
// that answers with the request headers it received. *.localhost names reach loopback in Chromium.
// Run by BrowserAdminApplicationsIT, or by hand against a fresh Gatehouse:
//   GATEHOUSE_URL=http://localhost:9000 GATEHOUSE_USER=akadmin GATEHOUSE_PASSWORD=… CADDY_PORT=18080 \
//   CADDY_DIR=/tmp/caddy SCREENSHOT_DIR=/tmp/shots node --test browser-tests/admin-applications.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { spawn, spawnSync } from 'node:child_process';
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
const CADDY_PORT = Number(required('CADDY_PORT'));
const CADDY_DIR = required('CADDY_DIR');
const SCREENSHOT_DIR = required('SCREENSHOT_DIR');
const CADDY_BINARY = process.env.CADDY_PATH || '/usr/bin/caddy';
const ADMIN = `${BASE}/if/admin/`;
const UPSTREAM_PLACEHOLDER = 'app:8080';

const TRAEFIK_DOMAIN = 'traefik.localhost';
const HOME_DOMAIN = 'home.localhost';
const at = (host) => `http://${host}:${CADDY_PORT}`;

mkdirSync(SCREENSHOT_DIR, { recursive: true });
mkdirSync(CADDY_DIR, { recursive: true });

let browser;
let context;
let page;
let echo;
let echoAddress;
let caddy;
/** The Caddy configuration pasted from the wizard's result pages, by recipe. */
const pasted = {};

before(async () => {
  echo = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ uri: req.url, headers: req.headers }));
  });
  await new Promise((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoAddress = `http://127.0.0.1:${echo.address().port}`;
  browser = await launchChromium();
  context = await browser.newContext();
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  await page.goto(ADMIN);
  await signIn(page);
  assert.equal(new URL(page.url()).pathname, '/if/admin/', `back on the admin interface, not ${page.url()}`);
});

after(async () => {
  caddy?.kill('SIGTERM');
  await browser?.close();
  echo?.close();
});

/** Gatehouse's login page: username, then password. */
async function signIn(p) {
  const login = new URL(p.url());
  assert.match(login.pathname, /^\/if\/flow\/[^/]+\/$/, `Gatehouse's login page, not ${p.url()}`);
  await p.getByLabel('Username or email').fill(USER);
  await Promise.all([p.waitForURL((url) => url.pathname === login.pathname),
    p.getByRole('button', { name: 'Log in' }).click()]);
  await p.getByText(`Signing in as ${USER}`).waitFor();
  await p.getByLabel('Password').fill(PASSWORD);
  await Promise.all([p.waitForURL((url) => url.pathname !== login.pathname, { waitUntil: 'load' }),
    p.getByRole('button', { name: 'Continue' }).click()]);
}

/** Screenshots at 1280 and 390 px width. */
async function shoot(name) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

const field = (name) => page.locator(`[id="field-${name}"]`);

/** Selects the option of a select whose text contains `text`; returns its value. */
async function choose(name, text) {
  const option = field(name).locator('option', { hasText: text }).first();
  const value = await option.getAttribute('value');
  assert.ok(value, `an option "${text}" in ${name}`);
  await field(name).selectOption(value);
  return value;
}

async function selectedText(name) {
  return field(name).evaluate((select) => select.options[select.selectedIndex]?.textContent ?? '');
}

async function submit(name) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name, exact: true }).click()]);
}

async function checkNoFormErrors() {
  const errors = await page.locator('ul.errors li, .alert li').allTextContents();
  assert.deepEqual(errors, [], `no form errors on ${page.url()}`);
}

test('the outposts page shows the embedded outpost in red with the fix, and in green once its edit form sets authentik_host', async () => {
  await page.goto(`${ADMIN}outposts/`);
  await page.getByRole('heading', { name: 'authentik Embedded Outpost' }).waitFor();
  const status = page.locator('.outpost-status');
  assert.match(await status.textContent(), /Set authentik_host in the outpost's configuration to the URL browsers use to reach Gatehouse, e\.g\. https:\/\/auth\.example\.com/);
  assert.equal(await status.getAttribute('class'), 'outpost-status status-bad');
  await shoot('admin-outposts-red');

  await page.getByRole('link', { name: 'Edit the outpost' }).click();
  await field('config').waitFor();
  const yaml = await field('config').inputValue();
  assert.match(yaml, /authentik_host:/, 'the configuration is shown as YAML');
  await field('config').fill(yaml.replace(/authentik_host:.*$/m, `authentik_host: "${BASE}/"`));
  await submit('Update');
  await checkNoFormErrors();

  await page.goto(`${ADMIN}outposts/`);
  const green = page.locator('.outpost-status');
  assert.equal((await green.textContent()).trim(), `✓ Logging in via ${BASE}/`);
  assert.equal(await green.getAttribute('class'), 'outpost-status status-good');
  await shoot('admin-outposts-green');
});

test('seed 004, Traefik domain-level forward auth: provider, application and embedded outpost in the generic forms', async () => {
  // Applications → Providers → Create → Proxy Provider
  await page.goto(`${ADMIN}providers/`);
  await page.getByRole('link', { name: 'Create', exact: true }).click();
  await page.getByRole('link', { name: 'Proxy Provider' }).click();
  await field('name').fill('Traefik Provider');
  await choose('authorization_flow', 'default-provider-authorization-implicit-consent');
  if (await field('invalidation_flow').count() && !(await field('invalidation_flow').inputValue())) {
    await choose('invalidation_flow', 'default-invalidation-flow');
  }
  await field('mode').selectOption('forward_domain');
  await field('external_host').fill(at(`auth.${TRAEFIK_DOMAIN}`));
  await field('cookie_domain').fill(TRAEFIK_DOMAIN);
  if (await field('outpost_set').count()) {
    await field('outpost_set').selectOption([]);
  }
  await submit('Create');
  await checkNoFormErrors();

  // Applications → Applications → Create
  await page.goto(`${ADMIN}applications/new/`);
  await field('name').fill('Traefik');
  await field('slug').fill('traefik');
  await choose('provider', 'Traefik Provider');
  await submit('Create');
  await checkNoFormErrors();

  // Applications → Providers: "Assigned to application Traefik"
  await page.goto(`${ADMIN}providers/`);
  const row = page.locator('table.objects tbody tr', { hasText: 'Traefik Provider' });
  assert.equal((await row.locator('td[data-label="Application"]').textContent()).trim(), 'Traefik');

  // Applications → Outposts → Edit the embedded outpost → select the provider → Update
  await page.goto(`${ADMIN}outposts/`);
  await page.getByRole('link', { name: 'Edit authentik Embedded Outpost' }).click();
  const selected = await field('providers').evaluate((s) => [...s.selectedOptions].map((o) => o.value));
  const traefik = await field('providers').locator('option', { hasText: 'Traefik Provider' }).getAttribute('value');
  await field('providers').selectOption([...selected, traefik]);
  assert.equal(await page.getByLabel('Providers (applications)').count(), 1, 'the providers select is labelled');
  await shoot('admin-outpost-edit');
  await submit('Update');
  await checkNoFormErrors();

  await page.goto(`${ADMIN}outposts/`);
  const embedded = page.locator('section.outpost', { hasText: 'authentik Embedded Outpost' });
  const served = embedded.locator('tr', { hasText: 'Traefik Provider' });
  assert.equal(await served.getByRole('link', { name: 'Traefik', exact: true }).getAttribute('href'), '/if/admin/applications/traefik/');
});

test('seed 004, Servarr HTTP-Basic: a group with attributes in the generic form, then the wizard\'s single-application provider with the Basic keys', async () => {
  await page.goto(`${ADMIN}groups/new/`);
  await field('name').fill('Servarr Users');
  await field('attributes').fill('prowlarr_user: prowlarr-admin\nprowlarr_password: "s3cret: pass"\n');
  await field('users').selectOption({ label: USER });
  await submit('Create');
  await checkNoFormErrors();

  // the wizard, from step 1
  await page.goto(`${ADMIN}applications/wizard/`);
  await shoot('admin-wizard-choose');
  await page.getByRole('link', { name: /forward auth \(single application\)/ }).click();
  assert.match(await selectedText('provider.authorization_flow'), /default-provider-authorization-implicit-consent/,
    'the implicit-consent flow is preselected');
  assert.equal(await field('provider.mode').inputValue(), 'forward_single', 'the mode the choice named is preselected');
  assert.equal(await page.getByLabel('Serve it from the embedded outpost').isChecked(), true);
  await field('app.name').fill('Prowlarr');
  await field('app.slug').fill('prowlarr');
  await field('provider.name').fill('Prowlarr Provider');
  await field('provider.external_host').fill(at('prowlarr.localhost'));
  await field('provider.basic_auth_enabled').check();
  await field('provider.basic_auth_user_attribute').fill('prowlarr_user');
  await field('provider.basic_auth_password_attribute').fill('prowlarr_password');
  await shoot('admin-wizard-form');
  await submit('Create');
  await checkNoFormErrors();
  await page.getByRole('heading', { name: 'Application created' }).waitFor();
  const caddyText = await page.locator('#snippet-caddy').textContent();
  assert.match(caddyText, new RegExp(`forward_auth ${BASE.replace(/[.]/g, '\\.')} \\{`));
  assert.match(caddyText, /copy_headers X-Authentik-Username .* X-Authentik-Meta-Version Authorization\n/);
  assert.match(await page.locator('#snippet-traefik').textContent(), new RegExp(`address: ${BASE}/outpost\\.goauthentik\\.io/auth/traefik`));
  assert.match(await page.locator('#snippet-traefik').textContent(), /- Authorization\n/);
  assert.match(await page.locator('#snippet-nginx').textContent(), /\n {8}auth_request_set \$authentik_auth \$upstream_http_authorization;/);
  await shoot('admin-wizard-result-forward');
  pasted.servarr = caddyText;
});

test('seed 002, "Home forward auth": the wizard in domain mode with explicit consent and launch URL blank://blank', async () => {
  await page.goto(`${ADMIN}applications/wizard/`);
  await page.getByRole('link', { name: /forward auth \(domain level\)/ }).click();
  assert.equal(await field('provider.mode').inputValue(), 'forward_domain');
  await field('app.name').fill('Home');
  await field('app.meta_launch_url').fill('blank://blank');
  await field('provider.name').fill('Home forward auth');
  await choose('provider.authorization_flow', 'default-provider-authorization-explicit-consent');
  await field('provider.external_host').fill(at(`auth.${HOME_DOMAIN}`));
  await field('provider.cookie_domain').fill(HOME_DOMAIN);
  await submit('Create');
  await checkNoFormErrors();
  await page.getByRole('heading', { name: 'Application created' }).waitFor();
  pasted.home = await page.locator('#snippet-caddy').textContent();
  assert.match(pasted.home, /# every site under home\.localhost imports the snippet/);

  const app = await page.request.get(`${BASE}/api/v3/core/applications/home/`);
  assert.equal(app.status(), 200);
  assert.equal((await app.json()).provider_obj.name, 'Home forward auth');
});

test('seed 002: the application launched at blank://blank is not on the user portal', async () => {
  await page.goto(`${BASE}/if/user/`);
  const text = await page.locator('body').innerText();
  assert.match(text, /Prowlarr/, 'the portal lists the other applications');
  assert.doesNotMatch(text, /\bHome\b/, 'an application launched at blank://blank is not on the portal');
});

test('the wizard for OAuth2 shows the client id and secret once, and its discovery URL answers with the issuer', async () => {
  await page.goto(`${ADMIN}applications/wizard/oauth2/`);
  await field('app.name').fill('Immich');
  await field('provider.redirect_uris').fill('- matching_mode: strict\n  url: https://immich.example.com/auth/login\n');
  await submit('Create');
  await checkNoFormErrors();
  await page.getByRole('heading', { name: 'Application created' }).waitFor();
  const clientId = (await page.locator('#client-id').textContent()).trim();
  const secret = (await page.locator('#client-secret').textContent()).trim();
  assert.match(clientId, /^\S{20,}$/);
  assert.match(secret, /^\S{40,}$/);
  const urls = Object.fromEntries(await page.locator('dl.wizard-urls dt').evaluateAll((dts) =>
    dts.map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()])));
  const discovery = urls['OpenID configuration (discovery) URL'];
  assert.equal(discovery, `${BASE}/application/o/immich/.well-known/openid-configuration`);
  await shoot('admin-wizard-result-oauth2');

  const answer = await page.request.get(discovery);
  assert.equal(answer.status(), 200);
  const configuration = await answer.json();
  assert.equal(configuration.issuer, urls.Issuer);
  assert.equal(configuration.authorization_endpoint, urls['Authorize URL']);
  assert.equal(configuration.token_endpoint, urls['Token URL']);

  // once: the result answered the post; reloading the wizard shows an empty form
  await page.goto(`${ADMIN}applications/wizard/oauth2/`);
  assert.doesNotMatch(await page.content(), new RegExp(secret));
  const provider = await page.request.get(`${BASE}/api/v3/providers/oauth2/?search=Immich`);
  assert.equal((await provider.json()).results.find((p) => p.name === 'Provider for Immich')?.client_id, clientId);
});

/** Caddy with the pasted snippets (the *arr one renamed so both fit one Caddyfile) and seed 004's two sites. */
async function startCaddy() {
  const servarr = pasted.servarr.replace('(gatehouse) {', '(gatehouse_basic) {').replace('import gatehouse\n', 'import gatehouse_basic\n');
  const sites = [pasted.home, servarr,
    `${at(`auth.${TRAEFIK_DOMAIN}`)} {\n\treverse_proxy ${BASE}\n}\n`,
    `${at(`whoami.${TRAEFIK_DOMAIN}`)} {\n\timport gatehouse\n\treverse_proxy ${UPSTREAM_PLACEHOLDER}\n}\n`]
    .join('\n').replaceAll(UPSTREAM_PLACEHOLDER, echoAddress);
  const caddyfile = `{\n\tadmin off\n\tauto_https off\n\tdefault_bind 127.0.0.1\n\tstorage file_system ${join(CADDY_DIR, 'data')}\n}\n${sites}`;
  const file = join(CADDY_DIR, 'Caddyfile');
  writeFileSync(file, caddyfile);
  const env = { PATH: process.env.PATH, HOME: CADDY_DIR, XDG_DATA_HOME: join(CADDY_DIR, 'data'), XDG_CONFIG_HOME: join(CADDY_DIR, 'config') };
  const validate = spawnSync(CADDY_BINARY, ['validate', '--config', file, '--adapter', 'caddyfile'], { env, encoding: 'utf8' });
  assert.equal(validate.status, 0, `caddy validate\n${caddyfile}\n${validate.stdout}${validate.stderr}`);
  const log = [];
  caddy = spawn(CADDY_BINARY, ['run', '--config', file, '--adapter', 'caddyfile'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  caddy.stdout.on('data', (d) => log.push(d));
  caddy.stderr.on('data', (d) => log.push(d));
  caddy.on('exit', () => writeFileSync(join(CADDY_DIR, 'caddy.log'), Buffer.concat(log)));
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${CADDY_PORT}/`, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`Caddy did not answer on ${CADDY_PORT}: ${Buffer.concat(log)}`);
}

/** Goes to `url` in a page; returns the upstream's JSON once the browser is back on it. */
async function upstreamAnswer(p, url) {
  const response = await p.goto(url);
  if (new URL(p.url()).origin === BASE) {
    return null; // still at Gatehouse: the caller signs in or consents
  }
  assert.match(response.headers()['content-type'] ?? '', /^application\/json/, `the upstream's answer at ${p.url()}`);
  return response.json();
}

test('through Caddy with the pasted snippets: each recipe signs in and its upstream receives the identity', async () => {
  await startCaddy();

  // seed 004 domain level, in a fresh browser: sign in at Gatehouse, back on the app with the X-authentik-* headers
  const fresh = await browser.newContext();
  fresh.setDefaultTimeout(20_000);
  try {
    const p = await fresh.newPage();
    const target = `${at(`whoami.${TRAEFIK_DOMAIN}`)}/private?x=1`;
    assert.equal(await upstreamAnswer(p, target), null, 'sent to Gatehouse to sign in');
    await signIn(p);
    assert.equal(p.url(), target, 'back on the URL asked for');
    const seen = await (await p.reload()).json();
    assert.equal(seen.uri, '/private?x=1');
    assert.equal(seen.headers['x-authentik-username'], USER);
    assert.equal(seen.headers['x-authentik-meta-app'], 'traefik');
    assert.equal(seen.headers['x-authentik-meta-provider'], 'Traefik Provider');
    assert.match(seen.headers['x-authentik-meta-outpost'], /authentik Embedded Outpost/);
    for (const name of ['x-authentik-uid', 'x-authentik-jwt', 'x-authentik-meta-jwks', 'x-authentik-meta-version']) {
      assert.ok(seen.headers[name], `${name} reached the upstream`);
    }
    // one sign-in for the domain: the cookie is set for traefik.localhost
    const cookies = await fresh.cookies(target);
    assert.ok(cookies.some((c) => c.name.startsWith('gatehouse_proxy_') && c.domain.replace(/^\./, '') === TRAEFIK_DOMAIN),
      `a proxy session cookie for ${TRAEFIK_DOMAIN}: ${JSON.stringify(cookies)}`);
  } finally {
    await fresh.close();
  }

  // seed 004 Servarr: the admin (a member of Servarr Users) reaches Prowlarr with HTTP Basic from the group's attributes
  const arr = await upstreamAnswer(page, `${at('prowlarr.localhost')}/api`);
  assert.ok(arr, `Prowlarr answered without a new sign-in, not ${page.url()}`);
  assert.equal(arr.headers.authorization, `Basic ${Buffer.from('prowlarr-admin:s3cret: pass').toString('base64')}`);
  assert.equal(arr.headers['x-authentik-username'], USER);

  // seed 002 Home: explicit consent asked once, then the upstream sees the user
  assert.equal(await upstreamAnswer(page, `${at(`app.${HOME_DOMAIN}`)}/`), null, 'the consent page first');
  await page.getByRole('button', { name: 'Continue' }).waitFor();
  assert.match(await page.locator('body').innerText(), /Home/);
  await Promise.all([page.waitForURL((url) => url.origin === at(`app.${HOME_DOMAIN}`), { waitUntil: 'load' }),
    page.getByRole('button', { name: 'Continue' }).click()]);
  const home = await (await page.reload()).json();
  assert.equal(home.headers['x-authentik-username'], USER);
  assert.equal(home.headers['x-authentik-meta-app'], 'home');
});
