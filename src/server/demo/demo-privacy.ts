/**
 * The demo's privacy page has something to show: retention limits the organisation chose, and one customer who
 * asked for their data and then to be forgotten. That customer is made here (an order at the Nanshan store and a
 * comment about it), exported 12 days ago and erased 9 days ago by the real services, with the clock set back so
 * the history reads as it would have happened. Nothing of them is left but the audit entries and the scores.
 */
import type { Actor } from '../platform/actor.ts';
import { DAY, type Clock } from '../platform/clock.ts';
import type { AppContext } from '../platform/context.ts';
import { recordInteractions, upsertCustomers } from '../modules/odata/index.ts';
import { eraseInTransaction, exportCustomer, saveRetention } from '../modules/privacy/index.ts';
import { ingestBatch } from '../modules/responses/index.ts';
import { DEMO_SURVEY_NAME } from './demo-listening.ts';

/** The demo organisation's retention limits, in months. */
export const DEMO_RETENTION = { responsesMonths: 36, commentsMonths: 24, casesMonths: 24, messagesMonths: 6, sessionsMonths: 3 } as const;

const daysAgo = (clock: Clock, days: number): Clock => ({ now: () => new Date(clock.now().getTime() - days * DAY) });

export async function seedPrivacy(ctx: AppContext, admin: Actor, unitIds: ReadonlyMap<string, string>): Promise<void> {
  const orgId = admin.orgId;
  const then = (days: number): AppContext => ({ ...ctx, clock: daysAgo(ctx.clock, days) });
  await ctx.db.tenant(orgId, (tx) => saveRetention(then(30), tx, admin, DEMO_RETENTION));

  const { customerId, employeeId, surveyId } = await ctx.db.tenant(orgId, async (tx) => {
    const outcome = await upsertCustomers(ctx, tx, [{ externalId: 'DEMO-FORGET-1', name: '陆晓雯', phone: '13760001234', email: 'lu.xiaowen@example.com', segment: 'member' }]);
    const [clerk] = await tx.query<{ id: string }>(`SELECT id FROM employees WHERE org_id = $1 AND email = 'feng-xin@demo.lodestar.local'`, [orgId]);
    const [survey] = await tx.query<{ id: string }>(`SELECT id FROM surveys WHERE org_id = $1 AND name = $2`, [orgId, DEMO_SURVEY_NAME]);
    return { customerId: outcome.ids[0]!, employeeId: clerk!.id, surveyId: survey!.id };
  });
  const at = then(20).clock.now();
  const interactions = await ctx.db.tenant(orgId, (tx) =>
    recordInteractions(ctx, tx, [
      { customerId, type: 'purchase', channel: 'store', touchpoint: 'checkout', unitId: unitIds.get('nanshan'), employeeId, occurredAt: at.toISOString() },
    ]),
  );
  const answered = await ingestBatch(ctx, admin, [
    {
      surveyId,
      interactionId: interactions.ids[0],
      submittedAt: new Date(at.getTime() + 2 * 3_600_000).toISOString(),
      answers: { nps: 8, csat: 4, comment: '收银员很耐心，不过会员积分没有自动到账' },
    },
  ]);
  if (interactions.errors.length || answered.errors.length) throw new Error(`demo seed: privacy customer refused: ${JSON.stringify([interactions.errors, answered.errors])}`);

  await exportCustomer(then(12), admin, customerId);
  await ctx.db.tenant(orgId, (tx) => eraseInTransaction(then(9), tx, admin, customerId));
}
