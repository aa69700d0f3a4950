import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { ingestStats } from './ingest.service.ts';
import { buildResponsesFixture } from './responses.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildResponsesFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildResponsesFixture(t);
});
afterAll(() => t.close());

const ingest = (body: unknown, key?: string) => f.post(f.org.adminKey, '/api/v1/responses', body, key ? { 'idempotency-key': key } : {});
const good = (extra: Record<string, unknown> = {}) => ({ surveyId: f.surveyId, answers: { nps: 9, csat: 4, comment: '服务很好 great', tags: ['fast'] }, ...extra });

describe('POST /api/v1/responses', () => {
  it('stores the response with its scores and comment and publishes response.submitted with it', async () => {
    const res = await ingest(good({ touchpoint: 'checkout', channel: 'store', lang: 'zh-CN' }));
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json();
    const [row] = await f.query(`SELECT nps, csat, ces, comment, source, survey_version, answers FROM responses WHERE id = $1`, [id]);
    expect(row).toMatchObject({ nps: 9, csat: 4, ces: null, comment: '服务很好 great', source: 'api', survey_version: 1 });
    expect(row!.answers).toEqual({ nps: 9, csat: 4, comment: '服务很好 great', tags: ['fast'] });
    const events = await f.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM outbox_events WHERE name = 'response.submitted' AND payload->>'responseId' = $1`, [id]);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ responseId: id, surveyId: f.surveyId, nps: 9, csat: 4, comment: '服务很好 great', touchpoint: 'checkout', channel: 'store' });
  });

  it('replays a retried request with the same Idempotency-Key: 200, the same id, nothing new', async () => {
    const key = `order-${randomUUID()}`;
    const first = await ingest(good({ submittedAt: '2026-01-04T10:00:00+08:00' }), key);
    expect(first.statusCode).toBe(201);
    // The same JSON with its keys in another order is the same request.
    const again = await ingest({ answers: { tags: ['fast'], comment: '服务很好 great', csat: 4, nps: 9 }, submittedAt: '2026-01-04T10:00:00+08:00', surveyId: f.surveyId }, key);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const [count] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM responses WHERE id = $1`, [first.json().id]);
    expect(count!.n).toBe(1);

    const changed = await ingest(good({ answers: { nps: 3 } }), key);
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.code).toBe('idempotency_conflict');
  });

  it('creates one row for concurrent retries of one key, which share a group', async () => {
    const key = `burst-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 12 }, () => ingest(good(), key)));
    const ids = new Set(answers.map((a) => a.json().id));
    expect(ids.size).toBe(1);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array(11).fill(200), 201]);
    const [count] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [key]);
    expect(count!.n).toBe(1);
  });

  it('gathers concurrent requests into far fewer transactions than requests', async () => {
    const before = ingestStats(t.ctx).transactions;
    const answers = await Promise.all(Array.from({ length: 40 }, () => ingest(good())));
    expect(answers.every((a) => a.statusCode === 201)).toBe(true);
    expect(ingestStats(t.ctx).transactions - before).toBeLessThanOrEqual(20);
  });

  it('refuses invalid answers with a 400 naming each question key', async () => {
    const res = await ingest({ surveyId: f.surveyId, answers: { nps: 11, csat: 'five', tags: ['clean', 'dirty'], colour: 'red' } });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('invalid_request');
    expect(Object.keys(error.details.answers).sort()).toEqual(['colour', 'csat', 'nps', 'tags']);
    expect(error.details.issues.map((i: { field: string }) => i.field)).toContain('body.answers.nps');
    const missing = await ingest({ surveyId: f.surveyId, answers: { comment: 'no score' } });
    expect(missing.json().error.details.answers).toEqual({ nps: 'an answer is required' });
  });

  it('answers hostile input with a 4xx and writes nothing', async () => {
    const [before] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM responses`);
    const hostile: Array<[string, string]> = [
      ['NUL in a comment', JSON.stringify(good({ answers: { nps: 9, comment: 'a\u0000b' } }))],
      ['NUL in a touchpoint', JSON.stringify(good({ touchpoint: 'x\u0000' }))],
      ['huge score', `{"surveyId":"${f.surveyId}","answers":{"nps":1e308}}`],
      ['score beyond 2^53', `{"surveyId":"${f.surveyId}","answers":{"nps":9007199254740993}}`],
      ['overflowing number', `{"surveyId":"${f.surveyId}","answers":{"nps":1e400}}`],
      ['fractional score', `{"surveyId":"${f.surveyId}","answers":{"nps":9.5}}`],
      ['object as answer', `{"surveyId":"${f.surveyId}","answers":{"nps":{"$gt":1}}}`],
      ['too many answers', JSON.stringify(good({ answers: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, 1])) }))],
      ['far-future time', JSON.stringify(good({ submittedAt: '2999-01-01T00:00:00Z' }))],
      ['impossible date', JSON.stringify(good({ submittedAt: '2026-02-30T10:00:00Z' }))],
      ['unknown survey', JSON.stringify(good({ surveyId: randomUUID() }))],
      ['unknown customer', JSON.stringify(good({ customerId: randomUUID() }))],
      ['prototype key', `{"surveyId":"${f.surveyId}","answers":{"__proto__":{"nps":1}}}`],
    ];
    for (const [label, payload] of hostile) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/responses', headers: { ...bearer(f.org.adminKey), 'content-type': 'application/json' }, payload });
      expect(res.statusCode, `${label}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, label).toBeLessThan(500);
    }
    const badKey = await ingest(good(), 'has space');
    expect(badKey.statusCode).toBe(400);
    const [after] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM responses`);
    expect(after!.n).toBe(before!.n);
  });

  it('joins the response to its interaction: missing customer, employee, unit, touchpoint and channel come from it', async () => {
    const served = await f.createServedCustomer();
    const res = await ingest({ surveyId: f.surveyId, answers: { nps: 10 }, interactionId: served.interactionId });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await f.query(`SELECT customer_id, employee_id, unit_id, touchpoint, channel FROM responses WHERE id = $1`, [res.json().id]);
    expect(row).toEqual({ customer_id: served.customerId, employee_id: served.employeeId, unit_id: served.unitId, touchpoint: 'checkout', channel: 'store' });

    const explicit = await ingest({ surveyId: f.surveyId, answers: { nps: 10 }, interactionId: served.interactionId, touchpoint: 'delivery' });
    const [row2] = await f.query(`SELECT touchpoint, employee_id FROM responses WHERE id = $1`, [explicit.json().id]);
    expect(row2).toEqual({ touchpoint: 'delivery', employee_id: served.employeeId });
    expect((await ingest({ surveyId: f.surveyId, answers: { nps: 1 }, interactionId: randomUUID() })).statusCode).toBe(404);
  });

  it('is for admins: an employee key may not ingest', async () => {
    const clerk = await buildEmployeeWithKey(t.ctx, f.org);
    expect((await f.post(clerk.key, '/api/v1/responses', good())).statusCode).toBe(403);
  });
});

describe('POST /api/v1/responses/batch', () => {
  it('keeps good items, reports bad ones by index, and counts retried keys as duplicates', async () => {
    const key = randomUUID();
    const items = [
      good(),
      { surveyId: f.surveyId, answers: { nps: 42 } },
      'not an object',
      good({ idempotencyKey: `own-${key}` }),
      good({ surveyId: randomUUID() }),
      good({ idempotencyKey: `own-${key}` }),
      { answers: { nps: 1 } },
    ];
    const res = await f.post(f.org.adminKey, '/api/v1/responses/batch', { items }, { 'idempotency-key': key });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 2, duplicates: 1 });
    expect(body.errors.map((e: { index: number; error: { code: string } }) => [e.index, e.error.code])).toEqual([
      [1, 'invalid_request'],
      [2, 'invalid_request'],
      [4, 'not_found'],
      [6, 'invalid_request'],
    ]);
    const retry = (await f.post(f.org.adminKey, '/api/v1/responses/batch', { items }, { 'idempotency-key': key })).json();
    expect(retry).toMatchObject({ created: 0, duplicates: 3 });
  });

  it('refuses more than 1000 items as a whole', async () => {
    const res = await f.post(f.org.adminKey, '/api/v1/responses/batch', { items: Array.from({ length: 1001 }, () => good()) });
    expect(res.statusCode).toBe(400);
  });
});

describe('tenancy and the outbox', () => {
  it("keeps organisations apart: another organisation's key sees 404 for this one's response and survey", async () => {
    const { id } = (await ingest(good())).json();
    const other = await buildOrg(t.ctx);
    const otherGet = await f.get(other.adminKey, `/api/v1/responses/${id}`);
    expect(otherGet.statusCode).toBe(404);
    const otherIngest = await f.post(other.adminKey, '/api/v1/responses', good());
    expect(otherIngest.statusCode).toBe(404);
    const list = await f.get(other.adminKey, '/api/v1/responses');
    expect(list.json().items).toEqual([]);
  });

  it('has exactly one response.submitted event per stored response, and none for refused ones', async () => {
    const [counts] = await f.query<{ responses: number; events: number; orphans: number }>(
      `SELECT (SELECT count(*)::int FROM responses) AS responses,
              (SELECT count(*)::int FROM outbox_events WHERE name = 'response.submitted') AS events,
              (SELECT count(*)::int FROM outbox_events o WHERE name = 'response.submitted'
                 AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.id = (o.payload->>'responseId')::uuid)) AS orphans`,
    );
    expect(counts!.responses).toBeGreaterThan(10);
    expect(counts!.events).toBe(counts!.responses);
    expect(counts!.orphans).toBe(0);
  });
});
