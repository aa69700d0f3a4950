/**
 * Topics: each comment's keywords filed under the organisation's topic names.
 * A keyword is its own topic until the organisation renames it or merges it
 * into another; renames and merges also re-file the comments analysed before.
 */
import type { z } from 'zod';
import type {
  AnalyzedText,
  MergeTopicsSchema,
  TopicChangeResult,
  TopicListQuerySchema,
  TopicListSchema,
  TopicTrendQuerySchema,
  TopicTrendSchema,
} from '../../../contracts/text.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { dataScopeOf, unitSubtreeIds } from '../org/index.ts';
import { activeAdapterOf } from './adapter/adapter.cache.ts';
import { analyzeText } from './analyze.ts';

type TopicFilter = { from?: string; to?: string; unitId?: string; touchpoint?: string };

/** The topics of a comment's keywords: each through the organisation's renames and merges, without repeats. */
export async function topicsOf(tx: Queryable, orgId: string, keywords: string[]): Promise<string[]> {
  if (keywords.length === 0) return [];
  const filed = await topicsByTerm(tx, orgId, keywords);
  return [...new Set(keywords.map((k) => filed.get(k) ?? k))];
}

/** The topic each of `terms` is filed under, where one was set (renamed or merged). */
export async function topicsByTerm(tx: Queryable, orgId: string, terms: string[]): Promise<Map<string, string>> {
  if (terms.length === 0) return new Map();
  const rows = await tx.query<{ term: string; topic: string }>(`SELECT term, topic FROM text_topic_terms WHERE org_id = $1 AND term = ANY ($2::text[])`, [orgId, [...new Set(terms)]]);
  return new Map(rows.map((r) => [r.term, r.topic]));
}

/** Analyses comments for an integrator; nothing is stored. */
export function analyzeTexts(ctx: AppContext, actor: Actor, texts: string[]): Promise<{ items: AnalyzedText[] }> {
  authorize(actor, 'text.analyze');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const items: AnalyzedText[] = [];
    const adapter = await activeAdapterOf(ctx.db, tx, actor.orgId);
    for (const text of texts) {
      const { redacted: _redacted, ...analysis } = analyzeText(text, { adapter });
      items.push({ ...analysis, topics: await topicsOf(tx, actor.orgId, analysis.keywords) });
    }
    return { items };
  });
}

/** SQL conditions and parameters for the caller's data scope and the query's filters (params $1 = org, then these). */
async function whereOf(tx: Queryable, actor: Actor, q: TopicFilter): Promise<{ sql: string; params: unknown[] }> {
  const params: unknown[] = [actor.orgId];
  const conds = ['a.org_id = $1'];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    conds.push(sql(`$${params.length}`));
  };
  const scope = await dataScopeOf(tx, actor);
  if (scope.kind === 'units') {
    add((p) => `(a.unit_id = ANY (${p}::uuid[]) OR a.employee_id IN (SELECT id FROM employees WHERE org_id = $1 AND unit_id = ANY (${p}::uuid[])))`, scope.unitIds);
  } else if (scope.kind !== 'org') {
    conds.push('false');
  }
  if (q.unitId) add((p) => `a.unit_id = ANY (${p}::uuid[])`, await unitSubtreeIds(tx, actor.orgId, q.unitId));
  if (q.touchpoint) add((p) => `a.touchpoint = ${p}`, q.touchpoint);
  if (q.from) add((p) => `a.submitted_at >= ${p}`, q.from);
  if (q.to) add((p) => `a.submitted_at < ${p}`, q.to);
  return { sql: conds.join(' AND '), params };
}

/** The organisation's topics (within the caller's scope and filters), most frequent first, with their mean sentiment. */
export function listTopics(ctx: AppContext, actor: Actor, q: z.infer<typeof TopicListQuerySchema>): Promise<z.infer<typeof TopicListSchema>> {
  authorize(actor, 'text.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const where = await whereOf(tx, actor, q);
    const rows = await tx.query<{ topic: string; n: number; sentiment: number; positive: number; neutral: number; negative: number }>(
      `SELECT t.topic, count(*)::int AS n, avg(a.score)::float8 AS sentiment,
          count(*) FILTER (WHERE a.sentiment = 'positive')::int AS positive,
          count(*) FILTER (WHERE a.sentiment = 'neutral')::int AS neutral,
          count(*) FILTER (WHERE a.sentiment = 'negative')::int AS negative
         FROM text_analyses a, unnest(a.topics) AS t(topic)
        WHERE ${where.sql}
        GROUP BY t.topic ORDER BY n DESC, t.topic LIMIT ${q.limit}`,
      where.params,
    );
    const terms = await termsOf(tx, actor.orgId, rows.map((r) => r.topic));
    return { items: rows.map((r) => ({ ...r, sentiment: round(r.sentiment), terms: terms.get(r.topic) ?? [] })) };
  });
}

/** Topic counts and mean sentiment per day, ISO week (its Monday), month (organisation time zone), unit or touchpoint. */
export function topicTrends(ctx: AppContext, actor: Actor, q: z.infer<typeof TopicTrendQuerySchema>): Promise<z.infer<typeof TopicTrendSchema>> {
  authorize(actor, 'text.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const where = await whereOf(tx, actor, q);
    if (q.topic) {
      where.params.push(q.topic);
      where.sql += ` AND t.topic = $${where.params.length}`;
    }
    const local = `(a.submitted_at AT TIME ZONE (SELECT time_zone FROM organisations WHERE id = $1))`;
    const key = {
      day: `to_char(${local}, 'YYYY-MM-DD')`,
      week: `to_char(date_trunc('week', ${local}), 'YYYY-MM-DD')`,
      month: `to_char(${local}, 'YYYY-MM')`,
      unit: `coalesce(a.unit_id::text, 'none')`,
      touchpoint: `coalesce(a.touchpoint, 'none')`,
    }[q.groupBy];
    const rows = await tx.query<{ key: string; topic: string; n: number; sentiment: number }>(
      `SELECT ${key} AS key, t.topic, count(*)::int AS n, avg(a.score)::float8 AS sentiment
         FROM text_analyses a, unnest(a.topics) AS t(topic)
        WHERE ${where.sql}
        GROUP BY 1, 2 ORDER BY 1, n DESC, 2 LIMIT 5000`,
      where.params,
    );
    return { groupBy: q.groupBy, rows: rows.map((r) => ({ ...r, sentiment: round(r.sentiment) })) };
  });
}

/** Renames a topic: its keywords (or the keyword it is) are filed under the new name. */
export function renameTopic(ctx: AppContext, actor: Actor, input: { topic: string; name: string }): Promise<TopicChangeResult> {
  return mergeTopics(ctx, actor, { topics: [input.topic], into: input.name }, 'text.topic.renamed');
}

/** Merges topics into one (existing or new): their keywords are filed under it and analysed comments re-filed. */
export function mergeTopics(ctx: AppContext, actor: Actor, input: z.infer<typeof MergeTopicsSchema>, action = 'text.topics.merged'): Promise<TopicChangeResult> {
  authorize(actor, 'text.manage');
  const sources = [...new Set(input.topics)].filter((t) => t !== input.into);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const orgId = actor.orgId;
    const known = await tx.query<{ topic: string }>(
      `SELECT topic FROM text_topic_terms WHERE org_id = $1 AND topic = ANY ($2::text[])
       UNION SELECT DISTINCT t FROM text_analyses, unnest(topics) AS t WHERE org_id = $1 AND topics && $2::text[] AND t = ANY ($2::text[])`,
      [orgId, sources],
    );
    const missing = sources.filter((s) => !known.some((k) => k.topic === s));
    if (missing.length > 0) throw notFound(`topic ${missing.map((m) => `'${m}'`).join(', ')}`);
    const now = ctx.clock.now();
    await tx.query(`UPDATE text_topic_terms SET topic = $3, updated_at = $4 WHERE org_id = $1 AND topic = ANY ($2::text[])`, [orgId, sources, input.into, now]);
    // A plain keyword (no row yet) is filed under the new topic by a row of its own.
    await tx.query(
      `INSERT INTO text_topic_terms (org_id, term, topic, updated_at) SELECT $1, s, $3, $4 FROM unnest($2::text[]) AS s
       ON CONFLICT (org_id, term) DO NOTHING`,
      [orgId, sources, input.into, now],
    );
    const updated = await refileComments(tx, orgId, sources, input.into);
    const terms = (await termsOf(tx, orgId, [input.into])).get(input.into) ?? [];
    await recordAudit(tx, ctx.clock, actor, { action, entityType: 'text_topic', entityId: null, before: { topics: sources }, after: { topic: input.into, terms } });
    return { topic: input.into, terms, updatedComments: updated };
  });
}

/** Replaces the source topics by the target in every analysed comment that has one, keeping order and dropping repeats. */
async function refileComments(tx: Tx, orgId: string, sources: string[], into: string): Promise<number> {
  const rows = await tx.query(
    `UPDATE text_analyses a SET topics = (
        SELECT array_agg(m.t ORDER BY m.o) FROM (
          SELECT CASE WHEN u.x = ANY ($2::text[]) THEN $3 ELSE u.x END AS t, min(u.o) AS o
            FROM unnest(a.topics) WITH ORDINALITY AS u(x, o) GROUP BY 1) m)
      WHERE a.org_id = $1 AND a.topics && $2::text[] RETURNING a.response_id`,
    [orgId, sources, into],
  );
  return rows.length;
}

async function termsOf(tx: Queryable, orgId: string, topics: string[]): Promise<Map<string, string[]>> {
  if (topics.length === 0) return new Map();
  const rows = await tx.query<{ topic: string; terms: string[] }>(
    `SELECT topic, array_agg(term) AS terms FROM text_topic_terms WHERE org_id = $1 AND topic = ANY ($2::text[]) GROUP BY topic`,
    [orgId, topics],
  );
  // Sorted here, by code point, so PGlite and a PostgreSQL server with another collation agree.
  return new Map(rows.map((r) => [r.topic, [...r.terms].sort()]));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
