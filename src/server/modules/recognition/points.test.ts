import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { publish } from '../../platform/events/index.ts';
import { bearer, buildOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildRecognitionFixture, PRAISE_COMMENT, type RecognitionFixture } from './recognition.fixtures.ts';
import { isPraiseAnswer, recognisePraise, type CommentAnalysed } from './recognition.events.ts';

let t: TestApp;
let f: RecognitionFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildRecognitionFixture(t);
});
afterAll(() => t.close());

const outbox = (name: string, key: string, value: string) =>
  f.query<{ id: number; payload: Record<string, unknown> }>(`SELECT id, payload FROM outbox_events WHERE name = $1 AND payload->>$2 = $3 ORDER BY id`, [name, key, value]);
const entriesFor = (sourceType: string, sourceId: string) =>
  f.query<{ employee_id: string; delta: number }>(`SELECT employee_id, delta FROM points_ledger WHERE source_type = $1 AND source_id = $2`, [sourceType, sourceId]);

describe('points rules', () => {
  it('starts from the seed’s defaults and lets only admins change them', async () => {
    const get = await f.send(f.people.courier.key, 'GET', '/api/v1/points/rules');
    expect(get.json()).toEqual({ praise: 10, ideaAccepted: 20, majorCaseResolved: 100, insightCaptured: 5, manualMonthlyCap: 200, goldenEarRule: 'customer_ideas' });
    expect((await f.send(f.people.storeManager.key, 'PUT', '/api/v1/points/rules', { praise: 50 })).statusCode).toBe(403);
    expect((await f.send(f.partnerKey, 'GET', '/api/v1/points/rules')).statusCode).toBe(403);
    const bad = await f.send(f.org.adminKey, 'PUT', '/api/v1/points/rules', { praise: -1, ideaAccepted: 'x' });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'invalid_request']);
    const put = await f.send(f.org.adminKey, 'PUT', '/api/v1/points/rules', { manualMonthlyCap: 150 });
    expect(put.json()).toMatchObject({ praise: 10, manualMonthlyCap: 150 });
    expect((await f.send(f.people.courier.key, 'GET', '/api/v1/points/rules')).json().manualMonthlyCap).toBe(150);
  });
});

describe('customer praise', () => {
  it('puts a promoter’s warm comment on the wall, gives the serving employee +10 once and tells everyone', async () => {
    const before = await f.balanceOf(f.people.courier.id);
    const responseId = await f.respond({ nps: 10, csat: 5, comment: PRAISE_COMMENT });
    expect(await f.balanceOf(f.people.courier.id)).toBe(before + 10);
    expect(await entriesFor('praise', responseId)).toEqual([{ employee_id: f.people.courier.id, delta: 10 }]);
    const [received] = await outbox('praise.received', 'responseId', responseId);
    expect(received!.payload).toMatchObject({ employeeId: f.people.courier.id, employeeName: '张伟', unitName: '徐汇门店', points: 10, nps: 10 });
    expect(received!.payload.text).toContain('热情');
    const [awarded] = await outbox('points.awarded', 'sourceId', responseId);
    expect(awarded!.payload).toMatchObject({ employeeId: f.people.courier.id, unitId: f.units.store, delta: 10, sourceType: 'praise' });

    // The wall shows it to everyone in the organisation, never to partners.
    const wall = await f.send(f.people.outsider.key, 'GET', '/api/v1/praise?limit=5');
    expect(wall.json().items[0]).toMatchObject({ responseId, employeeName: '张伟', likes: 0, isLikedByMe: false });
    expect((await f.send(f.partnerKey, 'GET', '/api/v1/praise')).statusCode).toBe(403);

    // The same analysis delivered again (a second event, or the handler run again) awards nothing.
    const [analysed] = await outbox('comment.analysed', 'responseId', responseId);
    await t.ctx.db.tenant(f.org.orgId, (tx) => publish(tx, 'comment.analysed', analysed!.payload));
    await t.ctx.events.drain();
    const event = { id: analysed!.id, orgId: f.org.orgId, name: 'comment.analysed', payload: analysed!.payload as unknown as CommentAnalysed, createdAt: new Date() };
    await t.ctx.db.tenant(f.org.orgId, (tx) => recognisePraise(t.ctx, tx, [event]));
    expect(await f.balanceOf(f.people.courier.id)).toBe(before + 10);
    expect(await outbox('praise.received', 'responseId', responseId)).toHaveLength(1);
    expect(await f.ledgerSum(f.people.courier.id)).toBe(await f.balanceOf(f.people.courier.id));
  });

  it('counts a comment that is praise whatever the score, but not a top score with a generic, lukewarm or complaining comment', async () => {
    const csat = await f.respond({ csat: 5, comment: 'Everything arrived quickly, lovely experience' }, { employeeId: f.people.clerk.id });
    const service = await f.respond({ nps: 10, comment: '服务非常好，每个店员都很热情' }, { employeeId: f.people.clerk.id });
    const compliment = await f.respond({ nps: 7, comment: '王芳态度特别好，非常耐心，谢谢她' }, { employeeId: f.people.clerk.id });
    const lukewarm = await f.respond({ nps: 7, csat: 5, comment: '总体还行，结账排了几分钟队' }, { employeeId: f.people.clerk.id });
    const complaint = await f.respond({ nps: 9, comment: '送货太慢了，包装也破了，很失望' });
    const plain = await f.respond({ nps: 10 });
    expect(await entriesFor('praise', csat)).toHaveLength(0);
    expect(await entriesFor('praise', service)).toHaveLength(1);
    expect(await entriesFor('praise', compliment)).toHaveLength(1);
    expect(await entriesFor('praise', lukewarm)).toHaveLength(0);
    expect(await entriesFor('praise', complaint)).toHaveLength(0);
    expect(await entriesFor('praise', plain)).toHaveLength(0);
    // Praise for a unit without a serving employee goes on the wall without points.
    const unitOnly = await f.respond({ nps: 10, comment: PRAISE_COMMENT }, { employeeId: null });
    expect((await f.query(`SELECT 1 FROM praise WHERE response_id = $1`, [unitOnly])).length).toBe(1);
    expect(await entriesFor('praise', unitOnly)).toHaveLength(0);
  });

  it('never counts spam-flagged answers', () => {
    expect(isPraiseAnswer({ isPraise: true, flags: [] })).toBe(true);
    expect(isPraiseAnswer({ isPraise: true, flags: ['honeypot'] })).toBe(false);
    // A top score alone does not make a comment praise.
    expect(isPraiseAnswer({ isPraise: false, flags: [] })).toBe(false);
  });

  it('lets each person like a praise once', async () => {
    const responseId = await f.respond({ nps: 10, comment: PRAISE_COMMENT });
    const like = (key: string) => f.send(key, 'POST', `/api/v1/praise/${responseId}/likes`);
    expect((await like(f.people.clerk.key)).json()).toMatchObject({ likes: 1, isLikedByMe: true });
    expect((await like(f.people.clerk.key)).json()).toMatchObject({ likes: 1 });
    expect((await like(f.people.outsider.key)).json()).toMatchObject({ likes: 2 });
    expect((await f.send(f.people.clerk.key, 'POST', `/api/v1/praise/${crypto.randomUUID()}/likes`)).statusCode).toBe(404);
  });
});

describe('major experience problem solved', () => {
  const closeCase = (priority: string, ownerId: string | null = f.people.storeManager.id) => {
    const caseId = crypto.randomUUID();
    const payload = { caseId, status: 'closed', priority, ownerId, employeeId: f.people.courier.id, unitId: f.units.store, customerId: null, rootCause: 'delivery' };
    return { caseId, payload };
  };

  it('gives the owner of a closed high or urgent case +100, once per case, and nothing for lower priorities', async () => {
    const high = closeCase('high');
    const urgent = closeCase('urgent', null);
    const low = closeCase('low');
    for (const c of [high, urgent, low, high]) await t.ctx.db.tenant(f.org.orgId, (tx) => publish(tx, 'case.closed', c.payload));
    await t.ctx.events.drain();
    expect(await entriesFor('case_resolved', high.caseId)).toEqual([{ employee_id: f.people.storeManager.id, delta: 100 }]);
    expect(await entriesFor('case_resolved', urgent.caseId)).toEqual([{ employee_id: f.people.courier.id, delta: 100 }]);
    expect(await entriesFor('case_resolved', low.caseId)).toEqual([]);
  });
});

describe('manual awards and the ledger', () => {
  const award = (key: string, employeeId: string, points: number, headers: Record<string, string> = {}) =>
    f.send(key, 'POST', '/api/v1/points/awards', { employeeId, points, reason: '主动帮顾客解决退货问题' }, headers);

  it('lets managers award their own people with a reason, capped per month, and refuses others', async () => {
    const res = await award(f.people.storeManager.key, f.people.clerk.id, 50);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ employeeId: f.people.clerk.id, delta: 50, sourceType: 'manual', awardedBy: '陈思远', reason: '主动帮顾客解决退货问题' });
    expect((await award(f.people.storeManager.key, f.people.outsider.id, 10)).statusCode).toBe(404);
    expect((await award(f.people.storeManager.key, f.people.storeManager.id, 10)).statusCode).toBe(403);
    expect((await award(f.people.courier.key, f.people.clerk.id, 10)).statusCode).toBe(403);
    const noReason = await f.send(f.people.storeManager.key, 'POST', '/api/v1/points/awards', { employeeId: f.people.clerk.id, points: 5, reason: '  ' });
    expect([noReason.statusCode, noReason.json().error.code]).toEqual([400, 'invalid_request']);
    expect((await award(f.people.storeManager.key, f.people.clerk.id, 0)).statusCode).toBe(400);

    // The cap (150 this month, set above) counts everything this giver awarded this month.
    expect((await award(f.people.storeManager.key, f.people.courier.id, 100)).statusCode).toBe(201);
    const over = await award(f.people.storeManager.key, f.people.courier.id, 1);
    expect([over.statusCode, over.json().error.code, over.json().error.details]).toEqual([422, 'monthly_cap_exceeded', { cap: 150, used: 150, requested: 1 }]);
    // Another giver has a cap of their own; next month starts afresh.
    expect((await award(f.people.regional.key, f.people.courier.id, 20)).statusCode).toBe(201);
    t.clock.advance(31 * DAY);
    expect((await award(f.people.storeManager.key, f.people.courier.id, 20)).statusCode).toBe(201);
  });

  it('awards once per Idempotency-Key', async () => {
    const first = await award(f.people.regional.key, f.people.clerk.id, 5, { 'idempotency-key': 'award-1' });
    const again = await award(f.people.regional.key, f.people.clerk.id, 5, { 'idempotency-key': 'award-1' });
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().id).toBe(first.json().id);
  });

  it('corrects by a reversing entry, once, and keeps the ledger append-only', async () => {
    const res = await award(f.org.adminKey, f.people.outsider.id, 30);
    const id = res.json().id as string;
    const before = await f.balanceOf(f.people.outsider.id);
    const reverse = (key: string, entryId = id) => f.send(key, 'POST', `/api/v1/points/ledger/${entryId}/reversal`, { reason: '重复发放' });
    expect((await reverse(f.people.regional.key)).statusCode).toBe(403);
    const reversal = await reverse(f.org.adminKey);
    expect(reversal.statusCode, reversal.body).toBe(201);
    expect(reversal.json()).toMatchObject({ delta: -30, sourceType: 'reversal', sourceId: id });
    expect(await f.balanceOf(f.people.outsider.id)).toBe(before - 30);
    expect((await reverse(f.org.adminKey)).json().error.code).toBe('already_reversed');
    expect((await reverse(f.org.adminKey, reversal.json().id)).json().error.code).toBe('cannot_reverse');
    expect((await reverse(f.org.adminKey, '999999999')).statusCode).toBe(404);
    expect((await reverse(f.org.adminKey, 'not-a-number')).statusCode).toBe(404);
    const ledger = await f.send(f.org.adminKey, 'GET', `/api/v1/points/ledger?employeeId=${f.people.outsider.id}`);
    expect(ledger.json().items.find((e: { id: string }) => e.id === id).isReversed).toBe(true);
    await expect(f.query(`UPDATE points_ledger SET delta = 1 WHERE id = $1::bigint`, [id])).rejects.toThrow();
    await expect(f.query(`DELETE FROM points_ledger WHERE id = $1::bigint`, [id])).rejects.toThrow();
    await expect(t.ctx.db.system((tx) => tx.query(`DELETE FROM points_ledger WHERE id = $1::bigint`, [id]))).rejects.toThrow(/append-only/);
  });

  it('shows employees their own points, managers their subtree’s, admins everyone’s, partners nothing', async () => {
    const balance = (key: string, employeeId: string) => f.send(key, 'GET', `/api/v1/points/balances/${employeeId}`);
    const mine = await balance(f.people.courier.key, f.people.courier.id);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().balance).toBe(await f.balanceOf(f.people.courier.id));
    expect((await balance(f.people.courier.key, f.people.clerk.id)).statusCode).toBe(404);
    expect((await balance(f.people.regional.key, f.people.clerk.id)).statusCode).toBe(200);
    expect((await balance(f.people.regional.key, f.people.outsider.id)).statusCode).toBe(404);
    expect((await balance(f.org.adminKey, f.people.outsider.id)).statusCode).toBe(200);
    expect((await balance(f.partnerKey, f.people.courier.id)).statusCode).toBe(403);
    expect((await f.send(f.partnerKey, 'GET', '/api/v1/points/ledger')).statusCode).toBe(403);

    const people = async (key: string) => new Set((await f.send(key, 'GET', '/api/v1/points/ledger?limit=500')).json().items.map((e: { employeeId: string }) => e.employeeId));
    expect([...(await people(f.people.courier.key))]).toEqual([f.people.courier.id]);
    expect((await people(f.people.storeManager.key)).has(f.people.outsider.id)).toBe(false);
    expect((await people(f.org.adminKey)).has(f.people.outsider.id)).toBe(true);
    // Paging walks the whole ledger once.
    const all = (await f.send(f.org.adminKey, 'GET', '/api/v1/points/ledger?limit=500')).json().items.length;
    let seen = 0;
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { items: unknown[]; nextCursor: string | null } = (await f.send(f.org.adminKey, 'GET', `/api/v1/points/ledger?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen += page.items.length;
      cursor = page.nextCursor;
    }
    expect(seen).toBe(all);
    expect((await f.send(f.org.adminKey, 'GET', '/api/v1/points/ledger?cursor=%%%')).statusCode).toBe(400);
    // Another organisation sees none of it.
    const other = await buildOrg(t.ctx);
    expect((await t.app.inject({ url: `/api/v1/points/balances/${f.people.courier.id}`, headers: bearer(other.adminKey) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/praise', headers: bearer(other.adminKey) })).json().items).toEqual([]);
  });
});
