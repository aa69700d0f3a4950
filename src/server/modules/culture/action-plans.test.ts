import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { completeAnswers } from './culture.fixtures.ts';

// One store of six people answer the vision-culture assessment; an action plan on empathy becomes an
// improvement project and an idea challenge, and a pulse re-measures it.
let t: TestApp;
let org: TestOrg;
let people: string[];
let manager: { employeeId: string; key: string };
let employeeKey: string;
let assessmentId: string;

const send = (key: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });
const closesAt = () => new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();

/** Every scored item is required: the ones not given get the neutral 3 (the figures below read only the given ones). */
async function answerAs(id: string, templateKey: 'vision-culture' | 'pulse', employeeId: string, given: Record<string, number | string>): Promise<void> {
  const answers = completeAnswers(templateKey, given);
  const link = await send(org.adminKey, 'GET', `/api/v1/assessments/${id}/invitations/${employeeId}/link`);
  expect(link.statusCode, link.body).toBe(200);
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/public/assessments/${link.json().token}`, payload: { answers } });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
  manager = await buildEmployeeWithKey(t.ctx, org, { role: 'manager' });
  employeeKey = (await buildEmployeeWithKey(t.ctx, org)).key;
  people = await t.ctx.db.tenant(org.orgId, async (tx) =>
    (
      await tx.query<{ id: string }>(
        `INSERT INTO employees (org_id, name, email, unit_id, position_id) SELECT $1, 'Staff ' || g, $2 || g || '@example.com', $3, $4 FROM generate_series(1, 6) AS g RETURNING id`,
        [org.orgId, randomUUID(), org.rootUnitId, org.positionId],
      )
    ).map((r) => r.id),
  );
  const created = await send(org.adminKey, 'POST', '/api/v1/assessments', { templateKey: 'vision-culture', name: 'Baseline', closesAt: closesAt() });
  assessmentId = created.json().id;
  expect((await send(org.adminKey, 'POST', `/api/v1/assessments/${assessmentId}/open`)).statusCode).toBe(200);
  // empathy: 2, 2, 3 per person → (25 + 25 + 50) / 3 = 33.3 for everyone.
  for (const e of people) await answerAs(assessmentId, 'vision-culture', e, { empathy_1: 2, empathy_2: 2, empathy_3: 3, kpis_1: 5 });
  expect((await send(org.adminKey, 'POST', `/api/v1/assessments/${assessmentId}/close`)).statusCode).toBe(200);
});
afterAll(() => t.close());

const plansUrl = () => `/api/v1/assessments/${assessmentId}/action-plans`;

describe('action plans', () => {
  let planId: string;

  it('an admin plans on a pillar; the baseline is the organisation’s index now', async () => {
    const res = await send(org.adminKey, 'POST', plansUrl(), { pillar: 'empathy', title: 'Leaders meet customers monthly', ownerId: manager.employeeId, dueAt: '2030-06-30' });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    planId = plan.id;
    expect(plan).toMatchObject({ assessmentId, pillar: 'empathy', itemKey: null, ownerId: manager.employeeId, dueAt: '2030-06-30', status: 'open', improvementId: null, challengeId: null });
    expect(plan.baseline.index).toBeCloseTo(100 / 3, 1);
    expect(plan.after).toBeUndefined();
    const onItem = (await send(org.adminKey, 'POST', plansUrl(), { itemKey: 'kpis_1', title: 'Put experience in goals' })).json();
    expect(onItem.baseline).toEqual({ index: 100 });
  });

  it('refuses unknown items and owners, and anyone but an admin', async () => {
    const bad = await send(org.adminKey, 'POST', plansUrl(), { itemKey: 'no_such_item', title: 'x' });
    expect([bad.statusCode, bad.json().error.details.field]).toEqual([400, 'itemKey']);
    expect((await send(org.adminKey, 'POST', plansUrl(), { title: 'x', ownerId: randomUUID() })).statusCode).toBe(404);
    expect((await send(manager.key, 'POST', plansUrl(), { title: 'x' })).statusCode).toBe(403);
    expect((await send(org.adminKey, 'POST', `/api/v1/assessments/${randomUUID()}/action-plans`, { title: 'x' })).statusCode).toBe(404);
    expect((await send(org.adminKey, 'PATCH', `/api/v1/action-plans/${randomUUID()}`, { status: 'done' })).statusCode).toBe(404);
  });

  it('changes status, owner and due date; everyone who may read the results lists the plans', async () => {
    const res = await send(org.adminKey, 'PATCH', `/api/v1/action-plans/${planId}`, { status: 'in_progress', dueAt: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'in_progress', dueAt: null, ownerId: manager.employeeId, title: 'Leaders meet customers monthly' });
    for (const key of [org.adminKey, manager.key, employeeKey]) {
      const list = await send(key, 'GET', plansUrl());
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((p: { id: string }) => p.id)).toContain(planId);
    }
  });

  it('becomes an improvement project, once', async () => {
    const res = await send(org.adminKey, 'POST', `/api/v1/action-plans/${planId}/improvement`);
    expect(res.statusCode, res.body).toBe(201);
    const { improvementId } = res.json();
    expect(improvementId).toEqual(expect.any(String));
    const project = (await send(org.adminKey, 'GET', `/api/v1/improvement-projects/${improvementId}`)).json();
    expect(project).toMatchObject({ title: 'Leaders meet customers monthly', ownerId: manager.employeeId, status: 'proposed' });
    expect(project.description).toContain('Baseline');
    const again = await send(org.adminKey, 'POST', `/api/v1/action-plans/${planId}/improvement`);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'already_linked']);
  });

  it('becomes an idea challenge on its theme', async () => {
    const res = await send(org.adminKey, 'POST', `/api/v1/action-plans/${planId}/challenge`);
    expect(res.statusCode, res.body).toBe(201);
    const { challengeId } = res.json();
    const challenges = (await send(employeeKey, 'GET', '/api/v1/challenges')).json().items;
    expect(challenges.find((c: { id: string }) => c.id === challengeId)).toMatchObject({ theme: 'Leaders meet customers monthly', isOpen: true });
  });

  it('a pulse re-measures the pillar with the same audience; the plan shows after once the pulse is shown', async () => {
    const res = await send(org.adminKey, 'POST', `/api/v1/action-plans/${planId}/pulse`, { closesAt: closesAt() });
    expect(res.statusCode, res.body).toBe(201);
    const { pulseAssessmentId } = res.json();
    const pulse = (await send(org.adminKey, 'GET', `/api/v1/assessments/${pulseAssessmentId}`)).json();
    expect(pulse).toMatchObject({ templateKey: 'pulse', status: 'open', baselineAssessmentId: assessmentId, minGroupSize: 5 });
    expect(pulse.invited).toBeGreaterThanOrEqual(6);
    expect(pulse.sections.flatMap((s: { items: Array<{ key: string }> }) => s.items.map((i) => i.key))).toContain('empathy_1');
    const planOf = async (key: string) => (await send(key, 'GET', plansUrl())).json().items.find((p: { id: string }) => p.id === planId);

    for (const e of people.slice(0, 4)) await answerAs(pulseAssessmentId, 'pulse', e, { empathy_1: 4 });
    expect((await planOf(org.adminKey)).after).toBeUndefined(); // 4 < 5: not shown yet
    await answerAs(pulseAssessmentId, 'pulse', people[4]!, { empathy_1: 5 });
    // (75 · 4 + 100) / 5 = 80, live for admins while the pulse is open …
    expect((await planOf(org.adminKey)).after).toEqual({ index: 80, assessmentId: pulseAssessmentId });
    // … and for others once it closes.
    expect((await planOf(manager.key)).after).toBeUndefined();
    expect((await send(org.adminKey, 'POST', `/api/v1/assessments/${pulseAssessmentId}/close`)).statusCode).toBe(200);
    expect(await planOf(manager.key)).toMatchObject({ baseline: { index: expect.closeTo(33.3, 1) }, after: { index: 80, assessmentId: pulseAssessmentId } });
    const again = await send(org.adminKey, 'POST', `/api/v1/action-plans/${planId}/pulse`, { closesAt: closesAt() });
    expect(again.statusCode).toBe(409);
  });
});
