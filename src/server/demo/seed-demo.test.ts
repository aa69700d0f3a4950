import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { DEMO_PASSWORD } from './demo-org.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function loginAs(email: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD, org: 'demo' } });
  expect(res.statusCode).toBe(200);
  return { cookie: res.headers['set-cookie'] as string, info: res.json() };
}

describe('demo organisation', () => {
  it('is created once, with a unit tree at least three levels deep', async () => {
    const first = await seedDemo(t.ctx);
    const second = await seedDemo(t.ctx);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, orgId: first.orgId });

    const { cookie } = await loginAs('admin@demo.lodestar.local');
    const units: { id: string; parentId: string | null; nameEn: string }[] = (
      await t.app.inject({ url: '/api/v1/units?limit=500', headers: { cookie } })
    ).json().items;
    const depth = (id: string | null): number => (id ? 1 + depth(units.find((u) => u.id === id)!.parentId) : 0);
    expect(Math.max(...units.map((u) => depth(u.id)))).toBeGreaterThanOrEqual(3);
    expect(units.every((u) => u.nameEn)).toBe(true);
  });

  it('has a courier who may compensate up to 200 CNY with exemption, and managers with more', async () => {
    const { cookie } = await loginAs('admin@demo.lodestar.local');
    const positions: { nameEn: string; authority: { compensationLimit: number; currency: string; exemptionAllowed: boolean } }[] = (
      await t.app.inject({ url: '/api/v1/positions', headers: { cookie } })
    ).json().items;
    const courier = positions.find((p) => p.nameEn === 'Courier')!;
    const storeManager = positions.find((p) => p.nameEn === 'Store manager')!;
    expect(courier.authority).toMatchObject({ compensationLimit: 200, currency: 'CNY', exemptionAllowed: true });
    expect(storeManager.authority.compensationLimit).toBeGreaterThan(courier.authority.compensationLimit);
  });

  it('gives each login its data scope: a store manager sees the store subtree, an employee themself', async () => {
    const admin = await loginAs('admin@demo.lodestar.local');
    const all = (await t.app.inject({ url: '/api/v1/employees?limit=500', headers: { cookie: admin.cookie } })).json().items;
    const manager = await loginAs('xuhui.manager@demo.lodestar.local');
    const mine = (await t.app.inject({ url: '/api/v1/employees?limit=500', headers: { cookie: manager.cookie } })).json().items;
    expect(mine.length).toBeGreaterThan(1);
    expect(mine.length).toBeLessThan(all.length);
    const courier = await loginAs('zhang.wei@demo.lodestar.local');
    const self = (await t.app.inject({ url: '/api/v1/employees', headers: { cookie: courier.cookie } })).json().items;
    expect(self.map((e: { id: string }) => e.id)).toEqual([courier.info.user.employeeId]);
  });
});
