import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../platform/actor.ts';
import { bearer, buildOrg, buildUser } from '../../testing/factories.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { insertApiKey } from '../access/index.ts';

let addressCounter = 0;

/** Tests only: a signed-in person (cookie session, CSRF token on writes); care routes refuse API keys. */
export interface Session {
  employeeId: string | null;
  send: (method: InjectOptions['method'], url: string, payload?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
}

/**
 * Tests only: company → region → store, and another store; a CEO, a regional and a store manager, a
 * courier in the store and an outsider in the other store, each with a key and signed in as themself,
 * plus an admin with no employee. The store manager has a position of their own (promotion figures).
 */
export async function buildSupportFixture(t: TestApp) {
  const org = await buildOrg(t.ctx);
  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.db.tenant(org.orgId, (tx) => tx.query<T>(sql, params));
  const send = (key: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });
  const unit = async (name: string, parentId: string) =>
    (await query<{ id: string }>(`INSERT INTO units (org_id, name, kind, parent_id) VALUES ($1, $2, 'store', $3) RETURNING id`, [org.orgId, name, parentId]))[0]!.id;
  const [managerPosition] = await query<{ id: string }>(`INSERT INTO positions (org_id, name, compensation_limit, compensation_types) VALUES ($1, 'Store manager', 2000, '{refund}') RETURNING id`, [org.orgId]);
  /** An employee with a key acting as them. */
  const person = (name: string, unitId: string, managerId: string | null, role: 'employee' | 'manager' = 'employee', positionId = org.positionId) =>
    t.ctx.db.tenant(org.orgId, async (tx) => {
      const [e] = await tx.query<{ id: string }>(
        `INSERT INTO employees (org_id, name, email, unit_id, position_id, manager_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [org.orgId, name, `${name}-${Math.random().toString(36).slice(2)}@example.com`, unitId, positionId, managerId],
      );
      const { key } = await insertApiKey(t.ctx, tx, null, { role, employeeId: e!.id, name: `${name} key` });
      return { id: e!.id, key, positionId };
    });
  const signIn = async (role: Role, employeeId?: string): Promise<Session> => {
    const creds = await buildUser(t.ctx, org, role, employeeId);
    const address = `10.9.${(++addressCounter >> 8) & 255}.${addressCounter & 255}`;
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: creds, remoteAddress: address });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = login.cookies.find((c) => c.name === '__Host-lodestar_session')!;
    const csrf = login.json().csrfToken as string;
    return {
      employeeId: employeeId ?? null,
      send: (method, url, payload, headers = {}) =>
        t.app.inject({ method, url, headers: { cookie: `${cookie.name}=${cookie.value}`, 'x-csrf-token': csrf, ...headers }, payload: payload as InjectOptions['payload'] }),
    };
  };

  const region = await unit('华东大区', org.rootUnitId);
  const store = await unit('徐汇门店', region);
  const otherStore = await unit('天河门店', org.rootUnitId);
  const ceo = await person('ceo', org.rootUnitId, null, 'manager');
  const regional = await person('regional', region, ceo.id, 'manager');
  const storeManager = await person('store-manager', store, regional.id, 'manager', managerPosition!.id);
  const courier = await person('courier', store, storeManager.id);
  const outsider = await person('outsider', otherStore, ceo.id);
  const people = { ceo, regional, storeManager, courier, outsider };

  const customer = async () => {
    const res = await send(org.adminKey, 'POST', '/api/v1/customers', { externalId: `C-${Math.random()}`, name: '王女士' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const act = (key: string, caseId: string, body: object) => send(key, 'POST', `/api/v1/cases/${caseId}/actions`, body);

  const sessions = {
    courier: await signIn('employee', courier.id),
    storeManager: await signIn('manager', storeManager.id),
    regional: await signIn('manager', regional.id),
    outsider: await signIn('employee', outsider.id),
    /** An admin who is also an employee (the CEO), and one who is not. */
    ceoAdmin: await signIn('admin', ceo.id),
    admin: await signIn('admin'),
  };
  return { org, query, send, units: { region, store, otherStore }, people, person, customer, act, signIn, sessions };
}

export type SupportFixture = Awaited<ReturnType<typeof buildSupportFixture>>;
