/**
 * The customer's voice before a committee meeting: suggested agenda items
 * computed from the period before it, within the reader's data scope (a
 * manager on the committee sees their subtree's voice, an admin the whole
 * organisation's): the units whose NPS moved most against the period before,
 * the commonest root causes of cases, exemption reports still overdue, open
 * improvement projects of the scope's units, and three representative
 * verbatims (representative.ts).
 */
import type { CustomerVoice } from '../../../contracts/governance.ts';
import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/authz.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { DEFAULT_ROOT_CAUSES } from '../cases/index.ts';
import { getMetric } from '../metrics/index.ts';
import { dataScopeOf, type DataScope } from '../org/index.ts';
import { redactPii } from '../text/index.ts';
import { requireCommitteeReader } from './governance.access.ts';
import { chooseRepresentative } from './representative.ts';

/** A unit moves only when both periods have at least this many NPS answers (smaller samples swing by chance). */
export const MIN_MOVER_ANSWERS = 5;
const TOP = 5;
/** Comments read for the verbatims: the period's most recent ones, enough for stable topic sizes. */
const VERBATIM_POOL = 2000;

interface Period {
  from: Date;
  to: Date;
}

/**
 * The period a meeting looks back on: from the previous meeting (at least 7
 * and at most 92 days back; 30 days when there was none) to the meeting, or to
 * now for a meeting still ahead.
 */
export function periodBefore(meetingAt: Date, previousAt: Date | null, now: Date): Period {
  const to = new Date(Math.min(meetingAt.getTime(), now.getTime()));
  const span = previousAt ? Math.min(Math.max(to.getTime() - previousAt.getTime(), 7 * DAY), 92 * DAY) : 30 * DAY;
  return { from: new Date(to.getTime() - span), to };
}

export async function customerVoiceFor(ctx: AppContext, actor: Actor, meetingId: string): Promise<CustomerVoice> {
  const { period, scope } = await ctx.db.tenant(actor.orgId, async (tx) => {
    await requireCommitteeReader(tx, actor);
    const [meeting] = await tx.query<{ at: Date; previous_at: Date | null }>(
      `SELECT m.at, (SELECT max(p.at) FROM committee_meetings p WHERE p.org_id = m.org_id AND p.at < m.at) AS previous_at
         FROM committee_meetings m WHERE m.org_id = $1 AND m.id = $2`,
      [actor.orgId, meetingId],
    );
    if (!meeting) throw notFound('meeting');
    return { period: periodBefore(meeting.at, meeting.previous_at, ctx.clock.now()), scope: await dataScopeOf(tx, actor) };
  });
  const previous = { from: new Date(2 * period.from.getTime() - period.to.getTime()), to: period.from };
  const npsMovers = can(actor, 'metrics.read') ? await findNpsMovers(ctx, actor, period, previous) : [];
  return ctx.db.tenant(actor.orgId, async (tx) => ({
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    previousPeriod: { from: previous.from.toISOString(), to: previous.to.toISOString() },
    npsMovers,
    rootCauses: await topRootCauses(tx, actor.orgId, scope, period),
    overdueExemptions: await overdueExemptions(tx, actor.orgId, scope, period.to),
    openImprovements: can(actor, 'improvement.read') ? await openImprovements(tx, actor.orgId, scope) : [],
    verbatims: await representativeVerbatims(tx, actor.orgId, scope, period),
  }));
}

/** Units by the size of their NPS change, through the metrics API (so the reader's scope holds), both periods with enough answers. */
async function findNpsMovers(ctx: AppContext, actor: Actor, period: Period, previous: Period): Promise<CustomerVoice['npsMovers']> {
  const byUnit = async (p: Period) =>
    new Map((await getMetric(ctx, actor, 'nps', { from: p.from.toISOString(), to: p.to.toISOString(), groupBy: 'unit' })).rows.map((r) => [r.key, r]));
  const [now, before] = [await byUnit(period), await byUnit(previous)];
  const moves = [...now.entries()].flatMap(([unitId, r]) => {
    const p = before.get(unitId);
    if (!p || r.value === null || p.value === null || r.n < MIN_MOVER_ANSWERS || p.n < MIN_MOVER_ANSWERS) return [];
    return [{ unitId, current: r.value, previous: p.value, change: Math.round((r.value - p.value) * 10) / 10, n: r.n, previousN: p.n }];
  });
  moves.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.unitId.localeCompare(b.unitId));
  const top = moves.slice(0, TOP);
  if (top.length === 0) return [];
  const names = await ctx.db.tenant(actor.orgId, (tx) =>
    tx.query<{ id: string; name: string; name_en: string | null }>(`SELECT id, name, name_en FROM units WHERE org_id = $1 AND id = ANY ($2::uuid[])`, [actor.orgId, top.map((m) => m.unitId)]),
  );
  const name = new Map(names.map((u) => [u.id, u]));
  return top.map((m) => ({ ...m, unitName: name.get(m.unitId)?.name ?? '', unitNameEn: name.get(m.unitId)?.name_en ?? null }));
}

/** SQL condition for rows tied to a unit and employees (cases, comments) within a data scope; pushes its parameters. */
function scopeSql(scope: DataScope, params: unknown[], unit: string, people: string[]): string {
  switch (scope.kind) {
    case 'org':
      return 'TRUE';
    case 'none':
      return 'FALSE';
    case 'self':
      params.push(scope.employeeId);
      return `$${params.length}::uuid IN (${people.join(', ')})`;
    case 'units':
      params.push(scope.unitIds);
      return `${unit} = ANY ($${params.length}::uuid[])`;
  }
}

async function topRootCauses(tx: Queryable, orgId: string, scope: DataScope, period: Period): Promise<CustomerVoice['rootCauses']> {
  const params: unknown[] = [orgId, period.from, period.to];
  const rows = await tx.query<{ code: string; cases: number; name: string | null; name_en: string | null }>(
    `SELECT c.root_cause AS code, count(*)::int AS cases, rc.name, rc.name_en
       FROM cases c LEFT JOIN root_causes rc ON rc.org_id = c.org_id AND rc.code = c.root_cause
      WHERE c.org_id = $1 AND c.root_cause IS NOT NULL AND coalesce(c.resolved_at, c.closed_at) >= $2 AND coalesce(c.resolved_at, c.closed_at) < $3
        AND ${scopeSql(scope, params, 'c.unit_id', ['c.owner_id', 'c.employee_id'])}
      GROUP BY c.root_cause, rc.name, rc.name_en ORDER BY count(*) DESC, c.root_cause LIMIT ${TOP}`,
    params,
  );
  const fallback = new Map(DEFAULT_ROOT_CAUSES.map((r) => [r.code, r.name]));
  return rows.map((r) => ({ code: r.code, cases: r.cases, name: r.name ?? fallback.get(r.code)?.['zh-CN'] ?? r.code, nameEn: r.name_en ?? fallback.get(r.code)?.en ?? r.code }));
}

async function overdueExemptions(tx: Queryable, orgId: string, scope: DataScope, at: Date): Promise<CustomerVoice['overdueExemptions']> {
  const params: unknown[] = [orgId, at];
  const rows = await tx.query<{ id: string; case_id: string; employee_name: string; rule: string; report_due_at: Date }>(
    `SELECT x.id, x.case_id, e.name AS employee_name, x.rule, x.report_due_at
       FROM exemptions x JOIN employees e ON e.org_id = x.org_id AND e.id = x.employee_id
      WHERE x.org_id = $1 AND x.reported_at IS NULL AND x.report_due_at < $2 AND ${scopeSql(scope, params, 'e.unit_id', ['x.employee_id'])}
      ORDER BY x.report_due_at, x.id LIMIT ${TOP}`,
    params,
  );
  return rows.map((r) => ({ id: r.id, caseId: r.case_id, employeeName: r.employee_name, rule: r.rule, reportDueAt: r.report_due_at.toISOString() }));
}

/**
 * Open projects of the reader's scope, as the monthly review chooses them (reports/review.service.ts): a manager
 * sees those of units in their subtree; a project without a unit belongs to the whole organisation, so only to
 * a reader who sees all of it. No reader with the scope of their own records reads projects at all.
 */
async function openImprovements(tx: Queryable, orgId: string, scope: DataScope): Promise<CustomerVoice['openImprovements']> {
  const params: unknown[] = [orgId];
  const inScope = scope.kind === 'self' ? 'FALSE' : scopeSql(scope, params, 'p.unit_id', []);
  const rows = await tx.query<{ id: string; title: string; status: string; owner_name: string | null; case_count: number }>(
    `SELECT p.id, p.title, p.status, e.name AS owner_name,
            (SELECT count(*)::int FROM improvement_project_cases l WHERE l.org_id = p.org_id AND l.project_id = p.id) AS case_count
       FROM improvement_projects p LEFT JOIN employees e ON e.org_id = p.org_id AND e.id = p.owner_id
      WHERE p.org_id = $1 AND p.status IN ('proposed', 'in_progress') AND ${inScope}
      ORDER BY p.status DESC, p.created_at, p.id LIMIT ${TOP}`,
    params,
  );
  return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, ownerName: r.owner_name, caseCount: r.case_count }));
}

async function representativeVerbatims(tx: Queryable, orgId: string, scope: DataScope, period: Period): Promise<CustomerVoice['verbatims']> {
  const params: unknown[] = [orgId, period.from, period.to];
  const rows = await tx.query<{ response_id: string; redacted_text: string; topics: string[]; keywords: string[]; score: number; sentiment: 'positive' | 'neutral' | 'negative'; submitted_at: Date }>(
    `SELECT a.response_id, a.redacted_text, a.topics, a.keywords, a.score, a.sentiment, a.submitted_at
       FROM text_analyses a
      WHERE a.org_id = $1 AND a.submitted_at >= $2 AND a.submitted_at < $3 AND ${scopeSql(scope, params, 'a.unit_id', ['a.employee_id'])}
      ORDER BY a.submitted_at DESC, a.response_id LIMIT ${VERBATIM_POOL}`,
    params,
  );
  const comments = rows.map((r) => ({ ...r, id: r.response_id, text: r.redacted_text, score: Number(r.score) }));
  return chooseRepresentative(comments).map(({ comment: c, topic, topicSize, topicMedianScore }) => ({
    responseId: c.response_id,
    // Stored comments are redacted at analysis; redacting again covers rows analysed before a rule was added.
    text: redactPii(c.text).text,
    topic,
    topicSize,
    score: Math.round(c.score * 100) / 100,
    topicMedianScore: Math.round(topicMedianScore * 100) / 100,
    sentiment: c.sentiment,
    submittedAt: c.submitted_at.toISOString(),
  }));
}
