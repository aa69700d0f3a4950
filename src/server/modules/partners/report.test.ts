import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { NAME_MASK } from './redaction.ts';
import { buildPartnersFixture, type PartnersFixture } from './partners.fixtures.ts';

let t: TestApp;
let f: PartnersFixture;
let courierName: string;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPartnersFixture(t);
  courierName = '刘德华';
  const employee = await f.admin('POST', '/api/v1/employees', { name: courierName, unitId: f.org.rootUnitId, positionId: f.org.positionId });
  expect(employee.statusCode, employee.body).toBe(201);
});
afterAll(() => t.close());

const report = async (token: string, days = 90) => {
  const res = await f.readReport(token, await f.accessTokenFor(token), days);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('the partner report', () => {
  it('holds only its own partner’s answers, with NPS and CSAT against the period before', async () => {
    const a = await f.partner('甲物流', 'logistics');
    const b = await f.partner('乙物流', 'logistics');
    const lastMonth = new Date(t.clock.now().getTime() - 40 * DAY).toISOString();
    // Period before (90–180 days ago): 5 answers, NPS 0 (2 promoters, 2 detractors).
    for (const nps of [10, 9, 8, 2, 1]) await f.respondAbout(a.id, { nps, csat: 3 }, new Date(t.clock.now().getTime() - 120 * DAY).toISOString());
    // This period: 6 answers, 4 promoters and 1 detractor → NPS 50; CSAT mean 4.5.
    for (const nps of [10, 10, 9, 9, 7, 0]) await f.respondAbout(a.id, { nps, csat: nps >= 7 ? 5 : 2, comment: `甲的留言 ${nps} 号` }, lastMonth);
    for (let i = 0; i < 12; i++) await f.respondAbout(b.id, { nps: 3, csat: 1, comment: `乙的秘密留言 ${i}` }, lastMonth);
    for (let i = 0; i < 3; i++) await f.respondAbout(null, { nps: 0, comment: '没有伙伴的留言' }, lastMonth);

    const linkA = await f.createLink(a.id);
    const r = await report(linkA.token);
    expect(r.partner).toEqual({ name: '甲物流', kind: 'logistics' });
    expect(r.metrics).toEqual({ nps: { value: 50, answers: 6, previous: 0 }, csat: { value: 4.5, answers: 6, previous: 3 } });
    expect(r.comments).toBe(6);
    expect(r.verbatimsShown).toBe(false);
    expect(r.verbatims).toEqual([]);
    const body = JSON.stringify(r);
    for (const foreign of ['乙', '没有伙伴', f.customerId]) expect(body).not.toContain(foreign);
    // The 30-day view has nothing from 40 days ago (its period before does); no answers, no figure.
    const recent = await report(linkA.token, 30);
    expect(recent.metrics.nps).toEqual({ value: null, answers: 0, previous: 50 });

    const linkB = await f.createLink(b.id);
    const rb = await report(linkB.token);
    expect(rb.verbatimsShown).toBe(true);
    expect(rb.verbatims).toHaveLength(12);
    expect(JSON.stringify(rb)).not.toContain('甲的留言');
    expect(rb.metrics.csat).toEqual({ value: 1, answers: 12, previous: null });
  });

  it('shows verbatims only from 10 comments in the period, redacted of phone, e-mail and known names', async () => {
    const store = await f.partner('丙加盟店', 'franchisee');
    const link = await f.createLink(store.id);
    const sensitive = `${courierName}送货时态度差，顾客赵敏的电话 13812345678，邮箱 zhaomin@example.com，请找刘师傅核实`;
    await f.respondAbout(store.id, { nps: 2, comment: sensitive });
    for (let i = 0; i < 8; i++) await f.respondAbout(store.id, { nps: 9, comment: `门店很干净 ${i}` });
    await f.respondAbout(store.id, { nps: 9 }); // an answer without a comment does not count
    let r = await report(link.token);
    expect({ comments: r.comments, shown: r.verbatimsShown, verbatims: r.verbatims }).toEqual({ comments: 9, shown: false, verbatims: [] });

    await f.respondAbout(store.id, { nps: 10, comment: '店员很热情' });
    r = await report(link.token);
    expect([r.comments, r.verbatimsShown, r.verbatims.length]).toEqual([10, true, 10]);
    const redacted = r.verbatims.find((v: { text: string }) => v.text.includes('态度差'))!.text as string;
    for (const leak of [courierName, '赵敏', '13812345678', 'zhaomin@example.com', '刘师傅']) expect(redacted).not.toContain(leak);
    expect(redacted).toContain(NAME_MASK);
    expect(redacted).toContain('[电话]');
    expect(redacted).toContain('[邮箱]');
  });

  it('lists themes with their sentiment once analysed, never a theme that names someone', async () => {
    const courier = await f.partner('丁快递', 'logistics');
    const comments = [`${courierName}配送很快，包装完好`, '包装破了，配送太慢', `${courierName}态度很好，配送准时`, '包装很结实'];
    for (const comment of comments) await f.respondAbout(courier.id, { nps: comment.includes('破') ? 2 : 9, comment });
    await t.ctx.events.drain();
    const link = await f.createLink(courier.id);
    const r = await report(link.token);
    const themes = new Map(r.themes.map((th: { topic: string }) => [th.topic, th]));
    expect(themes.get('包装')).toMatchObject({ mentions: 3, negative: 1 });
    expect(themes.get('配送')).toMatchObject({ mentions: 3 });
    expect([...themes.keys()]).not.toContain(courierName);
  });

  it('is what admins and managers preview, and what a partner key reads at /partner-report (its own only)', async () => {
    const e = await f.partner('戊供应商', 'supplier');
    const other = await f.partner('己供应商', 'supplier');
    await f.respondAbout(e.id, { nps: 9, comment: '戊的水果很新鲜' });
    await f.respondAbout(other.id, { nps: 1, comment: '己的水果坏了' });
    const preview = await f.admin('GET', `/api/v1/partners/${e.id}/report?days=90`);
    expect(preview.statusCode, preview.body).toBe(200);
    const key = f.created(await f.admin('POST', '/api/v1/api-keys', { role: 'partner', partnerId: e.id, name: 'e system' })).key as string;
    const own = await f.send('GET', key, '/api/v1/partner-report?days=90');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toEqual(preview.json());
    expect(own.body).not.toContain('己');
    expect((await f.send('GET', key, '/api/v1/partner-report?days=7')).statusCode).toBe(400);
    expect((await f.admin('GET', '/api/v1/partner-report')).statusCode).toBe(403);
    // A partner key must be bound to a partner to read anything, and only partner keys may be.
    const unbound = f.created(await f.admin('POST', '/api/v1/api-keys', { role: 'partner', name: 'unbound' })).key as string;
    expect((await f.send('GET', unbound, '/api/v1/partner-report')).statusCode).toBe(403);
    expect((await f.admin('POST', '/api/v1/api-keys', { role: 'admin', partnerId: e.id, name: 'x' })).statusCode).toBe(400);
    expect((await f.admin('POST', '/api/v1/api-keys', { role: 'partner', partnerId: crypto.randomUUID(), name: 'x' })).statusCode).toBe(404);
  });
});

describe('ideas from partners', () => {
  it('go onto the idea board marked as the partner’s, from a key or an unlocked link, and each partner lists its own', async () => {
    const g = await f.partner('庚物流', 'logistics');
    const h = await f.partner('辛物流', 'logistics');
    const key = f.created(await f.admin('POST', '/api/v1/api-keys', { role: 'partner', partnerId: g.id, name: 'g' })).key as string;
    const fromKey = await f.send('POST', key, '/api/v1/partner-report/ideas', { title: '雨天加防水袋' });
    expect(fromKey.statusCode, fromKey.body).toBe(201);
    const link = await f.createLink(g.id);
    const access = await f.accessTokenFor(link.token);
    const post = (body: object, token = access) =>
      t.app.inject({ method: 'POST', url: `/api/v1/public/partner-reports/${link.token}/ideas`, headers: { authorization: `Bearer ${token}` }, payload: body });
    const fromLink = await post({ title: '错峰配送', body: '晚高峰前送达写字楼' });
    expect(fromLink.statusCode, fromLink.body).toBe(201);
    expect((await post({ title: '' })).statusCode).toBe(400);
    expect((await post({ title: 'x' }, 'not-a-session')).statusCode).toBe(401);
    const hKey = f.created(await f.admin('POST', '/api/v1/api-keys', { role: 'partner', partnerId: h.id, name: 'h' })).key as string;
    await f.send('POST', hKey, '/api/v1/partner-report/ideas', { title: '辛的建议' });

    const board = (await f.admin('GET', '/api/v1/ideas?limit=50')).json().items as Array<{ title: string; authorKind: string }>;
    expect(board.filter((i) => ['雨天加防水袋', '错峰配送'].includes(i.title)).map((i) => i.authorKind)).toEqual(['partner', 'partner']);
    const mine = await f.send('GET', key, '/api/v1/partner-report/ideas');
    expect(mine.json().items.map((i: { title: string }) => i.title).sort()).toEqual(['错峰配送', '雨天加防水袋'].sort());
    const viaLink = await t.app.inject({ method: 'GET', url: `/api/v1/public/partner-reports/${link.token}/ideas`, headers: { authorization: `Bearer ${access}` } });
    expect(viaLink.json().items).toHaveLength(2);
  });
});
