/**
 * Committee meetings: a time, an agenda (items in order, each remembering the
 * customer-voice suggestion it came from), minutes, and decisions with an
 * owner, a due date and a status (open → done or dropped, and back to open if
 * reopened). Admins write; committee readers read.
 */
import type { z } from 'zod';
import type {
  AgendaItem,
  CreateDecisionSchema,
  CreateMeetingSchema,
  Decision,
  DecisionStatus,
  Meeting,
  MeetingSummary,
  UpdateDecisionSchema,
  UpdateMeetingSchema,
} from '../../../contracts/governance.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { createOnce, type CreateKey } from '../../platform/create-once.ts';
import type { Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { afterCursor, cursorTimeSql, decodeTimeIdCursor, toPage, type Page } from '../../platform/pagination.ts';
import { iso, localDate, mustExist, requireCommitteeReader } from './governance.access.ts';

interface MeetingRow {
  id: string;
  title: string;
  at: Date;
  agenda: AgendaItem[];
  minutes: string;
  created_at: Date;
  updated_at: Date;
  decision_count: number;
  open_decision_count: number;
}
interface DecisionRow {
  id: string;
  meeting_id: string;
  meeting_title: string;
  meeting_at: Date;
  title: string;
  owner_id: string | null;
  owner_name: string | null;
  due_on: string;
  status: DecisionStatus;
  closed_at: Date | null;
}

const MEETING_COLUMNS = `m.id, m.title, m.at, m.agenda, m.minutes, m.created_at, m.updated_at,
  (SELECT count(*)::int FROM committee_decisions d WHERE d.org_id = m.org_id AND d.meeting_id = m.id) AS decision_count,
  (SELECT count(*)::int FROM committee_decisions d WHERE d.org_id = m.org_id AND d.meeting_id = m.id AND d.status = 'open') AS open_decision_count`;
const DECISION_FROM = `committee_decisions d JOIN committee_meetings mt ON mt.org_id = d.org_id AND mt.id = d.meeting_id
  LEFT JOIN employees e ON e.org_id = d.org_id AND e.id = d.owner_id`;
const DECISION_COLUMNS = `d.id, d.meeting_id, mt.title AS meeting_title, mt.at AS meeting_at, d.title, d.owner_id, e.name AS owner_name, to_char(d.due_on, 'YYYY-MM-DD') AS due_on, d.status, d.closed_at`;

const toSummary = (r: MeetingRow): MeetingSummary => ({
  id: r.id,
  title: r.title,
  at: r.at.toISOString(),
  agendaCount: r.agenda.length,
  decisionCount: r.decision_count,
  openDecisionCount: r.open_decision_count,
});
const toDecision = (r: DecisionRow, today: string): Decision => ({
  id: r.id,
  meetingId: r.meeting_id,
  meetingTitle: r.meeting_title,
  meetingAt: r.meeting_at.toISOString(),
  title: r.title,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  dueOn: r.due_on,
  status: r.status,
  // Dates compare as strings in YYYY-MM-DD.
  overdue: r.status === 'open' && r.due_on < today,
  closedAt: iso(r.closed_at),
});

/** Meetings, latest first (ties by id), a page at a time. */
export function listMeetings(ctx: AppContext, actor: Actor, q: { limit: number; cursor?: string }): Promise<Page<MeetingSummary>> {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await requireCommitteeReader(tx, actor);
    const after = decodeTimeIdCursor(q.cursor);
    const params: unknown[] = [actor.orgId];
    const next = after ? afterCursor('m.at', 'm.id', after, params) : 'TRUE';
    const rows = await tx.query<MeetingRow & { page_at: string }>(
      `SELECT ${MEETING_COLUMNS}, ${cursorTimeSql('m.at')} AS page_at FROM committee_meetings m
        WHERE m.org_id = $1 AND ${next} ORDER BY m.at DESC, m.id LIMIT $${params.push(q.limit + 1)}`,
      params,
    );
    const page = toPage(rows, q.limit, (r) => `${r.page_at}|${r.id}`);
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  });
}

export function getMeeting(ctx: AppContext, actor: Actor, id: string): Promise<Meeting> {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await requireCommitteeReader(tx, actor);
    return readMeeting(ctx, tx, id);
  });
}

/** Decisions across meetings, due first; `status` filters. */
export function listDecisions(ctx: AppContext, actor: Actor, q: { status?: DecisionStatus }): Promise<{ items: Decision[] }> {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await requireCommitteeReader(tx, actor);
    const today = await localDate(tx, actor.orgId, ctx.clock.now());
    const rows = await tx.query<DecisionRow>(
      `SELECT ${DECISION_COLUMNS} FROM ${DECISION_FROM}
        WHERE d.org_id = $1 AND ($2::text IS NULL OR d.status = $2) ORDER BY d.due_on, d.created_at, d.id`,
      [actor.orgId, q.status ?? null],
    );
    return { items: rows.map((r) => toDecision(r, today)) };
  });
}

/** The route a meeting's Idempotency-Key belongs to (keys are per actor and route). */
export const CREATE_MEETING_ROUTE = 'POST /api/v1/committee/meetings';

/** Records a meeting with its decisions; with an Idempotency-Key a retry records nothing and answers the first meeting. */
export async function createMeeting(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateMeetingSchema>, idempotencyKey?: string): Promise<Meeting> {
  authorize(actor, 'committee.manage');
  const once: CreateKey = { route: CREATE_MEETING_ROUTE, key: idempotencyKey, request: input };
  const outcome = await ctx.db.tenant(actor.orgId, (tx) => createOnce(tx, ctx.clock, actor, once, async () => {
    const now = ctx.clock.now();
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO committee_meetings (org_id, title, at, agenda, minutes, created_at, created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $6) RETURNING id`,
      [actor.orgId, input.title, new Date(input.at), JSON.stringify(input.agenda), input.minutes, now, actor.employeeId],
    );
    for (const d of input.decisions) await insertDecision(tx, row!.id, d, now);
    await recordAudit(tx, ctx.clock, actor, { action: 'committee.meeting_created', entityType: 'committee_meeting', entityId: row!.id, after: input });
    return { ids: [row!.id], value: await readMeeting(ctx, tx, row!.id) };
  }));
  return outcome.replayed ? getMeeting(ctx, actor, outcome.ids[0]!) : outcome.value;
}

/** Changes the title, time, agenda (replaced whole) or minutes. */
export function updateMeeting(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateMeetingSchema>): Promise<Meeting> {
  authorize(actor, 'committee.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findMeeting(tx, id, true);
    await tx.query(`UPDATE committee_meetings SET title = $3, at = $4, agenda = $5, minutes = $6, updated_at = $7 WHERE org_id = $1 AND id = $2`, [
      actor.orgId,
      id,
      input.title ?? before.title,
      input.at ? new Date(input.at) : before.at,
      JSON.stringify(input.agenda ?? before.agenda),
      input.minutes ?? before.minutes,
      ctx.clock.now(),
    ]);
    await recordAudit(tx, ctx.clock, actor, { action: 'committee.meeting_updated', entityType: 'committee_meeting', entityId: id, after: input });
    return readMeeting(ctx, tx, id);
  });
}

export function deleteMeeting(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'committee.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findMeeting(tx, id, true);
    await tx.query(`DELETE FROM committee_meetings WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
    await recordAudit(tx, ctx.clock, actor, { action: 'committee.meeting_deleted', entityType: 'committee_meeting', entityId: id, before: toSummary(before) });
  });
}

export function addDecision(ctx: AppContext, actor: Actor, meetingId: string, input: z.infer<typeof CreateDecisionSchema>): Promise<Decision> {
  authorize(actor, 'committee.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await findMeeting(tx, meetingId, true);
    const id = await insertDecision(tx, meetingId, input, ctx.clock.now());
    await recordAudit(tx, ctx.clock, actor, { action: 'committee.decision_created', entityType: 'committee_decision', entityId: id, after: input });
    return readDecision(ctx, tx, id);
  });
}

/** Edits a decision or moves its status; leaving `open` stamps closed_at, reopening clears it. */
export function updateDecision(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateDecisionSchema>): Promise<Decision> {
  authorize(actor, 'committee.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await readDecision(ctx, tx, id, true);
    if (input.ownerId) await mustExist(tx, actor.orgId, 'employees', input.ownerId, 'ownerId');
    const status = input.status ?? before.status;
    const closedAt = status === 'open' ? null : status === before.status ? before.closedAt : ctx.clock.now();
    await tx.query(
      `UPDATE committee_decisions SET title = $3, owner_id = $4, due_on = $5::date, status = $6, closed_at = $7, updated_at = $8 WHERE org_id = $1 AND id = $2`,
      [actor.orgId, id, input.title ?? before.title, input.ownerId === undefined ? before.ownerId : input.ownerId, input.dueOn ?? before.dueOn, status, closedAt, ctx.clock.now()],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'committee.decision_updated', entityType: 'committee_decision', entityId: id, before, after: input });
    return readDecision(ctx, tx, id);
  });
}

async function insertDecision(tx: Tx, meetingId: string, d: z.infer<typeof CreateDecisionSchema>, now: Date): Promise<string> {
  if (d.ownerId) await mustExist(tx, tx.orgId!, 'employees', d.ownerId, 'ownerId');
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO committee_decisions (org_id, meeting_id, title, owner_id, due_on, status, closed_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $8) RETURNING id`,
    [tx.orgId, meetingId, d.title, d.ownerId, d.dueOn, d.status, d.status === 'open' ? null : now, now],
  );
  return row!.id;
}

async function findMeeting(tx: Tx, id: string, lock = false): Promise<MeetingRow> {
  const [row] = await tx.query<MeetingRow>(`SELECT ${MEETING_COLUMNS} FROM committee_meetings m WHERE m.org_id = $1 AND m.id = $2${lock ? ' FOR UPDATE OF m' : ''}`, [tx.orgId, id]);
  if (!row) throw notFound('meeting');
  return row;
}

async function readMeeting(ctx: AppContext, tx: Tx, id: string): Promise<Meeting> {
  const m = await findMeeting(tx, id);
  const today = await localDate(tx, tx.orgId!, ctx.clock.now());
  const decisions = await tx.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM ${DECISION_FROM}
      WHERE d.org_id = $1 AND d.meeting_id = $2 ORDER BY d.due_on, d.created_at, d.id`,
    [tx.orgId, id],
  );
  return { ...toSummary(m), agenda: m.agenda, minutes: m.minutes, decisions: decisions.map((r) => toDecision(r, today)), createdAt: m.created_at.toISOString(), updatedAt: m.updated_at.toISOString() };
}

async function readDecision(ctx: AppContext, tx: Tx, id: string, lock = false): Promise<Decision> {
  const [row] = await tx.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM ${DECISION_FROM}
      WHERE d.org_id = $1 AND d.id = $2${lock ? ' FOR UPDATE OF d' : ''}`,
    [tx.orgId, id],
  );
  if (!row) throw notFound('decision');
  return toDecision(row, await localDate(tx, tx.orgId!, ctx.clock.now()));
}
