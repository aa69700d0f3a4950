import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
});
afterAll(() => t.close());

const post = (key: string, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: bearer(key), payload: payload as object });
const patch = (key: string, url: string, payload: unknown) => t.app.inject({ method: 'PATCH', url, headers: bearer(key), payload: payload as object });
const get = (key: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(key) });

async function unit(name: string, parentId: string, kind = 'store') {
  const res = await post(org.adminKey, '/api/v1/units', { name, parentId, kind });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('units', () => {
  it('refuses anonymous callers with 401 in the error format', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/units' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });

  it('builds a tree of any depth and refuses loops', async () => {
    const region = await unit('华东大区', org.rootUnitId, 'region');
    const city = await unit('上海', region, 'department');
    const store = await unit('徐汇门店', city);
    const team = await unit('配送组', store, 'team');
    const list = await get(org.adminKey, '/api/v1/units?limit=500');
    expect(list.json().items.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([region, city, store, team]));

    const loop = await patch(org.adminKey, `/api/v1/units/${region}`, { parentId: team });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.code).toBe('invalid_request');

    const moved = await patch(org.adminKey, `/api/v1/units/${team}`, { parentId: region, nameEn: 'Delivery team' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ parentId: region, nameEn: 'Delivery team', name: '配送组' });
  });

  it('pages with a cursor without repeating or skipping', async () => {
    for (let i = 0; i < 5; i++) await unit(`分店 ${i}`, org.rootUnitId);
    const all = (await get(org.adminKey, '/api/v1/units?limit=500')).json().items.map((u: { id: string }) => u.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await get(org.adminKey, `/api/v1/units?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((u: { id: string }) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await get(org.adminKey, '/api/v1/units/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const bad = await get(org.adminKey, '/api/v1/units/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toContain('params');
  });
});

describe('positions and authority', () => {
  it('stores authority and audits a change with before and after', async () => {
    const created = await post(org.adminKey, '/api/v1/positions', {
      name: '快递员',
      nameEn: 'Courier',
      authority: { compensationLimit: 200, currency: 'CNY', compensationTypes: ['refund', 'voucher'], exemptionAllowed: true },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const updated = await patch(org.adminKey, `/api/v1/positions/${id}`, { authority: { compensationLimit: 300 } });
    expect(updated.json().authority).toEqual({ compensationLimit: 300, currency: 'CNY', compensationTypes: ['refund', 'voucher'], exemptionAllowed: true });

    const audit = (await get(org.adminKey, `/api/v1/audit-log?entityType=position&entityId=${id}`)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['position.updated', 'position.created']);
    expect(audit[0].before.authority.compensationLimit).toBe(200);
    expect(audit[0].after.authority.compensationLimit).toBe(300);
  });

  it('rejects a negative limit and an unknown compensation type', async () => {
    const res = await post(org.adminKey, '/api/v1/positions', {
      name: 'x',
      authority: { compensationLimit: -1, currency: 'CNY', compensationTypes: ['cash'], exemptionAllowed: false },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.length).toBe(2);
  });
});

describe('employees and data scope', () => {
  it('lets a manager see their subtree only and an employee only themself', async () => {
    const east = await unit('East', org.rootUnitId, 'region');
    const eastStore = await unit('East store', east);
    const west = await unit('West', org.rootUnitId, 'region');
    const manager = await buildEmployeeWithKey(t.ctx, org, { unitId: east, role: 'manager', name: 'Manager East' });
    const clerk = await buildEmployeeWithKey(t.ctx, org, { unitId: eastStore, name: 'Clerk', managerId: manager.employeeId });
    const outsider = await buildEmployeeWithKey(t.ctx, org, { unitId: west, name: 'West clerk' });

    const seenByManager = (await get(manager.key, '/api/v1/employees?limit=500')).json().items.map((e: { id: string }) => e.id);
    expect(seenByManager.sort()).toEqual([manager.employeeId, clerk.employeeId].sort());
    expect((await get(manager.key, `/api/v1/employees/${outsider.employeeId}`)).statusCode).toBe(404);

    const seenByClerk = (await get(clerk.key, '/api/v1/employees')).json().items;
    expect(seenByClerk.map((e: { id: string }) => e.id)).toEqual([clerk.employeeId]);
    expect((await get(clerk.key, `/api/v1/employees/${manager.employeeId}`)).statusCode).toBe(404);
    expect((await post(clerk.key, '/api/v1/units', { name: 'mine', parentId: null, kind: 'team' })).statusCode).toBe(403);

    const eastOnly = (await get(org.adminKey, `/api/v1/employees?unitId=${east}&limit=500`)).json().items.map((e: { id: string }) => e.id);
    expect(eastOnly.sort()).toEqual([manager.employeeId, clerk.employeeId].sort());
  });

  it('refuses a manager chain that loops and references to missing records', async () => {
    const a = (await post(org.adminKey, '/api/v1/employees', { name: 'A', unitId: org.rootUnitId, positionId: org.positionId })).json();
    const b = (await post(org.adminKey, '/api/v1/employees', { name: 'B', unitId: org.rootUnitId, positionId: org.positionId, managerId: a.id })).json();
    const loop = await patch(org.adminKey, `/api/v1/employees/${a.id}`, { managerId: b.id });
    expect(loop.statusCode).toBe(400);
    const missing = await post(org.adminKey, '/api/v1/employees', {
      name: 'C',
      unitId: '00000000-0000-4000-8000-000000000000',
      positionId: org.positionId,
    });
    expect(missing.statusCode).toBe(404);
  });
});
