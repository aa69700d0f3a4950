/**
 * The idea board (C8): ideas from employees and partners, optionally linked to
 * the response or case that inspired them; one vote per person; comments;
 * review through open → under review → accepted → in progress → implemented
 * (or declined / duplicate). Acceptance gives the author the rule's points,
 * once per idea; an implemented idea counts as an improvement case.
 */
import { z } from 'zod';
import type { CreateIdeaSchema, Idea, IdeaComment, IdeaDetail, IdeaQuerySchema, IdeaStatus, IdeaStatusChangeSchema, IdeaStatusEvent } from '../../../contracts/recognition.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events/index.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { dataScopeOf } from '../org/index.ts';
import { appendLedgerEntry } from './points.ledger.ts';
import { rulesOf } from './points-rules.service.ts';

/** Where each status may go next; the last three are final. */
export const IDEA_TRANSITIONS: Record<IdeaStatus, IdeaStatus[]> = {
  open: ['under_review', 'accepted', 'declined', 'duplicate'],
  under_review: ['open', 'accepted', 'declined', 'duplicate'],
  accepted: ['in_progress', 'implemented', 'declined'],
  in_progress: ['implemented', 'declined'],
  implemented: [],
  declined: [],
  duplicate: [],
};

interface IdeaRow {
  id: string;
  title: string;
  body: string;
  status: IdeaStatus;
  author_kind: 'employee' | 'partner';
  author_employee_id: string | null;
  author_name: string | null;
  challenge_id: string | null;
  response_id: string | null;
  case_id: string | null;
  duplicate_of: string | null;
  votes: number;
  comments: number;
  has_my_vote: boolean;
  created_at: Date;
  accepted_at: Date | null;
  implemented_at: Date | null;
}

/** $1 org, $2 the viewer's voter id. */
const IDEA_SELECT = `SELECT i.*, e.name AS author_name,
    EXISTS (SELECT 1 FROM idea_votes v WHERE v.org_id = i.org_id AND v.idea_id = i.id AND v.voter_id = $2) AS has_my_vote
  FROM ideas i LEFT JOIN employees e ON e.org_id = i.org_id AND e.id = i.author_employee_id`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toIdea = (r: IdeaRow): Idea => ({
  id: r.id,
  title: r.title,
  body: r.body,
  status: r.status,
  authorKind: r.author_kind,
  authorEmployeeId: r.author_employee_id,
  authorName: r.author_name,
  challengeId: r.challenge_id,
  responseId: r.response_id,
  caseId: r.case_id,
  duplicateOf: r.duplicate_of,
  votes: r.votes,
  comments: r.comments,
  hasMyVote: r.has_my_vote,
  createdAt: new Date(r.created_at).toISOString(),
  acceptedAt: iso(r.accepted_at),
  implementedAt: iso(r.implemented_at),
});

async function ideaById(tx: Tx, actor: Actor, id: string, lock = false): Promise<Idea> {
  const [row] = await tx.query<IdeaRow>(`${IDEA_SELECT} WHERE i.org_id = $1 AND i.id = $3${lock ? ' FOR UPDATE OF i' : ''}`, [actor.orgId, actor.id, id]);
  if (!row) throw notFound('idea');
  return toIdea(row);
}

/** The board, newest or most voted first; everyone in the organisation, partners included, sees it. */
export async function listIdeas(ctx: AppContext, actor: Actor, query: z.infer<typeof IdeaQuerySchema> & { limit: number; cursor?: string }): Promise<Page<Idea>> {
  authorize(actor, 'idea.read');
  const cursor = decodeCursor(query.cursor);
  if (cursor !== null && !/^\d{1,9}$/.test(cursor)) throw invalid('cursor is not valid');
  const offset = cursor === null ? 0 : Number(cursor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const params: unknown[] = [actor.orgId, actor.id];
    const where = ['i.org_id = $1'];
    if (query.status) where.push(`i.status = $${params.push(query.status)}`);
    if (query.challengeId) where.push(`i.challenge_id = $${params.push(query.challengeId)}`);
    const order = query.sort === 'top' ? 'i.votes DESC, i.created_at DESC, i.id' : 'i.created_at DESC, i.id';
    const rows = await tx.query<IdeaRow>(
      `${IDEA_SELECT} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.push(query.limit + 1)} OFFSET $${params.push(offset)}`,
      params,
    );
    return toPage(rows.map(toIdea), query.limit, () => String(offset + query.limit));
  });
}

export async function getIdea(ctx: AppContext, actor: Actor, id: string): Promise<IdeaDetail> {
  authorize(actor, 'idea.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const idea = await ideaById(tx, actor, id);
    const comments = await tx.query<{ id: string; author_name: string | null; body: string; created_at: Date }>(
      `SELECT c.id, e.name AS author_name, c.body, c.created_at FROM idea_comments c
         LEFT JOIN employees e ON e.org_id = c.org_id AND e.id = c.author_employee_id
        WHERE c.org_id = $1 AND c.idea_id = $2 ORDER BY c.created_at, c.id`,
      [actor.orgId, id],
    );
    const commentList: IdeaComment[] = comments.map((c) => ({ id: c.id, authorName: c.author_name, body: c.body, createdAt: new Date(c.created_at).toISOString() }));
    return { ...idea, commentList, history: await statusHistoryOf(tx, actor.orgId, id) };
  });
}

/** The idea's review steps from the audit log, oldest first; the reviewer's name when they signed in as an employee. */
async function statusHistoryOf(tx: Tx, orgId: string, id: string): Promise<IdeaStatusEvent[]> {
  const rows = await tx.query<{ at: Date; status: IdeaStatus; note: string | null; by_name: string | null }>(
    `SELECT a.at, a.after->>'status' AS status, a.after->>'note' AS note, e.name AS by_name FROM audit_log a
       LEFT JOIN users u ON a.actor_type = 'user' AND u.org_id = a.org_id AND u.id::text = a.actor_id
       LEFT JOIN employees e ON e.org_id = u.org_id AND e.id = u.employee_id
      WHERE a.org_id = $1 AND a.entity_type = 'idea' AND a.entity_id = $2 AND a.action = 'idea.status' ORDER BY a.at, a.id`,
    [orgId, id],
  );
  return rows.map((r) => ({ status: r.status, at: new Date(r.at).toISOString(), byName: r.by_name, note: r.note }));
}

/** An idea from an employee or a partner; a link to a response or case must be one the author may see. */
export async function createIdea(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateIdeaSchema>): Promise<Idea> {
  authorize(actor, 'idea.create');
  const isPartner = actor.role === 'partner';
  if (isPartner && (input.responseId || input.caseId)) throw forbidden('partners may not link ideas to responses or cases');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const now = ctx.clock.now();
    if (input.challengeId) {
      const [c] = await tx.query<{ deadline: Date }>(`SELECT deadline FROM idea_challenges WHERE org_id = $1 AND id = $2`, [actor.orgId, input.challengeId]);
      if (!c) throw notFound('challenge');
      if (new Date(c.deadline) < now) throw conflict('challenge_closed', 'this challenge’s deadline has passed');
    }
    if (input.responseId) await requireLinkInScope(tx, actor, 'responses', input.responseId);
    if (input.caseId) await requireLinkInScope(tx, actor, 'cases', input.caseId);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO ideas (org_id, title, body, status, author_kind, author_actor_id, author_employee_id, challenge_id, response_id, case_id, partner_id, created_at, updated_at)
       VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
      [actor.orgId, input.title, input.body, isPartner ? 'partner' : 'employee', actor.id, isPartner ? null : actor.employeeId, input.challengeId ?? null,
        input.responseId ?? null, input.caseId ?? null, isPartner ? (actor.partnerId ?? null) : null, now],
    );
    await publish(tx, 'idea.created', { ideaId: row!.id, title: input.title, authorEmployeeId: isPartner ? null : actor.employeeId }, { at: now });
    return ideaById(tx, actor, row!.id);
  });
}

/** A response or case the actor's data scope holds (their own, their subtree's, or any for admins); 404 otherwise. */
async function requireLinkInScope(tx: Tx, actor: Actor, table: 'responses' | 'cases', id: string): Promise<void> {
  const scope = await dataScopeOf(tx, actor);
  const params: unknown[] = [actor.orgId, id];
  const personColumn = table === 'responses' ? 'employee_id' : 'owner_id';
  let condition = 'true';
  if (scope.kind === 'units') condition = `unit_id = ANY($${params.push(scope.unitIds)}::uuid[])`;
  else if (scope.kind === 'self') condition = `(employee_id = $${params.push(scope.employeeId)} OR ${personColumn} = $${params.length})`;
  else if (scope.kind === 'none') condition = 'false';
  const [row] = await tx.query(`SELECT 1 FROM ${table} WHERE org_id = $1 AND id = $2 AND ${condition}`, params);
  if (!row) throw notFound(table === 'responses' ? 'response' : 'case');
}

/** One vote per person (user or API key): a second vote is 409 already_voted. */
export async function voteForIdea(ctx: AppContext, actor: Actor, id: string): Promise<Idea> {
  authorize(actor, 'idea.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await ideaById(tx, actor, id, true);
    const [voted] = await tx.query(
      `INSERT INTO idea_votes (org_id, idea_id, voter_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
      [actor.orgId, id, actor.id, ctx.clock.now()],
    );
    if (!voted) throw conflict('already_voted', 'you have already voted for this idea');
    await tx.query(`UPDATE ideas SET votes = votes + 1 WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
    return ideaById(tx, actor, id);
  });
}

/** Takes one's vote back (404 when there was none). */
export async function withdrawVote(ctx: AppContext, actor: Actor, id: string): Promise<Idea> {
  authorize(actor, 'idea.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await ideaById(tx, actor, id, true);
    const [removed] = await tx.query(`DELETE FROM idea_votes WHERE org_id = $1 AND idea_id = $2 AND voter_id = $3 RETURNING 1`, [actor.orgId, id, actor.id]);
    if (!removed) throw notFound('vote');
    await tx.query(`UPDATE ideas SET votes = votes - 1 WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
    return ideaById(tx, actor, id);
  });
}

export async function commentOnIdea(ctx: AppContext, actor: Actor, id: string, body: string): Promise<IdeaComment> {
  authorize(actor, 'idea.create');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await ideaById(tx, actor, id, true);
    const now = ctx.clock.now();
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO idea_comments (org_id, idea_id, author_actor_id, author_employee_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [actor.orgId, id, actor.id, actor.role === 'partner' ? null : actor.employeeId, body, now],
    );
    await tx.query(`UPDATE ideas SET comments = comments + 1 WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
    const [author] = await tx.query<{ name: string }>(`SELECT name FROM employees WHERE org_id = $1 AND id = $2`, [actor.orgId, actor.employeeId]);
    return { id: row!.id, authorName: actor.role === 'partner' ? null : (author?.name ?? null), body, createdAt: now.toISOString() };
  });
}

/**
 * Moves an idea along its workflow (managers and admins). Accepting gives the
 * author the rule's points (once per idea, however often it is accepted) and
 * publishes `idea.accepted`; implementing publishes `idea.implemented`.
 */
export async function changeIdeaStatus(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof IdeaStatusChangeSchema>): Promise<Idea> {
  authorize(actor, 'idea.review');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const idea = await ideaById(tx, actor, id, true);
    if (!IDEA_TRANSITIONS[idea.status].includes(input.status)) {
      throw conflict('invalid_transition', `an idea that is ${idea.status} cannot become ${input.status}`);
    }
    if (input.status === 'duplicate') {
      if (!input.duplicateOf) throw invalid('a duplicate names the idea it repeats', { duplicateOf: 'required' });
      if (input.duplicateOf === id) throw invalid('an idea cannot duplicate itself', { duplicateOf: 'self' });
      await ideaById(tx, actor, input.duplicateOf);
    }
    const now = ctx.clock.now();
    await tx.query(
      `UPDATE ideas SET status = $3, updated_at = $4, duplicate_of = coalesce($5, duplicate_of),
         accepted_at = CASE WHEN $3 = 'accepted' THEN $4 ELSE accepted_at END,
         implemented_at = CASE WHEN $3 = 'implemented' THEN $4 ELSE implemented_at END
       WHERE org_id = $1 AND id = $2`,
      [actor.orgId, id, input.status, now, input.status === 'duplicate' ? input.duplicateOf : null],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'idea.status', entityType: 'idea', entityId: id, before: { status: idea.status }, after: input });
    const event = { ideaId: id, title: idea.title, status: input.status, employeeId: idea.authorEmployeeId, note: input.note ?? null };
    if (input.status === 'accepted') {
      await publish(tx, 'idea.accepted', event, { at: now });
      const rules = await rulesOf(tx, actor.orgId);
      if (idea.authorEmployeeId && rules.ideaAccepted > 0) {
        await appendLedgerEntry(tx, ctx.clock, {
          employeeId: idea.authorEmployeeId,
          delta: rules.ideaAccepted,
          reason: idea.title.slice(0, 500),
          sourceType: 'idea_accepted',
          sourceId: id,
        });
      }
    } else if (input.status === 'implemented') {
      await publish(tx, 'idea.implemented', event, { at: now });
    }
    return ideaById(tx, actor, id);
  });
}
