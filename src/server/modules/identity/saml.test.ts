import { inflateRawSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildOrg, buildUser, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { base64, signedResponseXml, STRANGER, TEST_IDP, TEST_IDP_ISSUER, type AssertionInput } from './fixtures/saml-response.ts';

// SAML 2.0 against signed fixtures: the response an IdP would post, signed with a test key in the test.

const PUBLIC_URL = 'https://lodestar.test';
const SSO_TEST_ENV = { LODESTAR_SECRET_KEY: 'b'.repeat(64), LODESTAR_PUBLIC_URL: PUBLIC_URL };
const SESSION_COOKIE = '__Host-lodestar_session';
const ENTRY_POINT = 'https://idp.example.test/sso';

let t: TestApp;
let org: TestOrg;
let user: { email: string };
let acsUrl: string;
let audience: string;

const putSaml = (payload: object, key = org.adminKey) => t.app.inject({ method: 'PUT', url: '/api/v1/sso/saml', headers: bearer(key), payload });

beforeAll(async () => {
  t = await createTestApp(SSO_TEST_ENV);
  // Assertion times are checked against the real clock by node-saml; the app's clock must agree.
  t.clock.set(new Date());
  org = await buildOrg(t.ctx);
  user = await buildUser(t.ctx, org, 'admin');
  const saved = await putSaml({ entryPoint: ENTRY_POINT, idpCert: TEST_IDP.cert, idpIssuer: TEST_IDP_ISSUER });
  expect(saved.statusCode, saved.body).toBe(200);
  ({ acsUrl, spEntityId: audience } = saved.json());
});
afterAll(() => t?.close());

let addresses = 0;
/** A fresh client address per login start, as many people would come from (the start is rate-limited per address). */
const nextAddress = () => `10.7.${(++addresses >> 8) & 255}.${addresses & 255}`;
const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;

/** Starts a login: the AuthnRequest's id, the RelayState and the browser cookie. */
async function start() {
  const res = await t.app.inject({ url: `/auth/saml/${org.slug}/start`, remoteAddress: nextAddress() });
  expect(res.statusCode, res.body).toBe(303);
  const url = new URL(res.headers.location as string);
  expect(url.origin + url.pathname).toBe(ENTRY_POINT);
  const request = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
  return { requestId: /\sID="([^"]+)"/.exec(request)![1]!, relayState: url.searchParams.get('RelayState')!, browser: `lodestar_sso_browser=${cookieOf(res, 'lodestar_sso_browser')}`, request };
}

const post = (form: Record<string, string>, browser?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/auth/saml/${org.slug}/acs`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(browser ? { cookie: browser } : {}) },
    payload: new URLSearchParams(form).toString(),
  });

/** A fresh login answered by `xml(requestId)`. */
async function answer(xml: (requestId: string) => string) {
  const s = await start();
  return post({ SAMLResponse: base64(xml(s.requestId)), RelayState: s.relayState }, s.browser);
}

const fixture = (requestId: string, extra: Partial<AssertionInput> = {}) => signedResponseXml({ acsUrl, audience, inResponseTo: requestId, email: user.email, ...extra });

describe('SAML service provider', () => {
  it('publishes SP metadata with our entity id, the ACS URL and signed assertions wanted', async () => {
    const res = await t.app.inject({ url: `/auth/saml/${org.slug}/metadata` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('samlmetadata+xml');
    expect(res.body).toContain(`entityID="${audience}"`);
    expect(res.body).toContain(`Location="${acsUrl}"`);
    expect(res.body).toContain('WantAssertionsSigned="true"');
    expect(acsUrl).toBe(`${PUBLIC_URL}/auth/saml/${org.slug}/acs`);
  });

  it('sends an AuthnRequest to the IdP and accepts its signed assertion: a session for the user with that e-mail', async () => {
    const s = await start();
    expect(s.request).toContain(`AssertionConsumerServiceURL="${acsUrl}"`);
    const res = await post({ SAMLResponse: base64(fixture(s.requestId)), RelayState: s.relayState }, s.browser);
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/');
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `${SESSION_COOKIE}=${cookieOf(res, SESSION_COOKIE)}` } });
    expect(me.json().user.email).toBe(user.email);
  });

  it('refuses a tampered assertion (the e-mail changed after signing)', async () => {
    const other = await buildUser(t.ctx, org, 'admin');
    const res = await answer((id) => fixture(id).replaceAll(user.email, other.email));
    expect(res.headers.location).toBe('/login?ssoError=sso_failed');
    expect(cookieOf(res, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses an assertion signed by any other key', async () => {
    expect((await answer((id) => fixture(id, { signer: STRANGER }))).headers.location).toBe('/login?ssoError=sso_failed');
  });

  it('refuses a replay of an accepted response', async () => {
    const s = await start();
    const form = { SAMLResponse: base64(fixture(s.requestId)), RelayState: s.relayState };
    expect(cookieOf(await post(form, s.browser), SESSION_COOKIE)).toBeDefined();
    const replay = await post(form, s.browser);
    expect(replay.headers.location).toBe('/login?ssoError=sso_state_invalid');
    expect(cookieOf(replay, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses an assertion id it has already accepted, even answering a new request', async () => {
    const assertionId = '_reused-assertion-id';
    expect(cookieOf(await answer((id) => fixture(id, { assertionId })), SESSION_COOKIE)).toBeDefined();
    expect((await answer((id) => fixture(id, { assertionId }))).headers.location).toBe('/login?ssoError=sso_state_invalid');
  });

  it('refuses an expired assertion, and accepts one from a clock within the allowed skew', async () => {
    expect((await answer((id) => fixture(id, { issuedAt: new Date(Date.now() - 8 * 60_000) }))).headers.location).toBe('/login?ssoError=sso_failed');
    // NotBefore lies a minute before issue: 90 s ahead is still inside the two-minute skew.
    expect((await answer((id) => fixture(id, { issuedAt: new Date(Date.now() + 150_000) }))).headers.location).toBe('/');
    expect((await answer((id) => fixture(id, { issuedAt: new Date(Date.now() + 6 * 60_000) }))).headers.location).toBe('/login?ssoError=sso_failed');
  });

  it('refuses another audience, another issuer, an answer to another request and an unsolicited answer', async () => {
    expect((await answer((id) => fixture(id, { audience: 'https://someone-else.example/sp' }))).headers.location).toBe('/login?ssoError=sso_failed');
    expect((await answer((id) => fixture(id, { issuer: 'https://rogue.example/idp' }))).headers.location).toBe('/login?ssoError=sso_failed');
    expect((await answer(() => fixture('_a-request-we-never-made'))).headers.location).toBe('/login?ssoError=sso_failed');
    const unsolicited = await post({ SAMLResponse: base64(fixture('_x')) });
    expect(unsolicited.headers.location).toBe('/login?ssoError=sso_state_invalid');
  });

  it('refuses an answer posted from a browser that did not start the login', async () => {
    const s = await start();
    expect((await post({ SAMLResponse: base64(fixture(s.requestId)), RelayState: s.relayState })).headers.location).toBe('/login?ssoError=sso_state_invalid');
  });

  it('provisions a newcomer just in time from the assertion’s attributes', async () => {
    expect((await putSaml({ entryPoint: ENTRY_POINT, idpCert: TEST_IDP.cert, idpIssuer: TEST_IDP_ISSUER, defaultRole: 'employee', unitAttribute: 'department', positionAttribute: 'title' })).statusCode).toBe(200);
    const res = await answer((id) => fixture(id, { email: 'wang.fang@example.com', attributes: { department: 'Head office', title: 'Clerk', displayName: '王芳' } }));
    expect(res.statusCode).toBe(303);
    const me = (await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `${SESSION_COOKIE}=${cookieOf(res, SESSION_COOKIE)}` } })).json();
    expect(me.user).toMatchObject({ email: 'wang.fang@example.com', role: 'employee', name: '王芳' });
  });

  it('refuses a certificate that is not one; shows the connection with its ACS and metadata URLs and when the certificate expires', async () => {
    const bad = await putSaml({ entryPoint: ENTRY_POINT, idpCert: 'not a certificate' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('idpCert');
    const test = await t.app.inject({ method: 'POST', url: '/api/v1/sso/saml/test', headers: bearer(org.adminKey) });
    expect(test.json().ok).toBe(true);
    const overview = (await t.app.inject({ url: '/api/v1/sso', headers: bearer(org.adminKey) })).json();
    expect(overview.saml).toMatchObject({ acsUrl, metadataUrl: `${PUBLIC_URL}/auth/saml/${org.slug}/metadata`, idpIssuer: TEST_IDP_ISSUER });
    expect(Date.parse(overview.saml.idpCertExpiresAt)).toBeGreaterThan(Date.now());
  });
});
