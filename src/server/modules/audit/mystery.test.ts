import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildAuditOrg, complete, createAudit, request, scoreAll, type AuditOrg } from './audit.fixtures.ts';
import { auditDigest } from './index.ts';

let t: TestApp;
let o: AuditOrg;

beforeAll(async () => {
  t = await createTestApp();
  o = await buildAuditOrg(t);
});
afterAll(() => t.close());

const STORE_ITEMS = ['greeting', 'needs_discovery', 'product_knowledge', 'wait_time', 'cleanliness', 'closing', 'complaint_handling'];

async function visitWithLink(unitId: string, body: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
  const visit = await createAudit(t, o.org.adminKey, { templateKey: 'mystery-store', unitId, ...body });
  const link = await request(t, o.org.adminKey, 'POST', `/api/v1/audits/${visit.id}/shopper-link`, { expiresInDays: 7 });
  expect(link.statusCode, link.body).toBe(201);
  return { id: visit.id, token: new URL(link.json().url).pathname.split('/')[2]! };
}
const page = (token: string, query = '') => t.app.inject({ method: 'GET', url: `/ms/${token}${query}` });
const post = (token: string, fields: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/ms/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
const scores = (values: number[]) => Object.fromEntries(STORE_ITEMS.map((k, i) => [`s_${k}`, String(values[i])]));

function expectSafePage(res: { headers: Record<string, unknown>; body: string }) {
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('script-src');
  expect(res.body).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
  expect(res.body).toContain('name="viewport" content="width=device-width,initial-scale=1"');
}

describe('the shopper’s one-time page /ms/:token', () => {
  it('shows the checklist with the guidance of every score in both languages, without script', async () => {
    const { token } = await visitWithLink(o.units.store, { dueAt: '2026-05-20' });
    const zh = await page(token, '?lang=zh-CN');
    expect(zh.statusCode).toBe(200);
    expectSafePage(zh);
    expect(zh.body).toContain('<html lang="zh-CN">');
    expect(zh.body).toContain('徐汇门店');
    expect(zh.body).toContain('立即问候、眼神交流');
    expect(zh.body).toContain('2026-05-20');
    const en = await page(token, '?lang=en');
    expect(en.body).toContain('Mystery shopping: store visit');
    expect(en.body).toContain('徐汇门店 (en)');
    expect(en.body).toContain('Greeted at once, with eye contact');
    expect((en.body.match(/type="radio" name="s_greeting"/g) ?? []).length).toBe(5);
  });

  it('keeps what was chosen across a language switch, marks missing scores, and completes the visit once (409 after)', async () => {
    const { id, token } = await visitWithLink(o.units.store);
    const switched = await post(token, { lang: 'zh-CN', nav: 'lang', s_greeting: '3', n_greeting: '店员在补货' });
    expect(switched.statusCode).toBe(200);
    expect(switched.body).toContain('<html lang="en">');
    expect(switched.body).toContain('name="s_greeting" value="3" required checked');
    expect(switched.body).toContain('店员在补货');

    const partial = await post(token, { lang: 'en', nav: 'submit', s_greeting: '3', s_closing: '9' });
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain('Some points still need a score');
    expect(partial.body).toMatch(/<fieldset class="q bad" id="i-closing"/);
    expect(partial.body).not.toMatch(/<fieldset class="q bad" id="i-greeting"/);

    const done = await post(token, { lang: 'en', nav: 'submit', ...scores([4, 3, 3, 2, 4, 3, 1]), n_complaint_handling: '说没办法退', notes: '整体不错' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/ms/${token}/thanks?lang=en`);
    expect((await page(token, '/thanks?lang=en')).body).toContain('Thank you for completing the check');

    const visit = (await request(t, o.org.adminKey, 'GET', `/api/v1/audits/${id}`)).json();
    expect(visit).toMatchObject({ status: 'completed', conductedBy: 'shopper', notes: '整体不错', scorePct: 71.4 });
    expect(visit.items.find((i: { key: string }) => i.key === 'complaint_handling')).toMatchObject({ score: 1, evidence: { text: '说没办法退' } });

    const again = await page(token);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This check has been submitted');
    expect((await post(token, { lang: 'en', nav: 'submit', ...scores([0, 0, 0, 0, 0, 0, 0]) })).statusCode).toBe(409);
    expect((await request(t, o.org.adminKey, 'GET', `/api/v1/audits/${id}`)).json().scorePct).toBe(71.4);
    expect((await request(t, o.org.adminKey, 'POST', `/api/v1/audits/${id}/shopper-link`, {})).statusCode).toBe(409);
  });

  it('answers 410 once expired and 404 for an unknown or replaced link; keeps only the token’s hash', async () => {
    const { id, token } = await visitWithLink(o.units.store);
    const stored = await t.ctx.db.tenant(o.org.orgId, (tx) => tx.query<{ row: string }>(`SELECT row_to_json(a)::text AS row FROM experience_audits a WHERE id = $1`, [id]));
    expect(stored[0]!.row).not.toContain(token);

    const fresh = (await request(t, o.org.adminKey, 'POST', `/api/v1/audits/${id}/shopper-link`, { expiresInDays: 1 })).json();
    const newToken = new URL(fresh.url).pathname.split('/')[2]!;
    expect((await page(token)).statusCode).toBe(404);
    expect((await page(newToken)).statusCode).toBe(200);
    t.clock.advance(DAY + 1);
    const expired = await page(newToken, '?lang=zh-CN');
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('链接已过期');
    expect((await post(newToken, { lang: 'en', nav: 'submit', ...scores([4, 4, 4, 4, 4, 4, 4]) })).statusCode).toBe(410);
    expect((await page('not-a-token')).statusCode).toBe(404);
    expect((await page('A'.repeat(43))).statusCode).toBe(404);

    const bodiless = await t.app.inject({ method: 'POST', url: `/api/v1/audits/${id}/shopper-link`, headers: { authorization: `Bearer ${o.org.adminKey}` } });
    expect(bodiless.statusCode, bodiless.body).toBe(201);
    expect(Date.parse(bodiless.json().expiresAt) - t.clock.now().getTime()).toBe(14 * DAY);
    const tooLong = await request(t, o.org.adminKey, 'POST', `/api/v1/audits/${id}/shopper-link`, { expiresInDays: 365 });
    expect(tooLong.statusCode).toBe(400);
    const audit = await createAudit(t, o.org.adminKey, { templateKey: 'experience-audit' });
    const notVisit = await request(t, o.org.adminKey, 'POST', `/api/v1/audits/${audit.id}/shopper-link`, {});
    expect([notVisit.statusCode, notVisit.json().error.code]).toEqual([409, 'not_a_visit']);
  });
});

describe('audit_score', () => {
  it('is the mean visit score through the metrics API, by unit and touchpoint, in the caller’s scope, and the digest agrees', async () => {
    // A second organisation: the metric must see exactly the visits made here.
    const app = t;
    const org = await buildAuditOrg(t);
    const from = app.clock.now().toISOString();
    const visit = async (unitId: string, values: number[], templateKey = 'mystery-store') => {
      const v = await createAudit(app, org.org.adminKey, { templateKey, unitId });
      await scoreAll(app, org.org.adminKey, v, (_k, i) => values[i % values.length]!);
      return (await complete(app, org.org.adminKey, v.id)).scorePct as number;
    };
    const inStore = [await visit(org.units.store, [4, 4, 3, 3, 4, 4, 2]), await visit(org.units.store, [2, 1, 2, 3, 2, 2, 0]), await visit(org.units.store, [3], 'mystery-phone')];
    const outside = [await visit(org.units.other, [1, 0, 1, 2, 1, 1, 0])];
    await createAudit(app, org.org.adminKey, { templateKey: 'mystery-store', unitId: org.units.store }); // planned, not done: not counted
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    app.clock.advance(1000);

    const all = (await request(app, org.org.adminKey, 'GET', `/api/v1/metrics/audit_score?from=${from}`)).json();
    expect(all.rows[0].n).toBe(4);
    expect(all.rows[0].value).toBeCloseTo(mean([...inStore, ...outside]), 3);
    const byUnit = (await request(app, org.org.adminKey, 'GET', `/api/v1/metrics/audit_score?groupBy=unit`)).json().rows;
    expect(byUnit.find((r: { key: string }) => r.key === org.units.other)).toMatchObject({ n: 1, value: outside[0] });
    const byTouchpoint = (await request(app, org.org.adminKey, 'GET', `/api/v1/metrics/audit_score?groupBy=touchpoint`)).json().rows;
    expect(byTouchpoint.map((r: { key: string; n: number }) => [r.key, r.n])).toEqual([['hotline', 1], ['store', 3]]);
    const survey = await request(app, org.org.adminKey, 'GET', `/api/v1/metrics/audit_score?surveyId=${org.units.store}`);
    expect([survey.statusCode, survey.json().error.code]).toEqual([400, 'filter_not_applicable']);

    const managers = (await request(app, org.manager.key, 'GET', `/api/v1/metrics/audit_score?from=${from}`)).json().rows[0];
    expect(managers.n).toBe(3);
    expect(managers.value).toBeCloseTo(mean(inStore), 3);
    expect((await request(app, org.manager.key, 'GET', `/api/v1/metrics/audit_score?unitId=${org.units.other}`)).statusCode).toBe(404);
    expect((await request(app, org.staff.key, 'GET', `/api/v1/metrics/audit_score`)).json().rows[0].n).toBe(0);

    const digest = await auditDigest(app.ctx, { orgId: org.org.orgId, kind: 'api_key', id: 'test', role: 'admin', employeeId: null }, { from: new Date(from), to: app.clock.now() });
    expect(digest.mystery.visits).toBe(4);
    expect(digest.mystery.averageScore).toBe(all.rows[0].value);
    expect(digest.mystery.lowest.map((l) => l.score)).toEqual([...inStore, ...outside].sort((a, b) => a - b).slice(0, 3));
    expect(digest.mystery.lowest[0]).toMatchObject({ unitName: '天河门店', touchpoint: 'store' });
    const results = (await request(app, org.manager.key, 'GET', `/api/v1/mystery-shopping/results`)).json().rows;
    expect(results.map((r: { touchpoint: string; visits: number }) => [r.touchpoint, r.visits])).toEqual([['store', 2], ['hotline', 1]]);
  });
});
