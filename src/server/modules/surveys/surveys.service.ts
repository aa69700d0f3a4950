import type { z } from 'zod';
import type { CreateSurveySchema, Question, Survey, SurveyVersionDetailSchema, UpdateSurveySchema } from '../../../contracts/surveys.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';

/** What the responses module needs of a survey: one version's questions plus the survey's current name and status. */
export interface SurveyVersion {
  surveyId: string;
  version: number;
  name: string;
  status: 'draft' | 'active' | 'closed';
  questions: Question[];
}

type SurveyVersionDetail = z.infer<typeof SurveyVersionDetailSchema>;

interface SurveyRow {
  id: string;
  name: string;
  status: Survey['status'];
  current_version: number;
  questions: Question[];
  created_at: Date;
  updated_at: Date;
}

/** Field names the public form uses for itself; a question key may not take them. */
const RESERVED_KEYS = new Set(['website', 'lang']);

const SELECT_SURVEY = `SELECT s.id, s.name, s.status, s.current_version, v.questions, s.created_at, s.updated_at
  FROM surveys s JOIN survey_versions v ON v.org_id = s.org_id AND v.survey_id = s.id AND v.version = s.current_version`;

const toSurvey = (r: SurveyRow): Survey => ({
  id: r.id,
  name: r.name,
  status: r.status,
  version: r.current_version,
  questions: r.questions,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Every staff role may read survey definitions (they see the questions their customers answer). */
export function listSurveys(
  ctx: AppContext,
  actor: Actor,
  q: { limit: number; cursor?: string; status?: Survey['status'] },
): Promise<Page<Survey>> {
  authorize(actor, 'survey.read');
  const after = decodeCursor(q.cursor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<SurveyRow>(
      `${SELECT_SURVEY} WHERE s.org_id = $1 AND ($2::uuid IS NULL OR s.id > $2::uuid) AND ($3::text IS NULL OR s.status = $3)
       ORDER BY s.id LIMIT $4`,
      [actor.orgId, after, q.status ?? null, q.limit + 1],
    );
    return toPage(rows.map(toSurvey), q.limit, (s) => s.id);
  });
}

/** A survey with its current version's questions. */
export function getSurvey(ctx: AppContext, actor: Actor, id: string): Promise<Survey> {
  authorize(actor, 'survey.read');
  return ctx.db.tenant(actor.orgId, async (tx) => toSurvey(await findSurvey(tx, actor.orgId, id)));
}

/** An earlier (or the current) version, so a response can be read against the questions it answered. */
export function getSurveyVersionDetail(ctx: AppContext, actor: Actor, id: string, version: string): Promise<SurveyVersionDetail> {
  authorize(actor, 'survey.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const number = /^[1-9]\d{0,8}$/.test(version) ? Number(version) : null;
    const [row] = number
      ? await tx.query<{ questions: Question[]; created_at: Date }>(
          `SELECT questions, created_at FROM survey_versions WHERE org_id = $1 AND survey_id = $2 AND version = $3`,
          [actor.orgId, id, number],
        )
      : [];
    if (!row || number === null) throw notFound('survey version');
    return { surveyId: id, version: number, questions: row.questions, createdAt: row.created_at.toISOString() };
  });
}

/** Creates a survey and its version 1. */
export function createSurvey(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateSurveySchema>): Promise<Survey> {
  authorize(actor, 'survey.write');
  checkReservedKeys(input.questions);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const now = ctx.clock.now();
    const [created] = await tx.query<{ id: string }>(
      `INSERT INTO surveys (org_id, name, status, current_version, created_at, updated_at) VALUES ($1, $2, $3, 1, $4, $4) RETURNING id`,
      [actor.orgId, input.name, input.status, now],
    );
    await insertVersion(tx, actor.orgId, created!.id, 1, input.questions, now);
    const survey = toSurvey(await findSurvey(tx, actor.orgId, created!.id));
    await recordAudit(tx, ctx.clock, actor, { action: 'survey.created', entityType: 'survey', entityId: survey.id, after: survey });
    return survey;
  });
}

/**
 * Renames, opens or closes a survey; changed questions become a new version
 * (the old one stays readable for the responses that answered it). Sending the
 * same questions again creates no version.
 */
export function updateSurvey(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateSurveySchema>): Promise<Survey> {
  authorize(actor, 'survey.write');
  if (input.questions) checkReservedKeys(input.questions);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = toSurvey(await findSurvey(tx, actor.orgId, id, true));
    const now = ctx.clock.now();
    let version = before.version;
    if (input.questions) {
      const [same] = await tx.query<{ equal: boolean }>(`SELECT $1::jsonb = $2::jsonb AS equal`, [
        JSON.stringify(input.questions),
        JSON.stringify(before.questions),
      ]);
      if (!same?.equal) {
        version += 1;
        await insertVersion(tx, actor.orgId, id, version, input.questions, now);
      }
    }
    await tx.query(`UPDATE surveys SET name = $3, status = $4, current_version = $5, updated_at = $6 WHERE org_id = $1 AND id = $2`, [
      actor.orgId,
      id,
      input.name ?? before.name,
      input.status ?? before.status,
      version,
      now,
    ]);
    const after = toSurvey(await findSurvey(tx, actor.orgId, id));
    await recordAudit(tx, ctx.clock, actor, { action: 'survey.updated', entityType: 'survey', entityId: id, before, after });
    return after;
  });
}

/** One version of a survey (the latest when `version` is omitted), or null; for the public page and the responses module. */
export async function getSurveyVersion(tx: Tx, orgId: string, surveyId: string, version?: number): Promise<SurveyVersion | null> {
  const [row] = await tx.query<{ name: string; status: SurveyVersion['status']; version: number; questions: Question[] }>(
    `SELECT s.name, s.status, v.version, v.questions FROM surveys s
     JOIN survey_versions v ON v.org_id = s.org_id AND v.survey_id = s.id AND v.version = COALESCE($3::int, s.current_version)
     WHERE s.org_id = $1 AND s.id = $2`,
    [orgId, surveyId, version ?? null],
  );
  return row ? { surveyId, version: row.version, name: row.name, status: row.status, questions: row.questions } : null;
}

/** The survey's current row; `forUpdate` serialises concurrent edits so two cannot claim the same version number. */
export async function findSurvey(tx: Queryable, orgId: string, id: string, forUpdate = false): Promise<SurveyRow> {
  const [row] = await tx.query<SurveyRow>(`${SELECT_SURVEY} WHERE s.org_id = $1 AND s.id = $2${forUpdate ? ' FOR UPDATE OF s' : ''}`, [
    orgId,
    id,
  ]);
  if (!row) throw notFound('survey');
  return row;
}

async function insertVersion(tx: Queryable, orgId: string, surveyId: string, version: number, questions: Question[], at: Date) {
  await tx.query(`INSERT INTO survey_versions (org_id, survey_id, version, questions, created_at) VALUES ($1, $2, $3, $4::jsonb, $5)`, [
    orgId,
    surveyId,
    version,
    JSON.stringify(questions),
    at,
  ]);
}

function checkReservedKeys(questions: Question[]): void {
  const taken = questions.map((q, i) => [q.key, i] as const).filter(([key]) => RESERVED_KEYS.has(key));
  if (taken.length) {
    throw invalid('the public form uses these question keys itself', {
      issues: taken.map(([key, i]) => ({ field: `body.questions.${i}.key`, message: `"${key}" is reserved` })),
    });
  }
}
