/**
 * Seeds the demo organisation's listening data: customers and interactions
 * through the O-data module, one active bilingual survey, and responses joined
 * to the interactions through the responses module's batch path.
 */
import type { Question } from '../../contracts/surveys.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { recordInteractions, upsertCustomers } from '../modules/odata/index.ts';
import { ingestBatch } from '../modules/responses/index.ts';
import { createTrigger } from '../modules/surveys/index.ts';
import { demoCounts, HISTORY_DAYS, makeAnswers, makeCustomers, makeInteractions, type DemoSize } from './demo-model.ts';
import { mulberry32 } from './demo-random.ts';

export const DEMO_SURVEY_NAME = '服务体验回访 / Service follow-up';

const DEMO_QUESTIONS: Question[] = [
  { key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '您有多大可能向朋友推荐星辰零售？', en: 'How likely are you to recommend Xingchen Retail to a friend?' } },
  { key: 'csat', type: 'csat', required: false, title: { 'zh-CN': '您对这次服务满意吗？', en: 'How satisfied were you with this service?' } },
  {
    key: 'ces',
    type: 'ces',
    required: false,
    title: { 'zh-CN': '这次办理有多轻松？（1 很费劲，7 很轻松）', en: 'How easy was it to get what you needed? (1 very hard, 7 very easy)' },
  },
  {
    key: 'touchpoint',
    type: 'single',
    required: false,
    title: { 'zh-CN': '您这次是通过哪种方式接受服务的？', en: 'How were you served this time?' },
    options: [
      { value: 'store_checkout', label: { 'zh-CN': '门店收银', en: 'Store checkout' } },
      { value: 'home_delivery', label: { 'zh-CN': '配送上门', en: 'Home delivery' } },
      { value: 'hotline', label: { 'zh-CN': '客服热线', en: 'Customer hotline' } },
      { value: 'mini_program', label: { 'zh-CN': '小程序', en: 'Mini program' } },
    ],
  },
  { key: 'comment', type: 'text', required: false, title: { 'zh-CN': '还有什么想告诉我们的吗？', en: 'Anything else you would like to tell us?' } },
];

export interface ListeningCounts {
  customers: number;
  interactions: number;
  surveys: number;
  responses: number;
}

const CHUNK = 1000;
const chunks = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

function failIfRefused(what: string, outcome: { errors: Array<{ index: number }> } & Record<string, unknown>): void {
  if (outcome.errors.length) throw new Error(`demo seed: ${outcome.errors.length} ${what} refused: ${JSON.stringify(outcome.errors[0])}`);
}

/**
 * Writes the listening data for a freshly created demo organisation. `admin`
 * acts for the writes that need an actor; `employeeIds` maps the demo's
 * employee keys to their ids. Deterministic for a given clock time and size.
 */
export async function seedListening(
  ctx: AppContext,
  admin: Actor,
  employeeIds: Map<string, string>,
  size: DemoSize = 'small',
): Promise<ListeningCounts> {
  const rng = mulberry32(20260105);
  const now = ctx.clock.now();
  const counts = demoCounts(size);
  const customers = makeCustomers(rng, counts.customers);
  const interactions = makeInteractions(rng, customers, counts.interactions, now);
  const answers = makeAnswers(rng, customers, interactions, now);
  const orgId = admin.orgId;

  const customerIds: string[] = [];
  for (const part of chunks(customers)) {
    const items = part.map(({ effect: _effect, ...c }) => c);
    const outcome = await ctx.db.tenant(orgId, (tx) => upsertCustomers(ctx, tx, items));
    failIfRefused('customers', { ...outcome });
    customerIds.push(...outcome.ids.map((id) => id!));
  }

  const interactionIds: string[] = [];
  for (const part of chunks(interactions)) {
    const items = part.map((it) => ({
      externalId: it.externalId,
      customerId: customerIds[it.customer],
      type: it.type,
      channel: it.channel,
      touchpoint: it.touchpoint,
      employeeId: employeeIds.get(it.employeeKey),
      amount: it.amount,
      occurredAt: it.occurredAt.toISOString(),
      resolvedFirstContact: it.resolvedFirstContact,
      resolutionMinutes: it.resolutionMinutes,
      converted: it.converted,
      churned: it.churned,
    }));
    const outcome = await ctx.db.tenant(orgId, (tx) => recordInteractions(ctx, tx, items));
    failIfRefused('interactions', { ...outcome });
    interactionIds.push(...outcome.ids.map((id) => id!));
  }

  const surveyId = await createDemoSurvey(ctx, orgId, new Date(now.getTime() - (HISTORY_DAYS + 7) * 86_400_000));

  let responses = 0;
  for (const part of chunks(answers)) {
    const items = part.map((a) => ({
      surveyId,
      interactionId: interactionIds[a.interaction],
      answers: a.answers,
      submittedAt: a.submittedAt.toISOString(),
      lang: a.lang,
    }));
    const result = await ingestBatch(ctx, admin, items);
    failIfRefused('responses', { ...result });
    responses += result.created;
  }
  // Yesterday's most touching praise: the random history may leave a day without any, and the praise wall
  // and every workbench open each morning with one. It answers one of Wang Fang's unanswered checkouts, so it
  // joins its interaction (unit, channel, outcomes) like every other answer.
  const answered = new Set(answers.map((a) => a.interaction));
  const yesterday = now.getTime() - 86_400_000;
  let served = -1;
  interactions.forEach((it, i) => {
    const isCandidate = !answered.has(i) && it.employeeKey === 'wang-fang' && it.occurredAt.getTime() < yesterday - 3_600_000;
    if (isCandidate && (served < 0 || it.occurredAt > interactions[served]!.occurredAt)) served = i;
  });
  if (served >= 0) {
    const touching = await ingestBatch(ctx, admin, [{
      surveyId,
      interactionId: interactionIds[served],
      lang: 'zh-CN',
      submittedAt: new Date(yesterday).toISOString(),
      answers: {
        nps: 10,
        csat: 5,
        comment: '我妈妈腿脚不方便，王芳不但帮她把东西一件件装好，还一路扶她上了出租车，叮嘱司机慢点开。真的非常感谢，这样暖心的服务让我们全家都很感动！',
      },
    }]);
    failIfRefused('responses', { ...touching });
    responses += touching.created;
  }
  // From now on every home delivery invites its customer by SMS (the history above stays as it was).
  await createTrigger(ctx, admin, { surveyId, interactionType: 'delivery', touchpoint: null, channel: 'sms', lang: 'zh-CN', enabled: true });
  return { customers: customerIds.length, interactions: interactionIds.length, surveys: 1, responses };
}

/**
 * The surveys module exports no create function for other modules, so the demo
 * writes the survey and its version 1 the way `createSurvey` does (dated before
 * the first interaction, so its history reads naturally).
 */
async function createDemoSurvey(ctx: AppContext, orgId: string, createdAt: Date): Promise<string> {
  return ctx.db.tenant(orgId, async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO surveys (org_id, name, status, current_version, created_at, updated_at) VALUES ($1, $2, 'active', 1, $3, $3) RETURNING id`,
      [orgId, DEMO_SURVEY_NAME, createdAt],
    );
    await tx.query(`INSERT INTO survey_versions (org_id, survey_id, version, questions, created_at) VALUES ($1, $2, 1, $3::jsonb, $4)`, [
      orgId,
      row!.id,
      JSON.stringify(DEMO_QUESTIONS),
      createdAt,
    ]);
    return row!.id;
  });
}
