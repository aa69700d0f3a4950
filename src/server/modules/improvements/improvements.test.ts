import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let org: TestOrg;
let surveyId: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
  const survey = await send(org.adminKey, 'POST', '/api/v1/surveys', { name: 'NPS', questions: [{ key: 'nps', type: 'nps', title: { 'zh-CN': '推荐意愿', en: 'Recommend' } }] });
  expect(survey.statusCode, survey.body).toBe(201);
  surveyId = survey.json().id;
});
afterAll(() => t.close());

const send = (key: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });

/** A closed case with this root cause, closed `daysAgo` days before now (test data written straight into the cases table). */
async function closedCase(rootCause: string, daysAgo: number): Promise<string> {
  const closedAt = new Date(t.clock.now().getTime() - daysAgo * DAY);
  const [row] = await t.ctx.db.tenant(org.orgId, (tx) =>
    tx.query<{ id: string }>(
      `INSERT INTO cases (org_id, status, priority, source, title, first_response_due_at, resolution_due_at, closed_at, resolved_at, root_cause, created_at, updated_at)
       VALUES ($1, 'closed', 'high', 'employee', $2, $3, $3, $3, $3, $4, $3, $3) RETURNING id`,
      [org.orgId, `case ${rootCause}`, closedAt, rootCause],
    ),
  );
  return row!.id;
}

async function respond(nps: number, at: Date): Promise<void> {
  const res = await send(org.adminKey, 'POST', '/api/v1/responses', { surveyId, answers: { nps }, submittedAt: at.toISOString() });
  expect(res.statusCode, res.body).toBe(201);
}

describe('improvement projects', () => {
  it('suggests root causes with at least 3 closed cases in the last 90 days that no project holds', async () => {
    const late = [await closedCase('delivery.late', 1), await closedCase('delivery.late', 20), await closedCase('delivery.late', 80)];
    await closedCase('product.quality', 2);
    await closedCase('product.quality', 3);
    await closedCase('product.quality', 100); // too old
    const res = await send(org.adminKey, 'GET', '/api/v1/improvement-projects/suggestions');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([{ rootCause: 'delivery.late', caseCount: 3, caseIds: late, lastClosedAt: expect.any(String) }]);

    const created = await send(org.adminKey, 'POST', '/api/v1/improvement-projects', { title: '配送准时率提升', rootCause: 'delivery.late', caseIds: late });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ status: 'proposed', caseCount: 3, rootCause: 'delivery.late', metric: 'nps' });
    expect(created.json().cases.map((c: { id: string }) => c.id).sort()).toEqual([...late].sort());
    expect((await send(org.adminKey, 'GET', '/api/v1/improvement-projects/suggestions')).json().items).toEqual([]);

    const other = await send(org.adminKey, 'POST', '/api/v1/improvement-projects', { title: 'x', caseIds: [late[0]] });
    expect([other.statusCode, other.json().error.code]).toEqual([409, 'case_already_linked']);
  });

  it('moves proposed → in_progress → done, measures the metric over equal windows before and after, and publishes improvement.completed', async () => {
    const owner = await buildEmployeeWithKey(t.ctx, org, { role: 'manager' });
    const start = t.clock.now();
    for (const nps of [2, 3, 9]) await respond(nps, new Date(start.getTime() - 15 * DAY));
    const created = (await send(org.adminKey, 'POST', '/api/v1/improvement-projects', { title: '缩短等待', ownerId: owner.employeeId, metric: 'nps' })).json();
    const link = await send(org.adminKey, 'POST', `/api/v1/improvement-projects/${created.id}/cases`, { caseIds: [await closedCase('queue.long', 5)] });
    expect(link.json().caseCount).toBe(1);

    const started = await send(org.adminKey, 'PATCH', `/api/v1/improvement-projects/${created.id}`, { status: 'in_progress' });
    expect(started.json()).toMatchObject({ status: 'in_progress', startedAt: start.toISOString(), completedAt: null });
    expect(started.json().effect).toMatchObject({ before: { n: 3 }, after: null, change: null });
    expect(started.json().effect.before.value).toBeCloseTo(-33.33, 1);

    t.clock.advance(10 * DAY);
    const done = await send(org.adminKey, 'PATCH', `/api/v1/improvement-projects/${created.id}`, { status: 'done' });
    expect(done.json()).toMatchObject({ status: 'done', completedAt: t.clock.now().toISOString() });
    const completedAt = t.clock.now();
    t.clock.advance(41 * DAY);
    for (const nps of [9, 10, 6]) await respond(nps, new Date(completedAt.getTime() + 12 * DAY));
    await respond(0, new Date(completedAt.getTime() + 40 * DAY)); // outside the after window

    const detail = (await send(org.adminKey, 'GET', `/api/v1/improvement-projects/${created.id}`)).json();
    expect(detail.effect).toMatchObject({ metric: 'nps', windowDays: 30, before: { n: 3 }, after: { n: 3 }, isAfterComplete: true });
    expect(detail.effect.after.value).toBeCloseTo(33.33, 1);
    expect(detail.effect.change).toBeCloseTo(66.67, 1);
    expect(detail.effect.before.to).toBe(start.toISOString());
    expect(detail.effect.after.from).toBe(completedAt.toISOString());

    const events = await t.ctx.db.tenant(org.orgId, (tx) => tx.query<{ payload: { projectId: string; ownerId: string } }>(`SELECT payload FROM outbox_events WHERE name = 'improvement.completed'`));
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ projectId: created.id, ownerId: owner.employeeId, caseCount: 1 })]);

    const back = await send(org.adminKey, 'PATCH', `/api/v1/improvement-projects/${created.id}`, { status: 'in_progress' });
    expect([back.statusCode, back.json().error.code]).toEqual([409, 'invalid_transition']);
    const late = await send(org.adminKey, 'POST', `/api/v1/improvement-projects/${created.id}/cases`, { caseIds: [await closedCase('queue.long', 1)] });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'project_finished']);
    const list = (await send(org.adminKey, 'GET', '/api/v1/improvement-projects?status=done')).json().items;
    expect(list.map((p: { id: string }) => p.id)).toEqual([created.id]);
  });

  it('lets managers read and only admins change; unknown owners and cases are 404', async () => {
    const manager = await buildEmployeeWithKey(t.ctx, org, { role: 'manager' });
    const employee = await buildEmployeeWithKey(t.ctx, org);
    expect((await send(manager.key, 'GET', '/api/v1/improvement-projects')).statusCode).toBe(200);
    expect((await send(manager.key, 'POST', '/api/v1/improvement-projects', { title: 'x' })).statusCode).toBe(403);
    expect((await send(employee.key, 'GET', '/api/v1/improvement-projects')).statusCode).toBe(403);
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const body of [{ title: 'x', ownerId: unknown }, { title: 'x', caseIds: [unknown] }]) {
      const res = await send(org.adminKey, 'POST', '/api/v1/improvement-projects', body);
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'not_found']);
    }
    expect((await send(org.adminKey, 'GET', `/api/v1/improvement-projects/${unknown}`)).statusCode).toBe(404);
    const otherOrg = await buildOrg(t.ctx);
    const theirs = (await send(otherOrg.adminKey, 'POST', '/api/v1/improvement-projects', { title: 'theirs' })).json();
    expect((await send(org.adminKey, 'GET', `/api/v1/improvement-projects/${theirs.id}`)).statusCode).toBe(404);
    expect((await send(org.adminKey, 'PATCH', `/api/v1/improvement-projects/${theirs.id}`, { status: 'cancelled' })).statusCode).toBe(404);
  });
});
