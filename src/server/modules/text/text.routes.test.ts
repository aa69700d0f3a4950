import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const QUESTIONS = [
  { key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '您有多大可能推荐我们？', en: 'How likely are you to recommend us?' } },
  { key: 'comment', type: 'text', title: { 'zh-CN': '还有什么想说的？', en: 'Anything else?' } },
  { key: 'more', type: 'text', title: { 'zh-CN': '补充', en: 'More' } },
];

let t: TestApp;
const send = (method: InjectOptions['method'], key: string | null, url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: key ? bearer(key) : {}, payload: payload as InjectOptions['payload'] });

/** An organisation with a survey, a store unit under the root and an employee there. */
async function buildTextOrg(label: string) {
  const org: TestOrg = await buildOrg(t.ctx, `${label}-${Math.random().toString(36).slice(2, 8)}`);
  const survey = await send('POST', org.adminKey, '/api/v1/surveys', { name: 'Text survey', status: 'active', questions: QUESTIONS });
  expect(survey.statusCode, survey.body).toBe(201);
  const store = await send('POST', org.adminKey, '/api/v1/units', { name: `${label} store`, parentId: org.rootUnitId, kind: 'store' });
  const other = await send('POST', org.adminKey, '/api/v1/units', { name: `${label} other`, parentId: org.rootUnitId, kind: 'store' });
  const staff = await send('POST', org.adminKey, '/api/v1/employees', { name: '张伟', unitId: store.json().id, positionId: org.positionId });
  expect(staff.statusCode, staff.body).toBe(201);
  return { org, surveyId: survey.json().id as string, storeId: store.json().id as string, otherId: other.json().id as string, staffId: staff.json().id as string };
}

/** Submits a response and runs the outbox so the text handler has analysed it. */
async function submit(o: Awaited<ReturnType<typeof buildTextOrg>>, answers: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await send('POST', o.org.adminKey, '/api/v1/responses', { surveyId: o.surveyId, answers, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  await t.ctx.events.drain();
  return res.json().id as string;
}

const analysisOf = (orgId: string, responseId: string) =>
  t.ctx.db.tenant(orgId, (tx) => tx.query<Record<string, unknown>>(`SELECT * FROM text_analyses WHERE response_id = $1`, [responseId])).then((r) => r[0]);

let A: Awaited<ReturnType<typeof buildTextOrg>>;
let B: Awaited<ReturnType<typeof buildTextOrg>>;
beforeAll(async () => {
  t = await createTestApp();
  A = await buildTextOrg('alpha');
  B = await buildTextOrg('bravo');
});
afterAll(() => t.close());

describe('POST /api/v1/text/analyze', () => {
  it('answers 401 without authentication', async () => {
    const res = await send('POST', null, '/api/v1/text/analyze', { texts: ['服务很好'] });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });

  it.each([
    ['no texts', {}],
    ['an empty list', { texts: [] }],
    ['a number', { texts: [42] }],
    ['too long a text', { texts: ['好'.repeat(5001)] }],
    ['too many texts', { texts: Array(101).fill('好') }],
  ])('answers 400 invalid_request for %s', async (_label, body) => {
    const res = await send('POST', A.org.adminKey, '/api/v1/text/analyze', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
  });

  it('labels Chinese, English and mixed comments and stores nothing', async () => {
    const res = await send('POST', A.org.adminKey, '/api/v1/text/analyze', {
      texts: ['快递小哥很准时，态度也好', '外卖凉了，等了一个多小时', 'The courier was not helpful at all', '还可以 good value 👍', '我的电话13812345678'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { sentiment: string }) => i.sentiment)).toEqual(['positive', 'negative', 'negative', 'positive', expect.any(String)]);
    expect(items[0]).toMatchObject({ isPraise: true, lang: 'zh' });
    expect(items[2].lang).toBe('en');
    expect(items[4].piiFound).toEqual(['phone']);
    for (const i of items) expect(i.score).toBeGreaterThanOrEqual(-1);
    expect(JSON.stringify(items)).not.toContain('13812345678');
  });

  it('refuses employee keys (403)', async () => {
    const staff = await buildEmployeeWithKey(t.ctx, A.org, { role: 'employee' });
    expect((await send('POST', staff.key, '/api/v1/text/analyze', { texts: ['好'] })).statusCode).toBe(403);
  });
});

describe('analysis on ingest', () => {
  it('stores the analysis of every text answer, redacted, scoped to the response’s organisation', async () => {
    const id = await submit(A, { nps: 10, comment: '张伟服务特别热情，帮我搬上楼', more: '有事打我电话 13812345678' }, { unitId: A.storeId, employeeId: A.staffId, touchpoint: 'delivery' });
    const row = await analysisOf(A.org.orgId, id);
    expect(row).toMatchObject({ org_id: A.org.orgId, sentiment: 'positive', is_praise: true, lang: 'zh', unit_id: A.storeId, employee_id: A.staffId, touchpoint: 'delivery' });
    expect(row!.redacted_text).toContain('张伟服务特别热情');
    expect(row!.redacted_text).toContain('[电话]');
    expect(row!.redacted_text).not.toContain('13812345678');
    expect(row!.pii_found).toEqual(['phone']);
    expect(await analysisOf(B.org.orgId, id)).toBeUndefined();
  });

  it('marks a negative comment negative and not praise, and skips responses without text', async () => {
    const bad = await submit(A, { nps: 2, comment: '配送太慢了，饭菜都凉了，客服也不理人' });
    expect(await analysisOf(A.org.orgId, bad)).toMatchObject({ sentiment: 'negative', is_praise: false });
    const none = await submit(A, { nps: 8 });
    expect(await analysisOf(A.org.orgId, none)).toBeUndefined();
  });
});

describe('topics', () => {
  it('lists topics with counts and sentiment, merges and renames them, and re-files earlier comments', async () => {
    for (const comment of ['配送员很准时', '配送太慢了', '快递员态度很好', '快递包装破了', '收银台排队太久']) await submit(B, { nps: 7, comment }, { unitId: B.storeId });
    const list = await send('GET', B.org.adminKey, '/api/v1/text/topics');
    expect(list.statusCode, list.body).toBe(200);
    const topics = list.json().items.map((i: { topic: string }) => i.topic);
    expect(topics).toEqual(expect.arrayContaining(['配送', '快递']));

    const merged = await send('POST', B.org.adminKey, '/api/v1/text/topics/merge', { topics: ['配送', '快递'], into: '物流配送' });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ topic: '物流配送', terms: ['快递', '配送'] });
    expect(merged.json().updatedComments).toBeGreaterThanOrEqual(4);
    const renamed = await send('POST', B.org.adminKey, '/api/v1/text/topics/rename', { topic: '物流配送', name: 'Delivery 配送' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().terms).toEqual(['快递', '物流配送', '配送']);

    const after = (await send('GET', B.org.adminKey, '/api/v1/text/topics')).json().items;
    const delivery = after.find((i: { topic: string }) => i.topic === 'Delivery 配送');
    expect(delivery).toMatchObject({ n: 4 });
    expect(after.map((i: { topic: string }) => i.topic)).not.toContain('配送');
    // A new comment's keyword is filed under the renamed topic at once.
    const id = await submit(B, { nps: 9, comment: '快递很快' });
    expect((await analysisOf(B.org.orgId, id))!.topics).toContain('Delivery 配送');
    // Org A never sees org B's topics.
    const inA = (await send('GET', A.org.adminKey, '/api/v1/text/topics')).json().items.map((i: { topic: string }) => i.topic);
    expect(inA).not.toContain('Delivery 配送');
  });

  it('answers 404 for an unknown topic, 403 to a manager renaming, and groups trends by month and unit', async () => {
    expect((await send('POST', B.org.adminKey, '/api/v1/text/topics/rename', { topic: '不存在的话题', name: 'x' })).statusCode).toBe(404);
    const manager = await buildEmployeeWithKey(t.ctx, B.org, { role: 'manager', unitId: B.otherId });
    expect((await send('POST', manager.key, '/api/v1/text/topics/merge', { topics: ['排队'], into: 'x' })).statusCode).toBe(403);
    // The manager of another store sees none of this store's comments.
    expect((await send('GET', manager.key, '/api/v1/text/topics')).json().items).toEqual([]);
    const byMonth = await send('GET', B.org.adminKey, '/api/v1/text/topics/trends?groupBy=month&topic=Delivery%20%E9%85%8D%E9%80%81');
    expect(byMonth.statusCode, byMonth.body).toBe(200);
    expect(byMonth.json().rows.reduce((n: number, r: { n: number }) => n + r.n, 0), byMonth.body).toBe(5);
    expect(byMonth.json().rows[0].key).toMatch(/^\d{4}-\d{2}$/);
    const byUnit = (await send('GET', B.org.adminKey, '/api/v1/text/topics/trends?groupBy=unit')).json().rows;
    expect(byUnit.map((r: { key: string }) => r.key)).toContain(B.storeId);
    const staff = await buildEmployeeWithKey(t.ctx, B.org, { role: 'employee' });
    expect((await send('GET', staff.key, '/api/v1/text/topics')).statusCode).toBe(403);
  });
});
