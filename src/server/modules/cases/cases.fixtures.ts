import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { Queryable } from '../../platform/db/database.ts';
import { insertApiKey } from '../access/index.ts';
import { bearer, buildOrg, type TestOrg } from '../../testing/factories.ts';
import type { TestApp } from '../../testing/test-app.ts';

/** Tests only: a position's authority. */
export interface PositionSpec {
  limit: number;
  currency?: string;
  kinds?: string[];
  exemption?: boolean;
}

/**
 * Tests only: an organisation with a company → region → store tree and another
 * store: the CEO heads the company, a regional manager the region, a store
 * manager the store, where a courier works; an outsider works in the other
 * store. Each has a key (manager keys for managers) and a position.
 */
export async function buildCasesFixture(t: TestApp) {
  const org: TestOrg = await buildOrg(t.ctx);
  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.db.tenant(org.orgId, (tx) => tx.query<T>(sql, params));
  const send = (key: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });

  const unit = async (name: string, parentId: string | null, kind = 'store') =>
    (await query<{ id: string }>(`INSERT INTO units (org_id, name, kind, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`, [org.orgId, name, kind, parentId]))[0]!.id;
  const position = async (tx: Queryable, p: PositionSpec) =>
    (
      await tx.query<{ id: string }>(
        `INSERT INTO positions (org_id, name, compensation_limit, currency, compensation_types, exemption_allowed) VALUES ($1, 'p', $2, $3, $4, $5) RETURNING id`,
        [org.orgId, p.limit, p.currency ?? 'CNY', p.kinds ?? ['refund', 'voucher', 'upgrade', 'gift'], p.exemption ?? false],
      )
    )[0]!.id;
  /** An employee with a position and a key acting as them. */
  const person = async (name: string, unitId: string, p: PositionSpec, managerId: string | null, role: 'employee' | 'manager' = 'employee') =>
    t.ctx.db.tenant(org.orgId, async (tx) => {
      const positionId = await position(tx, p);
      const [e] = await tx.query<{ id: string }>(
        `INSERT INTO employees (org_id, name, email, unit_id, position_id, manager_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [org.orgId, name, `${name}-${Math.random().toString(36).slice(2)}@example.com`, unitId, positionId, managerId],
      );
      const { key } = await insertApiKey(t.ctx, tx, null, { role, employeeId: e!.id, name: `${name} key` });
      return { id: e!.id, key, positionId };
    });

  const region = await unit('华东大区', org.rootUnitId, 'region');
  const store = await unit('徐汇门店', region);
  const otherStore = await unit('天河门店', org.rootUnitId);
  const ceo = await person('ceo', org.rootUnitId, { limit: 50000, exemption: true }, null, 'manager');
  const regional = await person('regional', region, { limit: 10000, exemption: true }, ceo.id, 'manager');
  const storeManager = await person('store-manager', store, { limit: 2000, exemption: true }, regional.id, 'manager');
  const courier = await person('courier', store, { limit: 200, kinds: ['refund', 'voucher', 'gift'], exemption: true }, storeManager.id);
  const outsider = await person('outsider', otherStore, { limit: 100 }, ceo.id);

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

  let customerSeq = 0;
  const customer = async (extra: object = {}) => {
    const res = await send(org.adminKey, 'POST', '/api/v1/customers', { externalId: `C-${++customerSeq}-${Math.random()}`, name: '王女士', email: `c${customerSeq}@example.com`, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  /** Submits a response through the API and runs the outbox; returns the response id. */
  const respond = async (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const res = await send(org.adminKey, 'POST', '/api/v1/responses', { surveyId, answers, employeeId: courier.id, unitId: store, touchpoint: '送货上门', ...extra });
    expect(res.statusCode, res.body).toBe(201);
    await t.ctx.events.drain();
    return res.json().id as string;
  };

  const rule = async (body: object) => {
    const res = await send(org.adminKey, 'POST', '/api/v1/alert-rules', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  const casesFor = (responseId: string) =>
    query<{ id: string; rule_id: string; owner_id: string | null; status: string; priority: string }>(
      `SELECT id, rule_id, owner_id, status, priority FROM cases WHERE response_id = $1 ORDER BY created_at`,
      [responseId],
    );

  const act = (key: string, caseId: string, body: object) => send(key, 'POST', `/api/v1/cases/${caseId}/actions`, body);

  return { org, query, send, units: { region, store, otherStore }, people: { ceo, regional, storeManager, courier, outsider }, surveyId, customer, respond, rule, casesFor, act, person, unit };
}

export type CasesFixture = Awaited<ReturnType<typeof buildCasesFixture>>;

/** The default demo rule: NPS ≤ 6 or CSAT ≤ 2 opens a case. */
export const DEFAULT_RULE = { name: '贬损预警 Detractor alert', when: { match: 'any', nps: { lte: 6 }, csat: { lte: 2 } }, then: { createCase: { priority: 'high' } } };
