/**
 * Rituals: leaderboards (points earned, praise received) by period, and the
 * monthly Golden Ear award to the employee who best captured the customer's
 * voice, chosen once per month by a job (or on demand by an admin).
 */
import type { Award, Leaderboard, PointsRules } from '../../../contracts/recognition.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { conflict } from '../../platform/errors.ts';
import { publish } from '../../platform/events/index.ts';
import { rulesOf } from './points-rules.service.ts';
import { periodStart } from './recognition.scope.ts';

/** Earned points of a ledger row `l` (awards count, spending does not; a reversal takes its award back); `o` is the reversed entry. */
const EARNED = `CASE WHEN l.source_type IN ('praise', 'idea_accepted', 'case_resolved', 'manual') THEN l.delta
  WHEN l.source_type = 'reversal' AND o.source_type IN ('praise', 'idea_accepted', 'case_resolved', 'manual') THEN l.delta ELSE 0 END`;
const LEDGER_WITH_REVERSED = `points_ledger l LEFT JOIN points_ledger o
  ON l.source_type = 'reversal' AND o.org_id = l.org_id AND o.id = (CASE WHEN l.source_type = 'reversal' THEN l.source_id::bigint END)`;

/** The top people by points earned or praise received this month, quarter, year or ever (organisation time); every employee sees it. */
export async function getLeaderboard(
  ctx: AppContext,
  actor: Actor,
  query: { kind: 'points' | 'praise'; period: 'month' | 'quarter' | 'year' | 'all'; limit: number },
): Promise<Leaderboard> {
  authorize(actor, 'recognition.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const from = await periodStart(tx, actor.orgId, ctx.clock.now(), query.period);
    const totals =
      query.kind === 'points'
        ? `SELECT l.employee_id, sum(${EARNED})::int AS value FROM ${LEDGER_WITH_REVERSED}
            WHERE l.org_id = $1 AND ($2::timestamptz IS NULL OR l.at >= $2) GROUP BY l.employee_id`
        : `SELECT p.employee_id, count(*)::int AS value FROM praise p
            WHERE p.org_id = $1 AND p.employee_id IS NOT NULL AND ($2::timestamptz IS NULL OR p.submitted_at >= $2) GROUP BY p.employee_id`;
    const rows = await tx.query<{ employee_id: string; employee_name: string; unit_name: string | null; value: number }>(
      `SELECT t.employee_id, e.name AS employee_name, u.name AS unit_name, t.value FROM (${totals}) t
         JOIN employees e ON e.org_id = $1 AND e.id = t.employee_id LEFT JOIN units u ON u.org_id = $1 AND u.id = e.unit_id
        WHERE t.value > 0 ORDER BY t.value DESC, e.name, t.employee_id LIMIT $3`,
      [actor.orgId, from, query.limit],
    );
    let rank = 0;
    let previous: number | null = null;
    return {
      kind: query.kind,
      period: query.period,
      from: from?.toISOString() ?? null,
      rows: rows.map((r, i) => {
        if (r.value !== previous) rank = i + 1;
        previous = r.value;
        return { rank, employeeId: r.employee_id, employeeName: r.employee_name, unitName: r.unit_name, value: r.value };
      }),
    };
  });
}

interface AwardRow {
  id: string;
  kind: Award['kind'];
  period: string;
  employee_id: string | null;
  employee_name: string | null;
  unit_id: string | null;
  unit_name: string | null;
  reason: Record<string, unknown>;
  created_at: Date;
}

/** Every award, newest period first (the awards history). */
export async function listAwards(ctx: AppContext, actor: Actor): Promise<{ items: Award[] }> {
  authorize(actor, 'recognition.read');
  const rows = await ctx.db.tenant(actor.orgId, (tx) =>
    tx.query<AwardRow>(
      `SELECT a.*, e.name AS employee_name, u.name AS unit_name FROM awards a
         LEFT JOIN employees e ON e.org_id = a.org_id AND e.id = a.employee_id LEFT JOIN units u ON u.org_id = a.org_id AND u.id = a.unit_id
        WHERE a.org_id = $1 ORDER BY a.period DESC, a.created_at DESC LIMIT 200`,
      [actor.orgId],
    ),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      period: r.period,
      employeeId: r.employee_id,
      employeeName: r.employee_name,
      unitId: r.unit_id,
      unitName: r.unit_name,
      reason: r.reason,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}

/** Scores for the Golden Ear in one local month [from, to): the rule's measure per employee, best first. */
async function goldenEarScores(tx: Tx, rule: PointsRules['goldenEarRule'], from: Date, to: Date) {
  const orgId = tx.orgId!;
  const sql = {
    // An accepted idea sourced from customer feedback (linked to a response or case) counts 2, any other accepted idea 1.
    customer_ideas: `SELECT author_employee_id AS employee_id, sum(CASE WHEN response_id IS NOT NULL OR case_id IS NOT NULL THEN 2 ELSE 1 END)::int AS score,
        count(*) FILTER (WHERE response_id IS NOT NULL OR case_id IS NOT NULL)::int AS from_feedback, count(*)::int AS accepted
      FROM ideas WHERE org_id = $1 AND author_employee_id IS NOT NULL AND accepted_at >= $2 AND accepted_at < $3 GROUP BY 1`,
    praise: `SELECT employee_id, count(*)::int AS score FROM praise WHERE org_id = $1 AND employee_id IS NOT NULL AND submitted_at >= $2 AND submitted_at < $3 GROUP BY 1`,
    points: `SELECT l.employee_id, sum(${EARNED})::int AS score FROM ${LEDGER_WITH_REVERSED} WHERE l.org_id = $1 AND l.at >= $2 AND l.at < $3 GROUP BY 1`,
  }[rule];
  return tx.query<{ employee_id: string; name: string; score: number; praise: number } & Record<string, unknown>>(
    `SELECT s.*, e.name, (SELECT count(*)::int FROM praise p WHERE p.org_id = $1 AND p.employee_id = s.employee_id AND p.submitted_at >= $2 AND p.submitted_at < $3) AS praise
       FROM (${sql}) s JOIN employees e ON e.org_id = $1 AND e.id = s.employee_id
      WHERE s.score > 0 ORDER BY s.score DESC, praise DESC, e.name, s.employee_id LIMIT 5`,
    [orgId, from, to],
  );
}

/** `YYYY-MM` of the month before `now` in the organisation's time zone, with its bounds. */
async function previousMonth(tx: Tx, now: Date, period?: string) {
  const [row] = await tx.query<{ period: string; from: Date; to: Date }>(
    `WITH m AS (
       SELECT o.time_zone AS tz, coalesce(to_date($3, 'YYYY-MM')::timestamp, date_trunc('month', $2::timestamptz AT TIME ZONE o.time_zone) - interval '1 month') AS start
         FROM organisations o WHERE o.id = $1)
     SELECT to_char(m.start, 'YYYY-MM') AS period, m.start AT TIME ZONE m.tz AS "from", (m.start + interval '1 month') AT TIME ZONE m.tz AS "to" FROM m`,
    [tx.orgId, now, period ?? null],
  );
  return { period: row!.period, from: new Date(row!.from), to: new Date(row!.to) };
}

/**
 * Grants one month's Golden Ear (last month by default) unless it has been granted;
 * returns the award, or null when nobody scored. The unique index keeps it one per month.
 */
export async function grantGoldenEar(ctx: AppContext, tx: Tx, actor: Actor | null, period?: string): Promise<string | null> {
  const month = await previousMonth(tx, ctx.clock.now(), period);
  if (month.to > ctx.clock.now()) throw conflict('period_not_over', `${month.period} is not over yet`);
  const rules = await rulesOf(tx, tx.orgId!);
  const [winner, ...runnersUp] = await goldenEarScores(tx, rules.goldenEarRule, month.from, month.to);
  if (!winner) return null;
  const reason = { rule: rules.goldenEarRule, score: winner.score, praise: winner.praise, fromFeedback: winner.from_feedback ?? null, runnersUp: runnersUp.map((r) => ({ name: r.name, score: r.score })) };
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO awards (org_id, kind, period, employee_id, reason, created_at) VALUES ($1, 'golden_ear', $2, $3, $4::jsonb, $5)
     ON CONFLICT (org_id, period) WHERE kind = 'golden_ear' DO NOTHING RETURNING id`,
    [tx.orgId, month.period, winner.employee_id, JSON.stringify(reason), ctx.clock.now()],
  );
  if (!row) return null;
  await recordAudit(tx, ctx.clock, actor, { action: 'award.golden_ear', entityType: 'award', entityId: row.id, after: { period: month.period, employeeId: winner.employee_id, reason } });
  await publish(tx, 'award.granted', { awardId: row.id, kind: 'golden_ear', period: month.period, employeeId: winner.employee_id, employeeName: winner.name }, { at: ctx.clock.now() });
  return row.id;
}

/** An admin grants a month's Golden Ear now (e.g. after changing the rule); 409 when it was already granted. */
export async function runGoldenEar(ctx: AppContext, actor: Actor, period?: string): Promise<{ items: Award[] }> {
  authorize(actor, 'award.manage');
  await ctx.db.tenant(actor.orgId, async (tx) => {
    const month = await previousMonth(tx, ctx.clock.now(), period);
    const [exists] = await tx.query(`SELECT 1 FROM awards WHERE org_id = $1 AND kind = 'golden_ear' AND period = $2`, [actor.orgId, month.period]);
    if (exists) throw conflict('already_awarded', `the Golden Ear of ${month.period} has been awarded`);
    await grantGoldenEar(ctx, tx, actor, period);
  });
  return listAwards(ctx, actor);
}
