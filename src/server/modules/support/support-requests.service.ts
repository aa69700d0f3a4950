/**
 * Support requests: an employee asks a colleague or manager they choose for a talk, a break or
 * counselling, about a hard case or not. Only the two of them can read it; everyone else, admins
 * included, gets 404 (the table's policy hides the row from every other query too). The audit log
 * records that a request was made, with no requester, kind, note or supporter, and the supporter is told
 * only that a colleague asked. Nothing here feeds points, performance or promotion.
 */
import type { z } from 'zod';
import type { CreateSupportRequest, SupportRequest, UpdateSupportRequestSchema } from '../../../contracts/support.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { createOnce, forgetCreateKeys, type CreateKey } from '../../platform/create-once.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { afterCursor, cursorTimeSql, decodeTimeIdCursor, toPage, type Page } from '../../platform/pagination.ts';
import { findCaseTakenPartIn } from '../cases/index.ts';
import { actAs, personalEmployee } from './support.personal.ts';

interface Row {
  id: string;
  kind: SupportRequest['kind'];
  note: string | null;
  status: SupportRequest['status'];
  requester_id: string;
  requester_name: string;
  supporter_id: string | null;
  supporter_name: string | null;
  case_id: string | null;
  case_title: string | null;
  created_at: Date;
  accepted_at: Date | null;
  completed_at: Date | null;
}

const COLUMNS = `s.id, s.kind, s.note, s.status, s.requester_id, r.name AS requester_name, s.supporter_id, p.name AS supporter_name,
    s.case_id, c.title AS case_title, s.created_at, s.accepted_at, s.completed_at`;
const FROM = `support_requests s
  JOIN employees r ON r.org_id = s.org_id AND r.id = s.requester_id
  LEFT JOIN employees p ON p.org_id = s.org_id AND p.id = s.supporter_id
  LEFT JOIN cases c ON c.org_id = s.org_id AND c.id = s.case_id`;
const SELECT = `SELECT ${COLUMNS} FROM ${FROM}`;
/** Rows of the caller: the explicit condition says what the row-level security policy enforces anyway. */
const MINE = `s.org_id = $1 AND $2::uuid IN (s.requester_id, s.supporter_id)`;

const toRequest = (r: Row, me: string): SupportRequest => ({
  id: r.id,
  kind: r.kind,
  note: r.note,
  status: r.status,
  myRole: r.requester_id === me ? 'requester' : 'supporter',
  requester: { id: r.requester_id, name: r.requester_name },
  supporter: r.supporter_id ? { id: r.supporter_id, name: r.supporter_name ?? '—' } : null,
  caseId: r.case_id,
  caseTitle: r.case_title,
  createdAt: r.created_at.toISOString(),
  acceptedAt: r.accepted_at?.toISOString() ?? null,
  completedAt: r.completed_at?.toISOString() ?? null,
});

/** Runs `fn` in a transaction opened to the caller's own care rows. */
function asPerson<T>(ctx: AppContext, actor: Actor, fn: (tx: Tx, me: string) => Promise<T>): Promise<T> {
  const me = personalEmployee(actor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await actAs(tx, me);
    return fn(tx, me);
  });
}

async function findMine(tx: Tx, me: string, id: string): Promise<Row> {
  const [row] = await tx.query<Row>(`${SELECT} WHERE ${MINE} AND s.id = $3`, [tx.orgId, me, id]);
  if (!row) throw notFound('support request');
  return row;
}

/** The route a request's Idempotency-Key belongs to (keys are per actor and route). */
export const CREATE_ROUTE = 'POST /api/v1/support-requests';

/**
 * Asks for support. With an Idempotency-Key a retry creates nothing and answers the first request, re-read
 * through `findMine` in a transaction opened to the caller's own care rows, as every read here is.
 */
export async function createSupportRequest(ctx: AppContext, actor: Actor, input: CreateSupportRequest, idempotencyKey?: string): Promise<SupportRequest> {
  const once: CreateKey = { route: CREATE_ROUTE, key: idempotencyKey, request: input };
  const outcome = await asPerson(ctx, actor, (tx, me) => createOnce(tx, ctx.clock, actor, once, () => insertRequest(ctx, tx, actor, me, input)));
  return outcome.replayed ? getSupportRequest(ctx, actor, outcome.ids[0]!) : outcome.value;
}

async function insertRequest(ctx: AppContext, tx: Tx, actor: Actor, me: string, input: CreateSupportRequest): Promise<{ ids: string[]; value: SupportRequest }> {
  const orgId = actor.orgId;
  const [requester] = await tx.query<{ unit_id: string }>(`SELECT unit_id FROM employees WHERE org_id = $1 AND id = $2 AND left_at IS NULL`, [orgId, me]);
  if (!requester) throw new AppError(403, 'personal_only', 'this account’s employee is no longer with the organisation');
  if (input.supporterId) {
    if (input.supporterId === me) throw new AppError(422, 'invalid_supporter', 'ask someone other than yourself', { field: 'supporterId' });
    const [supporter] = await tx.query<{ left_at: Date | null }>(`SELECT left_at FROM employees WHERE org_id = $1 AND id = $2`, [orgId, input.supporterId]);
    if (!supporter) throw notFound('employee');
    if (supporter.left_at) throw new AppError(422, 'invalid_supporter', 'that colleague has left the organisation', { field: 'supporterId' });
  }
  if (input.caseId) await findCaseTakenPartIn(tx, orgId, me, input.caseId);
  const [created] = await tx.query<{ id: string }>(
    `INSERT INTO support_requests (org_id, requester_id, unit_id, supporter_id, case_id, kind, note, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [orgId, me, requester.unit_id, input.supporterId ?? null, input.caseId ?? null, input.kind, input.note?.trim() || null, ctx.clock.now()],
  );
  // That a request exists, and nothing else: no actor, no id to look up, no kind, note or supporter.
  await recordAudit(tx, ctx.clock, null, { action: 'support_request.created', entityType: 'support_request', entityId: null });
  if (input.supporterId) {
    await tx.query(
      `INSERT INTO notifications (org_id, employee_id, kind, title, title_en, created_at) VALUES ($1, $2, 'support.requested', $3, $4, $5)`,
      [orgId, input.supporterId, '有同事向你寻求关怀支持', 'A colleague asked you for support', ctx.clock.now()],
    );
  }
  return { ids: [created!.id], value: toRequest(await findMine(tx, me, created!.id), me) };
}

/**
 * The caller's requests, as requester or as supporter, newest first (ties by id), a page at a time. The cursor
 * only narrows `MINE` (and the row policy under it): whatever it says, no one else's request can appear.
 */
export function listSupportRequests(ctx: AppContext, actor: Actor, q: { limit: number; cursor?: string }): Promise<Page<SupportRequest>> {
  return asPerson(ctx, actor, async (tx, me) => {
    const after = decodeTimeIdCursor(q.cursor);
    const params: unknown[] = [actor.orgId, me];
    const next = after ? afterCursor('s.created_at', 's.id', after, params) : 'TRUE';
    const rows = await tx.query<Row & { page_at: string }>(
      `SELECT ${COLUMNS}, ${cursorTimeSql('s.created_at')} AS page_at FROM ${FROM}
        WHERE ${MINE} AND ${next} ORDER BY s.created_at DESC, s.id LIMIT $${params.push(q.limit + 1)}`,
      params,
    );
    const page = toPage(rows, q.limit, (r) => `${r.page_at}|${r.id}`);
    return { items: page.items.map((r) => toRequest(r, me)), nextCursor: page.nextCursor };
  });
}

export function getSupportRequest(ctx: AppContext, actor: Actor, id: string): Promise<SupportRequest> {
  return asPerson(ctx, actor, async (tx, me) => toRequest(await findMine(tx, me, id), me));
}

/** The supporter accepts an open request; either of the two completes it. */
export function updateSupportRequest(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateSupportRequestSchema>): Promise<SupportRequest> {
  return asPerson(ctx, actor, async (tx, me) => {
    const row = await findMine(tx, me, id);
    const isSupporter = row.supporter_id === me;
    if (input.status === 'accepted' && !isSupporter) throw new AppError(403, 'not_supporter', 'only the colleague asked can accept a request');
    const allowed = input.status === 'accepted' ? row.status === 'open' : row.status !== 'completed';
    if (!allowed) throw new AppError(409, 'invalid_transition', `a ${row.status} request cannot become ${input.status}`, { status: row.status });
    const column = input.status === 'accepted' ? 'accepted_at' : 'completed_at';
    await tx.query(`UPDATE support_requests SET status = $3, ${column} = $4 WHERE org_id = $1 AND id = $2`, [actor.orgId, id, input.status, ctx.clock.now()]);
    return toRequest(await findMine(tx, me, id), me);
  });
}

/** The requester withdraws a request: it is deleted, note and all, with the Idempotency-Key that created it. */
export function deleteSupportRequest(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  return asPerson(ctx, actor, async (tx, me) => {
    const row = await findMine(tx, me, id);
    if (row.requester_id !== me) throw new AppError(403, 'not_requester', 'only the one who asked can withdraw a request');
    await tx.query(`DELETE FROM support_requests WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
    // Withdrawn leaves no trace: not even the key row saying this person asked for something at that time.
    await forgetCreateKeys(tx, actor, CREATE_ROUTE, id);
  });
}
