/**
 * A partner's report: NPS and CSAT against the period before, comment themes with their sentiment, and
 * redacted verbatims, over that partner's responses only. The same function serves the share link, a
 * partner key and the admin page, so what a partner sees is exactly what the organisation previews.
 */
import { PARTNER_LIMITS, type PartnerReport } from '../../../contracts/partners.ts';
import { DAY } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { namePattern, namesSomeone, redactVerbatim } from './redaction.ts';

/** Verbatims a report shows at most (in an order that says nothing about when they were written). */
const MAX_VERBATIMS = 100;
const MAX_THEMES = 8;

// Spam-flagged answers count nowhere, as in the metrics module.
const PARTNER_ROWS = `r.org_id = $1 AND r.partner_id = $2 AND r.flags = '{}'::text[]`;
const HAS_COMMENT = `r.comment IS NOT NULL AND btrim(r.comment) <> ''`;

interface Figures {
  nps_n: number;
  promoters: number;
  detractors: number;
  csat_n: number;
  csat_sum: number;
  prev_nps_n: number;
  prev_promoters: number;
  prev_detractors: number;
  prev_csat_n: number;
  prev_csat_sum: number;
  comments: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const npsOf = (n: number, pro: number, det: number) => (n >= PARTNER_LIMITS.minAnswers ? round((100 * (pro - det)) / n, 1) : null);
const meanOf = (n: number, sum: number) => (n >= PARTNER_LIMITS.minAnswers ? round(sum / n, 2) : null);

/** The report of one partner over the last `days` days before `now`; 404 when the partner is not in the organisation. */
export async function buildPartnerReport(tx: Tx, partnerId: string, days: number, now: Date): Promise<PartnerReport> {
  const orgId = tx.orgId!;
  const [head] = await tx.query<{ name: string; kind: PartnerReport['partner']['kind']; org_name: string; org_name_en: string | null }>(
    `SELECT p.name, p.kind, o.name AS org_name, o.name_en AS org_name_en
     FROM partners p JOIN organisations o ON o.id = p.org_id WHERE p.org_id = $1 AND p.id = $2`,
    [orgId, partnerId],
  );
  if (!head) throw notFound('partner');
  const to = now;
  const from = new Date(now.getTime() - days * DAY);
  const previousFrom = new Date(from.getTime() - days * DAY);
  const window = [orgId, partnerId, from, to];

  const [f] = await tx.query<Figures>(
    `SELECT count(r.nps) FILTER (WHERE cur)::int AS nps_n,
       count(*) FILTER (WHERE cur AND r.nps >= 9)::int AS promoters, count(*) FILTER (WHERE cur AND r.nps <= 6)::int AS detractors,
       count(r.csat) FILTER (WHERE cur)::int AS csat_n, coalesce(sum(r.csat) FILTER (WHERE cur), 0)::int AS csat_sum,
       count(r.nps) FILTER (WHERE NOT cur)::int AS prev_nps_n,
       count(*) FILTER (WHERE NOT cur AND r.nps >= 9)::int AS prev_promoters, count(*) FILTER (WHERE NOT cur AND r.nps <= 6)::int AS prev_detractors,
       count(r.csat) FILTER (WHERE NOT cur)::int AS prev_csat_n, coalesce(sum(r.csat) FILTER (WHERE NOT cur), 0)::int AS prev_csat_sum,
       count(*) FILTER (WHERE cur AND ${HAS_COMMENT})::int AS comments
     FROM (SELECT r.*, r.submitted_at >= $3 AS cur FROM responses r
           WHERE ${PARTNER_ROWS} AND r.submitted_at >= $5 AND r.submitted_at <= $4) r`,
    [...window, previousFrom],
  );
  const names = namePattern(await knownNames(tx, window));
  const showVerbatims = f!.comments >= PARTNER_LIMITS.minComments;
  return {
    organisation: { name: head.org_name, nameEn: head.org_name_en },
    partner: { name: head.name, kind: head.kind },
    period: { days, from: from.toISOString(), to: to.toISOString() },
    metrics: {
      nps: { value: npsOf(f!.nps_n, f!.promoters, f!.detractors), answers: f!.nps_n, previous: npsOf(f!.prev_nps_n, f!.prev_promoters, f!.prev_detractors) },
      csat: { value: meanOf(f!.csat_n, f!.csat_sum), answers: f!.csat_n, previous: meanOf(f!.prev_csat_n, f!.prev_csat_sum) },
    },
    comments: f!.comments,
    minComments: PARTNER_LIMITS.minComments,
    themes: (await themesOf(tx, window)).filter((t) => !namesSomeone(t.topic, names)).slice(0, MAX_THEMES),
    verbatimsShown: showVerbatims,
    verbatims: showVerbatims ? (await verbatimsOf(tx, window)).map((v) => ({ text: redactVerbatim(v.comment, names), sentiment: v.sentiment })) : [],
  };
}

/** Every staff name, and the names of the customers whose answers the report covers. */
async function knownNames(tx: Tx, window: unknown[]): Promise<string[]> {
  const rows = await tx.query<{ name: string }>(
    `SELECT name FROM employees WHERE org_id = $1
     UNION SELECT c.name FROM responses r JOIN customers c ON c.org_id = r.org_id AND c.id = r.customer_id
     WHERE ${PARTNER_ROWS} AND r.submitted_at >= $3 AND r.submitted_at <= $4 AND c.name IS NOT NULL`,
    window,
  );
  return rows.map((r) => r.name);
}

/** Topics of the analysed comments, most mentioned first, each with its positive and negative mentions. */
function themesOf(tx: Tx, window: unknown[]): Promise<PartnerReport['themes']> {
  return tx.query(
    `SELECT t.topic, count(*)::int AS mentions,
       count(*) FILTER (WHERE a.sentiment = 'positive')::int AS positive, count(*) FILTER (WHERE a.sentiment = 'negative')::int AS negative
     FROM responses r JOIN text_analyses a ON a.org_id = r.org_id AND a.response_id = r.id
     CROSS JOIN LATERAL unnest(a.topics) AS t(topic)
     WHERE ${PARTNER_ROWS} AND r.submitted_at >= $3 AND r.submitted_at <= $4
     GROUP BY t.topic HAVING count(*) >= ${PARTNER_LIMITS.minThemeMentions}
     ORDER BY mentions DESC, t.topic LIMIT ${MAX_THEMES * 3}`,
    window,
  );
}

/**
 * The comments themselves, in an order fixed by a hash of their id: neither newest first nor by score, so
 * the list cannot be lined up against the partner's own delivery or sales records.
 */
function verbatimsOf(tx: Tx, window: unknown[]) {
  return tx.query<{ comment: string; sentiment: 'positive' | 'neutral' | 'negative' | null }>(
    `SELECT r.comment, a.sentiment FROM responses r LEFT JOIN text_analyses a ON a.org_id = r.org_id AND a.response_id = r.id
     WHERE ${PARTNER_ROWS} AND r.submitted_at >= $3 AND r.submitted_at <= $4 AND ${HAS_COMMENT}
     ORDER BY md5(r.id::text) LIMIT ${MAX_VERBATIMS}`,
    window,
  );
}
