import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { DEMO_PASSWORD } from './demo-org.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx);
  await t.ctx.events.drain();
}, 300_000);
afterAll(() => t.close());

const signIn = async (email: string) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD, org: 'demo' } });
  expect(res.statusCode).toBe(200);
  const cookie = res.headers['set-cookie'] as string;
  return async (url: string) => {
    const got = await t.app.inject({ url, headers: { cookie } });
    expect(got.statusCode, got.body).toBe(200);
    return got.json();
  };
};

describe('demo frontline', () => {
  it('gives the pages something to show: captured cases, queues, support both ways, one unit past the minimum', async () => {
    const courier = await signIn('zhang.wei@demo.lodestar.local');
    const requests = (await courier('/api/v1/support-requests')).items as Array<{ myRole: string }>;
    expect(requests.filter((r) => r.myRole === 'requester').length).toBeGreaterThanOrEqual(2);
    expect(requests.filter((r) => r.myRole === 'supporter').length).toBeGreaterThanOrEqual(1);
    expect((await courier('/api/v1/hard-flags')).items).toHaveLength(1);
    expect((await courier('/api/v1/cases?unowned=true')).items.length).toBeGreaterThanOrEqual(1);
    const captured = (await courier('/api/v1/cases?limit=500')).items.filter((c: { source: string }) => c.source === 'employee');
    expect(captured.length).toBeGreaterThanOrEqual(2);

    const manager = await signIn('xuhui.manager@demo.lodestar.local');
    const summary = await manager('/api/v1/support-requests/summary');
    const shown = summary.units.filter((u: { suppressed: boolean }) => !u.suppressed);
    expect(shown).toEqual([expect.objectContaining({ unitNameEn: 'Xuhui Delivery Team', count: 5 })]);
    expect(summary.caseLoad.length).toBeGreaterThanOrEqual(2);

    const admin = await signIn('admin@demo.lodestar.local');
    const queue = (await admin('/api/v1/cases?unowned=true&limit=500')).items as Array<{ unitId: string }>;
    const units = (await admin('/api/v1/units?limit=500')).items as Array<{ id: string; nameEn: string }>;
    const pudong = units.find((u) => u.nameEn === 'Shanghai Pudong Store')!.id;
    expect(queue.filter((c) => c.unitId === pudong)).toHaveLength(2);
    // Admins see no one's support requests.
    expect((await admin('/api/v1/support-requests')).items).toEqual([]);
  });
});
