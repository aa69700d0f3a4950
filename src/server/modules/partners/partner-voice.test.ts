import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmployeeWithKey } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildPartnersFixture, PASSCODE, type PartnersFixture } from './partners.fixtures.ts';

// Attribution rules, the partner's replies to its report periods, and CX-fit reviews (issue 14, items 1, 4 and 5).

let t: TestApp;
let f: PartnersFixture;
let storeId: string;
let depotId: string;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPartnersFixture(t);
  const unit = async (name: string) => f.created(await f.admin('POST', '/api/v1/units', { name, parentId: f.org.rootUnitId, kind: 'store' })).id as string;
  storeId = await unit('西湖加盟店');
  depotId = await unit('浦东配送站');
});
afterAll(() => t.close());

/** Records an interaction naming no partner and answers it; returns both partner ids as stored. */
async function interactionAt(touchpoint: string, unitId: string | null, extra: Record<string, unknown> = {}) {
  const at = t.clock.now().toISOString();
  const interaction = f.created(
    await f.admin('POST', '/api/v1/interactions', { customerId: f.customerId, type: 'visit', channel: 'store', touchpoint, ...(unitId ? { unitId } : {}), occurredAt: at, ...extra }),
  );
  const response = f.created(await f.admin('POST', '/api/v1/responses', { surveyId: f.surveyId, interactionId: interaction.id, answers: { nps: 8 } }));
  const [row] = await f.query<{ partner_id: string | null }>(`SELECT partner_id FROM responses WHERE org_id = $1 AND id = $2`, [f.org.orgId, response.id]);
  return { interaction: interaction.partnerId as string | null, response: row!.partner_id };
}

describe('attribution rules', () => {
  it('attribute what names no partner to the most specific matching rule, and never override a named partner', async () => {
    const courier = await f.partner('闪电配送');
    const depotCourier = await f.partner('浦东专送');
    const franchisee = await f.partner('西湖加盟', 'franchisee');
    const rule = async (partnerId: string, body: object) => f.created(await f.admin('POST', `/api/v1/partners/${partnerId}/rules`, body));
    await rule(courier.id, { touchpoint: 'home_delivery' });
    await rule(depotCourier.id, { touchpoint: 'home_delivery', unitId: depotId });
    await rule(franchisee.id, { unitId: storeId });

    expect(await interactionAt('home_delivery', null)).toEqual({ interaction: courier.id, response: courier.id });
    expect(await interactionAt('home_delivery', depotId)).toEqual({ interaction: depotCourier.id, response: depotCourier.id });
    // At the store: its touchpoint rule (any unit) is more specific than the store's unit rule.
    expect(await interactionAt('checkout', storeId)).toEqual({ interaction: franchisee.id, response: franchisee.id });
    expect(await interactionAt('home_delivery', storeId)).toEqual({ interaction: courier.id, response: courier.id });
    expect(await interactionAt('checkout', depotId)).toEqual({ interaction: null, response: null });
    expect(await interactionAt('home_delivery', null, { partnerId: franchisee.id })).toEqual({ interaction: franchisee.id, response: franchisee.id });

    // A response sent without an interaction is attributed by its own touchpoint and unit.
    const direct = f.created(await f.admin('POST', '/api/v1/responses', { surveyId: f.surveyId, touchpoint: 'checkout', unitId: storeId, answers: { nps: 10 } }));
    const [row] = await f.query<{ partner_id: string }>(`SELECT partner_id FROM responses WHERE org_id = $1 AND id = $2`, [f.org.orgId, direct.id]);
    expect(row!.partner_id).toBe(franchisee.id);

    const listed = (await f.admin('GET', `/api/v1/partners/${franchisee.id}/rules`)).json().items;
    expect(listed).toEqual([expect.objectContaining({ touchpoint: null, unitId: storeId, unitName: '西湖加盟店' })]);
  });

  it('refuse a second rule for the same scope (409), an empty scope (400) and an unknown unit (404); managers read but do not write', async () => {
    const a = await f.partner('规则甲');
    const b = await f.partner('规则乙');
    f.created(await f.admin('POST', `/api/v1/partners/${a.id}/rules`, { touchpoint: 'pickup', unitId: storeId }));
    const taken = await f.admin('POST', `/api/v1/partners/${b.id}/rules`, { touchpoint: 'pickup', unitId: storeId });
    expect([taken.statusCode, taken.json().error.code]).toEqual([409, 'partner_rule_taken']);
    expect((await f.admin('POST', `/api/v1/partners/${b.id}/rules`, {})).statusCode).toBe(400);
    const unknownUnit = await f.admin('POST', `/api/v1/partners/${b.id}/rules`, { touchpoint: 'pickup', unitId: crypto.randomUUID() });
    expect(unknownUnit.statusCode).toBe(404);
    const manager = await buildEmployeeWithKey(t.ctx, f.org, { role: 'manager' });
    expect((await f.send('GET', manager.key, `/api/v1/partners/${a.id}/rules`)).statusCode).toBe(200);
    expect((await f.send('POST', manager.key, `/api/v1/partners/${b.id}/rules`, { touchpoint: 'returns' })).statusCode).toBe(403);
  });

  it('attribute the past on request, and after deletion leave what they attributed while new records go unattributed', async () => {
    const before = await interactionAt('gift_wrap', depotId);
    expect(before.response).toBeNull();
    const wrapper = await f.partner('礼品包装');
    const created = f.created(await f.admin('POST', `/api/v1/partners/${wrapper.id}/rules`, { touchpoint: 'gift_wrap', applyToPast: true }));
    expect(created.attributed).toEqual({ interactions: 1, responses: 1 });
    expect((await f.admin('DELETE', `/api/v1/partners/${wrapper.id}/rules/${created.id}`)).statusCode).toBe(204);
    expect((await interactionAt('gift_wrap', depotId)).response).toBeNull();
    const kept = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM responses WHERE org_id = $1 AND partner_id = $2`, [f.org.orgId, wrapper.id]);
    expect(kept[0]!.n).toBe(1);
    expect((await f.admin('GET', `/api/v1/partners/${wrapper.id}/report`)).json().metrics.nps.answers).toBe(1);
  });

  it('attribute the past only where they are the most specific rule, as if they had been there all along', async () => {
    const atStore = await interactionAt('engraving', storeId); // the store's unit-only rule (from the first test) takes it now
    const atDepot = await interactionAt('engraving', depotId);
    expect([atStore.response, atDepot.response]).toEqual([expect.any(String), null]);
    // A rule for the touchpoint anywhere, applied to the past: the depot's record is its; the store's keeps its partner.
    const engraver = await f.partner('刻字服务');
    const created = f.created(await f.admin('POST', `/api/v1/partners/${engraver.id}/rules`, { touchpoint: 'engraving', applyToPast: true }));
    expect(created.attributed).toEqual({ interactions: 1, responses: 1 });
    // A later rule for the unit alone, applied to the past, leaves records that a touchpoint rule covers.
    const cleaner = await f.partner('保洁外包', 'vendor');
    const unitRule = f.created(await f.admin('POST', `/api/v1/partners/${cleaner.id}/rules`, { unitId: depotId, applyToPast: true }));
    const [left] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM interactions WHERE org_id = $1 AND partner_id = $2`, [f.org.orgId, cleaner.id]);
    expect(left!.n).toBe(unitRule.attributed.interactions);
    const [engraved] = await f.query<{ partner_id: string }>(`SELECT partner_id FROM interactions WHERE org_id = $1 AND touchpoint = 'engraving' AND unit_id = $2`, [f.org.orgId, depotId]);
    expect(engraved!.partner_id).toBe(engraver.id);
  });
});

describe('partner replies', () => {
  it('come through the unlocked link (API and page) and a partner key, and the organisation reads only that partner’s', async () => {
    const courier = await f.partner('回应配送');
    const other = await f.partner('别家配送');
    const link = await f.createLink(courier.id);
    const locked = await t.app.inject({ method: 'POST', url: `/api/v1/public/partner-reports/${link.token}/replies`, payload: { body: '未解锁' } });
    expect(locked.statusCode).toBe(401);

    const access = await f.accessTokenFor(link.token);
    const auth = { authorization: `Bearer ${access}` };
    const viaApi = await t.app.inject({ method: 'POST', url: `/api/v1/public/partner-reports/${link.token}/replies`, headers: auth, payload: { body: '  下午五点前优先派送写字楼  ', days: 30 } });
    expect(viaApi.statusCode, viaApi.body).toBe(201);
    expect(viaApi.json()).toMatchObject({ body: '下午五点前优先派送写字楼', via: 'link', period: { days: 30 } });
    t.clock.advance(60_000);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/public/partner-reports/${link.token}/replies`, headers: auth, payload: { body: ' ' } })).statusCode).toBe(400);

    // The page's form: a cookie from the page's own unlock, then a post that redirects back with a note.
    const unlocked = await t.app.inject({ method: 'POST', url: `/partner/${link.token}`, payload: `passcode=${PASSCODE}&lang=en`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const cookie = unlocked.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const posted = await t.app.inject({
      method: 'POST',
      url: `/partner/${link.token}/replies`,
      payload: `body=${encodeURIComponent('雨天配防水袋')}&days=90&lang=en`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    });
    expect([posted.statusCode, posted.headers.location]).toEqual([303, expect.stringContaining('reply=sent')]);
    const page = await t.app.inject({ method: 'GET', url: posted.headers.location as string, headers: { cookie } });
    expect(page.body).toContain('Thank you! Your response has been delivered.');
    expect(page.body).toContain('雨天配防水袋');

    t.clock.advance(60_000);
    const key = f.created(await f.admin('POST', '/api/v1/api-keys', { role: 'partner', partnerId: courier.id, name: 'courier system' })).key;
    expect((await f.send('POST', key, '/api/v1/partner-report/replies', { body: '增加晚班骑手' })).statusCode).toBe(201);
    expect((await f.send('GET', key, '/api/v1/partner-report/replies')).json().items).toHaveLength(3);

    const seen = (await f.admin('GET', `/api/v1/partners/${courier.id}/replies`)).json().items;
    expect(seen.map((r: { body: string; via: string }) => [r.body, r.via])).toEqual([
      ['增加晚班骑手', 'key'],
      ['雨天配防水袋', 'link'],
      ['下午五点前优先派送写字楼', 'link'],
    ]);
    expect((await f.admin('GET', `/api/v1/partners/${other.id}/replies`)).json().items).toEqual([]);
  });
});

describe('CX fit', () => {
  it('scores five statements on 0–100, keeps the history newest first and shows the latest in the partner list', async () => {
    const supplier = await f.partner('鲜果供应', 'supplier');
    const review = async (answers: Record<string, number>, note?: string) => f.admin('POST', `/api/v1/partners/${supplier.id}/fit`, { answers, ...(note ? { note } : {}) });
    const first = f.created(await review({ vision: 2, feedback: 1, speed: 3, frontline: 2, measurement: 2 }));
    expect([first.score, first.band]).toEqual([25, 'weak']);
    t.clock.advance(60_000);
    const second = f.created(await review({ vision: 5, feedback: 4, speed: 4, frontline: 3, measurement: 5 }, '开始共享顾客反馈'));
    expect([second.score, second.band, second.note]).toEqual([80, 'strong', '开始共享顾客反馈']);
    const history = (await f.admin('GET', `/api/v1/partners/${supplier.id}/fit`)).json().items;
    expect(history.map((h: { score: number }) => h.score)).toEqual([80, 25]);
    const listed = (await f.admin('GET', '/api/v1/partners')).json().items.find((p: { id: string }) => p.id === supplier.id);
    expect(listed.fitScore).toBe(80);
  });

  it('refuses a missing or out-of-range answer (400) and a manager’s review (403)', async () => {
    const vendor = await f.partner('清洁服务商', 'vendor');
    const url = `/api/v1/partners/${vendor.id}/fit`;
    expect((await f.admin('POST', url, { answers: { vision: 6, feedback: 3, speed: 3, frontline: 3, measurement: 3 } })).statusCode).toBe(400);
    expect((await f.admin('POST', url, { answers: { vision: 3, feedback: 3, speed: 3, frontline: 3 } })).statusCode).toBe(400);
    const manager = await buildEmployeeWithKey(t.ctx, f.org, { role: 'manager' });
    expect((await f.send('POST', manager.key, url, { answers: { vision: 3, feedback: 3, speed: 3, frontline: 3, measurement: 3 } })).statusCode).toBe(403);
    expect((await f.send('GET', manager.key, url)).json().items).toEqual([]);
    expect((await f.admin('GET', `/api/v1/partners/${crypto.randomUUID()}/fit`)).statusCode).toBe(404);
  });
});
