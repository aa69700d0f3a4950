import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../platform/clock.ts';
import { createServer } from '../../main.ts';
import { sha256 } from '../../platform/secrets.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildPartnersFixture, PASSCODE, type PartnersFixture } from './partners.fixtures.ts';

let t: TestApp;
let f: PartnersFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPartnersFixture(t);
});
afterAll(() => t.close());

const codeOf = (res: { statusCode: number; json: () => { error: { code: string } } }) => [res.statusCode, res.json().error.code];

describe('creating share links', () => {
  it('refuses a short passcode, a past or missing expiry and one beyond a year, each with its own code', async () => {
    const p = await f.partner('规则测试', 'vendor');
    const url = `/api/v1/partners/${p.id}/share-links`;
    const inDays = (d: number) => new Date(t.clock.now().getTime() + d * 86_400_000).toISOString();
    expect(codeOf(await f.admin('POST', url, { expiresAt: inDays(10), passcode: 'short7!' }))).toEqual([400, 'passcode_too_short']);
    expect(codeOf(await f.admin('POST', url, { expiresAt: inDays(-1), passcode: PASSCODE }))).toEqual([400, 'expiry_in_past']);
    expect(codeOf(await f.admin('POST', url, { expiresAt: inDays(366), passcode: PASSCODE }))).toEqual([400, 'expiry_too_far']);
    expect(codeOf(await f.admin('POST', url, { passcode: PASSCODE }))).toEqual([400, 'invalid_request']);
    expect(codeOf(await f.admin('POST', url, { expiresAt: 'tomorrow', passcode: PASSCODE }))).toEqual([400, 'invalid_request']);
    expect((await f.admin('POST', url, { expiresAt: inDays(365), passcode: '八个汉字的访问码' })).statusCode).toBe(201);
  });

  it('stores only hashes and never lists a token or passcode', async () => {
    const p = await f.partner('哈希测试', 'supplier');
    const link = await f.createLink(p.id);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url.endsWith(`/partner/${link.token}`)).toBe(true);
    const [row] = await f.query<{ token_hash: string; passcode_hash: string }>(`SELECT token_hash, passcode_hash FROM partner_share_links WHERE id = $1`, [link.id]);
    expect(row!.token_hash).toBe(sha256(link.token));
    expect(row!.passcode_hash).toMatch(/^\$argon2id\$/);
    const listed = await f.admin('GET', `/api/v1/partners/${p.id}/share-links`);
    expect(listed.body).not.toContain(link.token);
    expect(listed.body).not.toContain(PASSCODE);
    expect(listed.json().items).toEqual([expect.objectContaining({ id: link.id, status: 'active', views: 0, recentFailures: 0, revokedAt: null })]);
  });
});

describe('opening a link', () => {
  it('unlocks with the passcode into an HttpOnly cookie for that link only, and a bearer token', async () => {
    const p = await f.partner('解锁测试', 'logistics');
    const link = await f.createLink(p.id);
    expect(codeOf(await f.readReport(link.token, null))).toEqual([401, 'locked']);
    const wrong = await f.unlock(link.token, 'not the passcode');
    expect([...codeOf(wrong), wrong.json().error.details.attemptsLeft]).toEqual([401, 'wrong_passcode', 9]);
    const ok = await f.unlock(link.token);
    expect(ok.statusCode, ok.body).toBe(200);
    const paths = ok.cookies.map((c) => c.path).sort();
    expect(paths).toEqual([`/api/v1/public/partner-reports/${link.token}`, `/partner/${link.token}`]);
    for (const c of ok.cookies) expect(c).toMatchObject({ value: ok.json().accessToken, httpOnly: true, sameSite: 'Strict', maxAge: 30 * 60 });
    const viaCookie = await t.app.inject({ method: 'GET', url: `/api/v1/public/partner-reports/${link.token}`, cookies: { [ok.cookies[0]!.name]: ok.json().accessToken } });
    expect(viaCookie.statusCode, viaCookie.body).toBe(200);
    expect(viaCookie.json().partner).toEqual({ name: '解锁测试', kind: 'logistics' });
    expect((await f.readReport(link.token, ok.json().accessToken)).statusCode).toBe(200);
    // Half an hour later the session is over; the link itself still opens with the passcode.
    t.clock.advance(31 * MINUTE);
    expect(codeOf(await f.readReport(link.token, ok.json().accessToken))).toEqual([401, 'locked']);
    const views = (await f.admin('GET', `/api/v1/partners/${p.id}/share-links`)).json().items[0];
    expect(views).toMatchObject({ views: 3, recentFailures: 0 });
  });

  it('never lets one link’s access token read another link, of the same partner or another', async () => {
    const a = await f.partner('甲伙伴', 'supplier');
    const b = await f.partner('乙伙伴', 'supplier');
    const [linkA, linkA2, linkB] = [await f.createLink(a.id), await f.createLink(a.id), await f.createLink(b.id)];
    const tokenA = await f.accessTokenFor(linkA.token);
    expect((await f.readReport(linkA.token, tokenA)).json().partner.name).toBe('甲伙伴');
    for (const other of [linkA2, linkB]) {
      expect(codeOf(await f.readReport(other.token, tokenA))).toEqual([401, 'locked']);
      const idea = await t.app.inject({ method: 'POST', url: `/api/v1/public/partner-reports/${other.token}/ideas`, headers: { authorization: `Bearer ${tokenA}` }, payload: { title: 'x' } });
      expect(codeOf(idea)).toEqual([401, 'locked']);
    }
  });

  it('answers 410 link_expired once expired and 404 once revoked (or never issued)', async () => {
    const p = await f.partner('过期与撤销', 'vendor');
    const short = await f.createLink(p.id, 1);
    const access = await f.accessTokenFor(short.token);
    t.clock.advance(25 * 60 * MINUTE);
    expect(codeOf(await f.unlock(short.token))).toEqual([410, 'link_expired']);
    expect(codeOf(await f.readReport(short.token, access))).toEqual([410, 'link_expired']);
    const long = await f.createLink(p.id);
    const longAccess = await f.accessTokenFor(long.token);
    expect((await f.admin('DELETE', `/api/v1/partners/${p.id}/share-links/${long.id}`)).statusCode).toBe(204);
    expect(codeOf(await f.readReport(long.token, longAccess))).toEqual([404, 'not_found']);
    expect(codeOf(await f.unlock(long.token))).toEqual([404, 'not_found']);
    expect((await f.admin('DELETE', `/api/v1/partners/${p.id}/share-links/${long.id}`)).statusCode).toBe(404);
    expect(codeOf(await f.unlock('A'.repeat(43)))).toEqual([404, 'not_found']);
    expect(codeOf(await f.unlock('short'))).toEqual([404, 'not_found']);
    const statuses = (await f.admin('GET', `/api/v1/partners/${p.id}/share-links`)).json().items.map((l: { status: string }) => l.status);
    expect(statuses.sort()).toEqual(['expired', 'revoked']);
  });
});

describe('the passcode throttle', () => {
  it('refuses with 429 and Retry-After after 10 failures in 15 minutes, the right passcode too, then opens again', async () => {
    const p = await f.partner('限流测试', 'logistics');
    const link = await f.createLink(p.id);
    const spare = await f.createLink(p.id);
    for (let i = 0; i < 10; i++) {
      t.clock.advance(30_000);
      expect((await f.unlock(link.token, `wrong-guess-${i}`, `203.0.113.${i}`)).statusCode).toBe(401);
    }
    const locked = await f.unlock(link.token, PASSCODE, '192.0.2.99');
    expect(codeOf(locked)).toEqual([429, 'too_many_attempts']);
    // The first failure was 4.5 minutes ago (the next nine came every 30 s): the window reopens 10.5 minutes from now.
    expect(Number(locked.headers['retry-after'])).toBe(630);
    // Another link of the same partner is not affected.
    expect((await f.unlock(spare.token)).statusCode).toBe(200);
    const audit = await f.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'partner_link.locked'`, [link.id]);
    expect(audit).toHaveLength(1);
    t.clock.advance(10 * MINUTE);
    expect((await f.unlock(link.token)).statusCode).toBe(429);
    t.clock.advance(MINUTE);
    expect((await f.unlock(link.token)).statusCode).toBe(200);
  });

  it('holds against 1,000 wrong passcodes at once from many addresses: exactly 10 are checked', async () => {
    const p = await f.partner('暴力破解', 'supplier');
    const link = await f.createLink(p.id);
    const statuses: number[] = [];
    const started = Date.now();
    for (let wave = 0; wave < 10; wave++) {
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => f.unlock(link.token, `guess-${wave}-${i}`, `10.${wave}.${i >> 8}.${i & 255}`)));
      statuses.push(...answers.map((r) => r.statusCode));
    }
    const count = (s: number) => statuses.filter((x) => x === s).length;
    expect({ checked: count(401), refused: count(429) }).toEqual({ checked: 10, refused: 990 });
    console.log(`1,000 wrong passcodes answered in ${Date.now() - started} ms`);
    const [log] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM partner_link_log WHERE link_id = $1 AND kind = 'failed'`, [link.id]);
    expect(log!.n).toBe(10);
  });

  it('holds across processes: a second server on the same database refuses too', async () => {
    const p = await f.partner('多进程', 'vendor');
    const link = await f.createLink(p.id);
    for (let i = 0; i < 10; i++) await f.unlock(link.token, `wrong-${i}`);
    // A fresh app: no in-memory state shared with the first (as another process, or this one after a restart).
    const second = await createServer(t.ctx.config, t.ctx.db, { clock: t.clock });
    try {
      const res = await second.app.inject({ method: 'POST', url: `/api/v1/public/partner-reports/${link.token}/unlock`, payload: { passcode: PASSCODE }, remoteAddress: '192.0.2.200' });
      expect(codeOf(res)).toEqual([429, 'too_many_attempts']);
    } finally {
      await second.app.close();
    }
  });
});
