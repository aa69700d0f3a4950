import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildLearningFixture, type LearningFixture } from './learning.fixtures.ts';

let t: TestApp;
let f: LearningFixture;
let empathy: { id: string };
let design: { id: string };
let decisions: { id: string };

// Everyone (6 people) has empathy; the two East cashiers service design, due 1 February; the East manager decisions.
beforeAll(async () => {
  t = await createTestApp();
  f = await buildLearningFixture(t);
  empathy = await f.item('all_staff', '同理心');
  design = await f.item('specialist', '服务设计');
  decisions = await f.item('manager', '体验驱动决策');
  await f.ok(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: empathy.id, unitId: f.org.rootUnitId }, 201);
  await f.ok(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: design.id, unitId: f.east, positionId: f.cashierPosition, dueAt: '2026-02-01' }, 201);
  await f.ok(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: decisions.id, employeeId: f.eastManager.id }, 201);
});
afterAll(() => t.close());

const complete = (key: string, body: Record<string, unknown>) => f.send(key, 'POST', '/api/v1/learning/completions', body);
const confirm = (key: string, id: string) => f.send(key, 'POST', `/api/v1/learning/completions/${id}/confirm`, {});
const status = (res: { statusCode: number; json: () => { error?: { code: string } } }) => [res.statusCode, res.json().error?.code];
const confirmableIds = async (key: string) => ((await f.ok(key, 'GET', '/api/v1/learning/completions?confirmable=true', undefined, 200)).items as { id: string }[]).map((c) => c.id);

describe('completions', () => {
  let declared: string;
  let clerks: string;
  let southern: string;

  it('are declared by the employee, once, and confirmed by the trainer but never by the person or a peer', async () => {
    const res = await complete(f.cashier1.key, { itemId: empathy.id, evidence: '  参加了 3 月 2 日工作坊  ' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ employeeId: f.cashier1.id, status: 'declared', selfDeclared: true, evidence: '参加了 3 月 2 日工作坊', completedOn: '2026-01-05', canConfirm: false });
    declared = res.json().id;
    const again = await complete(f.cashier1.key, { itemId: empathy.id });
    expect([...status(again), again.json().error.details.completionId]).toEqual([409, 'already_recorded', declared]);

    expect(status(await confirm(f.cashier1.key, declared))).toEqual([403, 'forbidden']);
    expect(status(await confirm(f.cashier2.key, declared))).toEqual([404, 'not_found']);
    const byTrainer = await confirm(f.trainer.key, declared);
    expect(byTrainer.statusCode, byTrainer.body).toBe(200);
    expect(byTrainer.json()).toMatchObject({ status: 'confirmed', confirmedByName: '培训师何静', confirmedAt: '2026-01-05T09:00:00.000Z' });
    expect(status(await confirm(f.org.adminKey, declared))).toEqual([409, 'already_confirmed']);
  });

  it('are confirmed at once when a manager records them for their people; nobody records for people out of reach', async () => {
    const res = await complete(f.eastManager.key, { itemId: design.id, employeeId: f.cashier2.id, completedOn: '2026-01-02' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ employeeId: f.cashier2.id, status: 'confirmed', selfDeclared: false, completedOn: '2026-01-02' });
    expect(status(await complete(f.eastManager.key, { itemId: empathy.id, employeeId: f.southCashier.id }))).toEqual([404, 'not_found']);
    expect(status(await complete(f.cashier2.key, { itemId: design.id, employeeId: f.cashier1.id }))).toEqual([404, 'not_found']);
    expect(status(await complete(f.clerk.key, { itemId: empathy.id, completedOn: '2026-01-06' }))).toEqual([400, 'invalid_request']);
    expect(status(await complete(f.clerk.key, { itemId: empathy.id, completedOn: 'yesterday' }))).toEqual([400, 'invalid_request']);
    expect(status(await complete(f.clerk.key, { itemId: empathy.id, evidence: 'x'.repeat(1001) }))).toEqual([400, 'invalid_request']);
    expect(status(await complete(f.org.adminKey, { itemId: empathy.id }))).toEqual([400, 'invalid_request']);
  });

  it('wait for confirmation in the queue of the trainer and of the managers above the person', async () => {
    clerks = (await complete(f.clerk.key, { itemId: empathy.id, completedOn: '2026-01-03' })).json().id;
    southern = (await complete(f.southCashier.key, { itemId: empathy.id })).json().id;
    const managersOwn = (await complete(f.eastManager.key, { itemId: decisions.id })).json().id;
    expect(await confirmableIds(f.eastManager.key)).toEqual([clerks]);
    expect((await confirmableIds(f.trainer.key)).sort()).toEqual([clerks, southern, managersOwn].sort());
    expect(await confirmableIds(f.cashier2.key)).toEqual([]);
    const admin = await confirm(f.org.adminKey, managersOwn);
    expect(admin.json().status).toBe('confirmed');

    const seenBy = async (key: string) => ((await f.ok(key, 'GET', '/api/v1/learning/completions', undefined, 200)).items as { employeeId: string }[]).map((c) => c.employeeId);
    expect(new Set(await seenBy(f.cashier2.key))).toEqual(new Set([f.cashier2.id]));
    expect(new Set(await seenBy(f.eastManager.key))).toEqual(new Set([f.cashier1.id, f.cashier2.id, f.clerk.id, f.eastManager.id]));
    expect((await seenBy(f.trainer.key)).length).toBe(5);
    const paged = await f.ok(f.org.adminKey, 'GET', '/api/v1/learning/completions?limit=2', undefined, 200);
    const rest = await f.ok(f.org.adminKey, 'GET', `/api/v1/learning/completions?limit=10&cursor=${paged.nextCursor}`, undefined, 200);
    expect([...paged.items, ...rest.items].length).toBe(5);
    expect(rest.nextCursor).toBeNull();
  });
});

describe('coverage per unit', () => {
  it('counts assigned, completed and confirmed pairs per unit subtree and layer; unassigned completions do not count', async () => {
    await complete(f.trainer.key, { itemId: design.id }); // on their own initiative: not assigned
    const cov = await f.ok(f.org.adminKey, 'GET', '/api/v1/learning/coverage', undefined, 200);
    expect(cov.rootUnitIds).toEqual([f.org.rootUnitId]);
    expect(cov.rows.map((r: { unitId: string; depth: number }) => [r.unitId, r.depth])).toEqual([[f.org.rootUnitId, 0], [f.east, 1], [f.pudong, 2], [f.xuhui, 2], [f.south, 1]]);
    expect(cov.total).toMatchObject({ employees: 6, assigned: 9, completed: 5, confirmed: 3, completedPercent: 55.6, confirmedPercent: 33.3 });
    expect(cov.total.byLayer).toEqual({
      all_staff: { assigned: 6, completed: 3, confirmed: 1, completedPercent: 50, confirmedPercent: 16.7 },
      specialist: { assigned: 2, completed: 1, confirmed: 1, completedPercent: 50, confirmedPercent: 50 },
      manager: { assigned: 1, completed: 1, confirmed: 1, completedPercent: 100, confirmedPercent: 100 },
    });
    const row = (id: string) => cov.rows.find((r: { unitId: string }) => r.unitId === id);
    expect(row(f.east)).toMatchObject({ employees: 4, assigned: 7, completed: 4, confirmed: 3 });
    expect(row(f.xuhui)).toMatchObject({ employees: 2, assigned: 4, completed: 2, confirmed: 2, completedPercent: 50 });
    expect(row(f.pudong).byLayer.all_staff).toEqual({ assigned: 1, completed: 1, confirmed: 0, completedPercent: 100, confirmedPercent: 0 });
    expect(row(f.pudong).byLayer.manager).toEqual({ assigned: 0, completed: 0, confirmed: 0, completedPercent: null, confirmedPercent: null });
    expect(row(f.south)).toMatchObject({ employees: 1, assigned: 1, completed: 1, confirmed: 0 });
  });

  it('keeps a manager inside their subtree and employees out', async () => {
    const mine = await f.ok(f.eastManager.key, 'GET', '/api/v1/learning/coverage', undefined, 200);
    expect(mine.rootUnitIds).toEqual([f.east]);
    expect(mine.rows.map((r: { unitId: string }) => r.unitId)).toEqual([f.east, f.pudong, f.xuhui]);
    expect(mine.total).toMatchObject({ employees: 4, assigned: 7, completed: 4, confirmed: 3 });
    const store = await f.ok(f.eastManager.key, 'GET', `/api/v1/learning/coverage?unitId=${f.xuhui}`, undefined, 200);
    expect(store.rows.map((r: { unitId: string }) => r.unitId)).toEqual([f.xuhui]);
    expect(status(await f.send(f.eastManager.key, 'GET', `/api/v1/learning/coverage?unitId=${f.south}`))).toEqual([404, 'not_found']);
    expect(status(await f.send(f.cashier1.key, 'GET', '/api/v1/learning/coverage'))).toEqual([403, 'forbidden']);
    expect(status(await f.send(f.org.adminKey, 'GET', '/api/v1/learning/coverage?unitId=nope'))).toEqual([400, 'invalid_request']);
  });
});

describe('my learning', () => {
  it('lists overdue work first, then what is to do, then declared and confirmed; unassigned completions too', async () => {
    t.clock.set('2026-02-10T09:00:00Z');
    const mine = await f.ok(f.cashier1.key, 'GET', '/api/v1/learning/me', undefined, 200);
    expect(mine.items.map((e: { item: { id: string }; status: string; dueAt: string | null; assigned: boolean }) => [e.item.id, e.status, e.dueAt, e.assigned])).toEqual([
      [design.id, 'overdue', '2026-02-01', true],
      [empathy.id, 'confirmed', null, true],
    ]);
    const trainer = await f.ok(f.trainer.key, 'GET', '/api/v1/learning/me', undefined, 200);
    expect(trainer.items.map((e: { item: { id: string }; status: string; assigned: boolean }) => [e.item.id, e.status, e.assigned])).toEqual([
      [empathy.id, 'to_do', true],
      [design.id, 'declared', false],
    ]);
    expect(await f.ok(f.org.adminKey, 'GET', '/api/v1/learning/me', undefined, 200)).toEqual({ employeeId: null, items: [] });
  });
});
