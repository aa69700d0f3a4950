import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { insertApiKey } from '../access/index.ts';
import { bearer, buildOrg, type TestOrg } from '../../testing/factories.ts';
import type { TestApp } from '../../testing/test-app.ts';

/**
 * Tests only: an organisation with company → region → store and another store;
 * a regional manager, a store manager, two employees in the store, one in the
 * other store, a partner key, and a survey with NPS, CSAT and a comment.
 */
export async function buildRecognitionFixture(t: TestApp) {
  const org: TestOrg = await buildOrg(t.ctx);
  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.db.tenant(org.orgId, (tx) => tx.query<T>(sql, params));
  const send = (key: string, method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...bearer(key), ...headers }, payload: payload as InjectOptions['payload'] });

  const unit = async (name: string, parentId: string) =>
    (await query<{ id: string }>(`INSERT INTO units (org_id, name, kind, parent_id) VALUES ($1, $2, 'store', $3) RETURNING id`, [org.orgId, name, parentId]))[0]!.id;
  const person = async (name: string, unitId: string, role: 'employee' | 'manager' | 'partner' = 'employee', managerId: string | null = null) =>
    t.ctx.db.tenant(org.orgId, async (tx) => {
      const [e] = await tx.query<{ id: string }>(
        `INSERT INTO employees (org_id, name, email, unit_id, position_id, manager_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [org.orgId, name, `${name}-${Math.random().toString(36).slice(2)}@example.com`, unitId, org.positionId, managerId],
      );
      const { key } = await insertApiKey(t.ctx, tx, null, { role, employeeId: e!.id, name: `${name} key` });
      return { id: e!.id, key };
    });
  const region = await unit('华东大区', org.rootUnitId);
  const store = await unit('徐汇门店', region);
  const otherStore = await unit('天河门店', org.rootUnitId);
  const regional = await person('周建国', region, 'manager');
  const storeManager = await person('陈思远', store, 'manager', regional.id);
  const courier = await person('张伟', store, 'employee', storeManager.id);
  const clerk = await person('王芳', store, 'employee', storeManager.id);
  const outsider = await person('罗志强', otherStore, 'employee');
  const partner = await t.ctx.db.tenant(org.orgId, (tx) => insertApiKey(t.ctx, tx, null, { role: 'partner', name: 'supplier' }));

  const survey = await send(org.adminKey, 'POST', '/api/v1/surveys', {
    name: '服务回访',
    questions: [
      { key: 'nps', type: 'nps', title: { 'zh-CN': '推荐意愿', en: 'Recommend' } },
      { key: 'csat', type: 'csat', title: { 'zh-CN': '满意度', en: 'Satisfaction' } },
      { key: 'comment', type: 'text', title: { 'zh-CN': '意见', en: 'Comment' } },
    ],
  });
  expect(survey.statusCode, survey.body).toBe(201);
  const surveyId = survey.json().id as string;

  /** Submits a response served by `employeeId` (default: the courier; null for none) and runs the outbox; returns the response id. */
  const respond = async (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const body = Object.fromEntries(Object.entries({ surveyId, answers, employeeId: courier.id, unitId: store, touchpoint: '送货上门', ...extra }).filter(([, v]) => v !== null));
    const res = await send(org.adminKey, 'POST', '/api/v1/responses', body);
    expect(res.statusCode, res.body).toBe(201);
    await t.ctx.events.drain();
    return res.json().id as string;
  };
  const balanceOf = async (employeeId: string) =>
    (await query<{ balance: number }>(`SELECT balance FROM points_balances WHERE employee_id = $1`, [employeeId]))[0]?.balance ?? 0;
  const ledgerSum = async (employeeId: string) =>
    (await query<{ n: number }>(`SELECT coalesce(sum(delta), 0)::int AS n FROM points_ledger WHERE employee_id = $1`, [employeeId]))[0]!.n;
  const customer = async (name = '王女士') => {
    const res = await send(org.adminKey, 'POST', '/api/v1/customers', { externalId: `C-${Math.random()}`, name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  return {
    org,
    query,
    send,
    units: { region, store, otherStore },
    people: { regional, storeManager, courier, clerk, outsider },
    partnerKey: partner.key,
    surveyId,
    respond,
    balanceOf,
    ledgerSum,
    customer,
  };
}

export type RecognitionFixture = Awaited<ReturnType<typeof buildRecognitionFixture>>;

/** A warm comment about the courier, in Chinese. */
export const PRAISE_COMMENT = '快递小哥服务非常热情周到，送货很及时，太感谢了！';
