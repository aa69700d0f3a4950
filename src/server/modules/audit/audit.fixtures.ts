/** Shared set-up of the audit tests: an organisation with a region, two stores and people to act as. */
import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import type { TestApp } from '../../testing/test-app.ts';

export interface AuditOrg {
  org: TestOrg;
  units: { region: string; store: string; other: string };
  manager: { employeeId: string; key: string };
  staff: { employeeId: string; key: string };
  outsider: { employeeId: string; key: string };
}

export const request = (t: TestApp, key: string, method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { ...bearer(key), ...headers }, payload: payload as InjectOptions['payload'] });

/** A region with a store under it, another store outside it, the region's manager, a member of staff and an outsider. */
export async function buildAuditOrg(t: TestApp): Promise<AuditOrg> {
  const org = await buildOrg(t.ctx);
  const unit = async (name: string, parentId: string, kind: string) => {
    const res = await request(t, org.adminKey, 'POST', '/api/v1/units', { name, nameEn: `${name} (en)`, parentId, kind });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const region = await unit('华东大区', org.rootUnitId, 'region');
  const store = await unit('徐汇门店', region, 'store');
  const other = await unit('天河门店', org.rootUnitId, 'store');
  const manager = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: region, name: '周经理' });
  const staff = await buildEmployeeWithKey(t.ctx, org, { unitId: store, managerId: manager.employeeId, name: '王芳' });
  const outsider = await buildEmployeeWithKey(t.ctx, org, { unitId: other, name: '罗店长' });
  return { org, units: { region, store, other }, manager, staff, outsider };
}

/** Creates an audit and answers its id and item keys (201 expected). */
export async function createAudit(t: TestApp, key: string, body: Record<string, unknown>): Promise<{ id: string; keys: string[] }> {
  const res = await request(t, key, 'POST', '/api/v1/audits', body);
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, keys: res.json().items.map((i: { key: string }) => i.key) };
}

/** Scores every item of an audit: `scoreOf(key, index)` gives the score; gaps get the owner and due date given. */
export async function scoreAll(t: TestApp, key: string, audit: { id: string; keys: string[] }, scoreOf: (k: string, i: number) => number, gapOwner?: string): Promise<void> {
  for (const [i, k] of audit.keys.entries()) {
    const score = scoreOf(k, i);
    const body = score <= 2 && gapOwner ? { score, ownerId: gapOwner, dueAt: '2030-06-30' } : { score };
    const res = await request(t, key, 'PATCH', `/api/v1/audits/${audit.id}/items/${k}`, body);
    expect(res.statusCode, res.body).toBe(200);
  }
}

/** Completes an audit; without `body` the request has none at all (the API allows that). */
export async function complete(t: TestApp, key: string, id: string, body?: object) {
  const res = await request(t, key, 'POST', `/api/v1/audits/${id}/complete`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
