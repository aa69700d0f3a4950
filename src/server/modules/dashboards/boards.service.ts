/**
 * Public boards: a read-only link for an office screen showing its chosen
 * metrics (by default NPS, CSAT and CES; e.g. also the mystery-shopping
 * audit_score) overall and per team. Only the sha256 of the random 144-bit token is stored; the
 * public payload carries aggregates and unit names only (no person, customer
 * or comment), and withholds a figure over fewer answers than the anonymity
 * threshold, so a one-person team's board does not become a personal score.
 */
import type { z } from 'zod';
import { BOARD_DEFAULT_METRICS, BOARD_DIGITS, type Board, type CreateBoardSchema, type CreatedBoard, type PublicBoard, type UpdateBoardSchema } from '../../../contracts/dashboards.ts';
import type { MetricName } from '../../../contracts/metrics.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import { DAY, MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { randomToken, sha256 } from '../../platform/secrets.ts';
import { getMetric } from '../metrics/index.ts';

/** A figure over fewer answers is withheld. */
export const BOARD_MIN_ANSWERS = 5;
/** How often the screen reloads, and how long a computed board is served from memory. */
export const BOARD_REFRESH_SECONDS = 30;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

interface BoardRow {
  id: string;
  name: string;
  unit_id: string;
  unit_ids: string[];
  period_days: number;
  metrics: MetricName[];
  created_at: Date;
  revoked_at: Date | null;
  last_viewed_at: Date | null;
}
const COLUMNS = 'id, name, unit_id, unit_ids, period_days, metrics, created_at, revoked_at, last_viewed_at';
const toBoard = (r: BoardRow): Board => ({
  id: r.id,
  name: r.name,
  unitId: r.unit_id,
  unitIds: r.unit_ids,
  periodDays: r.period_days,
  metrics: r.metrics,
  createdAt: r.created_at.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null,
  lastViewedAt: r.last_viewed_at?.toISOString() ?? null,
});

/** Creates a board; its token is in the answer once and never again. */
export function createBoard(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateBoardSchema>): Promise<CreatedBoard> {
  authorize(actor, 'board.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const unitId = input.unitId ?? (await rootUnitId(tx, actor.orgId));
    const unitIds = [...new Set(input.unitIds ?? [])];
    await requireUnits(tx, actor.orgId, [unitId, ...unitIds]);
    const token = randomToken(18);
    const [row] = await tx.query<BoardRow>(
      `INSERT INTO boards (org_id, name, token_hash, unit_id, unit_ids, period_days, metrics, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [actor.orgId, input.name, sha256(token), unitId, unitIds, input.periodDays ?? 30, uniqueMetrics(input.metrics), actor.id, ctx.clock.now()],
    );
    const board = toBoard(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'board.created', entityType: 'board', entityId: board.id, after: board });
    return { ...board, token, path: `/board/${token}` };
  });
}

export function listBoards(ctx: AppContext, actor: Actor): Promise<Board[]> {
  authorize(actor, 'board.manage');
  return ctx.db.tenant(actor.orgId, async (tx) =>
    (await tx.query<BoardRow>(`SELECT ${COLUMNS} FROM boards WHERE org_id = $1 ORDER BY revoked_at IS NOT NULL, created_at DESC, id`, [actor.orgId])).map(toBoard),
  );
}

/** Changes what a live board shows (name, scope, period, metrics); its link stays the same and screens show the change at their next refresh. */
export function updateBoard(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateBoardSchema>): Promise<Board> {
  authorize(actor, 'board.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [before] = await tx.query<BoardRow>(`SELECT ${COLUMNS} FROM boards WHERE org_id = $1 AND id = $2 FOR UPDATE`, [actor.orgId, id]);
    if (!before) throw notFound('board');
    if (before.revoked_at) throw conflict('board_revoked', 'a revoked board cannot be changed: create a new one');
    const unitId = input.unitId ?? before.unit_id;
    const unitIds = input.unitIds ? [...new Set(input.unitIds)] : before.unit_ids;
    if (input.unitId || input.unitIds) await requireUnits(tx, actor.orgId, [unitId, ...unitIds]);
    const [row] = await tx.query<BoardRow>(
      `UPDATE boards SET name = $3, unit_id = $4, unit_ids = $5, period_days = $6, metrics = $7 WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [actor.orgId, id, input.name ?? before.name, unitId, unitIds, input.periodDays ?? before.period_days, input.metrics ? uniqueMetrics(input.metrics) : before.metrics],
    );
    const board = toBoard(row!);
    await recordAudit(tx, ctx.clock, actor, { action: 'board.updated', entityType: 'board', entityId: id, before: toBoard(before), after: board });
    boardCache.get(ctx)?.delete(id);
    return board;
  });
}

/** Revokes a board: its link answers 404 from now on. Revoking twice is harmless. */
export function revokeBoard(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'board.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [row] = await tx.query<BoardRow>(
      `UPDATE boards SET revoked_at = COALESCE(revoked_at, $3) WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [actor.orgId, id, ctx.clock.now()],
    );
    if (!row) throw notFound('board');
    await recordAudit(tx, ctx.clock, actor, { action: 'board.revoked', entityType: 'board', entityId: id, after: toBoard(row) });
    boardCache.get(ctx)?.delete(id);
  });
}

/** The metrics in the order given, each once (the default when none are given). */
const uniqueMetrics = (metrics: readonly MetricName[] | undefined): MetricName[] => [...new Set(metrics ?? BOARD_DEFAULT_METRICS)];

async function requireUnits(tx: Queryable, orgId: string, ids: string[]): Promise<void> {
  const found = await tx.query<{ id: string }>(`SELECT id FROM units WHERE org_id = $1 AND id = ANY($2::uuid[])`, [orgId, ids]);
  if (found.length !== new Set(ids).size) throw notFound('unit');
}

async function rootUnitId(tx: Queryable, orgId: string): Promise<string> {
  const [root] = await tx.query<{ id: string }>(`SELECT id FROM units WHERE org_id = $1 AND parent_id IS NULL ORDER BY created_at, id LIMIT 1`, [orgId]);
  if (!root) throw notFound('unit');
  return root.id;
}

const boardCache = new WeakMap<AppContext, Map<string, { at: number; payload: PublicBoard }>>();

/** `GET /api/v1/public/boards/:token`: the board's aggregates, or 404 for an unknown or revoked token. */
export async function getPublicBoard(ctx: AppContext, token: string): Promise<PublicBoard> {
  if (!TOKEN_PATTERN.test(token)) throw notFound('board');
  const [found] = await ctx.db.system((tx) =>
    tx.query<{ org_id: string; id: string }>(`SELECT org_id, id FROM boards WHERE token_hash = $1 AND revoked_at IS NULL`, [sha256(token)]),
  );
  if (!found) throw notFound('board');
  const now = ctx.clock.now().getTime();
  const cache = boardCache.get(ctx) ?? new Map();
  boardCache.set(ctx, cache);
  const hit = cache.get(found.id);
  if (hit && now - hit.at < BOARD_REFRESH_SECONDS * 1000) return hit.payload;
  const payload = await computeBoard(ctx, found.org_id, found.id);
  cache.set(found.id, { at: now, payload });
  return payload;
}

interface Team {
  id: string;
  name: string;
  name_en: string | null;
}

async function computeBoard(ctx: AppContext, orgId: string, boardId: string): Promise<PublicBoard> {
  const now = ctx.clock.now();
  const { board, org, teams } = await ctx.db.tenant(orgId, async (tx) => {
    const [board] = await tx.query<BoardRow>(`SELECT ${COLUMNS} FROM boards WHERE org_id = $1 AND id = $2`, [orgId, boardId]);
    const [org] = await tx.query<{ name: string; name_en: string | null }>(`SELECT name, name_en FROM organisations WHERE id = $1`, [orgId]);
    const teams = board!.unit_ids.length
      ? await tx.query<Team>(`SELECT id, name, name_en FROM units WHERE org_id = $1 AND id = ANY($2::uuid[]) ORDER BY array_position($2::uuid[], id)`, [orgId, board!.unit_ids])
      : await tx.query<Team>(`SELECT id, name, name_en FROM units WHERE org_id = $1 AND parent_id = $2 ORDER BY name, id`, [orgId, board!.unit_id]);
    // Seen at most once a minute: a screen refreshing every 30 s should not write every time.
    await tx.query(`UPDATE boards SET last_viewed_at = $3 WHERE org_id = $1 AND id = $2 AND (last_viewed_at IS NULL OR last_viewed_at < $4)`, [
      orgId,
      boardId,
      now,
      new Date(now.getTime() - MINUTE),
    ]);
    return { board: board!, org: org!, teams };
  });
  const from = new Date(now.getTime() - board.period_days * DAY).toISOString();
  const asOrg: Actor = { orgId, kind: 'api_key', id: 'public-board', role: 'admin', employeeId: null };
  // Every metric, audit_score included, is read through the metrics API and withheld under the same threshold:
  // its n (answers, visits, interactions…) is what makes a one-person team's figure a personal score.
  const figure = async (metric: MetricName, unitId: string) => {
    const row = (await getMetric(ctx, asOrg, metric, { from, unitId })).rows[0];
    const n = row?.n ?? 0;
    const value = row?.value ?? null;
    const scale = 10 ** BOARD_DIGITS[metric];
    return { value: value === null || n < BOARD_MIN_ANSWERS ? null : Math.round(value * scale) / scale, n };
  };
  const figures = async (unitId: string) => {
    const out: PublicBoard['overall'] = {};
    for (const metric of board.metrics) out[metric] = await figure(metric, unitId);
    return out;
  };
  const teamFigures: PublicBoard['teams'] = [];
  for (const team of teams) {
    const f = await figures(team.id);
    // A team with nothing at all in the period (a back office) only takes space on the screen.
    if (board.metrics.some((m) => (f[m]?.n ?? 0) > 0)) teamFigures.push({ name: team.name, nameEn: team.name_en, ...f });
  }
  return {
    name: board.name,
    organisation: { name: org.name, nameEn: org.name_en },
    periodDays: board.period_days,
    generatedAt: now.toISOString(),
    refreshSeconds: BOARD_REFRESH_SECONDS,
    minAnswers: BOARD_MIN_ANSWERS,
    metrics: board.metrics,
    overall: await figures(board.unit_id),
    teams: teamFigures,
  };
}
