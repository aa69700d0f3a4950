import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildPartnersFixture, PASSCODE, type PartnersFixture } from './partners.fixtures.ts';

let t: TestApp;
let f: PartnersFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPartnersFixture(t);
});
afterAll(() => t.close());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (url: string, fields: Record<string, string>, cookie?: string) =>
  t.app.inject({ method: 'POST', url, payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }, remoteAddress: '198.51.100.20' });
const cookieOf = (res: LightMyRequestResponse) => res.cookies.filter((c) => c.path?.startsWith('/partner/')).map((c) => `${c.name}=${c.value}`).join('; ');

describe('the partner report page', () => {
  it('asks for the passcode, unlocks, shows the report without any script, and takes an idea', async () => {
    const p = await f.partner('顺丰同城', 'logistics');
    for (let i = 0; i < 10; i++) await f.respondAbout(p.id, { nps: 9, csat: 5, comment: `送货很快，第 ${i} 次` });
    const link = await f.createLink(p.id);
    const page = `/partner/${link.token}`;

    const locked = await t.app.inject({ method: 'GET', url: `${page}?lang=zh-CN` });
    expect(locked.statusCode).toBe(200);
    expect(locked.headers['content-security-policy']).toContain("default-src 'none'");
    expect(locked.headers['cache-control']).toBe('no-store');
    expect(locked.body).toContain('此报告需要访问码');
    expect(locked.body).not.toContain('顺丰同城'); // nothing about the partner before the passcode
    expect(locked.body).not.toMatch(/<script|style="/i);

    const wrong = await post(page, { passcode: 'wrong passcode', lang: 'en' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('That passcode is wrong; 9 more tries left.');

    const unlocked = await post(page, { passcode: PASSCODE, lang: 'en' });
    expect(unlocked.statusCode).toBe(303);
    expect(unlocked.headers.location).toBe(`${page}?lang=en`);
    const cookie = cookieOf(unlocked);
    const report = await t.app.inject({ method: 'GET', url: `${page}?lang=en&days=30`, headers: { cookie } });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('顺丰同城');
    expect(report.body).toContain('Logistics partner');
    expect(report.body).toContain('<b>100.0</b>'); // NPS
    expect(report.body).toContain('送货很快');
    expect(report.body).toContain('aria-current="page">30 days');
    expect(report.body).not.toMatch(/<script|style="/i);

    const idea = await post(`${page}/ideas`, { title: '高峰期增派骑手', body: '周五晚上', lang: 'en', days: '30' }, cookie);
    expect([idea.statusCode, idea.headers.location]).toEqual([303, `${page}?lang=en&days=30&idea=sent`]);
    const after = await t.app.inject({ method: 'GET', url: idea.headers.location as string, headers: { cookie } });
    expect(after.body).toContain('Thank you! Your idea has been sent.');
    expect(after.body).toContain('高峰期增派骑手');
    const empty = await post(`${page}/ideas`, { title: '  ', lang: 'zh-CN' }, cookie);
    expect(empty.headers.location).toContain('idea=missing');

    // Without the cookie an idea post leads back to the passcode form and files nothing.
    const stranger = await post(`${page}/ideas`, { title: '冒充的建议', lang: 'zh-CN' });
    expect([stranger.statusCode, stranger.headers.location]).toEqual([303, `${page}?lang=zh-CN`]);
    const [row] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM ideas WHERE title = '冒充的建议'`);
    expect(row!.n).toBe(0);
  });

  it('shows why the verbatims are withheld below the threshold', async () => {
    const p = await f.partner('小供应商', 'supplier');
    await f.respondAbout(p.id, { nps: 6, comment: '水果有点小' });
    const link = await f.createLink(p.id);
    const unlocked = await post(`/partner/${link.token}`, { passcode: PASSCODE, lang: 'zh-CN' });
    const page = await t.app.inject({ method: 'GET', url: `/partner/${link.token}?lang=zh-CN`, headers: { cookie: cookieOf(unlocked) } });
    expect(page.body).toContain('本期共有 1 条留言。至少有 10 条留言时才显示原话');
    expect(page.body).not.toContain('水果有点小');
  });

  it('answers an unknown, revoked or expired link with a page of its own', async () => {
    const p = await f.partner('页面问题', 'vendor');
    const link = await f.createLink(p.id, 1);
    expect((await t.app.inject({ method: 'GET', url: `/partner/${'x'.repeat(43)}` })).statusCode).toBe(404);
    t.clock.advance(2 * DAY);
    const expired = await t.app.inject({ method: 'GET', url: `/partner/${link.token}?lang=en` });
    expect([expired.statusCode, expired.body.includes('This link has expired')]).toEqual([410, true]);
    const revoked = await f.createLink(p.id);
    await f.admin('DELETE', `/api/v1/partners/${p.id}/share-links/${revoked.id}`);
    const gone = await post(`/partner/${revoked.token}`, { passcode: PASSCODE });
    expect([gone.statusCode, gone.body.includes('找不到这份报告')]).toEqual([404, true]);
  });
});
