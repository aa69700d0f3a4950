/**
 * The praise wall: customer praise for everyone in the organisation to read
 * and like, and each morning's highlight, "yesterday's most touching praise",
 * chosen by a job from staff likes and the comment's warmth.
 */
import type { Praise, PraiseHighlight } from '../../../contracts/recognition.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';

interface PraiseRow {
  response_id: string;
  employee_id: string | null;
  employee_name: string | null;
  unit_id: string | null;
  unit_name: string | null;
  touchpoint: string | null;
  text: string;
  nps: number | null;
  csat: number | null;
  sentiment_score: number;
  likes: number;
  is_liked_by_me: boolean;
  submitted_at: Date;
}

/** $1 org, $2 the viewer's liker id. */
const PRAISE_SELECT = `SELECT p.response_id, p.employee_id, e.name AS employee_name, p.unit_id, u.name AS unit_name, p.touchpoint, p.text,
    p.nps, p.csat, p.sentiment_score, p.likes, p.submitted_at,
    EXISTS (SELECT 1 FROM praise_likes l WHERE l.org_id = p.org_id AND l.response_id = p.response_id AND l.liker_id = $2) AS is_liked_by_me
  FROM praise p
  LEFT JOIN employees e ON e.org_id = p.org_id AND e.id = p.employee_id
  LEFT JOIN units u ON u.org_id = p.org_id AND u.id = p.unit_id`;

const toPraise = (r: PraiseRow): Praise => ({
  responseId: r.response_id,
  employeeId: r.employee_id,
  employeeName: r.employee_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  touchpoint: r.touchpoint,
  text: r.text,
  nps: r.nps,
  csat: r.csat,
  sentimentScore: Number(r.sentiment_score),
  likes: r.likes,
  isLikedByMe: r.is_liked_by_me,
  submittedAt: new Date(r.submitted_at).toISOString(),
});

/** The wall, newest first: organisation-wide (praise is shared with all staff), never partners. */
export async function listPraise(
  ctx: AppContext,
  actor: Actor,
  query: { limit: number; cursor?: string; employeeId?: string },
): Promise<Page<Praise>> {
  authorize(actor, 'praise.read');
  const after = decodeCursor(query.cursor);
  const [afterAt, afterId] = after?.split('|') ?? [];
  if (after !== null && (!afterAt || !afterId || Number.isNaN(Date.parse(afterAt)) || !/^[0-9a-f-]{36}$/.test(afterId))) throw invalid('cursor is not valid');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const params: unknown[] = [actor.orgId, actor.id];
    // Praise whose words were erased (privacy) still counts for the employee but has nothing to show on the wall.
    const where = ['p.org_id = $1', "p.text <> ''"];
    if (query.employeeId) where.push(`p.employee_id = $${params.push(query.employeeId)}`);
    if (after !== null) where.push(`(p.submitted_at, p.response_id) < ($${params.push(afterAt)}::timestamptz, $${params.push(afterId)}::uuid)`);
    const rows = await tx.query<PraiseRow>(
      `${PRAISE_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.submitted_at DESC, p.response_id DESC LIMIT $${params.push(query.limit + 1)}`,
      params,
    );
    return toPage(rows.map(toPraise), query.limit, (p) => `${p.submittedAt}|${p.responseId}`);
  });
}

/** One like per person; liking again changes nothing. Returns the praise as the liker now sees it. */
export async function likePraise(ctx: AppContext, actor: Actor, responseId: string): Promise<Praise> {
  authorize(actor, 'praise.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [exists] = await tx.query(`SELECT 1 FROM praise WHERE org_id = $1 AND response_id = $2 FOR UPDATE`, [actor.orgId, responseId]);
    if (!exists) throw notFound('praise');
    const [liked] = await tx.query(
      `INSERT INTO praise_likes (org_id, response_id, liker_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
      [actor.orgId, responseId, actor.id, ctx.clock.now()],
    );
    if (liked) await tx.query(`UPDATE praise SET likes = likes + 1 WHERE org_id = $1 AND response_id = $2`, [actor.orgId, responseId]);
    return praiseById(tx, actor, responseId);
  });
}

async function praiseById(tx: Tx, actor: Actor, responseId: string): Promise<Praise> {
  const [row] = await tx.query<PraiseRow>(`${PRAISE_SELECT} WHERE p.org_id = $1 AND p.response_id = $3`, [actor.orgId, actor.id, responseId]);
  if (!row) throw notFound('praise');
  return toPraise(row);
}

/** Yesterday's date in the organisation's time zone, its most touching praise (likes, then warmth, then length) and whether it is past 07:00 there. */
async function bestOfYesterday(tx: Tx, orgId: string, now: Date) {
  const [row] = await tx.query<{ day: string; is_morning: boolean; response_id: string | null; score: number | null }>(
    `WITH day AS (
       SELECT ((($2::timestamptz AT TIME ZONE o.time_zone)::date) - 1) AS d, o.time_zone AS tz,
              extract(hour FROM $2::timestamptz AT TIME ZONE o.time_zone) >= 7 AS is_morning
         FROM organisations o WHERE o.id = $1
     ), best AS (
       SELECT p.response_id, p.likes + 3 * p.sentiment_score + least(length(p.text), 200) / 200.0 AS score
         FROM praise p, day
        WHERE p.org_id = $1 AND p.text <> '' AND p.submitted_at >= day.d::timestamp AT TIME ZONE day.tz AND p.submitted_at < (day.d + 1)::timestamp AT TIME ZONE day.tz
        ORDER BY score DESC, p.submitted_at, p.response_id LIMIT 1
     )
     SELECT to_char(day.d, 'YYYY-MM-DD') AS day, day.is_morning, best.response_id, best.score FROM day LEFT JOIN best ON true`,
    [orgId, now],
  );
  return row!;
}

/**
 * The latest chosen highlight, normally yesterday's. Until the morning job has
 * chosen yesterday's, yesterday's best so far is shown (and may still change).
 */
export async function getPraiseHighlight(ctx: AppContext, actor: Actor): Promise<PraiseHighlight> {
  authorize(actor, 'praise.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [stored] = await tx.query<{ day: string; response_id: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, response_id FROM praise_highlights WHERE org_id = $1 ORDER BY day DESC LIMIT 1`,
      [actor.orgId],
    );
    const yesterday = await bestOfYesterday(tx, actor.orgId, ctx.clock.now());
    if ((!stored || stored.day < yesterday.day) && yesterday.response_id) {
      return { day: yesterday.day, praise: await praiseById(tx, actor, yesterday.response_id) };
    }
    if (!stored) return { day: null, praise: null };
    return { day: stored.day, praise: await praiseById(tx, actor, stored.response_id) };
  });
}

/**
 * Chooses yesterday's (organisation time) most touching praise for every
 * organisation that has none yet, from 07:00 local time (so the evening's likes
 * count). A day keeps its first choice, so re-runs change nothing.
 */
export async function chooseDailyHighlights(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const orgs = await ctx.db.system((tx) => tx.query<{ id: string }>(`SELECT id FROM organisations ORDER BY id`));
  let chosen = 0;
  for (const { id: orgId } of orgs) {
    const isChosen = await ctx.db.tenant(orgId, async (tx) => {
      const best = await bestOfYesterday(tx, orgId, now);
      if (!best.is_morning || !best.response_id) return false;
      const [row] = await tx.query(
        `INSERT INTO praise_highlights (org_id, day, response_id, score, chosen_at) VALUES ($1, $2::date, $3, $4, $5)
         ON CONFLICT (org_id, day) DO NOTHING RETURNING 1`,
        [orgId, best.day, best.response_id, best.score, now],
      );
      return row !== undefined;
    });
    if (isChosen) chosen += 1;
  }
  return chosen;
}
