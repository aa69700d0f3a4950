import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildGovernanceOrg, sender, type GovernanceOrg } from './governance.fixtures.ts';

let t: TestApp;
let g: GovernanceOrg;
let send: ReturnType<typeof sender>;
let meetingId: string;
let surveyId: string;
const ago = (days: number) => new Date(t.clock.now().getTime() - days * DAY);
const sql = <T>(text: string, params: unknown[] = []) => t.ctx.db.tenant(g.org.orgId, (tx) => tx.query<T>(text, [g.org.orgId, ...params]));

/** Responses written through the batch API (no alert rules), then analysed by the text handler. */
async function respond(items: { unitId: string; nps: number; daysAgo: number; comment?: string }[]): Promise<void> {
  const body = { runRules: false, items: items.map((i) => ({ surveyId, unitId: i.unitId, answers: { nps: i.nps, ...(i.comment ? { comment: i.comment } : {}) }, submittedAt: ago(i.daysAgo).toISOString() })) };
  const res = await send(g.org.adminKey, 'POST', '/api/v1/responses/batch', body);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().errors).toEqual([]);
  await t.ctx.events.drain();
}

async function closedCase(rootCause: string, unitId: string, daysAgo: number): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO cases (org_id, status, priority, source, title, unit_id, first_response_due_at, resolution_due_at, resolved_at, closed_at, root_cause, created_at, updated_at)
     VALUES ($1, 'closed', 'high', 'employee', $2, $3, $4, $4, $4, $4, $2, $4, $4) RETURNING id`,
    [rootCause, unitId, ago(daysAgo)],
  );
  return row!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  send = sender(t);
  g = await buildGovernanceOrg(t);
  const survey = await send(g.org.adminKey, 'POST', '/api/v1/surveys', {
    name: 'Follow-up',
    status: 'active',
    questions: [
      { key: 'nps', type: 'nps', title: { 'zh-CN': '推荐意愿', en: 'Recommend' } },
      { key: 'comment', type: 'text', title: { 'zh-CN': '意见', en: 'Comment' } },
    ],
  });
  expect(survey.statusCode, survey.body).toBe(201);
  surveyId = survey.json().id;

  // The previous meeting 30 days ago sets the period: the last 30 days against the 30 before.
  await send(g.org.adminKey, 'POST', '/api/v1/committee/meetings', { at: ago(30).toISOString() });
  meetingId = (await send(g.org.adminKey, 'POST', '/api/v1/committee/meetings', { at: t.clock.now().toISOString() })).json().id;

  const six = (unitId: string, nps: number, daysAgo: number) => Array.from({ length: 6 }, () => ({ unitId, nps, daysAgo }));
  await respond([...six(g.storeId, 10, 45), ...six(g.storeId, 0, 10), ...six(g.otherStoreId, 8, 45), ...six(g.otherStoreId, 9, 10)]);
  // Three answers a period at the root: too few to call a move.
  await respond([0, 0, 0].map((nps) => ({ unitId: g.org.rootUnitId, nps, daysAgo: 40 })).concat([10, 10, 10].map((nps) => ({ unitId: g.org.rootUnitId, nps, daysAgo: 5 }))));

  for (const [cause, unit] of [['delivery.late', g.storeId], ['delivery.late', g.storeId], ['delivery.late', g.storeId], ['service.wait', g.storeId], ['product.quality', g.otherStoreId]] as const) {
    await closedCase(cause, unit, 3);
  }
  await closedCase('product.quality', g.otherStoreId, 45); // before the period
  const caseId = await closedCase('service.wait', g.storeId, 2);
  await sql(
    `INSERT INTO exemptions (org_id, case_id, employee_id, rule, reason, report_due_at, created_at) VALUES ($1, $2, $3, '超区送货', '客户行动不便', $4, $4), ($1, $2, $3, '当日已报备', '—', $5, $5)`,
    [caseId, g.clerk.employeeId, ago(1), new Date(t.clock.now().getTime() + DAY)],
  );
  const project = await send(g.org.adminKey, 'POST', '/api/v1/improvement-projects', { title: '晚班配送', ownerId: g.storeManager.employeeId });
  expect(project.statusCode, project.body).toBe(201);
});
afterAll(() => t.close());

describe('GET /committee/meetings/:id/customer-voice', () => {
  it('lists the units whose NPS moved most (with n), root causes, overdue exemption reports and open projects of the period before the meeting', async () => {
    const res = await send(g.org.adminKey, 'GET', `/api/v1/committee/meetings/${meetingId}/customer-voice`);
    expect(res.statusCode, res.body).toBe(200);
    const voice = res.json();
    expect(voice.period).toEqual({ from: ago(30).toISOString(), to: t.clock.now().toISOString() });
    expect(voice.npsMovers).toEqual([
      expect.objectContaining({ unitId: g.storeId, unitName: '徐汇门店', previous: 100, current: -100, change: -200, n: 6, previousN: 6 }),
      expect.objectContaining({ unitId: g.otherStoreId, previous: 0, current: 100, change: 100, n: 6, previousN: 6 }),
    ]);
    expect(voice.rootCauses).toEqual([
      { code: 'delivery.late', cases: 3, name: '配送延误', nameEn: 'Late delivery' },
      expect.objectContaining({ code: 'service.wait', cases: 2 }),
      expect.objectContaining({ code: 'product.quality', cases: 1 }),
    ]);
    expect(voice.overdueExemptions).toEqual([expect.objectContaining({ employeeName: '王芳', rule: '超区送货' })]);
    expect(voice.openImprovements).toEqual([expect.objectContaining({ title: '晚班配送', status: 'proposed', ownerName: '陈店长' })]);
  });

  it('keeps to the reader’s scope: a store manager hears their store only', async () => {
    const voice = (await send(g.otherManager.key, 'GET', `/api/v1/committee/meetings/${meetingId}/customer-voice`)).json();
    expect(voice.npsMovers.map((m: { unitId: string }) => m.unitId)).toEqual([g.otherStoreId]);
    expect(voice.rootCauses.map((r: { code: string }) => r.code)).toEqual(['product.quality']);
    expect(voice.overdueExemptions).toEqual([]);
    expect((await send(g.clerk.key, 'GET', `/api/v1/committee/meetings/${meetingId}/customer-voice`)).statusCode).toBe(403);
  });

  it('lists open improvement projects of the reader’s scope only: a manager does not see another store’s project', async () => {
    const create = async (body: object) => {
      const res = await send(g.org.adminKey, 'POST', '/api/v1/improvement-projects', body);
      expect(res.statusCode, res.body).toBe(201);
    };
    const team = await send(g.org.adminKey, 'POST', '/api/v1/units', { name: '徐汇配送组', parentId: g.storeId, kind: 'team' });
    expect(team.statusCode, team.body).toBe(201);
    await create({ title: '徐汇退货流程', unitId: g.storeId });
    await create({ title: '徐汇配送提前通知', unitId: team.json().id }); // in the store's subtree
    await create({ title: '天河排队', unitId: g.otherStoreId });
    const titles = async (key: string) =>
      (await send(key, 'GET', `/api/v1/committee/meetings/${meetingId}/customer-voice`)).json().openImprovements.map((p: { title: string }) => p.title).sort();
    // The admin sees the whole organisation's, including the one without a unit.
    expect(await titles(g.org.adminKey)).toEqual(['天河排队', '徐汇退货流程', '徐汇配送提前通知', '晚班配送']);
    expect(await titles(g.storeManager.key)).toEqual(['徐汇退货流程', '徐汇配送提前通知']);
    expect(await titles(g.otherManager.key)).toEqual(['天河排队']);
  });

  it('chooses verbatims typical of the largest topic, not its most extreme one, with personal data masked', async () => {
    const texts = [
      '配送比约定时间晚了四十分钟，希望改进',
      '配送有点慢，等了快一个小时，联系我 13812345678',
      '配送晚到半小时，下次希望准时一点',
      '配送慢得离谱！！！永远不会再买了，最差的一次购物！！！',
      '配送延误了大概三十分钟，其他还好',
    ];
    await respond(texts.map((comment) => ({ unitId: g.storeId, nps: 5, daysAgo: 8, comment })));
    const byText = new Map((await sql<{ id: string; comment: string }>(`SELECT id, comment FROM responses WHERE org_id = $1 AND comment = ANY ($2::text[])`, [texts])).map((r) => [r.comment, r.id]));
    expect(byText.size).toBe(5);
    // Pin the analysis of these five (scores and topics as the text model might give them) so the choice is what is under test;
    // every other comment of the period is set aside.
    await sql(`UPDATE text_analyses SET topics = '{}' WHERE org_id = $1`);
    const scores = [-0.42, -0.4, -0.38, -0.97, -0.45];
    for (const [i, text] of texts.entries()) {
      await sql(`UPDATE text_analyses SET topics = '{配送}', keywords = '{配送,慢}', score = $3 WHERE org_id = $1 AND response_id = $2`, [byText.get(text), scores[i]]);
    }
    const voice = (await send(g.org.adminKey, 'GET', `/api/v1/committee/meetings/${meetingId}/customer-voice`)).json();
    expect(voice.verbatims.length).toBe(3);
    const [first] = voice.verbatims;
    expect(first).toMatchObject({ topic: '配送', topicSize: 5, topicMedianScore: -0.42, responseId: byText.get(texts[0]!) });
    expect(voice.verbatims.map((v: { responseId: string }) => v.responseId)).not.toContain(byText.get(texts[3]!));
    const masked = voice.verbatims.find((v: { responseId: string }) => v.responseId === byText.get(texts[1]!));
    expect(masked.text).toContain('[电话]');
    expect(masked.text).not.toContain('13812345678');

    // A manager of another store hears none of these.
    const other = (await send(g.otherManager.key, 'GET', `/api/v1/committee/meetings/${meetingId}/customer-voice`)).json();
    expect(other.verbatims).toEqual([]);
  });
});
