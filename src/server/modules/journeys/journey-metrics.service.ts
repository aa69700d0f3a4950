/**
 * A journey's figures for a period: each moment's NPS, sentiment and praise,
 * each routine touchpoint's CES, resolution time and repeat-contact rate, each
 * against its class's target, and per stage the pooled NPS and sentiment (the
 * emotion curve). Scores, sentiment, praise and resolution time come from the
 * metrics API (rollups, the caller's data scope); repeat contacts from the
 * interactions here, since no metric offers them.
 */
import { JOURNEY_MIN_N, REPEAT_CONTACT_DAYS, type JourneyMetrics, type JourneyPeriodQuery, type JourneyTargets, type TouchpointMetrics } from '../../../contracts/journeys.ts';
import type { MetricName, MetricRow } from '../../../contracts/metrics.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { getMetric } from '../metrics/index.ts';
import { interactionScope, resolvePeriod, type Period } from './journey-period.ts';
import { cardStatus, judge } from './journey-targets.ts';
import { findJourney, toJourney } from './journeys.service.ts';

type Raw = { value: number | null; n: number };
const EMPTY: Raw = { value: null, n: 0 };
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** `GET /journeys/:id/metrics`: every touchpoint's measures against target, and the emotion curve per stage. */
export async function getJourneyMetrics(ctx: AppContext, actor: Actor, id: string, q: JourneyPeriodQuery): Promise<JourneyMetrics> {
  authorize(actor, 'journey.read');
  const { journey, period, repeats } = await ctx.db.tenant(actor.orgId, async (tx) => {
    const journey = toJourney(await findJourney(tx, actor.orgId, id));
    const period = await resolvePeriod(tx, actor.orgId, q, ctx.clock.now());
    const routine = journey.stages.flatMap((s) => s.touchpoints.filter((t) => t.kind === 'routine').map((t) => t.touchpoint));
    const repeats = await repeatContactRates(tx, actor, routine, period, ctx.clock.now());
    return { journey, period, repeats };
  });
  const query = { from: period.from.toISOString(), to: period.to.toISOString(), groupBy: 'touchpoint' as const };
  const names: MetricName[] = ['nps', 'sentiment', 'praise', 'ces', 'resolution_time'];
  const results = await Promise.all(names.map((m) => getMetric(ctx, actor, m, query)));
  const byTouchpoint = new Map(names.map((m, i) => [m, new Map(results[i]!.rows.map((r) => [r.key, r]))]));
  const rowOf = (m: MetricName, tp: string): MetricRow | undefined => byTouchpoint.get(m)!.get(tp);
  const raw = (m: MetricName, tp: string): Raw => {
    const r = rowOf(m, tp);
    return r ? { value: r.value, n: r.n } : EMPTY;
  };
  const t: JourneyTargets = journey.targets;

  return {
    journeyId: journey.id,
    from: query.from,
    to: query.to,
    minN: JOURNEY_MIN_N,
    repeatContactDays: REPEAT_CONTACT_DAYS,
    targets: t,
    stages: journey.stages.map((stage) => {
      const touchpoints: TouchpointMetrics[] = stage.touchpoints.map(({ touchpoint, kind }) => {
        if (kind === 'moment') {
          const nps = judge('nps', raw('nps', touchpoint), t);
          // praise: value = praising comments, n = analysed comments
          const measures = { nps, sentiment: judge('sentiment', raw('sentiment', touchpoint), t), praise: judge('praise', raw('praise', touchpoint), t) };
          return { touchpoint, kind, status: cardStatus(nps, Object.values(measures)), measures };
        }
        const ces = judge('ces', raw('ces', touchpoint), t);
        const measures = {
          ces,
          resolution_time: judge('resolution_time', raw('resolution_time', touchpoint), t),
          repeat_contact_rate: judge('repeat_contact_rate', repeats.get(touchpoint) ?? EMPTY, t),
        };
        return { touchpoint, kind, status: cardStatus(ces, Object.values(measures)), measures };
      });
      const rows = (m: MetricName) => stage.touchpoints.map((tp) => rowOf(m, tp.touchpoint)).filter((r): r is MetricRow => !!r);
      return {
        key: stage.key,
        emotion: { nps: judge(null, pooledNps(rows('nps')), t), sentiment: judge(null, pooledMean(rows('sentiment')), t) },
        touchpoints,
      };
    }),
  };
}

/** NPS over several touchpoints' answers together, from their promoter and detractor counts. */
function pooledNps(rows: MetricRow[]): Raw {
  let n = 0;
  let net = 0;
  for (const r of rows) {
    n += r.n;
    net += (r.promoters ?? 0) - (r.detractors ?? 0);
  }
  return { value: n ? round((100 * net) / n) : null, n };
}

/** A mean over several touchpoints, weighted by their observations. */
function pooledMean(rows: MetricRow[]): Raw {
  let n = 0;
  let sum = 0;
  for (const r of rows) {
    if (r.value === null) continue;
    n += r.n;
    sum += r.value * r.n;
  }
  return { value: n ? round(sum / n) : null, n };
}

/**
 * Repeat-contact rate per touchpoint, in %: of the touchpoint's interactions in
 * the period (within the caller's scope), the share after which the same
 * customer had another interaction at the same touchpoint within
 * REPEAT_CONTACT_DAYS (anywhere: the customer came back for the same thing,
 * whichever unit served them then). An interaction whose window is not over
 * yet is left out, since it could still be followed.
 */
export async function repeatContactRates(tx: Queryable, actor: Actor, touchpoints: string[], period: Period, now: Date): Promise<Map<string, Raw>> {
  const out = new Map<string, Raw>();
  if (!touchpoints.length) return out;
  const windowOver = new Date(Math.min(period.to.getTime(), now.getTime() - REPEAT_CONTACT_DAYS * DAY + 1));
  const scope = await interactionScope(tx, actor, 6);
  if (!scope) return out;
  const rows = await tx.query<{ touchpoint: string; n: number; repeats: number }>(
    `SELECT x.touchpoint, count(*)::int AS n,
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM interactions y
               WHERE y.org_id = x.org_id AND y.customer_id = x.customer_id AND y.touchpoint = x.touchpoint
                 AND y.occurred_at > x.occurred_at AND y.occurred_at <= x.occurred_at + make_interval(days => $5)))::int AS repeats
       FROM interactions x LEFT JOIN employees e ON e.org_id = x.org_id AND e.id = x.employee_id
      WHERE x.org_id = $1 AND x.touchpoint = ANY ($2::text[]) AND x.occurred_at >= $3 AND x.occurred_at < $4 AND ${scope.where}
      GROUP BY x.touchpoint`,
    [actor.orgId, touchpoints, period.from, windowOver, REPEAT_CONTACT_DAYS, ...scope.params],
  );
  for (const r of rows) out.set(r.touchpoint, { value: r.n ? Math.round((1000 * r.repeats) / r.n) / 10 : null, n: r.n });
  return out;
}
