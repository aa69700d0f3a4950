import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { bearer, buildOrg, type TestOrg } from '../../testing/factories.ts';
import type { TestApp } from '../../testing/test-app.ts';

/** Tests only: a survey with every answer type the ingestion path converts and validates. */
export const QUESTIONS = [
  { key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '您有多大可能推荐我们？', en: 'How likely are you to recommend us?' } },
  { key: 'csat', type: 'csat', title: { 'zh-CN': '您对服务满意吗？', en: 'How satisfied are you?' } },
  {
    key: 'reason',
    type: 'single',
    title: { 'zh-CN': '主要原因', en: 'Main reason' },
    options: [
      { value: 'speed', label: { 'zh-CN': '速度', en: 'Speed' } },
      { value: 'staff', label: { 'zh-CN': '员工', en: 'Staff' } },
    ],
  },
  {
    key: 'tags',
    type: 'multi',
    title: { 'zh-CN': '哪些方面好', en: 'What was good' },
    options: [
      { value: 'clean', label: { 'zh-CN': '干净', en: 'Clean' } },
      { value: 'fast', label: { 'zh-CN': '快', en: 'Fast' } },
      { value: 'kind', label: { 'zh-CN': '亲切', en: 'Kind' } },
    ],
  },
  { key: 'comment', type: 'text', title: { 'zh-CN': '还有什么想说的？', en: 'Anything else?' } },
  { key: 'ref', type: 'hidden', title: { 'zh-CN': '编号', en: 'Reference' } },
];

/** Tests only: an organisation with an admin key and one active survey, plus request helpers bound to the app. */
export async function buildResponsesFixture(t: TestApp) {
  const org: TestOrg = await buildOrg(t.ctx);
  const send = (method: InjectOptions['method'], key: string | null, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...(key ? bearer(key) : {}), ...headers }, payload: payload as InjectOptions['payload'] });
  const post = (key: string | null, url: string, payload: unknown, headers?: Record<string, string>) => send('POST', key, url, payload, headers);
  const get = (key: string | null, url: string) => send('GET', key, url);

  /** A survey created through the API; returns its id. */
  const createSurvey = async (questions: unknown[] = QUESTIONS, status = 'active') => {
    const res = await post(org.adminKey, '/api/v1/surveys', { name: '门店满意度 Store survey', status, questions });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const surveyId = await createSurvey();

  /** A customer, a store unit, an employee there and an interaction binding them; returns their ids. */
  const createServedCustomer = async (unitId = org.rootUnitId) => {
    const customer = await post(org.adminKey, '/api/v1/customers', { name: '王芳', segment: 'gold', value: 1200 });
    expect(customer.statusCode, customer.body).toBe(201);
    const employee = await post(org.adminKey, '/api/v1/employees', { name: '李雷', unitId, positionId: org.positionId });
    expect(employee.statusCode, employee.body).toBe(201);
    const interaction = await post(org.adminKey, '/api/v1/interactions', {
      customerId: customer.json().id,
      type: 'purchase',
      channel: 'store',
      touchpoint: 'checkout',
      unitId,
      employeeId: employee.json().id,
      occurredAt: '2026-01-04T10:00:00+08:00',
    });
    expect(interaction.statusCode, interaction.body).toBe(201);
    return { customerId: customer.json().id as string, employeeId: employee.json().id as string, interactionId: interaction.json().id as string, unitId };
  };

  /** Rows the database holds for the organisation (as the app role, so RLS applies). */
  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.db.tenant(org.orgId, (tx) => tx.query<T>(sql, params));

  return { org, surveyId, send, post, get, createSurvey, createServedCustomer, query };
}
