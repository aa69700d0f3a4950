/**
 * A second demo survey that shows survey logic: three pages, questions shown
 * only on earlier answers, titles piping the serving employee and the store.
 * Completed answers (from past store checkouts) come through the batch path;
 * a few respondents stopped part way, saved as partial responses through the
 * public path, so the builder's drop-off card shows where people leave.
 */
import type { Question } from '../../contracts/surveys.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { ingestBatch, submitPublicResponse } from '../modules/responses/index.ts';
import { issueLink } from '../modules/surveys/index.ts';
import { mulberry32 } from './demo-random.ts';

export const DEMO_LOGIC_SURVEY_NAME = '到店体验（分页与逻辑）/ Store visit (pages and logic)';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const option = (value: string, zh: string, en: string) => ({ value, label: t(zh, en) });

export const DEMO_LOGIC_QUESTIONS: Question[] = [
  { key: 'nps', type: 'nps', required: true, title: t('您有多大可能向朋友推荐{{unit.name}}？', 'How likely are you to recommend {{unit.name}} to a friend?') },
  { key: 'csat', type: 'csat', required: true, title: t('您对{{employee.name}}这次在{{touchpoint}}的服务满意吗？', 'How satisfied were you with {{employee.name}} at {{touchpoint}}?') },
  {
    key: 'why',
    type: 'multi',
    required: true,
    page: 2,
    showIf: { question: 'nps', op: 'lte', value: 6 },
    title: t('哪些方面让您失望了？', 'What let you down?'),
    options: [option('wait', '排队等待太久', 'Waiting too long'), option('stock', '商品缺货', 'Out of stock'), option('staff', '服务态度', 'Staff attitude'), option('price', '价格', 'Price')],
  },
  {
    key: 'praise',
    type: 'text',
    required: false,
    page: 2,
    showIf: { question: 'nps', op: 'gte', value: 9 },
    title: t('{{employee.name}}哪里让您印象深刻？', 'What did {{employee.name}} do that stood out?'),
  },
  {
    key: 'callback',
    type: 'single',
    required: false,
    page: 3,
    showIf: { any: [{ question: 'why', op: 'in', value: ['staff', 'wait'] }, { question: 'csat', op: 'lte', value: 2 }] },
    title: t('需要{{unit.name}}的店长联系您吗？', 'Would you like the manager of {{unit.name}} to call you?'),
    options: [option('yes', '需要', 'Yes, please'), option('no', '不用了', 'No, thanks')],
  },
  { key: 'comment', type: 'text', required: false, page: 3, title: t('还有什么想告诉我们的吗？', 'Anything else you would like to tell us?') },
];

const PRAISE = ['结账很快，店员很热情', '帮我找到了缺的那款，很贴心', 'Very friendly and quick at the till'];
const COMMENTS = ['希望周末多开几个收银台', '整体不错', 'Keep it up'];

/** Creates the survey and its answers from the demo's store checkouts; returns how many completed and partial responses it wrote. */
export async function seedSurveyLogic(ctx: AppContext, admin: Actor): Promise<{ completed: number; partial: number }> {
  const orgId = admin.orgId;
  const rng = mulberry32(20260717);
  const now = ctx.clock.now();
  const { surveyId, checkouts } = await ctx.db.tenant(orgId, async (tx) => {
    const createdAt = new Date(now.getTime() - 20 * 86_400_000);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO surveys (org_id, name, status, current_version, created_at, updated_at) VALUES ($1, $2, 'active', 1, $3, $3) RETURNING id`,
      [orgId, DEMO_LOGIC_SURVEY_NAME, createdAt],
    );
    await tx.query(`INSERT INTO survey_versions (org_id, survey_id, version, questions, created_at) VALUES ($1, $2, 1, $3::jsonb, $4)`, [
      orgId,
      row!.id,
      JSON.stringify(DEMO_LOGIC_QUESTIONS),
      createdAt,
    ]);
    // Recent store checkouts with a serving employee: the last 40 answer the survey, the 8 before them started it.
    const rows = await tx.query<{ id: string; occurred_at: Date }>(
      `SELECT id, occurred_at FROM interactions WHERE org_id = $1 AND touchpoint = 'store_checkout' AND employee_id IS NOT NULL
         AND occurred_at < $2 ORDER BY occurred_at DESC LIMIT 48`,
      [orgId, new Date(now.getTime() - 4 * 86_400_000)],
    );
    return { surveyId: row!.id, checkouts: rows };
  });

  const completes = checkouts.slice(0, 40).map((c) => {
    const nps = Math.min(10, Math.floor(rng.next() * 11 + (rng.next() < 0.5 ? 3 : 0)));
    const csat = Math.max(1, Math.min(5, Math.round(nps / 2)));
    const answers: Record<string, unknown> = { nps, csat };
    if (nps <= 6) answers.why = rng.next() < 0.5 ? ['wait'] : ['stock', 'price'];
    if (nps >= 9 && rng.next() < 0.7) answers.praise = PRAISE[Math.floor(rng.next() * PRAISE.length)];
    if ((nps <= 6 && (answers.why as string[]).includes('wait')) || csat <= 2) answers.callback = rng.next() < 0.5 ? 'yes' : 'no';
    if (rng.next() < 0.4) answers.comment = COMMENTS[Math.floor(rng.next() * COMMENTS.length)];
    return { surveyId, interactionId: c.id, answers, lang: 'zh-CN' as const, submittedAt: new Date(c.occurred_at.getTime() + 3_600_000).toISOString() };
  });
  const written = completes.length ? await ingestBatch(ctx, admin, completes) : { created: 0, errors: [] };
  if (written.errors.length) throw new Error(`demo seed: logic survey answers refused: ${JSON.stringify(written.errors[0])}`);

  // Partial respondents on their personal links: some left after page 1, some after page 2.
  const partials: Array<Record<string, unknown>> = [{ nps: 3, csat: 2 }, { nps: 5, csat: 3, why: ['wait'] }, { nps: 9, csat: 5 }, { nps: 4, csat: 2 }, { nps: 10, csat: 5 }, { nps: 2, csat: 1, why: ['staff'] }, { nps: 7, csat: 4 }, { nps: 6, csat: 3 }];
  let partial = 0;
  for (const [i, c] of checkouts.slice(40).entries()) {
    const link = await ctx.db.tenant(orgId, (tx) => issueLink(ctx, tx, surveyId, { interactionId: c.id, channel: 'sms', lang: 'zh-CN' }));
    const saved = await submitPublicResponse(ctx, link.token, { answers: partials[i % partials.length]!, partial: true });
    if (saved.isPartial) partial += 1;
  }
  return { completed: written.created, partial };
}
