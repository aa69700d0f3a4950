import type { InjectOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from './clock.ts';
import { bearer, buildOrg, buildUser } from '../testing/factories.ts';
import { createTestApp } from '../testing/test-app.ts';

// Login sessions, API keys and the secrets behind them: cookie flags, CSRF, expiry, revocation, hashing, rate limits.

const t = await createTestApp();
afterAll(() => t.close());

const SESSION_COOKIE = '__Host-lodestar_session';
let ipCounter = 0;
/** A fresh client address per login: the login rate limit counts per address. */
const nextIp = () => `10.2.${(++ipCounter >> 8) & 255}.${ipCounter & 255}`;
const send = (o: InjectOptions) => t.app.inject(o);

/** Logs in from a fresh address; the session cookie (as a `cookie` header value) and the CSRF token. */
async function login(creds: { email: string; password: string }) {
  const res = await send({ method: 'POST', url: '/api/v1/auth/login', payload: creds, remoteAddress: nextIp() });
  expect(res.statusCode, res.body).toBe(200);
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  return { cookie: `${c!.name}=${c!.value}`, csrf: res.json().csrfToken as string, raw: c!, token: c!.value };
}

async function buildTenant(label: string) {
  const org = await buildOrg(t.ctx, label);
  return { org, admin: await buildUser(t.ctx, org) };
}
const A = await buildTenant('alpha');
const B = await buildTenant('bravo');

describe('sessions, keys and secrets', () => {
  const newUnit = { name: 'csrf check', parentId: null, kind: 'team' };
  const withCookie = (s: { cookie: string }, method: InjectOptions['method'], url: string, extra: Record<string, string> = {}, payload?: object) =>
    send({ method, url, headers: { cookie: s.cookie, ...extra }, payload });

  it('sets a host-only, HTTP-only, Secure, SameSite cookie at login', async () => {
    const { raw } = await login(A.admin);
    expect(raw).toMatchObject({ name: SESSION_COOKIE, path: '/', httpOnly: true, secure: true, sameSite: 'Lax' });
    expect(raw.domain).toBeUndefined();
  });

  it('refuses a cookie write without the right X-CSRF-Token and accepts it with', async () => {
    const s = await login(A.admin);
    const other = await login(A.admin);
    const attempts: Record<string, string>[] = [{}, { 'x-csrf-token': '' }, { 'x-csrf-token': 'wrong' }, { 'x-csrf-token': other.csrf }];
    for (const headers of attempts) {
      const res = await withCookie(s, 'POST', '/api/v1/units', headers, newUnit);
      expect([res.statusCode, res.json().error.code]).toEqual([403, 'csrf_failed']);
    }
    expect((await withCookie(s, 'GET', '/api/v1/units')).statusCode).toBe(200);
    expect((await withCookie(s, 'POST', '/api/v1/units', { 'x-csrf-token': s.csrf }, newUnit)).statusCode).toBe(201);
  });

  it('revokes the session at logout', async () => {
    const s = await login(A.admin);
    expect((await withCookie(s, 'POST', '/api/v1/auth/logout')).statusCode).toBe(403);
    expect((await withCookie(s, 'POST', '/api/v1/auth/logout', { 'x-csrf-token': s.csrf })).statusCode).toBe(204);
    const after = await withCookie(s, 'GET', '/api/v1/auth/me');
    expect([after.statusCode, after.json().error.code]).toEqual([401, 'unauthorized']);
  });

  it('ends a session left idle longer than LODESTAR_SESSION_IDLE_MINUTES', async () => {
    const idle = t.ctx.config.LODESTAR_SESSION_IDLE_MINUTES * MINUTE;
    const s = await login(A.admin);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(idle - MINUTE);
      expect((await withCookie(s, 'GET', '/api/v1/auth/me')).statusCode, `active, round ${i}`).toBe(200);
    }
    t.clock.advance(idle);
    expect((await withCookie(s, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('ends an active session after LODESTAR_SESSION_MAX_HOURS', async () => {
    const s = await login(A.admin);
    const maxHours = t.ctx.config.LODESTAR_SESSION_MAX_HOURS;
    for (let h = 1; h < maxHours; h++) {
      t.clock.advance(HOUR);
      expect((await withCookie(s, 'GET', '/api/v1/auth/me')).statusCode, `after ${h} h`).toBe(200);
    }
    t.clock.advance(HOUR - MINUTE);
    expect((await withCookie(s, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advance(MINUTE);
    expect((await withCookie(s, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses a revoked API key', async () => {
    const created = (await send({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(A.org.adminKey), payload: { role: 'admin', name: 'short-lived' } })).json();
    expect((await send({ method: 'GET', url: '/api/v1/units', headers: bearer(created.key) })).statusCode).toBe(200);
    expect((await send({ method: 'DELETE', url: `/api/v1/api-keys/${created.id}`, headers: bearer(A.org.adminKey) })).statusCode).toBe(204);
    const res = await send({ method: 'GET', url: '/api/v1/units', headers: bearer(created.key) });
    expect([res.statusCode, res.json().error.code]).toEqual([401, 'unauthorized']);
  });

  it('stores passwords as argon2id and keys and session tokens only as hashes', async () => {
    const s = await login(A.admin);
    const key = (await send({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(A.org.adminKey), payload: { role: 'admin', name: 'hash check' } })).json().key as string;
    const secret = key.split('_').slice(2).join('_');
    const dump = await t.ctx.db.system((tx) =>
      tx.query<{ t: string }>(
        `SELECT row_to_json(x)::text AS t FROM (SELECT * FROM users) x UNION ALL SELECT row_to_json(x)::text FROM (SELECT * FROM api_keys) x
         UNION ALL SELECT row_to_json(x)::text FROM (SELECT * FROM sessions) x UNION ALL SELECT row_to_json(x)::text FROM (SELECT * FROM audit_log) x`,
      ),
    );
    const text = dump.map((r) => r.t).join('\n');
    for (const plain of [A.admin.password, key, secret, s.token]) expect(text).not.toContain(plain);
    const hashes = await t.ctx.db.system((tx) => tx.query<{ password_hash: string }>('SELECT password_hash FROM users'));
    for (const h of hashes) expect(h.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers the 11th wrong password in a minute with 429 rate_limited', async () => {
    const remoteAddress = nextIp();
    for (let i = 1; i <= 10; i++) {
      const res = await send({ method: 'POST', url: '/api/v1/auth/login', payload: { email: A.admin.email, password: `wrong ${i}` }, remoteAddress });
      expect([res.statusCode, res.json().error.code], `attempt ${i}`).toEqual([401, 'invalid_credentials']);
    }
    const res = await send({ method: 'POST', url: '/api/v1/auth/login', payload: A.admin, remoteAddress });
    expect([res.statusCode, res.json().error.code]).toEqual([429, 'rate_limited']);
  });

  // The limit is per address and e-mail: ten failures on one account must not lock out colleagues behind the same NAT.
  it('keeps other users at the same address able to log in', async () => {
    const remoteAddress = nextIp();
    for (let i = 1; i <= 10; i++) {
      await send({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'attacker-target@example.com', password: `guess ${i}` }, remoteAddress });
    }
    const res = await send({ method: 'POST', url: '/api/v1/auth/login', payload: A.admin, remoteAddress });
    expect(res.statusCode).toBe(200);
  });

  // E-mails are unique per organisation only; the password decides which account a login without `org` means.
  it('keeps org B’s user able to log in when org A reuses their e-mail', async () => {
    const victim = await buildUser(t.ctx, B.org);
    const copy = await send({ method: 'POST', url: '/api/v1/users', headers: bearer(A.org.adminKey), payload: { email: victim.email, password: 'another long password', role: 'admin' } });
    expect(copy.statusCode).toBe(201);
    await login(victim);
  });
});
