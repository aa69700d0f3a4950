import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { chooseDailyHighlights, grantMonthlyAwards } from './index.ts';
import { buildRecognitionFixture, PRAISE_COMMENT, type RecognitionFixture } from './recognition.fixtures.ts';

let t: TestApp;
let f: RecognitionFixture;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2025-12-10T02:00:00Z');
  f = await buildRecognitionFixture(t);
});
afterAll(() => t.close());

describe('Golden Ear and leaderboards', () => {
  it('awards last month’s Golden Ear once, to the most accepted ideas from customer feedback', async () => {
    const responseId = await f.respond({ nps: 2, comment: '等了一个小时' });
    const idea = async (key: string, body: object = {}) => (await f.send(key, 'POST', '/api/v1/ideas', { title: '改进配送时段', ...body })).json().id as string;
    const accept = (id: string) => f.send(f.org.adminKey, 'POST', `/api/v1/ideas/${id}/status`, { status: 'accepted' });
    await accept(await idea(f.people.courier.key, { responseId }));
    await accept(await idea(f.people.courier.key));
    await accept(await idea(f.people.clerk.key));
    await accept(await idea(f.people.clerk.key));
    // Only December counts: an idea accepted in January waits for next month.
    t.clock.set('2026-01-02T02:00:00Z');
    await accept(await idea(f.people.clerk.key));
    // The courier has 2 + 1, the clerk 1 + 1 in December.
    expect(await grantMonthlyAwards(t.ctx)).toBe(1);
    expect(await grantMonthlyAwards(t.ctx)).toBe(0);
    const awards = (await f.send(f.people.outsider.key, 'GET', '/api/v1/awards')).json().items;
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({ kind: 'golden_ear', period: '2025-12', employeeId: f.people.courier.id, employeeName: '张伟', reason: { rule: 'customer_ideas', score: 3, fromFeedback: 1 } });
    const again = await f.send(f.org.adminKey, 'POST', '/api/v1/awards/golden-ear', { period: '2025-12' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'already_awarded']);
    expect((await f.send(f.org.adminKey, 'POST', '/api/v1/awards/golden-ear', { period: '2026-01' })).json().error.code).toBe('period_not_over');
    expect((await f.send(f.org.adminKey, 'POST', '/api/v1/awards/golden-ear', { period: '2026-13' })).statusCode).toBe(400);
    expect((await f.send(f.people.storeManager.key, 'POST', '/api/v1/awards/golden-ear', {})).statusCode).toBe(403);
  });

  it('ranks points earned and praise received by period', async () => {
    await f.respond({ nps: 10, comment: PRAISE_COMMENT }, { employeeId: f.people.outsider.id, unitId: f.units.otherStore });
    const board = async (q: string) => (await f.send(f.people.courier.key, 'GET', `/api/v1/leaderboards?${q}`)).json();
    // This month (January): the clerk's accepted idea (20) and the outsider's praise (10).
    const month = await board('kind=points&period=month');
    expect(month.rows.map((r: { employeeName: string; value: number; rank: number }) => [r.employeeName, r.value, r.rank])).toEqual([
      ['王芳', 20, 1],
      ['罗志强', 10, 2],
    ]);
    const year = await board('kind=points&period=all');
    expect(year.rows[0]).toMatchObject({ employeeName: '王芳', value: 60 });
    expect((await board('kind=praise&period=month')).rows).toEqual([expect.objectContaining({ employeeName: '罗志强', value: 1 })]);
    expect((await f.send(f.partnerKey, 'GET', '/api/v1/leaderboards')).statusCode).toBe(403);
    expect((await f.send(f.people.courier.key, 'GET', '/api/v1/leaderboards?period=decade')).statusCode).toBe(400);
  });
});

describe('yesterday’s most touching praise', () => {
  it('is chosen once each morning from staff likes and warmth', async () => {
    t.clock.set('2026-01-06T01:00:00Z'); // 09:00 in Shanghai
    const yesterday = '2026-01-05T04:00:00Z';
    const quiet = await f.respond({ nps: 10, comment: '服务不错' }, { submittedAt: yesterday });
    const loved = await f.respond({ nps: 10, comment: PRAISE_COMMENT }, { submittedAt: yesterday });
    await f.send(f.people.clerk.key, 'POST', `/api/v1/praise/${loved}/likes`);
    await f.send(f.people.outsider.key, 'POST', `/api/v1/praise/${loved}/likes`);
    expect(quiet).not.toBe(loved);
    // Before the morning job, the wall already shows yesterday's best so far.
    expect((await f.send(f.people.courier.key, 'GET', '/api/v1/praise/highlight')).json()).toMatchObject({ day: '2026-01-05', praise: { responseId: loved } });
    t.clock.set('2026-01-05T22:00:00Z'); // 06:00 in Shanghai: too early to choose
    expect(await chooseDailyHighlights(t.ctx)).toBe(0);
    t.clock.set('2026-01-06T01:00:00Z');
    expect(await chooseDailyHighlights(t.ctx)).toBe(1);
    await f.send(f.people.clerk.key, 'POST', `/api/v1/praise/${quiet}/likes`);
    expect(await chooseDailyHighlights(t.ctx)).toBe(0);
    const highlight = (await f.send(f.people.courier.key, 'GET', '/api/v1/praise/highlight')).json();
    expect(highlight).toMatchObject({ day: '2026-01-05', praise: { responseId: loved, likes: 2 } });
  });
});

describe('fan customers and promotion readiness', () => {
  it('lists repeat promoters for thank-you cards and records the card', async () => {
    const fan = await f.customer('李先生');
    const once = await f.customer('赵女士');
    await f.respond({ nps: 10 }, { customerId: fan });
    await f.respond({ nps: 9, comment: PRAISE_COMMENT }, { customerId: fan });
    await f.respond({ nps: 10 }, { customerId: once });
    const list = async (key = f.org.adminKey) => (await f.send(key, 'GET', '/api/v1/fan-customers')).json().items;
    expect(await list()).toEqual([expect.objectContaining({ customerId: fan, name: '李先生', promoterAnswers: 2, praise: 1, cardSentAt: null })]);
    expect(await list(f.people.regional.key)).toHaveLength(1);
    expect((await f.send(f.people.courier.key, 'GET', '/api/v1/fan-customers')).statusCode).toBe(403);
    const card = await f.send(f.people.storeManager.key, 'POST', `/api/v1/fan-customers/${fan}/cards`, { note: '手写卡已寄出' });
    expect(card.statusCode, card.body).toBe(201);
    expect((await list())[0].cardSentAt).not.toBeNull();
    expect((await f.send(f.org.adminKey, 'POST', `/api/v1/fan-customers/${crypto.randomUUID()}/cards`, {})).statusCode).toBe(404);
  });

  it('shows who meets a position’s criteria and what each candidate lacks', async () => {
    const [position] = await f.query<{ id: string }>(`INSERT INTO positions (org_id, name) VALUES ($1, '门店经理') RETURNING id`, [f.org.orgId]);
    const put = await f.send(f.org.adminKey, 'PUT', `/api/v1/promotion-criteria/${position!.id}`, { minImplementedIdeas: 1, minNps: 50, minResponses: 2, minPraise: 1 });
    expect(put.statusCode, put.body).toBe(200);
    expect((await f.send(f.people.regional.key, 'PUT', `/api/v1/promotion-criteria/${position!.id}`, put.json())).statusCode).toBe(403);
    const [accepted] = await f.query<{ id: string }>(`SELECT id FROM ideas WHERE author_employee_id = $1 AND status = 'accepted' LIMIT 1`, [f.people.courier.id]);
    await f.send(f.org.adminKey, 'POST', `/api/v1/ideas/${accepted!.id}/status`, { status: 'implemented' });
    const readiness = (await f.send(f.people.regional.key, 'GET', `/api/v1/promotion-readiness/${position!.id}`)).json();
    const courier = readiness.candidates.find((c: { employeeId: string }) => c.employeeId === f.people.courier.id);
    expect(courier).toMatchObject({ implementedIdeas: 1, isReady: true, missing: [] });
    expect(courier.nps).toBeGreaterThanOrEqual(50);
    const clerk = readiness.candidates.find((c: { employeeId: string }) => c.employeeId === f.people.clerk.id);
    expect(clerk.isReady).toBe(false);
    expect(clerk.missing.map((m: { criterion: string }) => m.criterion)).toContain('implementedIdeas');
    expect(readiness.candidates.some((c: { employeeId: string }) => c.employeeId === f.people.outsider.id)).toBe(false);
    // Nobody above a holder of the position in the reporting line is a candidate for it.
    const candidateIds = async () =>
      (await f.send(f.org.adminKey, 'GET', `/api/v1/promotion-readiness/${position!.id}`)).json().candidates.map((c: { employeeId: string }) => c.employeeId);
    expect(await candidateIds()).toContain(f.people.regional.id);
    const [holder] = await f.query<{ id: string }>(
      `INSERT INTO employees (org_id, name, email, unit_id, position_id, manager_id) VALUES ($1, '孙海涛', 'sun@example.com', $2, $3, $4) RETURNING id`,
      [f.org.orgId, f.units.otherStore, position!.id, f.people.regional.id],
    );
    const withHolder = await candidateIds();
    expect(withHolder).not.toContain(f.people.regional.id);
    expect(withHolder).not.toContain(holder!.id);
    expect(withHolder).toEqual(expect.arrayContaining([f.people.storeManager.id, f.people.courier.id, f.people.outsider.id]));
    expect((await f.send(f.people.courier.key, 'GET', `/api/v1/promotion-readiness/${position!.id}`)).statusCode).toBe(403);
    expect((await f.send(f.org.adminKey, 'GET', `/api/v1/promotion-readiness/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});
