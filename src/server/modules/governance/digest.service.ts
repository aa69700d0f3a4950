/**
 * The governance part of the monthly experience review: executive listening
 * done in the range, the committee's meetings held in it, and the decisions
 * that fell due or were done. It runs with the reader's scope (listening of
 * the people they see); a reader who may not see governance at all gets an
 * empty digest rather than an error, so a report for anyone still renders.
 */
import type { ListeningKind } from '../../../contracts/governance.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { redactPii } from '../text/index.ts';
import { listeningScopeOf, localDate, peopleCondition, requireCommitteeReader, type PeopleScope } from './governance.access.ts';

export interface GovernanceDigest {
  listening: {
    done: number;
    planned: number;
    overdue: number;
    byKind: Record<ListeningKind, number>;
    highlights: { employeeName: string; kind: string; at: string; learnings: string }[];
  };
  meetings: { id: string; at: string; decisionCount: number }[];
  decisionsDue: { title: string; ownerName: string | null; dueAt: string; status: 'open' | 'done' | 'dropped'; overdue: boolean }[];
}

const HIGHLIGHTS = 5;

/** A 403 means "not for this reader": the part stays empty. */
async function orNull<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.status === 403) return null;
    throw e;
  }
}

/**
 * Listening counts: `done` held in the range; `planned` scheduled in it and not
 * cancelled (done or still planned); `overdue` scheduled in it, still planned
 * and past its time at the range end (or now, for a range still running).
 */
async function listeningDigest(tx: Tx, scope: PeopleScope, range: { from: Date; to: Date }, asOf: Date): Promise<GovernanceDigest['listening']> {
  const countParams: unknown[] = [tx.orgId, range.from, range.to, asOf];
  const [counts] = await tx.query<{ planned: number; overdue: number }>(
    `SELECT count(*) FILTER (WHERE s.status <> 'cancelled')::int AS planned, count(*) FILTER (WHERE s.status = 'planned' AND s.scheduled_at < $4)::int AS overdue
       FROM listening_sessions s JOIN employees e ON e.org_id = s.org_id AND e.id = s.employee_id
      WHERE s.org_id = $1 AND s.scheduled_at >= $2 AND s.scheduled_at < $3 AND ${peopleCondition(scope, countParams)}`,
    countParams,
  );
  const heldParams: unknown[] = [tx.orgId, range.from, range.to];
  const held = await tx.query<{ name: string; kind: ListeningKind; held_at: Date; learnings: string }>(
    `SELECT e.name, s.kind, s.held_at, s.learnings FROM listening_sessions s JOIN employees e ON e.org_id = s.org_id AND e.id = s.employee_id
      WHERE s.org_id = $1 AND s.status = 'done' AND s.held_at >= $2 AND s.held_at < $3 AND ${peopleCondition(scope, heldParams)}
      ORDER BY s.held_at DESC, s.id`,
    heldParams,
  );
  const byKind: Record<ListeningKind, number> = { customer_call: 0, frontline_shift: 0, store_visit: 0, customer_meeting: 0 };
  for (const h of held) byKind[h.kind]++;
  return {
    done: held.length,
    planned: counts!.planned,
    overdue: counts!.overdue,
    byKind,
    highlights: held.slice(0, HIGHLIGHTS).map((h) => ({ employeeName: h.name, kind: h.kind, at: h.held_at.toISOString(), learnings: redactPii(h.learnings).text })),
  };
}

/** Meetings held in the range, and decisions still open and due by its end or done within it. */
async function committeeDigest(tx: Tx, range: { from: Date; to: Date }, asOf: Date): Promise<Pick<GovernanceDigest, 'meetings' | 'decisionsDue'>> {
  const meetings = await tx.query<{ id: string; at: Date; decision_count: number }>(
    `SELECT m.id, m.at, (SELECT count(*)::int FROM committee_decisions d WHERE d.org_id = m.org_id AND d.meeting_id = m.id) AS decision_count
       FROM committee_meetings m WHERE m.org_id = $1 AND m.at >= $2 AND m.at < $3 ORDER BY m.at, m.id`,
    [tx.orgId, range.from, range.to],
  );
  const [lastDay, today] = [await localDate(tx, tx.orgId!, new Date(range.to.getTime() - 1)), await localDate(tx, tx.orgId!, asOf)];
  const decisions = await tx.query<{ title: string; owner_name: string | null; due_on: string; status: 'open' | 'done' | 'dropped' }>(
    `SELECT d.title, e.name AS owner_name, to_char(d.due_on, 'YYYY-MM-DD') AS due_on, d.status
       FROM committee_decisions d LEFT JOIN employees e ON e.org_id = d.org_id AND e.id = d.owner_id
      WHERE d.org_id = $1 AND ((d.status = 'open' AND d.due_on <= $2::date) OR (d.status = 'done' AND d.closed_at >= $3 AND d.closed_at < $4))
      ORDER BY d.due_on, d.created_at, d.id`,
    [tx.orgId, lastDay, range.from, range.to],
  );
  return {
    meetings: meetings.map((m) => ({ id: m.id, at: m.at.toISOString(), decisionCount: m.decision_count })),
    decisionsDue: decisions.map((d) => ({ title: d.title, ownerName: d.owner_name, dueAt: d.due_on, status: d.status, overdue: d.status === 'open' && d.due_on < today })),
  };
}

export async function governanceDigest(ctx: AppContext, actor: Actor, range: { from: Date; to: Date }): Promise<GovernanceDigest> {
  const asOf = new Date(Math.min(range.to.getTime(), ctx.clock.now().getTime()));
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await orNull(() => listeningScopeOf(tx, actor));
    const committee = await orNull(async () => {
      await requireCommitteeReader(tx, actor);
      return committeeDigest(tx, range, asOf);
    });
    return {
      listening: scope
        ? await listeningDigest(tx, scope, range, asOf)
        : { done: 0, planned: 0, overdue: 0, byKind: { customer_call: 0, frontline_shift: 0, store_visit: 0, customer_meeting: 0 }, highlights: [] },
      meetings: committee?.meetings ?? [],
      decisionsDue: committee?.decisionsDue ?? [],
    };
  });
}
