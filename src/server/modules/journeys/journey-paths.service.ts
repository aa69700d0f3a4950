/**
 * How customers move through a journey's stages, from their interactions (O-data).
 *
 * Each interaction at one of the journey's touchpoints places its customer at
 * that touchpoint's stage. Per customer, in time order, only steps forward
 * count: a stage the customer already reached or passed (a repeat, or a move
 * back, like calling the hotline again after delivery) adds nothing, so every
 * path is a strictly increasing run of stages. That keeps the flow acyclic (a
 * Sankey diagram needs it) and makes "reached" mean reached at least once.
 * A customer drops off after the last stage they reached; after the journey's
 * final stage that is completion. Stages may be skipped (order → after-sales).
 */
import type { JourneyPaths, JourneyPeriodQuery } from '../../../contracts/journeys.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { interactionScope, resolvePeriod } from './journey-period.ts';
import { findJourney, toJourney } from './journeys.service.ts';

/** `GET /journeys/:id/paths`: customers per stage, transitions between stages and drop-off, in the period and the caller's scope. */
export function getJourneyPaths(ctx: AppContext, actor: Actor, id: string, q: JourneyPeriodQuery): Promise<JourneyPaths> {
  authorize(actor, 'journey.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const journey = toJourney(await findJourney(tx, actor.orgId, id));
    const period = await resolvePeriod(tx, actor.orgId, q, ctx.clock.now());
    const keys = journey.stages.map((s) => s.key);
    const touchpoints: string[] = [];
    const stageIndex: number[] = [];
    journey.stages.forEach((s, i) => s.touchpoints.forEach((tp) => (touchpoints.push(tp.touchpoint), stageIndex.push(i))));
    const result: JourneyPaths = {
      journeyId: journey.id,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      customers: 0,
      stages: keys.map((key) => ({ key, reached: 0, enteredHere: 0, droppedAfter: 0 })),
      transitions: [],
    };
    const scope = await interactionScope(tx, actor, 6);
    if (!scope || !touchpoints.length) return result;
    // One statement whatever the number of customers: the running maximum keeps only forward steps,
    // lead() pairs each with the customer's next, and the first step is where they entered.
    const rows = await tx.query<{ stage: number; next: number | null; is_first: boolean; customers: number }>(
      `WITH map AS (SELECT * FROM unnest($2::text[], $3::int[]) AS m(touchpoint, stage)),
       visits AS (
         SELECT x.customer_id, x.occurred_at, x.id, map.stage,
                max(map.stage) OVER (PARTITION BY x.customer_id ORDER BY x.occurred_at, x.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS furthest
           FROM interactions x
           JOIN map ON map.touchpoint = x.touchpoint
           LEFT JOIN employees e ON e.org_id = x.org_id AND e.id = x.employee_id
          WHERE x.org_id = $1 AND x.customer_id IS NOT NULL AND x.occurred_at >= $4 AND x.occurred_at < $5 AND ${scope.where}),
       forward AS (
         SELECT customer_id, stage, furthest IS NULL AS is_first,
                lead(stage) OVER (PARTITION BY customer_id ORDER BY occurred_at, id) AS next
           FROM visits WHERE furthest IS NULL OR stage > furthest)
       SELECT stage, next, is_first, count(*)::int AS customers FROM forward GROUP BY 1, 2, 3`,
      [actor.orgId, touchpoints, stageIndex, period.from, period.to, ...scope.params],
    );
    const transitions = new Map<string, number>();
    for (const r of rows) {
      const stage = result.stages[r.stage]!;
      stage.reached += r.customers;
      if (r.is_first) {
        stage.enteredHere += r.customers;
        result.customers += r.customers;
      }
      if (r.next === null) stage.droppedAfter += r.customers;
      else transitions.set(`${r.stage}>${r.next}`, (transitions.get(`${r.stage}>${r.next}`) ?? 0) + r.customers);
    }
    result.transitions = [...transitions]
      .map(([pair, customers]) => {
        const [a, b] = pair.split('>').map(Number);
        return { from: keys[a!]!, to: keys[b!]!, customers, order: a! * 100 + b! };
      })
      .sort((x, y) => x.order - y.order)
      .map(({ order: _order, ...t }) => t);
    return result;
  });
}
