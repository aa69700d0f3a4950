/**
 * Tests and the benchmark: an organisation with a survey, a detractor alert rule and an invitation trigger, and
 * customers seeded through the public API with everything the privacy module must find: interactions, responses
 * with comments and free-text answers (analysed), cases with notes, a personal link, an invitation, a thank-you card.
 */
import type { InjectOptions } from 'fastify';
import { HOUR } from '../platform/clock.ts';
import { bearer, buildOrg, type TestOrg } from './factories.ts';
import type { TestApp } from './test-app.ts';

/** Throws with the message unless the condition holds (no test runner here: the benchmark uses these fixtures too). */
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const QUESTIONS = [
  { key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '推荐意愿', en: 'Likelihood to recommend' } },
  { key: 'csat', type: 'csat', title: { 'zh-CN': '满意度', en: 'Satisfaction' } },
  {
    key: 'reason',
    type: 'single',
    title: { 'zh-CN': '主要原因', en: 'Main reason' },
    options: [
      { value: 'speed', label: { 'zh-CN': '速度', en: 'Speed' } },
      { value: 'staff', label: { 'zh-CN': '员工', en: 'Staff' } },
    ],
  },
  { key: 'comment', type: 'text', title: { 'zh-CN': '还有什么想说的？', en: 'Anything else?' } },
  { key: 'ref', type: 'hidden', title: { 'zh-CN': '编号', en: 'Reference' } },
];

export interface SeededCustomer {
  customerId: string;
  name: string;
  email: string;
  phone: string;
  /** Every comment text they wrote, and the free-text note written on their case. */
  comments: string[];
  caseNote: string;
  interactionIds: string[];
  caseIds: string[];
}

export async function buildPrivacyFixture(t: Pick<TestApp, 'app' | 'ctx' | 'clock'>, org?: TestOrg) {
  const o = org ?? (await buildOrg(t.ctx));
  const send = async (method: InjectOptions['method'], url: string, payload?: unknown, key = o.adminKey) =>
    t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });
  const ok = async (method: InjectOptions['method'], url: string, payload?: unknown) => {
    const res = await send(method, url, payload);
    check(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const surveyId: string = (await ok('POST', '/api/v1/surveys', { name: '门店回访 Store follow-up', status: 'active', questions: QUESTIONS })).id;
  await ok('POST', '/api/v1/alert-rules', { name: '贬损预警 Detractor alert', when: { match: 'any', nps: { lte: 6 } }, then: { createCase: { priority: 'high' } } });
  await ok('POST', '/api/v1/survey-triggers', { surveyId, interactionType: 'delivery', channel: 'email', lang: 'zh-CN' });
  const employeeId: string = (await ok('POST', '/api/v1/employees', { name: '店员小周', unitId: o.rootUnitId, positionId: o.positionId })).id;

  /** A customer with `responses` answers (comments on all, every third a detractor) and the rest. `tag` makes their values unique. */
  async function seedCustomer(tag: string, responses: number, opts: { cases?: boolean } = {}): Promise<SeededCustomer> {
    const name = `测试客户${tag}`;
    const email = `customer.${tag.toLowerCase()}@example.com`;
    const phone = `139${String(Math.abs(hash(tag))).padStart(8, '0').slice(0, 8)}`;
    const customerId: string = (await ok('POST', '/api/v1/customers', { externalId: `PRIV-${tag}`, name, email, phone, segment: 'gold' })).id;
    const now = t.clock.now().getTime();
    const store = await ok('POST', '/api/v1/interactions', {
      customerId, type: 'purchase', channel: 'store', touchpoint: 'checkout', unitId: o.rootUnitId, employeeId,
      occurredAt: new Date(now - 30 * HOUR).toISOString(), resolvedFirstContact: true, resolutionMinutes: 12,
    });
    // A delivery now: the trigger turns it into a personal link and an e-mail invitation to the customer.
    const delivery = await ok('POST', '/api/v1/interactions', { customerId, type: 'delivery', channel: 'app', touchpoint: 'delivery', employeeId, occurredAt: new Date(now).toISOString() });
    await t.ctx.events.drain();
    const comments = Array.from({ length: responses }, (_, i) => `${tag}号顾客的意见${i}：收银排队太久了，店员态度冷淡 slow checkout ${tag}-${i}`);
    for (let start = 0; start < responses; start += 1000) {
      const items = comments.slice(start, start + 1000).map((comment, j) => {
        const i = start + j;
        return {
          surveyId, customerId, interactionId: store.id, employeeId, unitId: o.rootUnitId, touchpoint: 'checkout', channel: 'store',
          submittedAt: new Date(now - 26 * HOUR + i * 1000).toISOString(),
          answers: { nps: i % 3 === 0 ? 3 : 9, csat: i % 3 === 0 ? 2 : 5, reason: 'speed', comment, ref: `订单 ${tag}-${i}` },
        };
      });
      const res = await ok('POST', '/api/v1/responses/batch', { items, runRules: opts.cases ?? true });
      check(res.created === items.length, JSON.stringify(res));
    }
    await t.ctx.events.drain(); // comment analysis, praise
    const caseIds = (
      await t.ctx.db.tenant(o.orgId, (tx) => tx.query<{ id: string }>(`SELECT id FROM cases WHERE org_id = $1 AND customer_id = $2 ORDER BY created_at, id`, [o.orgId, customerId]))
    ).map((r) => r.id);
    const caseNote = `已致电${name}（${phone}，${email}），客户说：“${comments[0]}”`;
    if (caseIds[0]) await ok('POST', `/api/v1/cases/${caseIds[0]}/actions`, { type: 'note', text: caseNote, contact: true });
    await ok('POST', `/api/v1/fan-customers/${customerId}/cards`, { note: `亲爱的${name}，感谢您一直以来的支持` });
    await t.ctx.events.drain();
    return { customerId, name, email, phone, comments, caseNote, interactionIds: [store.id, delivery.id], caseIds };
  }

  return { org: o, surveyId, employeeId, send, ok, seedCustomer };
}

function hash(s: string): number {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}
