/**
 * The SQL behind assessment results. Answers are never read row by row: each
 * (own unit, level) atom comes back as one row with its respondent count and,
 * per item and value, how many answers took it. Every shown group is a sum of
 * atoms, so the service combines them in memory and the database does one
 * pass over the answers per request.
 */
import type { Queryable } from '../../platform/db/database.ts';
import type { Level } from './vocabulary.ts';

/** One counter of the atoms' layout: how many answers gave `value` to `item`. */
export interface Slot {
  item: string;
  value: string;
}

/** One atom: respondents of one own unit and level, with a count per slot (answers per item and value). */
export interface AnswerAtom {
  unitId: string;
  level: Level;
  n: number;
  counts: number[];
}

export interface TemplateItem {
  key: string;
  type: 'likert' | 'single' | 'text';
  pillar?: string;
  options?: Array<{ value: string }>;
}
export interface TemplateSection {
  key: string;
  items: TemplateItem[];
}

export interface AssessmentRow {
  id: string;
  name: string;
  templateKey: string;
  status: 'draft' | 'open' | 'closed';
  sections: TemplateSection[];
  minGroupSize: number;
  minCommentGroupSize: number;
  audience: { unitIds?: string[] };
  openedAt: Date | null;
  closedAt: Date | null;
  closesAt: Date | null;
  baselineAssessmentId: string | null;
}

interface RawAssessment {
  id: string;
  name: string;
  template_key: string;
  status: AssessmentRow['status'];
  template: unknown;
  min_group_size: number;
  min_comment_group_size: number;
  audience: AssessmentRow['audience'] | null;
  opened_at: Date | null;
  closed_at: Date | null;
  closes_at: Date | null;
  baseline_assessment_id: string | null;
}

/** The template snapshot is an array of sections, or an object holding one under `sections`. */
const sectionsOf = (template: unknown): TemplateSection[] => {
  const raw = Array.isArray(template) ? template : ((template as { sections?: unknown } | null)?.sections ?? []);
  return Array.isArray(raw) ? (raw as TemplateSection[]) : [];
};

export async function readAssessment(tx: Queryable, orgId: string, id: string, lock = false): Promise<AssessmentRow | null> {
  const [r] = await tx.query<RawAssessment>(
    `SELECT id, name, template_key, status, template, min_group_size, min_comment_group_size, audience, opened_at, closed_at, closes_at, baseline_assessment_id
       FROM assessments WHERE org_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [orgId, id],
  );
  if (!r) return null;
  const date = (d: Date | null) => (d === null ? null : new Date(d));
  return {
    id: r.id,
    name: r.name,
    templateKey: r.template_key,
    status: r.status,
    sections: sectionsOf(r.template),
    minGroupSize: r.min_group_size,
    minCommentGroupSize: r.min_comment_group_size,
    audience: r.audience ?? {},
    openedAt: date(r.opened_at),
    closedAt: date(r.closed_at),
    closesAt: date(r.closes_at),
    baselineAssessmentId: r.baseline_assessment_id,
  };
}

/** The organisation's unit tree (every unit, so groups are the same whoever asks). */
export async function readUnits(tx: Queryable, orgId: string): Promise<Array<{ id: string; parentId: string | null }>> {
  const rows = await tx.query<{ id: string; parent_id: string | null }>(`SELECT id, parent_id FROM units WHERE org_id = $1 ORDER BY id`, [orgId]);
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id }));
}

/** Item keys and option values are plain identifiers (the template schema says so); anything else is never put in SQL. */
const IDENTIFIER = /^[a-z0-9][a-z0-9_]{0,39}$/;
export const isSqlSafeSlot = (slot: Slot): boolean => IDENTIFIER.test(slot.item) && IDENTIFIER.test(slot.value);

/**
 * Every atom of the assessment with one count per slot, in one pass over the
 * answers: each answer's JSON is decoded once into columns (jsonb_to_record,
 * text so a malformed value cannot fail the query) and counted per slot with
 * FILTER. The slots come from the template snapshot; callers pass only safe ones.
 */
export async function readAnswerAtoms(tx: Queryable, orgId: string, assessmentId: string, slots: readonly Slot[]): Promise<AnswerAtom[]> {
  const items = [...new Set(slots.map((s) => s.item))];
  if (slots.some((s) => !isSqlSafeSlot(s))) throw new Error('unsafe item key or option value');
  const counters = slots.map((s) => `count(*) FILTER (WHERE r."${s.item}" = '${s.value}')`);
  const record = items.length ? `CROSS JOIN LATERAL jsonb_to_record(a.answers) AS r(${items.map((k) => `"${k}" text`).join(', ')})` : '';
  const rows = await tx.query<{ unit_id: string; level: Level; n: number; counts: number[] | null }>(
    `SELECT a.unit_id, a.level, count(*)::int AS n, ${counters.length ? `ARRAY[${counters.join(', ')}]::int[]` : 'NULL::int[]'} AS counts
       FROM assessment_answers a ${record}
      WHERE a.org_id = $1 AND a.assessment_id = $2
      GROUP BY a.unit_id, a.level ORDER BY a.unit_id, a.level`,
    [orgId, assessmentId],
  );
  return rows.map((r) => ({ unitId: r.unit_id, level: r.level, n: r.n, counts: r.counts ?? [] }));
}

/** Invitations per atom: how many were invited and how many have answered (no employee leaves the query). */
export async function readInvitationAtoms(
  tx: Queryable,
  orgId: string,
  assessmentId: string,
): Promise<Array<{ unitId: string; level: Level; invited: number; answered: number }>> {
  const rows = await tx.query<{ unit_id: string; level: Level; invited: number; answered: number }>(
    `SELECT unit_id, level, count(*)::int AS invited, count(*) FILTER (WHERE answered)::int AS answered
       FROM assessment_invitations WHERE org_id = $1 AND assessment_id = $2 GROUP BY unit_id, level ORDER BY unit_id, level`,
    [orgId, assessmentId],
  );
  return rows.map((r) => ({ unitId: r.unit_id, level: r.level, invited: r.invited, answered: r.answered }));
}

/** The redacted comment texts of the units given (null: every unit), without any time or order. */
export async function readCommentTexts(tx: Queryable, orgId: string, assessmentId: string, unitIds: readonly string[] | null, limit: number): Promise<string[]> {
  const rows = await tx.query<{ text: string }>(
    `SELECT text FROM assessment_comments
      WHERE org_id = $1 AND assessment_id = $2 AND ($3::uuid[] IS NULL OR unit_id = ANY ($3::uuid[])) AND length(btrim(text)) > 0
      ORDER BY random() LIMIT $4`,
    [orgId, assessmentId, unitIds, limit],
  );
  return rows.map((r) => r.text);
}
