/**
 * Public boards: a read-only link for an office screen showing CSAT, CES and
 * NPS per team. Only the sha256 of the random 144-bit token is stored; the
 * public payload carries aggregates and unit names only (no person, customer
 * or comment), and withholds a figure over fewer answers than the anonymity
 * threshold, so a one-person team's board does not become a personal score.
 */
import type { z } from 'zod';
import type { Board, CreateBoardSchema, CreatedBoard, PublicBoard } from '../../../contracts/dashboards.ts';
import type { MetricName } from '../../../contracts/metrics.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import { DAY, MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
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
  created_at: Date;
  revoked_at: Date | null;
  last_viewed_at: Date | null;
}
const COLUMNS = 'id, name, unit_id, unit_ids, period_days, created_at, revoked_at, last_viewed_at';
const toBoard = (r: BoardRow): Board => ({
  id: r.id,
  name: r.name,
  unitId: r.unit_id,
  unitIds: r.unit_ids,
  periodDays: r.period_days,
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
    const found = await tx.query<{ id: string }>(`SELECT id FROM units WHERE org_id = $1 AND id = ANY($2::uuid[])`, [actor.orgId, [unitId, ...unitIds]]);
    if (found.length !== new Set([unitId, ...unitIds]).size) throw notFound('unit');
    const token = randomToken(18);
    const [row] = await tx.query<BoardRow>(
      `INSERT INTO boards (org_id, name, token_hash, unit_id, unit_ids, period_days, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [actor.orgId, input.name, sha256(token), unitId, unitIds, input.periodDays ?? 30, actor.id, ctx.clock.now()],
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
  const figure = async (metric: MetricName, unitId: string, digits: number) => {
    const row = (await getMetric(ctx, asOrg, metric, { from, unitId })).rows[0];
    const n = row?.n ?? 0;
    const value = row?.value ?? null;
    return { value: value === null || n < BOARD_MIN_ANSWERS ? null : Math.round(value * 10 ** digits) / 10 ** digits, n };
  };
  const figures = async (unitId: string) => ({ nps: await figure('nps', unitId, 0), csat: await figure('csat', unitId, 2), ces: await figure('ces', unitId, 2) });
  const teamFigures = [];
  for (const team of teams) {
    const f = await figures(team.id);
    // A team with no answer at all in the period (a back office) only takes space on the screen.
    if (f.nps.n + f.csat.n + f.ces.n > 0) teamFigures.push({ name: team.name, nameEn: team.name_en, ...f });
  }
  return {
    name: board.name,
    organisation: { name: org.name, nameEn: org.name_en },
    periodDays: board.period_days,
    generatedAt: now.toISOString(),
    refreshSeconds: BOARD_REFRESH_SECONDS,
    minAnswers: BOARD_MIN_ANSWERS,
    overall: await figures(board.unit_id),
    teams: teamFigures,
  };
}
