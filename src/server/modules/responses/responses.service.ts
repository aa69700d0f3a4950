import type { z } from 'zod';
import type { NpsBand, ResponseDetail, ResponseListQuerySchema, ResponseRecord } from '../../../contracts/responses.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { findCustomer, findInteraction } from '../odata/index.ts';
import { dataScopeOf, unitSubtreeIds, type DataScope } from '../org/index.ts';
import { getSurveyVersion } from '../surveys/index.ts';
import { findCommentAnalysis } from '../text/index.ts';

interface ResponseRow {
  id: string;
  survey_id: string;
  survey_version: number;
  link_id: string | null;
  customer_id: string | null;
  interaction_id: string | null;
  employee_id: string | null;
  unit_id: string | null;
  partner_id: string | null;
  touchpoint: string | null;
  channel: string | null;
  lang: ResponseRecord['lang'];
  answers: Record<string, unknown>;
  nps: number | null;
  csat: number | null;
  ces: number | null;
  comment: string | null;
  submitted_at: Date;
  received_at: Date;
  source: ResponseRecord['source'];
  flags: string[];
  /** The serving employee's name and unit (a manager sees responses about the people of their subtree). */
  employee_name: string | null;
  employee_unit_id: string | null;
}

const COLUMNS = `r.id, r.survey_id, r.survey_version, r.link_id, r.customer_id, r.interaction_id, r.employee_id, r.unit_id, r.partner_id,
    r.touchpoint, r.channel, r.lang, r.answers, r.nps, r.csat, r.ces, r.comment, r.submitted_at, r.received_at, r.source, r.flags`;
const SELECT = `SELECT ${COLUMNS}, e.name AS employee_name, e.unit_id AS employee_unit_id
  FROM responses r LEFT JOIN employees e ON e.org_id = r.org_id AND e.id = r.employee_id`;
/** Partial responses (drafts, see drafts.service.ts) in the shape of responses: their last save is their submittedAt. */
const SELECT_PARTIAL = SELECT.replace(
  'FROM responses r',
  `FROM (SELECT org_id, id, survey_id, survey_version, link_id, customer_id, interaction_id, employee_id, unit_id, NULL::uuid AS partner_id, touchpoint, channel, lang,
      answers, nps, csat, ces, comment, updated_at AS submitted_at, created_at AS received_at, 'public'::text AS source, flags
    FROM response_drafts) r`,
);

/** NPS bounds of each group, inclusive. */
const NPS_BANDS: Record<NpsBand, [number, number]> = { detractor: [0, 6], passive: [7, 8], promoter: [9, 10] };

const toResponse = (r: ResponseRow, status: ResponseRecord['status'] = 'complete'): ResponseRecord => ({
  id: r.id,
  surveyId: r.survey_id,
  surveyVersion: r.survey_version,
  linkId: r.link_id,
  customerId: r.customer_id,
  interactionId: r.interaction_id,
  employeeId: r.employee_id,
  unitId: r.unit_id,
  partnerId: r.partner_id,
  touchpoint: r.touchpoint,
  channel: r.channel,
  lang: r.lang,
  answers: r.answers,
  nps: r.nps,
  csat: r.csat,
  ces: r.ces,
  comment: r.comment,
  submittedAt: r.submitted_at.toISOString(),
  receivedAt: r.received_at.toISOString(),
  source: r.source,
  flags: r.flags,
  employeeName: r.employee_name,
  status,
});

type ListQuery = z.infer<typeof ResponseListQuerySchema> & { limit: number; cursor?: string };

/**
 * Responses newest first, within the caller's data scope: admins the whole
 * organisation, managers those about their unit subtree (the response's unit
 * or its serving employee's unit), employees those about themself. With
 * `status: 'partial'`, the answers saved page by page and not yet finished.
 */
export function listResponses(ctx: AppContext, actor: Actor, q: ListQuery): Promise<Page<ResponseRecord>> {
  authorize(actor, 'response.read');
  const after = readCursor(q.cursor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await dataScopeOf(tx, actor);
    if (scope.kind === 'none') return { items: [], nextCursor: null };
    const filterUnits = q.unitId ? await unitSubtreeIds(tx, actor.orgId, q.unitId) : null;
    const band = q.npsBand ? NPS_BANDS[q.npsBand] : null;
    const rows = await tx.query<ResponseRow>(
      `${q.status === 'partial' ? SELECT_PARTIAL : SELECT}
       WHERE r.org_id = $1
         AND ($2::timestamptz IS NULL OR (r.submitted_at, r.id) < ($2::timestamptz, $3::uuid))
         AND ($4::uuid IS NULL OR r.survey_id = $4::uuid)
         AND ($5::uuid[] IS NULL OR r.unit_id = ANY($5::uuid[]) OR e.unit_id = ANY($5::uuid[]))
         AND ($6::uuid IS NULL OR r.employee_id = $6::uuid)
         AND ($7::timestamptz IS NULL OR r.submitted_at >= $7::timestamptz)
         AND ($8::timestamptz IS NULL OR r.submitted_at < $8::timestamptz)
         AND ($9::uuid[] IS NULL OR r.unit_id = ANY($9::uuid[]) OR e.unit_id = ANY($9::uuid[]))
         AND ($10::uuid IS NULL OR r.employee_id = $10::uuid)
         AND ($12::text IS NULL OR r.touchpoint = $12::text)
         AND ($13::text IS NULL OR r.channel = $13::text)
         AND ($14::int IS NULL OR r.nps BETWEEN $14::int AND $15::int)
         AND ($16::uuid IS NULL OR r.partner_id = $16::uuid)
       ORDER BY r.submitted_at DESC, r.id DESC LIMIT $11`,
      [
        actor.orgId,
        after?.at ?? null,
        after?.id ?? null,
        q.surveyId ?? null,
        filterUnits,
        q.employeeId ?? null,
        q.from ?? null,
        q.to ?? null,
        scope.kind === 'units' ? scope.unitIds : null,
        scope.kind === 'self' ? scope.employeeId : null,
        q.limit + 1,
        q.touchpoint ?? null,
        q.channel ?? null,
        band?.[0] ?? null,
        band?.[1] ?? null,
        q.partnerId ?? null,
      ],
    );
    return toPage(rows.map((r) => toResponse(r, q.status ?? 'complete')), q.limit, (r) => `${r.submittedAt}|${r.id}`);
  });
}

/**
 * One response with what it is joined to: customer, interaction, serving employee
 * (with position), unit, and the survey version it answered (its questions, so the
 * answers read as the customer saw them). Out of scope answers 404.
 */
export function getResponse(ctx: AppContext, actor: Actor, id: string): Promise<ResponseDetail> {
  authorize(actor, 'response.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    let [row] = await tx.query<ResponseRow>(`${SELECT} WHERE r.org_id = $1 AND r.id = $2`, [actor.orgId, id]);
    // A partial response (still being answered) reads the same way, marked partial.
    const status = row ? 'complete' : 'partial';
    row ??= (await tx.query<ResponseRow>(`${SELECT_PARTIAL} WHERE r.org_id = $1 AND r.id = $2`, [actor.orgId, id]))[0];
    if (!row || !isResponseInScope(await dataScopeOf(tx, actor), row)) throw notFound('response');
    const survey = await getSurveyVersion(tx, actor.orgId, row.survey_id, row.survey_version);
    const [unit] = row.unit_id
      ? await tx.query<{ id: string; name: string; name_en: string | null }>(`SELECT id, name, name_en FROM units WHERE org_id = $1 AND id = $2`, [
          actor.orgId,
          row.unit_id,
        ])
      : [];
    const [position] =
      row.employee_id && row.employee_name !== null
        ? await tx.query<{ name: string; name_en: string | null }>(
            `SELECT p.name, p.name_en FROM employees e JOIN positions p ON p.org_id = e.org_id AND p.id = e.position_id
             WHERE e.org_id = $1 AND e.id = $2`,
            [actor.orgId, row.employee_id],
          )
        : [];
    return {
      ...toResponse(row, status),
      analysis: await findCommentAnalysis(tx, actor.orgId, row.id),
      customer: row.customer_id ? await findCustomer(tx, actor.orgId, row.customer_id) : null,
      interaction: row.interaction_id ? await findInteraction(tx, actor.orgId, row.interaction_id) : null,
      employee:
        row.employee_id && row.employee_name !== null
          ? {
              id: row.employee_id,
              name: row.employee_name,
              unitId: row.employee_unit_id!,
              positionName: position?.name ?? null,
              positionNameEn: position?.name_en ?? null,
            }
          : null,
      unit: unit ? { id: unit.id, name: unit.name, nameEn: unit.name_en } : null,
      survey: survey ? { id: survey.surveyId, name: survey.name, version: survey.version, questions: survey.questions } : null,
    };
  });
}

function isResponseInScope(scope: DataScope, r: ResponseRow): boolean {
  switch (scope.kind) {
    case 'org':
      return true;
    case 'units':
      return [r.unit_id, r.employee_unit_id].some((u) => u !== null && scope.unitIds.includes(u));
    case 'self':
      return r.employee_id === scope.employeeId;
    case 'none':
      return false;
  }
}

/** The list's keyset cursor: the last row's `submittedAt|id`. */
function readCursor(cursor: string | undefined): { at: string; id: string } | null {
  const key = decodeCursor(cursor);
  if (key === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(key);
  if (!m || Number.isNaN(Date.parse(m[1]!))) throw invalid('cursor is not valid', { cursor });
  return { at: m[1]!, id: m[2]! };
}
