/**
 * Seeds the demo organisation's recognition: the default points rules, a
 * bilingual reward catalogue, a co-creation challenge, ideas in every status
 * with votes (some sourced from customer feedback), a few managers' awards,
 * last month's Golden Ear and the store-manager promotion criteria. Customer
 * praise needs no seeding: the history's comments become praise (and points)
 * as the outbox analyses them after start.
 */
import type { IdeaStatus } from '../../contracts/recognition.ts';
import type { Actor, Role } from '../platform/actor.ts';
import { DAY, type Clock } from '../platform/clock.ts';
import type { AppContext } from '../platform/context.ts';
import {
  awardPoints,
  changeIdeaStatus,
  createChallenge,
  createIdea,
  DEFAULT_POINTS_RULES,
  grantGoldenEar,
  insertReward,
  putPromotionCriteria,
  savePointsRules,
  voteForIdea,
} from '../modules/recognition/index.ts';

export interface RecognisingCounts {
  ideas: number;
  rewards: number;
}

const REWARDS = [
  { name: '带薪休假一天', nameEn: 'A day of paid leave', description: '与经理商定日期', descriptionEn: 'Agree the date with your manager', kind: 'leave', cost: 300 },
  { name: '客户体验培训课程', nameEn: 'Customer experience training course', description: '外部认证课程一门', descriptionEn: 'One external certified course', kind: 'training', cost: 200 },
  { name: '创新基金', nameEn: 'Innovation fund', description: '最高 2000 元，用于试点你的改进创意', descriptionEn: 'Up to 2,000 CNY to pilot your improvement idea', kind: 'innovation_fund', cost: 500 },
  { name: '星辰定制保温杯', nameEn: 'Xingchen insulated mug', description: '', descriptionEn: '', kind: 'gift', cost: 60 },
] as const;

interface DemoIdea {
  author: string;
  title: string;
  body: string;
  /** The statuses it passes through, in order. */
  path: IdeaStatus[];
  voters: string[];
  fromFeedback?: boolean;
  challenge?: boolean;
  /** Days ago it was written (reviews follow two days apart); `lastMonth` counts from the 12th of last month, for the Golden Ear. */
  daysAgo: number;
  lastMonth?: boolean;
}

const IDEAS: DemoIdea[] = [
  { author: 'zhang-wei', title: '雨天配送给餐品加防水袋', body: '好几位顾客反映雨天外卖被淋湿，建议配送箱常备一次性防水袋。', path: ['under_review', 'accepted', 'in_progress', 'implemented'], voters: ['wang-fang', 'li-na', 'liu-yang', 'chen', 'wu-lei'], fromFeedback: true, daysAgo: 4, lastMonth: true },
  { author: 'wang-fang', title: '收银高峰期开放自助结账', body: '周末晚上排队超过 15 分钟，客户抱怨最多。', path: ['under_review', 'accepted'], voters: ['li-na', 'zhang-wei', 'chen'], fromFeedback: true, daysAgo: 3, lastMonth: true },
  { author: 'zhang-wei', title: '送达前 10 分钟短信提醒', body: '客户常常不在家，提前提醒可以减少二次配送。', path: ['accepted', 'in_progress'], voters: ['liu-yang', 'zheng-hao', 'wu-lei', 'sun'], fromFeedback: true, daysAgo: 2, lastMonth: true },
  { author: 'zhao-min', title: 'Offer English receipts on request', body: 'Several expat customers asked for receipts in English.', path: ['under_review'], voters: ['ma-li'], daysAgo: 12 },
  { author: 'li-na', title: '会员生日送小蛋糕', body: '', path: ['declined'], voters: ['wang-fang'], daysAgo: 20 },
  { author: 'liu-yang', title: '雨天配送时效放宽并主动告知', body: '与其超时被投诉，不如下单时就告诉客户预计时间。', path: [], voters: ['zhang-wei', 'wu-lei'], challenge: true, daysAgo: 2 },
  { author: 'wu-lei', title: '电动车加装雨棚，保护货品', body: '', path: [], voters: ['zheng-hao'], challenge: true, daysAgo: 1 },
];

/** Writes the catalogue, ideas, awards and criteria; `employeeIds` maps the demo's employee keys to their ids. */
export async function seedRecognising(ctx: AppContext, orgId: string, employeeIds: Map<string, string>): Promise<RecognisingCounts> {
  const base = ctx.clock.now().getTime();
  const at = (daysAgo: number): AppContext => ({ ...ctx, clock: { now: () => new Date(base - daysAgo * DAY) } satisfies Clock });
  const person = (key: string, role: Role = 'employee'): Actor => ({ orgId, kind: 'api_key', id: `demo-${key}`, role, employeeId: employeeIds.get(key)! });
  const admin = person('lin', 'admin');
  const now = new Date(base);
  const lastMonthDaysAgo = (base - Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 12)) / DAY;

  await ctx.db.tenant(orgId, async (tx) => {
    await savePointsRules(ctx, tx, null, DEFAULT_POINTS_RULES);
    for (const r of REWARDS) await insertReward(ctx, tx, null, { ...r, active: true });
  });
  const challenge = await createChallenge(at(5), admin, {
    theme: '让雨天配送更贴心',
    description: '雨天是投诉高峰。两周内征集让客户在雨天也安心收货的办法。',
    deadline: new Date(base + 14 * DAY).toISOString(),
  });

  for (const idea of IDEAS) {
    const daysAgo = idea.daysAgo + (idea.lastMonth ? lastMonthDaysAgo : 0);
    const author = person(idea.author);
    const [feedback] = idea.fromFeedback
      ? await ctx.db.tenant(orgId, (tx) =>
          // The unhappy customer who inspired it: answered before the idea, with words to learn from where there are some.
          tx.query<{ id: string }>(
            `SELECT id FROM responses WHERE org_id = $1 AND employee_id = $2 AND nps <= 6 AND submitted_at < $3
              ORDER BY (comment IS NOT NULL) DESC, submitted_at DESC LIMIT 1`,
            [orgId, author.employeeId, new Date(base - daysAgo * DAY)],
          ),
        )
      : [];
    const created = await createIdea(at(daysAgo), author, {
      title: idea.title,
      body: idea.body,
      responseId: feedback?.id,
      challengeId: idea.challenge ? challenge.id : undefined,
    });
    for (const voter of idea.voters) await voteForIdea(at(daysAgo - 0.5), person(voter), created.id);
    let day = daysAgo;
    for (const status of idea.path) {
      day -= 2;
      await changeIdeaStatus(at(Math.max(day, 0.2)), person('chen', 'manager'), created.id, { status });
    }
  }

  const chen = person('chen', 'manager');
  await awardPoints(at(6), chen, { employeeId: employeeIds.get('wang-fang')!, points: 30, reason: '下班后专程为顾客送回遗失的钱包' });
  await awardPoints(at(3), chen, { employeeId: employeeIds.get('zhang-wei')!, points: 20, reason: '暴雨天坚持把药品准时送到独居老人家' });
  await awardPoints(at(1), person('zhou', 'manager'), { employeeId: employeeIds.get('chen')!, points: 50, reason: '徐汇门店本月净推荐值全区第一' });

  await ctx.db.tenant(orgId, (tx) => grantGoldenEar(ctx, tx, null));
  const [storeManager] = await ctx.db.tenant(orgId, (tx) => tx.query<{ id: string }>(`SELECT id FROM positions WHERE org_id = $1 AND name = '门店经理'`, [orgId]));
  if (storeManager) await putPromotionCriteria(ctx, admin, storeManager.id, { minImplementedIdeas: 1, minNps: 40, minResponses: 20, minPraise: 3 });
  return { ideas: IDEAS.length, rewards: REWARDS.length };
}
