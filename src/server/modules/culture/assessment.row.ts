/** The assessments table as the lifecycle services read it, and its API shape. */
import type { Assessment, AssessmentSection, AssessmentStatus, Audience } from '../../../contracts/culture.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';

export interface AssessmentRow {
  id: string;
  template_key: string;
  template_version: number;
  template: AssessmentSection[];
  name: string;
  status: AssessmentStatus;
  min_group_size: number;
  min_comment_group_size: number;
  audience: Audience;
  closes_at: Date;
  opened_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
  baseline_assessment_id: string | null;
  invited: number;
}

export const ASSESSMENT_COLUMNS = `a.id, a.template_key, a.template_version, a.template, a.name, a.status, a.min_group_size, a.min_comment_group_size,
  a.audience, a.closes_at, a.opened_at, a.closed_at, a.created_at, a.baseline_assessment_id,
  (SELECT count(*)::int FROM assessment_invitations i WHERE i.org_id = a.org_id AND i.assessment_id = a.id) AS invited`;

/** How invitations travel in this installation: e-mail when SMTP is configured, else links for download. */
export const deliveryOf = (ctx: AppContext): 'email' | 'download' => (ctx.config.LODESTAR_SMTP_URL ? 'email' : 'download');

export function toAssessment(ctx: AppContext, r: AssessmentRow): Assessment & { delivery: 'email' | 'download' } {
  return {
    id: r.id,
    templateKey: r.template_key,
    templateVersion: r.template_version,
    name: r.name,
    status: r.status,
    minGroupSize: r.min_group_size,
    minCommentGroupSize: r.min_comment_group_size,
    audience: r.audience,
    closesAt: r.closes_at.toISOString(),
    openedAt: r.opened_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    baselineAssessmentId: r.baseline_assessment_id,
    invited: r.invited,
    delivery: deliveryOf(ctx),
    sections: r.template,
  };
}

/** The assessment or 404; `lock` takes a row lock for a status change. */
export async function findAssessmentRow(tx: Queryable, orgId: string, id: string, lock = false): Promise<AssessmentRow> {
  const [row] = await tx.query<AssessmentRow>(`SELECT ${ASSESSMENT_COLUMNS} FROM assessments a WHERE a.org_id = $1 AND a.id = $2${lock ? ' FOR UPDATE OF a' : ''}`, [orgId, id]);
  if (!row) throw notFound('assessment');
  return row;
}

/** An assessment still takes answers: open and before its closing time. */
export const isAnswerable = (a: Pick<AssessmentRow, 'status' | 'closes_at'>, now: Date): boolean => a.status === 'open' && a.closes_at > now;
