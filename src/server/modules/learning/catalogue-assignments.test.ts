import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildLearningFixture, type LearningFixture } from './learning.fixtures.ts';

let t: TestApp;
let f: LearningFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildLearningFixture(t);
});
afterAll(() => t.close());

const myItemNames = async (key: string) => ((await f.ok(key, 'GET', '/api/v1/learning/me', undefined, 200)).items as { item: { name: { en: string } } }[]).map((e) => e.item.name.en).sort();
const codeOf = async (key: string, method: 'POST' | 'PATCH' | 'GET' | 'DELETE', url: string, body?: unknown) => {
  const res = await f.send(key, method, url, body);
  return [res.statusCode, res.json()?.error?.code];
};

describe('learning catalogue', () => {
  it('lets admins add and change items in both languages, refuses bad input with 400 and others with 403', async () => {
    const empathy = await f.item('all_staff', '同理心', { format: 'role_play', durationMinutes: 120 });
    const listed = await f.ok(f.cashier1.key, 'GET', '/api/v1/learning/items?layer=all_staff', undefined, 200);
    expect(listed.items).toEqual([
      expect.objectContaining({ id: empathy.id, layer: 'all_staff', format: 'role_play', durationMinutes: 120, ownerId: f.trainer.id, ownerName: '培训师何静', name: { 'zh-CN': '同理心', en: '同理心 (en)' } }),
    ]);
    const base = { layer: 'manager', format: 'course', name: { 'zh-CN': '体验驱动决策', en: 'Experience-driven decisions' }, durationMinutes: 60, ownerId: f.trainer.id };
    expect(await codeOf(f.org.adminKey, 'POST', '/api/v1/learning/items', { ...base, name: { 'zh-CN': '体验驱动决策' } })).toEqual([400, 'invalid_request']);
    expect(await codeOf(f.org.adminKey, 'POST', '/api/v1/learning/items', { ...base, durationMinutes: 0 })).toEqual([400, 'invalid_request']);
    expect(await codeOf(f.org.adminKey, 'POST', '/api/v1/learning/items', { ...base, format: 'seminar' })).toEqual([400, 'invalid_request']);
    expect(await codeOf(f.org.adminKey, 'POST', '/api/v1/learning/items', { ...base, ownerId: '00000000-0000-4000-8000-000000000000' })).toEqual([404, 'not_found']);
    expect(await codeOf(f.eastManager.key, 'POST', '/api/v1/learning/items', base)).toEqual([403, 'forbidden']);
    expect(await codeOf(f.trainer.key, 'PATCH', `/api/v1/learning/items/${empathy.id}`, { durationMinutes: 30 })).toEqual([403, 'forbidden']);

    const changed = await f.ok(f.org.adminKey, 'PATCH', `/api/v1/learning/items/${empathy.id}`, { durationMinutes: 150, description: { 'zh-CN': '角色扮演', en: 'Role-play' } }, 200);
    expect(changed).toMatchObject({ durationMinutes: 150, format: 'role_play', name: { en: '同理心 (en)' }, description: { en: 'Role-play' } });
  });

  it('hides retired items from everyone but admins who ask', async () => {
    const old = await f.item('specialist', '旧课程');
    await f.ok(f.org.adminKey, 'PATCH', `/api/v1/learning/items/${old.id}`, { active: false }, 200);
    const ids = async (key: string, query = '') => ((await f.ok(key, 'GET', `/api/v1/learning/items${query}`, undefined, 200)).items as { id: string }[]).map((i) => i.id);
    expect(await ids(f.cashier1.key, '?includeInactive=true')).not.toContain(old.id);
    expect(await ids(f.org.adminKey)).not.toContain(old.id);
    expect(await ids(f.org.adminKey, '?includeInactive=true')).toContain(old.id);
    expect(await codeOf(f.cashier1.key, 'GET', `/api/v1/learning/items/${old.id}`)).toEqual([404, 'not_found']);
    expect(await codeOf(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: old.id, unitId: f.east })).toEqual([409, 'item_retired']);
  });
});

describe('assignments', () => {
  it('reach everyone holding the position or in the unit subtree, including people who join later', async () => {
    const journey = await f.item('all_staff', '客户旅程角色扮演');
    const insight = await f.item('manager', '客户洞察');
    const byPosition = await f.ok(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: journey.id, positionId: f.cashierPosition, dueAt: '2026-03-31' }, 201);
    expect(byPosition).toMatchObject({ positionId: f.cashierPosition, positionName: { 'zh-CN': '收银员', en: 'Cashier' }, unitId: null, dueAt: '2026-03-31', source: 'manual', people: 3, completed: 0 });
    const byUnit = await f.ok(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: insight.id, unitId: f.east }, 201);
    expect(byUnit.people).toBe(4); // the regional manager, two cashiers in Xuhui, the clerk in Pudong

    expect(await myItemNames(f.cashier1.key)).toEqual(['客户旅程角色扮演 (en)', '客户洞察 (en)']);
    expect(await myItemNames(f.southCashier.key)).toEqual(['客户旅程角色扮演 (en)']);
    expect(await myItemNames(f.trainer.key)).toEqual([]);

    // A cashier who joins Pudong afterwards gets both without any new assignment row.
    const joiner = await f.person('新同事', f.pudong, 'employee', f.cashierPosition);
    expect(await myItemNames(joiner.key)).toEqual(['客户旅程角色扮演 (en)', '客户洞察 (en)']);
    const again = (await f.ok(f.org.adminKey, 'GET', `/api/v1/learning/assignments?itemId=${journey.id}`, undefined, 200)).items;
    expect(again).toEqual([expect.objectContaining({ id: byPosition.id, people: 4 })]);

    // Moving to the South region drops the East assignment; leaving drops everything.
    await f.query(`UPDATE employees SET unit_id = $1 WHERE id = $2`, [f.south, joiner.id]);
    expect(await myItemNames(joiner.key)).toEqual(['客户旅程角色扮演 (en)']);
    await f.query(`UPDATE employees SET left_at = now() WHERE id = $1`, [joiner.id]);
    expect(await myItemNames(joiner.key)).toEqual([]);
  });

  it('narrows a position to a unit when both are given, and refuses duplicates and bad targets', async () => {
    const reading = await f.item('all_staff', '读懂 NPS 报告');
    const created = await f.ok(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: reading.id, positionId: f.cashierPosition, unitId: f.east }, 201);
    expect(created.people).toBe(2);
    expect(await myItemNames(f.southCashier.key)).not.toContain('读懂 NPS 报告 (en)');
    expect(await codeOf(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: reading.id, unitId: f.east, positionId: f.cashierPosition })).toEqual([409, 'already_assigned']);
    expect(await codeOf(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: reading.id })).toEqual([400, 'invalid_request']);
    expect(await codeOf(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: reading.id, unitId: f.east, employeeId: f.clerk.id })).toEqual([400, 'invalid_request']);
    expect(await codeOf(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: reading.id, unitId: f.east, dueAt: '2025-12-31' })).toEqual([400, 'invalid_request']);
    expect(await codeOf(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: reading.id, unitId: f.east, dueAt: '31.12.2026' })).toEqual([400, 'invalid_request']);
    expect(await codeOf(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: reading.id, positionId: '00000000-0000-4000-8000-000000000000' })).toEqual([404, 'not_found']);
    expect(await codeOf(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: '00000000-0000-4000-8000-000000000000', unitId: f.east })).toEqual([404, 'not_found']);
  });

  it('lets a manager assign and withdraw only within their subtree; employees not at all', async () => {
    const psychology = await f.item('specialist', '客户沟通心理学');
    const mine = await f.ok(f.eastManager.key, 'POST', '/api/v1/learning/assignments', { itemId: psychology.id, unitId: f.xuhui, positionId: f.cashierPosition }, 201);
    expect(mine).toMatchObject({ people: 2, canWithdraw: true });
    expect(await codeOf(f.eastManager.key, 'POST', '/api/v1/learning/assignments', { itemId: psychology.id, unitId: f.south })).toEqual([404, 'not_found']);
    expect(await codeOf(f.eastManager.key, 'POST', '/api/v1/learning/assignments', { itemId: psychology.id, employeeId: f.southCashier.id })).toEqual([404, 'not_found']);
    expect(await codeOf(f.eastManager.key, 'POST', '/api/v1/learning/assignments', { itemId: psychology.id, positionId: f.cashierPosition })).toEqual([403, 'forbidden']);
    expect(await codeOf(f.cashier1.key, 'POST', '/api/v1/learning/assignments', { itemId: psychology.id, employeeId: f.cashier1.id })).toEqual([403, 'forbidden']);
    expect(await codeOf(f.cashier1.key, 'GET', '/api/v1/learning/assignments')).toEqual([403, 'forbidden']);

    // The organisation-wide one reaches the manager's people, so they see it (counted in their subtree) but may not withdraw it.
    const orgWide = await f.ok(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: psychology.id, positionId: f.cashierPosition }, 201);
    const seen = (await f.ok(f.eastManager.key, 'GET', `/api/v1/learning/assignments?itemId=${psychology.id}`, undefined, 200)).items;
    expect(seen.find((a: { id: string }) => a.id === orgWide.id)).toMatchObject({ people: 2, canWithdraw: false });
    expect(await codeOf(f.eastManager.key, 'DELETE', `/api/v1/learning/assignments/${orgWide.id}`)).toEqual([403, 'forbidden']);
    const southOnly = await f.ok(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: psychology.id, unitId: f.south }, 201);
    expect(await codeOf(f.eastManager.key, 'DELETE', `/api/v1/learning/assignments/${southOnly.id}`)).toEqual([404, 'not_found']);
    // Their own learning is not theirs to withdraw.
    const forManager = await f.ok(f.org.adminKey, 'POST', '/api/v1/learning/assignments', { itemId: psychology.id, employeeId: f.eastManager.id }, 201);
    expect(await codeOf(f.eastManager.key, 'DELETE', `/api/v1/learning/assignments/${forManager.id}`)).toEqual([403, 'forbidden']);

    expect((await f.send(f.eastManager.key, 'DELETE', `/api/v1/learning/assignments/${mine.id}`)).statusCode).toBe(204);
    const after = (await f.ok(f.org.adminKey, 'GET', `/api/v1/learning/assignments?itemId=${psychology.id}`, undefined, 200)).items.map((a: { id: string }) => a.id);
    expect(after).not.toContain(mine.id);
    expect(after).toEqual(expect.arrayContaining([orgWide.id, southOnly.id, forManager.id]));
  });
});
