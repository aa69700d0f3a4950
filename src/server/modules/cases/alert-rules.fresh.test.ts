import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildCasesFixture, DEFAULT_RULE, type CasesFixture } from './cases.fixtures.ts';

let t: TestApp;
let f: CasesFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCasesFixture(t);
});
afterAll(() => t.close());

const hoursAgo = (h: number) => new Date(t.clock.now().getTime() - h * HOUR).toISOString();
const item = (nps: number, extra: Record<string, unknown> = {}) => ({ surveyId: f.surveyId, answers: { nps }, employeeId: f.people.courier.id, unitId: f.units.store, ...extra });
const casesOn = async (touchpoint: string) =>
  (await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c JOIN responses r ON r.org_id = c.org_id AND r.id = c.response_id WHERE r.touchpoint = $1`, [touchpoint]))[0]!.n;
const countWhere = async (sql: string, params: unknown[] = []) => (await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;

describe('alert rules act on fresh answers only', () => {
  it('leaves answers older than maxAgeHours (default 72) alone: no case, no notification, no warning', async () => {
    const ruleId = await f.rule({ ...DEFAULT_RULE, then: { createCase: { priority: 'high' }, notify: { unitManager: true } } });
    expect((await f.send(f.org.adminKey, 'GET', `/api/v1/alert-rules/${ruleId}`)).json().maxAgeHours).toBe(72);
    const notesBefore = await countWhere(`notifications`);
    const warningsBefore = await countWhere(`outbox_events WHERE name = 'warning.raised'`);
    const items = [item(2, { submittedAt: hoursAgo(73), touchpoint: 'old' }), item(2, { submittedAt: hoursAgo(24 * 400), touchpoint: 'old' }), item(2, { submittedAt: hoursAgo(71), touchpoint: 'recent' })];
    expect((await f.send(f.org.adminKey, 'POST', '/api/v1/responses/batch', { items })).json()).toMatchObject({ created: 3 });
    await t.ctx.events.drain();
    expect(await casesOn('old')).toBe(0);
    expect(await casesOn('recent')).toBe(1);
    // The recent one notified its owner (case) and the store manager (alert), and raised one warning; the old ones nothing.
    expect((await countWhere(`notifications`)) - notesBefore).toBe(2);
    expect((await countWhere(`outbox_events WHERE name = 'warning.raised'`)) - warningsBefore).toBe(1);

    // A rule can be stricter: an hour.
    const patched = await f.send(f.org.adminKey, 'PATCH', `/api/v1/alert-rules/${ruleId}`, { maxAgeHours: 1 });
    expect(patched.json().maxAgeHours).toBe(1);
    await f.send(f.org.adminKey, 'POST', '/api/v1/responses/batch', { items: [item(1, { submittedAt: hoursAgo(2), touchpoint: 'two-hours' }), item(1, { touchpoint: 'now' })] });
    expect(await casesOn('two-hours')).toBe(0);
    expect(await casesOn('now')).toBe(1);
    expect((await f.send(f.org.adminKey, 'PATCH', `/api/v1/alert-rules/${ruleId}`, { maxAgeHours: 0 })).statusCode).toBe(400);
    expect((await f.send(f.org.adminKey, 'PATCH', `/api/v1/alert-rules/${ruleId}`, { maxAgeHours: 8761 })).statusCode).toBe(400);
    await f.send(f.org.adminKey, 'DELETE', `/api/v1/alert-rules/${ruleId}`);
  });

  it('runs no rule on a load sent with runRules: false, fresh or not, sentiment rules included', async () => {
    const plain = await f.rule(DEFAULT_RULE);
    const bySentiment = await f.rule({ name: 'negative words', when: { sentiment: ['negative'] }, then: { createCase: { priority: 'medium' } } });
    const items = [item(0, { touchpoint: 'no-rules', answers: { nps: 0, comment: '太差了，等了一个小时，态度恶劣' } }), item(3, { touchpoint: 'no-rules' })];
    expect((await f.send(f.org.adminKey, 'POST', '/api/v1/responses/batch', { items, runRules: false })).json()).toMatchObject({ created: 2 });
    await t.ctx.events.drain();
    expect(await casesOn('no-rules')).toBe(0);
    // The same answers with rules on: both rules act.
    await f.send(f.org.adminKey, 'POST', '/api/v1/responses/batch', { items: items.map((i) => ({ ...i, touchpoint: 'with-rules' })) });
    await t.ctx.events.drain();
    expect(await casesOn('with-rules')).toBe(3);
    for (const id of [plain, bySentiment]) await f.send(f.org.adminKey, 'DELETE', `/api/v1/alert-rules/${id}`);
  });

  it('keeps a sentiment rule off answers older than its maxAgeHours', async () => {
    const ruleId = await f.rule({ name: 'negative words', maxAgeHours: 48, when: { sentiment: ['negative'] }, then: { createCase: { priority: 'medium' } } });
    await f.send(f.org.adminKey, 'POST', '/api/v1/responses/batch', {
      items: [item(9, { submittedAt: hoursAgo(49), touchpoint: 'old-words', answers: { nps: 9, comment: '服务太差了，非常失望' } }), item(9, { touchpoint: 'new-words', answers: { nps: 9, comment: '服务太差了，非常失望' } })],
    });
    await t.ctx.events.drain();
    expect(await casesOn('old-words')).toBe(0);
    expect(await casesOn('new-words')).toBe(1);
    await f.send(f.org.adminKey, 'DELETE', `/api/v1/alert-rules/${ruleId}`);
  });

  it('imports two years of history without a case and says how many answers were too old for the rules', async () => {
    const ruleId = await f.rule(DEFAULT_RULE);
    const rows = Array.from({ length: 40 }, (_, i) => `${f.surveyId},${f.people.courier.id},history,${hoursAgo(24 * (10 + i * 18))},${i % 11}`);
    const csv = ['surveyId,employeeId,touchpoint,submittedAt,nps', ...rows, `${f.surveyId},${f.people.courier.id},history-fresh,${hoursAgo(1)},2`].join('\n');
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/imports/responses', headers: { authorization: `Bearer ${f.org.adminKey}`, 'content-type': 'text/csv' }, payload: csv });
    expect(imported.json()).toMatchObject({ imported: 41, errors: [], tooOldForRules: 40 });
    await t.ctx.events.drain();
    expect(await casesOn('history')).toBe(0);
    expect(await casesOn('history-fresh')).toBe(1); // rules still act on the fresh row

    const skipped = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/responses?runRules=false',
      headers: { authorization: `Bearer ${f.org.adminKey}`, 'content-type': 'text/csv' },
      payload: `surveyId,employeeId,touchpoint,nps\n${f.surveyId},${f.people.courier.id},history-off,1\n`,
    });
    expect(skipped.json()).toMatchObject({ imported: 1, tooOldForRules: 0 });
    expect(await casesOn('history-off')).toBe(0);
    await f.send(f.org.adminKey, 'DELETE', `/api/v1/alert-rules/${ruleId}`);
  });
});

describe('opening cases for a whole ingest group', () => {
  /** Statements the group's transaction runs, counted by wrapping the database's tenant transactions. */
  async function statementsFor(items: unknown[]): Promise<number> {
    const db = t.ctx.db;
    const original = db.tenant.bind(db);
    let statements = 0;
    db.tenant = (orgId, fn) =>
      original(orgId, (tx) => fn(Object.assign(Object.create(tx) as Tx, { query: (sql: string, params?: unknown[]) => (statements++, tx.query(sql, params)) })));
    try {
      const res = await f.send(f.org.adminKey, 'POST', '/api/v1/responses/batch', { items });
      expect(res.json().errors).toEqual([]);
    } finally {
      db.tenant = original;
    }
    return statements;
  }

  it('takes the same number of statements for 5 detractors as for 150, with the right owners and notifications', async () => {
    const ruleId = await f.rule({ ...DEFAULT_RULE, then: { createCase: { priority: 'high' }, notify: { unitManager: true } } });
    const mixed = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => {
        const withoutEmployee = i % 3 === 0;
        return item(i % 10 < 3 ? i % 7 : 9, { touchpoint: tag, ...(withoutEmployee ? { employeeId: undefined, unitId: i % 2 ? f.units.store : f.units.otherStore } : {}) });
      });
    const few = await statementsFor(mixed(16, 'few'));
    const many = await statementsFor(mixed(500, 'many'));
    expect(many).toBe(few);
    expect(await casesOn('many')).toBe(150);

    const owners = await f.query<{ owner_id: string; with_employee: boolean; unit_id: string; n: number }>(
      `SELECT c.owner_id, r.employee_id IS NOT NULL AS with_employee, c.unit_id, count(*)::int AS n FROM cases c
       JOIN responses r ON r.org_id = c.org_id AND r.id = c.response_id WHERE r.touchpoint = 'many' GROUP BY 1, 2, 3 ORDER BY 4 DESC`,
    );
    for (const o of owners) {
      if (o.with_employee) expect(o.owner_id).toBe(f.people.courier.id);
      else expect(o.owner_id).toBe(o.unit_id === f.units.store ? f.people.storeManager.id : f.people.ceo.id);
    }
    const created = await countWhere(`outbox_events e JOIN cases c ON c.org_id = e.org_id AND c.id = (e.payload->>'caseId')::uuid
      JOIN responses r ON r.org_id = c.org_id AND r.id = c.response_id WHERE e.name = 'case.created' AND r.touchpoint = 'many'`);
    expect(created).toBe(150);
    const timeline = await countWhere(`case_events ce JOIN cases c ON c.org_id = ce.org_id AND c.id = ce.case_id
      JOIN responses r ON r.org_id = c.org_id AND r.id = c.response_id WHERE ce.type = 'created' AND r.touchpoint = 'many'`);
    expect(timeline).toBe(150);
    await f.send(f.org.adminKey, 'DELETE', `/api/v1/alert-rules/${ruleId}`);
  });
});
