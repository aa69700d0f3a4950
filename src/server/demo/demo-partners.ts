/**
 * The demo's partners: 闪电同城 (a logistics company) does the Pudong and Tianhe home deliveries, the Hangzhou West
 * Lake store is a franchisee (attribution rules say so), and 鲜果源 supplies the fruit line. The first two have
 * months of answers (enough comments for verbatims), the supplier a handful (too few: its report explains why it
 * shows none). The courier has an active share link whose address and passcode the README prints, a reply to its
 * report and an idea filed through it, and a partner login (DEMO_PARTNER_LOGIN) that reads the same report in the web
 * app; the franchisee's first link has expired. Each has CX-fit reviews.
 */
import type { Actor } from '../platform/actor.ts';
import { DAY } from '../platform/clock.ts';
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/database.ts';
import { hashPassword, sha256 } from '../platform/secrets.ts';
import { insertUser } from '../modules/access/index.ts';
import { recordInteractions } from '../modules/odata/index.ts';
import { insertPartner, insertPartnerFit, insertPartnerReply, insertPartnerRule, insertShareLink } from '../modules/partners/index.ts';
import { createIdea } from '../modules/recognition/index.ts';
import { ingestBatch } from '../modules/responses/index.ts';
import { DEMO_SURVEY_NAME } from './demo-listening.ts';
import { DEMO_PASSWORD } from './demo-org.ts';

/**
 * The demo link's token and passcode, fixed so the README can print them: `/partner/<token>`. Only the
 * demo organisation has them; a real link's token is 256 random bits shown once.
 */
export const DEMO_PARTNER_TOKEN = 'demo-shandian-express-partner-report-2026';
export const DEMO_PARTNER_PASSCODE = 'xingchen-partner';

/** The courier's partner login (the demo password, like every demo login): its report, replies and ideas in the web app. */
export const DEMO_PARTNER_LOGIN = { email: 'shandian.partner@demo.lodestar.local', role: 'partner', name: '钱主管 · 闪电同城配送' } as const;

// A fruit supplier's few answers: below the verbatim threshold on purpose.
const FRUIT_ANSWERS: Array<{ nps: number; csat: number; comment?: string; lang: 'zh-CN' | 'en' }> = [
  { nps: 9, csat: 5, comment: '草莓很新鲜，个头也大', lang: 'zh-CN' },
  { nps: 4, csat: 2, comment: '芒果有两个已经熟过头了', lang: 'zh-CN' },
  { nps: 10, csat: 5, comment: '水果礼盒包装漂亮，送人很体面', lang: 'zh-CN' },
  { nps: 5, csat: 3, comment: '车厘子有点软，希望冷链再改进一下', lang: 'zh-CN' },
  { nps: 9, csat: 4, comment: 'The blueberries were fresh and sweet', lang: 'en' },
  { nps: 2, csat: 1, comment: '榴莲称重不准，少了一百多克', lang: 'zh-CN' },
  { nps: 8, csat: 4, lang: 'zh-CN' },
  { nps: 7, csat: 4, lang: 'zh-CN' },
];

/** Seeds the partners of a freshly created demo organisation (after its listening data). */
export async function seedPartners(ctx: AppContext, admin: Actor, unitIds: ReadonlyMap<string, string>): Promise<void> {
  const orgId = admin.orgId;
  const now = ctx.clock.now();
  const passcodeHash = await hashPassword(DEMO_PARTNER_PASSCODE);
  const ids = await ctx.db.tenant(orgId, async (tx) => {
    const courier = await insertPartner(ctx, tx, null, { name: '闪电同城配送', kind: 'logistics', externalId: 'SD-EXPRESS', contactName: '钱主管', contactEmail: 'ops@shandian.example' });
    const franchisee = await insertPartner(ctx, tx, null, { name: '杭州西湖加盟店', kind: 'franchisee', externalId: 'FR-HZ-XIHU' });
    const supplier = await insertPartner(ctx, tx, null, { name: '鲜果源供应链', kind: 'supplier', externalId: 'SUP-FRUIT' });
    await seedFitReviews(ctx, tx, admin, { courier: courier.id, franchisee: franchisee.id, supplier: supplier.id });
    // The listening seed wrote these interactions before partners existed: the rules attribute them (and their
    // answers) as they will attribute new ones. The courier does the two delivery teams' home deliveries, and
    // everything at the West Lake store is the franchisee's.
    for (const team of ['pudong-delivery', 'tianhe-delivery']) {
      await insertPartnerRule(ctx, tx, null, courier.id, { touchpoint: 'home_delivery', unitId: unitIds.get(team), applyToPast: true });
    }
    await insertPartnerRule(ctx, tx, null, franchisee.id, { unitId: unitIds.get('xihu'), applyToPast: true });
    await insertUser(ctx, tx, null, { email: DEMO_PARTNER_LOGIN.email, password: DEMO_PASSWORD, role: 'partner', partnerId: courier.id });
    await insertShareLink(ctx, tx, null, { partnerId: courier.id, tokenHash: sha256(DEMO_PARTNER_TOKEN), passcodeHash, expiresAt: new Date(now.getTime() + 180 * DAY) });
    await insertShareLink(ctx, tx, null, {
      partnerId: franchisee.id,
      tokenHash: sha256(`${DEMO_PARTNER_TOKEN}-expired`),
      passcodeHash,
      createdAt: new Date(now.getTime() - 120 * DAY),
      expiresAt: new Date(now.getTime() - 30 * DAY),
    });
    const [survey] = await tx.query<{ id: string }>(`SELECT id FROM surveys WHERE org_id = $1 AND name = $2`, [orgId, DEMO_SURVEY_NAME]);
    const customers = await tx.query<{ id: string }>(`SELECT id FROM customers WHERE org_id = $1 ORDER BY external_id LIMIT $2`, [orgId, FRUIT_ANSWERS.length]);
    // The Nanshan store's front desk hands over the fruit orders placed in the mini program.
    const [clerk] = await tx.query<{ id: string }>(`SELECT id FROM employees WHERE org_id = $1 AND email = 'feng-xin@demo.lodestar.local'`, [orgId]);
    return { courier: courier.id, surveyId: survey!.id, clerk: clerk!.id, customers: customers.map((c) => c.id) };
  });

  // The supplier's answers go the ordinary way: interactions naming the partner, answers inheriting it.
  // Each is over a week old, so the survey trigger invites nobody for them.
  const at = (i: number) => new Date(now.getTime() - (9 + 6 * i) * DAY);
  const outcome = await ctx.db.tenant(orgId, (tx) =>
    recordInteractions(
      ctx,
      tx,
      FRUIT_ANSWERS.map((_, i) => ({
        externalId: `DEMO-FRUIT-${i + 1}`,
        customerId: ids.customers[i % ids.customers.length],
        type: 'purchase',
        channel: 'mini_program',
        touchpoint: 'mini_program',
        partnerExternalId: 'SUP-FRUIT',
        unitId: unitIds.get('nanshan'),
        employeeId: ids.clerk,
        occurredAt: at(i).toISOString(),
      })),
    ),
  );
  const answered = await ingestBatch(
    ctx,
    admin,
    FRUIT_ANSWERS.map((a, i) => ({
      surveyId: ids.surveyId,
      interactionId: outcome.ids[i],
      lang: a.lang,
      submittedAt: new Date(at(i).getTime() + 3 * 3_600_000).toISOString(),
      answers: { nps: a.nps, csat: a.csat, ...(a.comment ? { comment: a.comment } : {}) },
    })),
  );
  if (outcome.errors.length || answered.errors.length) throw new Error(`demo seed: partner answers refused: ${JSON.stringify([outcome.errors, answered.errors])}`);

  const [link] = await ctx.db.tenant(orgId, (tx) => tx.query<{ id: string }>(`SELECT id FROM partner_share_links WHERE org_id = $1 AND token_hash = $2`, [orgId, sha256(DEMO_PARTNER_TOKEN)]));
  // The courier's people read their report through the link, said what they will change and filed an idea.
  await ctx.db.tenant(orgId, (tx) =>
    insertPartnerReply(ctx, tx, ids.courier, { kind: 'link', id: link!.id }, {
      days: 90,
      body: '我们看到傍晚写字楼订单送达偏晚、雨天外包装受潮两类问题。下月起：17:00 前优先派送写字楼订单；雨天每单加防水袋；每周把差评单号发给站长复盘。',
    }),
  );
  await createIdea(ctx, { orgId, kind: 'share_link', id: link!.id, role: 'partner', employeeId: null, partnerId: ids.courier }, {
    title: '晚高峰前优先派送写字楼订单',
    body: '报告里多条留言提到下午送达太晚。我们计划在 17:00 前优先派送写字楼订单，并为雨天配备防水袋。',
  });
}

/**
 * CX-fit reviews: the courier was weak a quarter ago and is strong now that it answers its reports; the franchisee
 * is fair; the supplier, which shares no feedback yet, is weak.
 */
async function seedFitReviews(ctx: AppContext, tx: Tx, admin: Actor, partners: { courier: string; franchisee: string; supplier: string }) {
  const daysAgo = (n: number) => new Date(ctx.clock.now().getTime() - n * DAY);
  await insertPartnerFit(ctx, tx, admin, partners.courier, { answers: { vision: 3, feedback: 2, speed: 2, frontline: 3, measurement: 3 }, note: '配送时效问题多，尚未共享投诉记录' }, daysAgo(95));
  await insertPartnerFit(ctx, tx, admin, partners.courier, { answers: { vision: 4, feedback: 5, speed: 4, frontline: 4, measurement: 5 }, note: '每月回应报告，开放了签收数据' }, daysAgo(6));
  await insertPartnerFit(ctx, tx, admin, partners.franchisee, { answers: { vision: 4, feedback: 3, speed: 3, frontline: 4, measurement: 3 } }, daysAgo(40));
  await insertPartnerFit(ctx, tx, admin, partners.supplier, { answers: { vision: 3, feedback: 1, speed: 2, frontline: 2, measurement: 2 }, note: '不共享退货原因' }, daysAgo(20));
}
