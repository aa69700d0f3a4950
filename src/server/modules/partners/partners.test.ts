import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildPartnersFixture, type PartnersFixture } from './partners.fixtures.ts';

let t: TestApp;
let f: PartnersFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPartnersFixture(t);
});
afterAll(() => t.close());

describe('partners', () => {
  it('are kept by admins, read by managers, refused to employees, with clear 4xx on bad input', async () => {
    const courier = await f.partner('顺达快递', 'logistics', { externalId: 'SD-01', contactName: '周经理', contactEmail: 'ops@shunda.example' });
    expect(courier).toMatchObject({ name: '顺达快递', kind: 'logistics', externalId: 'SD-01', responses90d: 0, activeLinks: 0 });
    const again = await f.admin('POST', '/api/v1/partners', { name: '顺达快递', kind: 'supplier' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'partner_name_taken']);
    const sameKey = await f.admin('POST', '/api/v1/partners', { name: '另一家', kind: 'supplier', externalId: 'SD-01' });
    expect([sameKey.statusCode, sameKey.json().error.code]).toEqual([409, 'partner_external_id_taken']);
    for (const bad of [{ name: '', kind: 'supplier' }, { name: 'x', kind: 'airline' }, { name: 'x', kind: 'vendor', contactEmail: 'not-mail' }, {}]) {
      expect((await f.admin('POST', '/api/v1/partners', bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    const patched = await f.admin('PATCH', `/api/v1/partners/${courier.id}`, { kind: 'vendor', contactName: null });
    expect(patched.json()).toMatchObject({ name: '顺达快递', kind: 'vendor', contactName: null, externalId: 'SD-01' });
    expect((await f.admin('PATCH', `/api/v1/partners/${crypto.randomUUID()}`, { kind: 'vendor' })).statusCode).toBe(404);

    const manager = await buildEmployeeWithKey(t.ctx, f.org, { role: 'manager' });
    const clerk = await buildEmployeeWithKey(t.ctx, f.org);
    expect((await f.send('GET', manager.key, '/api/v1/partners')).json().items.map((p: { id: string }) => p.id)).toContain(courier.id);
    expect((await f.send('POST', manager.key, '/api/v1/partners', { name: 'm', kind: 'vendor' })).statusCode).toBe(403);
    expect((await f.send('GET', clerk.key, '/api/v1/partners')).statusCode).toBe(403);
    expect((await f.send('GET', clerk.key, `/api/v1/partners/${courier.id}/report`)).statusCode).toBe(403);
  });

  it('keeps organisations apart', async () => {
    const mine = await f.partner('本公司供应商', 'supplier');
    const other = await buildPartnersFixture(t);
    expect((await other.admin('GET', `/api/v1/partners/${mine.id}`)).statusCode).toBe(404);
    expect((await other.admin('GET', `/api/v1/partners/${mine.id}/report`)).statusCode).toBe(404);
    expect((await other.admin('POST', `/api/v1/partners/${mine.id}/share-links`, { expiresAt: '2026-02-01T00:00:00Z', passcode: 'long enough' })).statusCode).toBe(404);
    const interaction = await other.admin('POST', '/api/v1/interactions', {
      customerId: other.customerId, type: 'delivery', channel: 'home', touchpoint: 'home_delivery', partnerId: mine.id, occurredAt: t.clock.now().toISOString(),
    });
    expect([interaction.statusCode, interaction.json().error.message]).toEqual([404, 'partnerId: partner not found']);
  });
});

describe('attribution', () => {
  it('takes partnerId or partnerExternalId on interactions and refuses unknown ones', async () => {
    const store = await f.partner('徐汇加盟店', 'franchisee', { externalId: 'FR-XH' });
    const base = { customerId: f.customerId, type: 'purchase', channel: 'store', touchpoint: 'store_checkout', occurredAt: t.clock.now().toISOString() };
    expect((await f.admin('POST', '/api/v1/interactions', { ...base, partnerId: store.id })).json().partnerId).toBe(store.id);
    expect((await f.admin('POST', '/api/v1/interactions', { ...base, partnerExternalId: 'FR-XH' })).json().partnerId).toBe(store.id);
    const both = await f.admin('POST', '/api/v1/interactions', { ...base, partnerId: store.id, partnerExternalId: 'FR-XH' });
    expect(both.statusCode).toBe(400);
    const batch = await f.admin('POST', '/api/v1/interactions/batch', {
      items: [{ ...base, partnerExternalId: 'FR-XH' }, { ...base, partnerExternalId: 'nobody' }, { ...base, partnerId: crypto.randomUUID() }],
    });
    expect(batch.json()).toMatchObject({ created: 1, errors: [{ index: 1, code: 'not_found' }, { index: 2, code: 'not_found' }] });
  });

  it('gives a response its interaction’s partner on every path: API, batch, CSV import and the public page', async () => {
    const courier = await f.partner('闪送物流', 'logistics', { externalId: 'SS' });
    const interaction = (
      await f.admin('POST', '/api/v1/interactions', { customerId: f.customerId, type: 'delivery', channel: 'home', touchpoint: 'home_delivery', partnerId: courier.id, occurredAt: t.clock.now().toISOString() })
    ).json();
    const single = await f.admin('POST', '/api/v1/responses', { surveyId: f.surveyId, interactionId: interaction.id, answers: { nps: 9 } });
    const batch = await f.admin('POST', '/api/v1/responses/batch', { items: [{ surveyId: f.surveyId, interactionId: interaction.id, answers: { nps: 3 } }] });
    expect(batch.json()).toMatchObject({ created: 1, errors: [] });
    const csv = `surveyId,interactionId,nps,comment\n${f.surveyId},${interaction.id},7,还行\n`;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/imports/responses', headers: { ...bearer(f.org.adminKey), 'content-type': 'text/csv' }, payload: csv });
    expect(imported.json(), imported.body).toMatchObject({ imported: 1, errors: [] });
    const link = await f.admin('POST', `/api/v1/surveys/${f.surveyId}/links`, { interactionId: interaction.id });
    expect(link.statusCode, link.body).toBe(201);
    const viaPage = await t.app.inject({ method: 'POST', url: `/api/v1/public/responses/${link.json().token}`, payload: { answers: { nps: 10 } } });
    expect(viaPage.statusCode, viaPage.body).toBe(201);

    const rows = await f.query<{ source: string; partner_id: string | null }>(`SELECT source, partner_id FROM responses WHERE interaction_id = $1 ORDER BY source`, [interaction.id]);
    expect(rows).toEqual(['api', 'batch', 'import', 'public'].map((source) => ({ source, partner_id: courier.id })));
    expect(single.statusCode).toBe(201);
    const listed = await f.admin('GET', `/api/v1/responses?partnerId=${courier.id}&limit=10`);
    expect(listed.json().items).toHaveLength(4);
    expect(listed.json().items.every((r: { partnerId: string }) => r.partnerId === courier.id)).toBe(true);
  });

  it('takes an explicit partnerId on a response, which wins over the interaction’s, and refuses an unknown one', async () => {
    const supplier = await f.partner('鲜果供应', 'supplier');
    const res = await f.admin('POST', '/api/v1/responses', { surveyId: f.surveyId, partnerId: supplier.id, answers: { nps: 8 } });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await f.query<{ partner_id: string }>(`SELECT partner_id FROM responses WHERE id = $1`, [res.json().id]);
    expect(row!.partner_id).toBe(supplier.id);
    const unknown = await f.admin('POST', '/api/v1/responses', { surveyId: f.surveyId, partnerId: crypto.randomUUID(), answers: { nps: 8 } });
    expect([unknown.statusCode, unknown.json().error.message]).toEqual([404, 'partnerId: partner not found']);
    const csv = `surveyId,partnerId,nps\n${f.surveyId},${supplier.id},6\n${f.surveyId},not-a-uuid,6\n`;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/imports/responses', headers: { ...bearer(f.org.adminKey), 'content-type': 'text/csv' }, payload: csv });
    expect(imported.json()).toMatchObject({ imported: 1, errors: [{ row: 2 }] });
  });
});
