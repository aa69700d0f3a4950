/**
 * What managers see of care: how many support requests each unit in their scope made lately, only where
 * at least SUPPORT_MIN_GROUP did (smaller counts never leave the database), and who carries the heaviest
 * open case load, weighted by what makes cases hard, so work can be shared fairly. Never who asked, why,
 * which kind of support, or any note; and nothing here is read by points, scorecards or promotion.
 */
import { SUPPORT_MIN_GROUP, SUPPORT_WINDOW_DAYS, type CaseLoadRow, type SupportSummary } from '../../../contracts/support.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { openCasesByOwner, type OpenCaseWeight } from '../cases/index.ts';
import { dataScopeOf } from '../org/index.ts';

/** How much each thing adds to an open case's difficulty. */
export const DIFFICULTY = {
  priority: { low: 1, medium: 2, high: 3, urgent: 4 },
  perEscalation: 1,
  hardCase: 3,
  perOpenWeek: 0.5,
  maxAgeWeight: 2,
} as const;

/** One open case's weight: its priority, each escalation, a hard flag (however many), and how long it has been open (capped). */
export function caseDifficulty(c: Pick<OpenCaseWeight, 'priority' | 'escalationLevel' | 'createdAt'>, isHard: boolean, now: Date): number {
  const weeksOpen = Math.max(0, now.getTime() - c.createdAt.getTime()) / (7 * DAY);
  return DIFFICULTY.priority[c.priority] + DIFFICULTY.perEscalation * c.escalationLevel + (isHard ? DIFFICULTY.hardCase : 0) + Math.min(DIFFICULTY.perOpenWeek * weeksOpen, DIFFICULTY.maxAgeWeight);
}

export function getSupportSummary(ctx: AppContext, actor: Actor): Promise<SupportSummary> {
  authorize(actor, 'support.summary');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const now = ctx.clock.now();
    return {
      minGroupSize: SUPPORT_MIN_GROUP,
      windowDays: SUPPORT_WINDOW_DAYS,
      units: await unitCounts(tx, actor, now),
      caseLoad: await caseLoad(tx, actor, now),
      weights: { ...DIFFICULTY, priority: { ...DIFFICULTY.priority } },
    };
  });
}

async function unitCounts(tx: Queryable, actor: Actor, now: Date): Promise<SupportSummary['units']> {
  const scope = await dataScopeOf(tx, actor);
  if (scope.kind !== 'org' && scope.kind !== 'units') return [];
  const since = new Date(now.getTime() - SUPPORT_WINDOW_DAYS * DAY);
  const rows = await tx.query<{ id: string; name: string; name_en: string | null; n: number | null }>(
    `SELECT u.id, u.name, u.name_en, k.n FROM units u
       LEFT JOIN support_request_unit_counts($2, $3) k ON k.unit_id = u.id
      WHERE u.org_id = $1 AND ($4::uuid[] IS NULL OR u.id = ANY ($4::uuid[]))
      ORDER BY u.name, u.id`,
    [actor.orgId, since, SUPPORT_MIN_GROUP, scope.kind === 'units' ? scope.unitIds : null],
  );
  return rows.map((r) => ({ unitId: r.id, unitName: r.name, unitNameEn: r.name_en, suppressed: r.n === null, count: r.n }));
}

async function caseLoad(tx: Queryable, actor: Actor, now: Date): Promise<CaseLoadRow[]> {
  const cases = await openCasesByOwner(tx, actor);
  if (cases.length === 0) return [];
  const flags = await tx.query<{ case_id: string }>(`SELECT case_id FROM case_hard_flag_counts($1::uuid[]) WHERE n > 0`, [cases.map((c) => c.id)]);
  const hard = new Set(flags.map((f) => f.case_id));
  const byOwner = new Map<string, CaseLoadRow>();
  for (const c of cases) {
    const row = byOwner.get(c.ownerId) ?? { employeeId: c.ownerId, name: '', unitName: null, unitNameEn: null, openCases: 0, urgentOrHigh: 0, escalated: 0, hardCases: 0, oldestOpenDays: 0, load: 0 };
    row.openCases += 1;
    if (c.priority === 'urgent' || c.priority === 'high') row.urgentOrHigh += 1;
    if (c.escalationLevel > 0) row.escalated += 1;
    if (hard.has(c.id)) row.hardCases += 1;
    row.oldestOpenDays = Math.max(row.oldestOpenDays, Math.floor((now.getTime() - c.createdAt.getTime()) / DAY));
    row.load += caseDifficulty(c, hard.has(c.id), now);
    byOwner.set(c.ownerId, row);
  }
  const people = await tx.query<{ id: string; name: string; unit_name: string | null; unit_name_en: string | null }>(
    `SELECT e.id, e.name, u.name AS unit_name, u.name_en AS unit_name_en FROM employees e LEFT JOIN units u ON u.org_id = e.org_id AND u.id = e.unit_id
      WHERE e.org_id = $1 AND e.id = ANY ($2::uuid[])`,
    [actor.orgId, [...byOwner.keys()]],
  );
  for (const p of people) Object.assign(byOwner.get(p.id)!, { name: p.name, unitName: p.unit_name, unitNameEn: p.unit_name_en });
  return [...byOwner.values()]
    .map((r) => ({ ...r, load: Math.round(r.load * 10) / 10 }))
    .sort((a, b) => b.load - a.load || a.name.localeCompare(b.name))
    .slice(0, 100);
}
