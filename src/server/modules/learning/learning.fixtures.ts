import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { insertApiKey } from '../access/index.ts';
import { bearer, buildOrg, type TestOrg } from '../../testing/factories.ts';
import type { TestApp } from '../../testing/test-app.ts';

export type Role = 'employee' | 'manager' | 'admin';

/**
 * Tests only: company → East region → stores Xuhui and Pudong, and a South region; positions clerk (the org's
 * default) and cashier; a trainer at head office (employee role), the East regional manager, two cashiers in
 * Xuhui, a clerk in Pudong and a cashier in South; and `person` to add more (joiners).
 */
export async function buildLearningFixture(t: TestApp) {
  const org: TestOrg = await buildOrg(t.ctx);
  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.db.tenant(org.orgId, (tx) => tx.query<T>(sql, params));
  const send = (key: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });
  /** Sends and expects the status; returns the JSON body. */
  const ok = async (key: string, method: InjectOptions['method'], url: string, payload: unknown, status: number) => {
    const res = await send(key, method, url, payload);
    expect(res.statusCode, res.body).toBe(status);
    return res.body ? res.json() : undefined;
  };

  const unit = async (name: string, parentId: string) =>
    (await query<{ id: string }>(`INSERT INTO units (org_id, name, kind, parent_id) VALUES ($1, $2, 'store', $3) RETURNING id`, [org.orgId, name, parentId]))[0]!.id;
  const east = await unit('华东大区', org.rootUnitId);
  const xuhui = await unit('徐汇门店', east);
  const pudong = await unit('浦东门店', east);
  const south = await unit('华南大区', org.rootUnitId);
  const cashierPosition = (await query<{ id: string }>(`INSERT INTO positions (org_id, name, name_en) VALUES ($1, '收银员', 'Cashier') RETURNING id`, [org.orgId]))[0]!.id;

  const person = async (name: string, unitId: string, role: Role = 'employee', positionId = org.positionId) =>
    t.ctx.db.tenant(org.orgId, async (tx) => {
      const [e] = await tx.query<{ id: string }>(
        `INSERT INTO employees (org_id, name, email, unit_id, position_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [org.orgId, name, `${name}-${Math.random().toString(36).slice(2)}@example.com`, unitId, positionId],
      );
      const { key } = await insertApiKey(t.ctx, tx, null, { role, employeeId: e!.id, name: `${name} key` });
      return { id: e!.id, key };
    });
  const trainer = await person('培训师何静', org.rootUnitId);
  const eastManager = await person('周建国', east, 'manager');
  const cashier1 = await person('王芳', xuhui, 'employee', cashierPosition);
  const cashier2 = await person('李娜', xuhui, 'employee', cashierPosition);
  const clerk = await person('赵敏', pudong);
  const southCashier = await person('梁宇', south, 'employee', cashierPosition);

  /** A catalogue item by the admin; `layer` and `name` vary, the trainer owns it. */
  const item = async (layer: 'all_staff' | 'specialist' | 'manager', name: string, extra: Record<string, unknown> = {}) =>
    (await ok(org.adminKey, 'POST', '/api/v1/learning/items', {
      layer,
      format: 'workshop',
      name: { 'zh-CN': name, en: `${name} (en)` },
      description: { 'zh-CN': '说明', en: 'About it' },
      durationMinutes: 90,
      ownerId: trainer.id,
      ...extra,
    }, 201)) as { id: string };

  return { org, query, send, ok, person, item, east, xuhui, pudong, south, cashierPosition, trainer, eastManager, cashier1, cashier2, clerk, southCashier };
}
export type LearningFixture = Awaited<ReturnType<typeof buildLearningFixture>>;
