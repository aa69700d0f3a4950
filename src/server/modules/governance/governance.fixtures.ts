import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import type { TestApp } from '../../testing/test-app.ts';

/** An organisation for governance tests: a store under the root with a manager (and their report), a staff member elsewhere, an outsider unit. */
export interface GovernanceOrg {
  org: TestOrg;
  storeId: string;
  otherStoreId: string;
  ceo: { employeeId: string; key: string };
  storeManager: { employeeId: string; key: string };
  clerk: { employeeId: string; key: string };
  otherManager: { employeeId: string; key: string };
}

export function sender(t: TestApp) {
  return (key: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });
}

export async function buildGovernanceOrg(t: TestApp): Promise<GovernanceOrg> {
  const send = sender(t);
  const org = await buildOrg(t.ctx);
  const unit = async (name: string) => {
    const res = await send(org.adminKey, 'POST', '/api/v1/units', { name, parentId: org.rootUnitId, kind: 'store' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const storeId = await unit('徐汇门店');
  const otherStoreId = await unit('天河门店');
  const ceo = await buildEmployeeWithKey(t.ctx, org, { role: 'employee', name: '郭总' });
  const storeManager = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: storeId, name: '陈店长' });
  const clerk = await buildEmployeeWithKey(t.ctx, org, { role: 'employee', unitId: storeId, name: '王芳', managerId: storeManager.employeeId });
  const otherManager = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: otherStoreId, name: '罗店长' });
  return { org, storeId, otherStoreId, ceo, storeManager, clerk, otherManager };
}
