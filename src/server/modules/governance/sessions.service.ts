/**
 * Executive listening sessions: scheduled on someone's calendar (their own,
 * or anyone's by an admin), then logged with what was learnt and the ideas,
 * improvement projects and cases they led to. A planned session whose time
 * has passed without a log is overdue. Readers see the sessions of the people
 * in their scope; learnings reach anyone but the session's own person with
 * personal data masked.
 */
import type { z } from 'zod';
import type { CreateSessionSchema, ListeningKind, LogSessionSchema, MyListeningDue, Session, SessionListQuerySchema, UpdateSessionSchema } from '../../../contracts/governance.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { createOnce, type CreateKey } from '../../platform/create-once.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { afterCursor, cursorTimeSql, decodeTimeIdCursor, toPage, type Page } from '../../platform/pagination.ts';
import { dataScopeOf } from '../org/index.ts';
import { redactPii } from '../text/index.ts';
import { iso, listeningScopeOf, mustExist, peopleCondition } from './governance.access.ts';
import { myOverdueRotations } from './rotation.service.ts';

interface SessionRow {
  id: string;
  employee_id: string;
  employee_name: string;
  kind: ListeningKind;
  unit_id: string | null;
  unit_name: string | null;
  unit_name_en: string | null;
  scheduled_at: Date;
  status: 'planned' | 'done' | 'cancelled';
  held_at: Date | null;
  learnings: string | null;
  links: { kind: 'idea' | 'improvement' | 'case'; id: string; title: string }[];
}

const COLUMNS = `s.id, s.employee_id, e.name AS employee_name, s.kind, s.unit_id, u.name AS unit_name, u.name_en AS unit_name_en,
  s.scheduled_at, s.status, s.held_at, s.learnings,
  coalesce((SELECT jsonb_agg(jsonb_build_object(
      'kind', CASE WHEN l.idea_id IS NOT NULL THEN 'idea' WHEN l.improvement_id IS NOT NULL THEN 'improvement' ELSE 'case' END,
      'id', coalesce(l.idea_id, l.improvement_id, l.case_id),
      'title', coalesce(i.title, p.title, c.title)) ORDER BY l.id)
    FROM listening_session_links l
    LEFT JOIN ideas i ON i.org_id = l.org_id AND i.id = l.idea_id
    LEFT JOIN improvement_projects p ON p.org_id = l.org_id AND p.id = l.improvement_id
    LEFT JOIN cases c ON c.org_id = l.org_id AND c.id = l.case_id
    WHERE l.org_id = s.org_id AND l.session_id = s.id), '[]'::jsonb) AS links`;
const FROM = `listening_sessions s JOIN employees e ON e.org_id = s.org_id AND e.id = s.employee_id LEFT JOIN units u ON u.org_id = s.org_id AND u.id = s.unit_id`;

function toSession(r: SessionRow, reader: Actor, now: Date): Session {
  const linked = (kind: SessionRow['links'][number]['kind']) => r.links.filter((l) => l.kind === kind).map(({ id, title }) => ({ id, title }));
  return {
    id: r.id,
    employeeId: r.employee_id,
    employeeName: r.employee_name,
    kind: r.kind,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitNameEn: r.unit_name_en,
    scheduledAt: r.scheduled_at.toISOString(),
    status: r.status,
    overdue: r.status === 'planned' && r.scheduled_at.getTime() < now.getTime(),
    heldAt: iso(r.held_at),
    learnings: r.learnings === null || reader.employeeId === r.employee_id ? r.learnings : redactPii(r.learnings).text,
    ideas: linked('idea'),
    improvements: linked('improvement'),
    cases: linked('case'),
  };
}

type SessionListQuery = z.infer<typeof SessionListQuerySchema> & { limit: number; cursor?: string };
/** A session's place in the list: held sessions by when they were held, the others by when they are scheduled. */
const SESSION_AT = 'coalesce(s.held_at, s.scheduled_at)';

/**
 * Sessions of the people in the reader's scope, newest first (ties by id), a page at a time;
 * `status: overdue` means planned and past its time.
 */
export function listSessions(ctx: AppContext, actor: Actor, q: SessionListQuery): Promise<Page<Session>> {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await listeningScopeOf(tx, actor);
    const after = decodeTimeIdCursor(q.cursor);
    const now = ctx.clock.now();
    const params: unknown[] = [actor.orgId, q.from ? new Date(q.from) : null, q.to ? new Date(q.to) : null, q.employeeId ?? null, q.status === 'overdue' ? 'planned' : (q.status ?? null)];
    const overdueOnly = q.status === 'overdue' ? `AND s.scheduled_at < $${params.push(now)}` : '';
    const next = after ? afterCursor(SESSION_AT, 's.id', after, params) : 'TRUE';
    const rows = await tx.query<SessionRow & { page_at: string }>(
      `SELECT ${COLUMNS}, ${cursorTimeSql(SESSION_AT)} AS page_at FROM ${FROM}
        WHERE s.org_id = $1 AND ($2::timestamptz IS NULL OR ${SESSION_AT} >= $2) AND ($3::timestamptz IS NULL OR ${SESSION_AT} < $3)
          AND ($4::uuid IS NULL OR s.employee_id = $4) AND ($5::text IS NULL OR s.status = $5) ${overdueOnly} AND ${next}
          AND ${peopleCondition(scope, params)}
        ORDER BY ${SESSION_AT} DESC, s.id LIMIT $${params.push(q.limit + 1)}`,
      params,
    );
    const page = toPage(rows, q.limit, (r) => `${r.page_at}|${r.id}`);
    return { items: page.items.map((r) => toSession(r, actor, now)), nextCursor: page.nextCursor };
  });
}

/** The route a session's Idempotency-Key belongs to (keys are per actor and route). */
export const CREATE_SESSION_ROUTE = 'POST /api/v1/listening-sessions';

/** Schedules a session: on one's own calendar, or anyone's by an admin. With an Idempotency-Key a retry answers the first session. */
export async function createSession(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateSessionSchema>, idempotencyKey?: string): Promise<Session> {
  const once: CreateKey = { route: CREATE_SESSION_ROUTE, key: idempotencyKey, request: input };
  const outcome = await ctx.db.tenant(actor.orgId, (tx) => createOnce(tx, ctx.clock, actor, once, () => scheduleSession(ctx, tx, actor, input)));
  return outcome.replayed ? getSession(ctx, actor, outcome.ids[0]!) : outcome.value;
}

async function scheduleSession(ctx: AppContext, tx: Tx, actor: Actor, input: z.infer<typeof CreateSessionSchema>): Promise<{ ids: string[]; value: Session }> {
  await listeningScopeOf(tx, actor, 'listening.log');
  if (actor.role !== 'admin' && input.employeeId !== actor.employeeId) throw forbidden('you may schedule listening sessions on your own calendar only');
  await mustExist(tx, actor.orgId, 'employees', input.employeeId, 'employeeId');
  if (input.unitId) await mustExist(tx, actor.orgId, 'units', input.unitId, 'unitId');
  const now = ctx.clock.now();
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO listening_sessions (org_id, employee_id, kind, unit_id, scheduled_at, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'planned', $6, $6) RETURNING id`,
    [actor.orgId, input.employeeId, input.kind, input.unitId ?? null, new Date(input.scheduledAt), now],
  );
  await recordAudit(tx, ctx.clock, actor, { action: 'listening.session_scheduled', entityType: 'listening_session', entityId: row!.id, after: input });
  return { ids: [row!.id], value: await readSession(tx, actor, row!.id, now) };
}

/** One session whose person is in the scope the actor schedules and logs in (404 otherwise): what a create's retry answers. */
export function getSession(ctx: AppContext, actor: Actor, id: string): Promise<Session> {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await listeningScopeOf(tx, actor, 'listening.log');
    const params: unknown[] = [actor.orgId, id];
    const [row] = await tx.query<SessionRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE s.org_id = $1 AND s.id = $2 AND ${peopleCondition(scope, params)}`, params);
    if (!row) throw notFound('listening session');
    return toSession(row, actor, ctx.clock.now());
  });
}

/** Reschedules or cancels a planned session (409 session_closed once held or cancelled). */
export function updateSession(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateSessionSchema>): Promise<Session> {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findWritable(tx, actor, id);
    if (before.status !== 'planned') throw new AppError(409, 'session_closed', `a ${before.status} session cannot be changed`, { status: before.status });
    if (input.unitId) await mustExist(tx, actor.orgId, 'units', input.unitId, 'unitId');
    const now = ctx.clock.now();
    await tx.query(`UPDATE listening_sessions SET kind = $3, unit_id = $4, scheduled_at = $5, status = $6, updated_at = $7 WHERE org_id = $1 AND id = $2`, [
      actor.orgId,
      id,
      input.kind ?? before.kind,
      input.unitId === undefined ? before.unit_id : input.unitId,
      input.scheduledAt ? new Date(input.scheduledAt) : before.scheduled_at,
      input.status ?? before.status,
      now,
    ]);
    await recordAudit(tx, ctx.clock, actor, { action: 'listening.session_updated', entityType: 'listening_session', entityId: id, after: input });
    return readSession(tx, actor, id, now);
  });
}

/** Records what was learnt and what it led to (replacing an earlier log); ideas, projects and cases must exist and cases be in the writer's scope. */
export function logSession(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof LogSessionSchema>): Promise<Session> {
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await findWritable(tx, actor, id);
    if (before.status === 'cancelled') throw new AppError(409, 'session_closed', 'a cancelled session cannot be logged', { status: before.status });
    const now = ctx.clock.now();
    const heldAt = input.heldAt ? new Date(input.heldAt) : now;
    if (heldAt.getTime() > now.getTime()) throw invalid('a session cannot be logged before it took place', { field: 'heldAt' });
    await checkLinks(tx, actor, input);
    await tx.query(`UPDATE listening_sessions SET status = 'done', held_at = $3, learnings = $4, updated_at = $5 WHERE org_id = $1 AND id = $2`, [actor.orgId, id, heldAt, input.learnings, now]);
    await tx.query(`DELETE FROM listening_session_links WHERE org_id = $1 AND session_id = $2`, [actor.orgId, id]);
    await tx.query(
      `INSERT INTO listening_session_links (org_id, session_id, idea_id, improvement_id, case_id)
       SELECT $1::uuid, $2::uuid, x, NULL::uuid, NULL::uuid FROM unnest($3::uuid[]) AS x
       UNION ALL SELECT $1, $2, NULL, x, NULL FROM unnest($4::uuid[]) AS x
       UNION ALL SELECT $1, $2, NULL, NULL, x FROM unnest($5::uuid[]) AS x`,
      [actor.orgId, id, [...new Set(input.ideaIds)], [...new Set(input.improvementIds)], [...new Set(input.caseIds)]],
    );
    // The learnings are the session holder's words: the audit log keeps that a log happened and its links, not the text.
    await recordAudit(tx, ctx.clock, actor, {
      action: 'listening.session_logged',
      entityType: 'listening_session',
      entityId: id,
      after: { heldAt: heldAt.toISOString(), ideaIds: input.ideaIds, improvementIds: input.improvementIds, caseIds: input.caseIds },
    });
    return readSession(tx, actor, id, now);
  });
}

/** My planned sessions past their time and my rotation entries past due: for anyone with an employee record (empty for most). */
export function myListeningDue(ctx: AppContext, actor: Actor): Promise<MyListeningDue> {
  authorize(actor, 'listening.log');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    if (!actor.employeeId) return { sessions: [], rotations: [] };
    const now = ctx.clock.now();
    const rows = await tx.query<SessionRow>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE s.org_id = $1 AND s.employee_id = $2 AND s.status = 'planned' AND s.scheduled_at < $3 ORDER BY s.scheduled_at, s.id LIMIT 50`,
      [actor.orgId, actor.employeeId, now],
    );
    return { sessions: rows.map((r) => toSession(r, actor, now)), rotations: await myOverdueRotations(tx, actor, now) };
  });
}

async function checkLinks(tx: Tx, actor: Actor, input: z.infer<typeof LogSessionSchema>): Promise<void> {
  const missing = async (table: 'ideas' | 'improvement_projects', ids: string[]) => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return false;
    const [row] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1 AND id = ANY ($2::uuid[])`, [actor.orgId, unique]);
    return row!.n !== unique.length;
  };
  if (await missing('ideas', input.ideaIds)) throw new AppError(404, 'not_found', 'an idea was not found', { field: 'ideaIds' });
  if (await missing('improvement_projects', input.improvementIds)) throw new AppError(404, 'not_found', 'an improvement project was not found', { field: 'improvementIds' });
  if (input.caseIds.length > 0 && (await casesOutOfScope(tx, actor, [...new Set(input.caseIds)]))) {
    throw new AppError(404, 'not_found', 'a case was not found', { field: 'caseIds' });
  }
}

/** Whether any case is unknown or outside what the writer may read (so a case's existence does not leak). */
async function casesOutOfScope(tx: Queryable, actor: Actor, ids: string[]): Promise<boolean> {
  const scope = await dataScopeOf(tx, actor);
  const params: unknown[] = [actor.orgId, ids];
  const arg = (value: unknown) => `$${params.push(value)}`;
  let visible = 'TRUE';
  if (scope.kind === 'none') visible = 'FALSE';
  if (scope.kind === 'self') visible = `${arg(scope.employeeId)}::uuid IN (c.owner_id, c.employee_id)`;
  if (scope.kind === 'units') {
    const units = `${arg(scope.unitIds)}::uuid[]`;
    visible = `(c.unit_id = ANY (${units}) OR c.owner_id = ${arg(actor.employeeId)}::uuid
      OR EXISTS (SELECT 1 FROM employees o WHERE o.org_id = c.org_id AND o.id IN (c.owner_id, c.employee_id) AND o.unit_id = ANY (${units})))`;
  }
  const [row] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE c.org_id = $1 AND c.id = ANY ($2::uuid[]) AND ${visible}`, params);
  return row!.n !== ids.length;
}

/** A session the actor may see (else 404) and change: their own, or any for an admin (else 403). */
async function findWritable(tx: Tx, actor: Actor, id: string): Promise<{ status: string; kind: ListeningKind; unit_id: string | null; scheduled_at: Date }> {
  const scope = await listeningScopeOf(tx, actor, 'listening.log');
  const params: unknown[] = [actor.orgId, id];
  const [row] = await tx.query<{ employee_id: string; status: string; kind: ListeningKind; unit_id: string | null; scheduled_at: Date }>(
    `SELECT s.employee_id, s.status, s.kind, s.unit_id, s.scheduled_at FROM listening_sessions s JOIN employees e ON e.org_id = s.org_id AND e.id = s.employee_id
      WHERE s.org_id = $1 AND s.id = $2 AND ${peopleCondition(scope, params)} FOR UPDATE OF s`,
    params,
  );
  if (!row) throw notFound('listening session');
  if (actor.role !== 'admin' && row.employee_id !== actor.employeeId) throw forbidden('only the person who holds a session (or an admin) may change or log it');
  return row;
}

async function readSession(tx: Queryable, actor: Actor, id: string, now: Date): Promise<Session> {
  const [row] = await tx.query<SessionRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE s.org_id = $1 AND s.id = $2`, [actor.orgId, id]);
  return toSession(row!, actor, now);
}
