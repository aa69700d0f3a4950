import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../../platform/clock.ts';
import { expectBadCursorsRefused, followPages, newestFirst } from '../../testing/paging.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildAuditOrg, complete, createAudit, request, scoreAll, type AuditOrg } from './audit.fixtures.ts';

let t: TestApp;
let o: AuditOrg;

beforeAll(async () => {
  t = await createTestApp();
  o = await buildAuditOrg(t);
});
afterAll(() => t.close());

const admin = () => o.org.adminKey;
const as = (key: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => request(t, key, method, url, body);

describe('audit templates', () => {
  it('offer the experience audit over the seven areas and mystery checklists, every score explained in both languages', async () => {
    const res = await as(admin(), 'GET', '/api/v1/audit-templates');
    expect(res.statusCode).toBe(200);
    const templates = res.json().items as Array<{ key: string; kind: string; areas: { key: string }[]; items: Array<{ area: string; guidance: Array<{ 'zh-CN': string; en: string }> }> }>;
    expect(templates.map((x) => x.key)).toEqual(['experience-audit', 'mystery-store', 'mystery-phone', 'mystery-delivery']);
    const audit = templates[0]!;
    expect(audit.areas.map((a) => a.key)).toEqual(['brand', 'channels', 'analytics', 'technology', 'communication', 'seo', 'competitors']);
    for (const area of audit.areas) expect(audit.items.some((i) => i.area === area.key), area.key).toBe(true);
    for (const x of templates) {
      for (const item of x.items) {
        expect(item.guidance).toHaveLength(5);
        for (const g of item.guidance) expect(g['zh-CN'].length * g.en.length).toBeGreaterThan(0);
      }
    }
    const store = templates.find((x) => x.key === 'mystery-store')!;
    expect(store.kind).toBe('mystery');
    expect(store.items.length).toBeGreaterThanOrEqual(7);
    expect((await as(o.staff.key, 'GET', '/api/v1/audit-templates')).statusCode).toBe(403);
  });
});

describe('audits', () => {
  it('creates an audit with its checklist and refuses bad input with a clear 4xx', async () => {
    const created = await as(admin(), 'POST', '/api/v1/audits', { templateKey: 'experience-audit', title: '2026 基线审计', ownerId: o.manager.employeeId });
    expect(created.statusCode, created.body).toBe(201);
    const audit = created.json();
    expect(audit).toMatchObject({ kind: 'audit', status: 'open', title: '2026 基线审计', ownerName: '周经理', scorePct: null });
    expect(audit.items[0]).toMatchObject({ key: 'brand_guidelines', area: 'brand', score: null, isGap: false });
    const item = `/api/v1/audits/${audit.id}/items/brand_guidelines`;

    for (const score of [5, -1, 2.5, '3']) {
      const res = await as(admin(), 'PATCH', item, { score });
      expect([res.statusCode, res.json().error.code], `score ${score}`).toEqual([400, 'invalid_request']);
    }
    const badLink = await as(admin(), 'PATCH', item, { evidence: { text: 'x', links: ['javascript:alert(1)'] } });
    expect(badLink.statusCode).toBe(400);
    const unknownItem = await as(admin(), 'PATCH', `/api/v1/audits/${audit.id}/items/no_such_item`, { score: 3 });
    expect([unknownItem.statusCode, unknownItem.json().error.code]).toEqual([404, 'not_found']);
    const unknownTemplate = await as(admin(), 'POST', '/api/v1/audits', { templateKey: 'made-up' });
    expect(unknownTemplate.statusCode).toBe(400);
    const visitWithoutUnit = await as(admin(), 'POST', '/api/v1/audits', { templateKey: 'mystery-store' });
    expect([visitWithoutUnit.statusCode, visitWithoutUnit.json().error.details]).toEqual([400, { field: 'unitId' }]);

    const scored = await as(admin(), 'PATCH', item, { score: 1, evidence: { text: '只有标志文件', links: ['https://intranet.example.com/brand'] } });
    expect(scored.json().items[0]).toMatchObject({ score: 1, isGap: true, evidence: { text: '只有标志文件', links: ['https://intranet.example.com/brand'] } });
    const kept = await as(admin(), 'PATCH', item, { ownerId: o.staff.employeeId, dueAt: '2026-09-30' });
    expect(kept.json().items[0]).toMatchObject({ score: 1, ownerName: '王芳', dueAt: '2026-09-30', evidence: { text: '只有标志文件' } });
  });

  it('completes only when every item is scored and every gap has an owner and a due date, then locks', async () => {
    const audit = await createAudit(t, admin(), { templateKey: 'experience-audit' });
    await scoreAll(t, admin(), { id: audit.id, keys: audit.keys.slice(1) }, (_k, i) => (i % 2 ? 3 : 1));
    const unscored = await as(admin(), 'POST', `/api/v1/audits/${audit.id}/complete`, {});
    expect([unscored.statusCode, unscored.json().error.code, unscored.json().error.details.items]).toEqual([409, 'items_unscored', [audit.keys[0]]]);
    await scoreAll(t, admin(), { id: audit.id, keys: audit.keys.slice(0, 1) }, () => 4);
    const unassigned = await as(admin(), 'POST', `/api/v1/audits/${audit.id}/complete`, {});
    expect([unassigned.statusCode, unassigned.json().error.code]).toEqual([409, 'gaps_unassigned']);
    await scoreAll(t, admin(), { id: audit.id, keys: audit.keys.slice(1) }, (_k, i) => (i % 2 ? 3 : 1), o.staff.employeeId);

    const done = await complete(t, admin(), audit.id, { notes: '基线完成' });
    const scores = done.items.map((i: { score: number }) => i.score) as number[];
    expect(done).toMatchObject({ status: 'completed', conductedBy: 'leader', notes: '基线完成' });
    expect(done.scorePct).toBeCloseTo((100 * scores.reduce((a, b) => a + b, 0)) / (4 * scores.length), 1);
    const locked = await as(admin(), 'PATCH', `/api/v1/audits/${audit.id}/items/${audit.keys[0]}`, { score: 0 });
    expect([locked.statusCode, locked.json().error.code]).toEqual([409, 'audit_completed']);
    expect((await as(admin(), 'POST', `/api/v1/audits/${audit.id}/complete`, {})).statusCode).toBe(409);
  });

  it('re-audits on a copy of the baseline’s checklist and compares item by item with area maturity', async () => {
    const baseline = await createAudit(t, admin(), { templateKey: 'experience-audit', unitId: o.units.region });
    const early = await as(admin(), 'POST', '/api/v1/audits', { templateKey: 'experience-audit', baselineAuditId: baseline.id });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'baseline_not_completed']);
    // The baseline's own copy differs from today's template: the re-audit must follow the copy.
    await t.ctx.db.tenant(o.org.orgId, async (tx) => {
      await tx.query(`UPDATE experience_audits SET checklist = jsonb_set(checklist, '{items}', (checklist->'items') - 0) WHERE org_id = $1 AND id = $2`, [o.org.orgId, baseline.id]);
      await tx.query(`DELETE FROM experience_audit_items WHERE org_id = $1 AND audit_id = $2 AND item_key = 'brand_guidelines'`, [o.org.orgId, baseline.id]);
    });
    const keys = baseline.keys.filter((k) => k !== 'brand_guidelines');
    const before = (k: string) => (k.startsWith('channel_') ? 1 : 2);
    await scoreAll(t, admin(), { id: baseline.id, keys }, before, o.staff.employeeId);
    await complete(t, admin(), baseline.id);

    const mismatch = await as(admin(), 'POST', '/api/v1/audits', { templateKey: 'experience-audit', baselineAuditId: baseline.id, unitId: o.units.other });
    expect([mismatch.statusCode, mismatch.json().error.code]).toEqual([400, 'baseline_mismatch']);
    const again = await createAudit(t, admin(), { templateKey: 'experience-audit', baselineAuditId: baseline.id });
    expect(again.keys).toEqual(keys);
    const after = (k: string) => (k === 'channel_store' ? 4 : k === 'seo_search' ? 1 : before(k));
    await scoreAll(t, admin(), { id: again.id, keys }, after, o.staff.employeeId);
    const reaudit = (await as(admin(), 'GET', `/api/v1/audits/${again.id}`)).json();
    expect(reaudit).toMatchObject({ baselineAuditId: baseline.id, unitId: o.units.region });

    const res = await as(admin(), 'GET', `/api/v1/audits/${again.id}/compare`);
    expect(res.statusCode).toBe(200);
    const cmp = res.json();
    expect(cmp.rows).toHaveLength(keys.length);
    expect(cmp.rows.find((r: { key: string }) => r.key === 'channel_store')).toMatchObject({ area: 'channels', baseline: 1, current: 4, change: 3 });
    expect(cmp.rows.find((r: { key: string }) => r.key === 'seo_search')).toMatchObject({ baseline: 2, current: 1, change: -1 });
    expect(cmp.rows.find((r: { key: string }) => r.key === 'comp_benchmark')).toMatchObject({ baseline: 2, current: 2, change: 0 });
    const channels = cmp.areas.find((a: { key: string }) => a.key === 'channels');
    expect(channels.baseline).toEqual({ average: 1, level: 'ad_hoc' });
    expect(channels.current.average).toBeCloseTo((4 + 6 * 1) / 7, 2);
    expect(channels.change).toBeCloseTo(3 / 7, 2);
    expect(cmp.areas.find((a: { key: string }) => a.key === 'seo')).toMatchObject({ baseline: { average: 2, level: 'defined' }, current: { average: 1.5, level: 'ad_hoc' }, change: -0.5 });

    const first = (await as(admin(), 'GET', `/api/v1/audits/${baseline.id}/compare`)).json();
    expect(first.baselineAuditId).toBeNull();
    expect(first.rows[0]).toMatchObject({ baseline: null, change: null });
  });

  it('turns a gap into an improvement project led by the gap’s owner, once', async () => {
    const audit = await createAudit(t, admin(), { templateKey: 'experience-audit', unitId: o.units.store, title: '门店审计' });
    await scoreAll(t, admin(), audit, (k) => (k === 'channel_returns' ? 0 : 3), o.staff.employeeId);
    const high = await as(admin(), 'POST', `/api/v1/audits/${audit.id}/items/channel_store/improvement`);
    expect([high.statusCode, high.json().error.code]).toEqual([409, 'not_a_gap']);
    expect((await as(o.manager.key, 'POST', `/api/v1/audits/${audit.id}/items/channel_returns/improvement`)).statusCode).toBe(403);

    const made = await as(admin(), 'POST', `/api/v1/audits/${audit.id}/items/channel_returns/improvement`);
    expect(made.statusCode, made.body).toBe(200);
    const projectId = made.json().items.find((i: { key: string }) => i.key === 'channel_returns').improvementId;
    const project = (await as(admin(), 'GET', `/api/v1/improvement-projects/${projectId}`)).json();
    expect(project).toMatchObject({ status: 'proposed', ownerId: o.staff.employeeId, unitId: o.units.store });
    expect(project.title).toContain('退换货');
    expect(project.description).toContain('门店审计');
    const twice = await as(admin(), 'POST', `/api/v1/audits/${audit.id}/items/channel_returns/improvement`);
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'already_linked']);
  });
});

describe('data scope', () => {
  it('lets a manager see and do the audits of their subtree only; employees have no access', async () => {
    const inside = await createAudit(t, admin(), { templateKey: 'mystery-store', unitId: o.units.store });
    const outside = await createAudit(t, admin(), { templateKey: 'mystery-store', unitId: o.units.other });
    const orgWide = await createAudit(t, admin(), { templateKey: 'experience-audit' });
    const m = o.manager.key;

    const listed = (await as(m, 'GET', '/api/v1/audits')).json().items.map((a: { id: string }) => a.id);
    expect(listed).toContain(inside.id);
    expect(listed).not.toContain(outside.id);
    expect(listed).not.toContain(orgWide.id);
    expect((await as(m, 'GET', `/api/v1/audits?unitId=${o.units.other}`)).statusCode).toBe(404);
    for (const id of [outside.id, orgWide.id]) {
      expect((await as(m, 'GET', `/api/v1/audits/${id}`)).statusCode).toBe(404);
      expect((await as(m, 'GET', `/api/v1/audits/${id}/compare`)).statusCode).toBe(404);
      expect((await as(m, 'PATCH', `/api/v1/audits/${id}/items/greeting`, { score: 4 })).statusCode).toBe(404);
      expect((await as(m, 'POST', `/api/v1/audits/${id}/complete`, {})).statusCode).toBe(404);
      expect((await as(m, 'POST', `/api/v1/audits/${id}/shopper-link`, {})).statusCode).toBe(404);
    }
    expect((await as(m, 'PATCH', `/api/v1/audits/${inside.id}/items/greeting`, { score: 4, ownerId: o.staff.employeeId })).statusCode).toBe(200);
    const foreignOwner = await as(m, 'PATCH', `/api/v1/audits/${inside.id}/items/greeting`, { ownerId: o.outsider.employeeId });
    expect([foreignOwner.statusCode, foreignOwner.json().error.details]).toEqual([404, { field: 'ownerId' }]);

    const planned = await as(m, 'POST', '/api/v1/audits', { templateKey: 'mystery-phone', unitId: o.units.store, dueAt: '2026-07-01' });
    expect(planned.statusCode, planned.body).toBe(201);
    expect(planned.json()).toMatchObject({ touchpoint: 'hotline', dueAt: '2026-07-01' });
    expect((await as(m, 'POST', '/api/v1/audits', { templateKey: 'mystery-store', unitId: o.units.other })).statusCode).toBe(404);
    expect((await as(m, 'POST', '/api/v1/audits', { templateKey: 'experience-audit' })).statusCode).toBe(400);

    for (const [method, url] of [['GET', '/api/v1/audits'], ['GET', `/api/v1/audits/${inside.id}`], ['POST', '/api/v1/audits'], ['GET', '/api/v1/mystery-shopping/results']] as const) {
      const res = await as(o.staff.key, method, url, method === 'POST' ? { templateKey: 'mystery-store', unitId: o.units.store } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });
});

describe('listing audits a page at a time', () => {
  it('follows nextCursor through every audit once, newest first and ties by id, keeping the filters and the scope', async () => {
    const get = (url: string) => as(admin(), 'GET', url);
    const made: { id: string; at: string }[] = [];
    // Hours between some, none between others: equal times, which the id orders.
    for (const [i, hours] of [0, 0, 1, 0, 2, 0, 0].entries()) {
      t.clock.advance(hours * HOUR);
      const res = await as(admin(), 'POST', '/api/v1/audits', { templateKey: 'experience-audit', unitId: o.units.other, title: `翻页 ${i}` });
      expect(res.statusCode, res.body).toBe(201);
      made.push({ id: res.json().id, at: res.json().createdAt });
    }
    const url = `/api/v1/audits?kind=audit&status=open&unitId=${o.units.other}`;
    const first = (await get(url)).json();
    expect([first.items.map((a: { id: string }) => a.id), first.nextCursor]).toEqual([newestFirst(made), null]);
    expect(await followPages(get, `${url}&limit=3`)).toEqual({ ids: newestFirst(made), pages: 3 });
    const all = (await get('/api/v1/audits?limit=500')).json().items.map((a: { id: string }) => a.id);
    expect((await followPages(get, '/api/v1/audits?limit=2')).ids).toEqual(all);
    // A manager pages through their subtree's audits only.
    const theirs = await followPages((u) => as(o.manager.key, 'GET', u), '/api/v1/audits?limit=1');
    expect(theirs.ids.length).toBeGreaterThan(0);
    expect(theirs.ids.filter((id) => made.some((m) => m.id === id))).toEqual([]);
    await expectBadCursorsRefused(get, url);
  });
});
