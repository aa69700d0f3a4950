import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { DEMO_PASSWORD } from './demo-org.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
// The whole demo is seeded first: allow more than the default hook time on a busy machine.
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx);
}, 300_000);
afterAll(() => t.close());

async function as(email: string) {
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD, org: 'demo' } });
  expect(login.statusCode).toBe(200);
  const cookie = login.headers['set-cookie'] as string;
  return async (url: string) => {
    const res = await t.app.inject({ url, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
}

describe('demo learning', () => {
  it('has a three-layer catalogue, a training place among the rewards, and coverage that differs by unit', async () => {
    const admin = await as('admin@demo.lodestar.local');
    const items: { id: string; layer: string }[] = (await admin('/api/v1/learning/items')).items;
    expect(new Set(items.map((i) => i.layer))).toEqual(new Set(['all_staff', 'specialist', 'manager']));
    const rewards: { kind: string; learningItemId: string | null }[] = (await admin('/api/v1/rewards')).items;
    expect(rewards.filter((r) => r.learningItemId !== null)).toEqual([expect.objectContaining({ kind: 'training' })]);

    const coverage = await admin('/api/v1/learning/coverage');
    const byName = new Map<string, { completedPercent: number; confirmed: number; completed: number }>(coverage.rows.map((r: { nameEn: string }) => [r.nameEn, r]));
    expect(byName.get('Shanghai Xuhui Store')!.completedPercent).toBeGreaterThan(byName.get('Shenzhen Nanshan Store')!.completedPercent);
    expect(byName.get('East China Region')!.completedPercent).toBeGreaterThan(byName.get('South China Region')!.completedPercent);
    expect(coverage.total.confirmed).toBeGreaterThan(0);
    expect(coverage.total.completed).toBeGreaterThan(coverage.total.confirmed);
    expect(coverage.total.completedPercent).toBeLessThan(90);
  });

  it('gives Wang Fang work in every state and her store manager declarations to confirm', async () => {
    const wang = await as('wang.fang@demo.lodestar.local');
    const statuses = new Set((await wang('/api/v1/learning/me')).items.map((e: { status: string }) => e.status));
    expect(statuses).toEqual(new Set(['overdue', 'to_do', 'declared', 'confirmed']));
    const manager = await as('xuhui.manager@demo.lodestar.local');
    expect((await manager('/api/v1/learning/completions?confirmable=true')).items.length).toBeGreaterThan(0);
    const own = (await manager('/api/v1/learning/assignments')).items.filter((a: { canWithdraw: boolean; unitId: string | null }) => a.canWithdraw && a.unitId !== null);
    expect(own).toEqual([expect.objectContaining({ unitName: { 'zh-CN': '上海徐汇门店', en: 'Shanghai Xuhui Store' }, people: 5 })]);
  });
});
