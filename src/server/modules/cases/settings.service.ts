/**
 * Organisation settings of the closed loop: SLA per priority, the follow-up
 * survey and channel, and the root-cause taxonomy. A missing row means the
 * defaults below, so a new organisation works at once.
 */
import type { z } from 'zod';
import type { CaseSettings, Priority, RootCause, RootCauseListSchema } from '../../../contracts/cases.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';

export const DEFAULT_SLA: CaseSettings['sla'] = {
  urgent: { firstResponseMinutes: 30, resolutionMinutes: 4 * 60 },
  high: { firstResponseMinutes: 2 * 60, resolutionMinutes: 24 * 60 },
  medium: { firstResponseMinutes: 8 * 60, resolutionMinutes: 72 * 60 },
  low: { firstResponseMinutes: 24 * 60, resolutionMinutes: 7 * 24 * 60 },
};

const DEFAULT_SETTINGS: CaseSettings = { sla: DEFAULT_SLA, followUpSurveyId: null, followUpChannel: 'email' };

/** Bilingual defaults: what goes wrong in retail and delivery service, two levels deep. */
export const DEFAULT_ROOT_CAUSES: RootCause[] = [
  { code: 'product', name: { 'zh-CN': '商品问题', en: 'Product' }, parentCode: null },
  { code: 'product.quality', name: { 'zh-CN': '商品质量', en: 'Product quality' }, parentCode: 'product' },
  { code: 'product.stock', name: { 'zh-CN': '缺货断码', en: 'Out of stock' }, parentCode: 'product' },
  { code: 'delivery', name: { 'zh-CN': '配送问题', en: 'Delivery' }, parentCode: null },
  { code: 'delivery.late', name: { 'zh-CN': '配送延误', en: 'Late delivery' }, parentCode: 'delivery' },
  { code: 'delivery.damaged', name: { 'zh-CN': '运输破损', en: 'Damaged in transit' }, parentCode: 'delivery' },
  { code: 'delivery.wrong_item', name: { 'zh-CN': '错发漏发', en: 'Wrong or missing item' }, parentCode: 'delivery' },
  { code: 'service', name: { 'zh-CN': '服务问题', en: 'Service' }, parentCode: null },
  { code: 'service.attitude', name: { 'zh-CN': '服务态度', en: 'Staff attitude' }, parentCode: 'service' },
  { code: 'service.skill', name: { 'zh-CN': '业务能力', en: 'Staff knowledge and skill' }, parentCode: 'service' },
  { code: 'service.wait', name: { 'zh-CN': '等待时间过长', en: 'Long wait' }, parentCode: 'service' },
  { code: 'process', name: { 'zh-CN': '流程制度', en: 'Process and policy' }, parentCode: null },
  { code: 'process.policy', name: { 'zh-CN': '规则不合理', en: 'Unreasonable policy' }, parentCode: 'process' },
  { code: 'process.system', name: { 'zh-CN': '系统故障', en: 'System failure' }, parentCode: 'process' },
  { code: 'price', name: { 'zh-CN': '价格费用', en: 'Price and charges' }, parentCode: null },
  { code: 'communication', name: { 'zh-CN': '沟通告知不足', en: 'Poor communication' }, parentCode: null },
  { code: 'customer', name: { 'zh-CN': '客户自身原因', en: 'Customer-side cause' }, parentCode: null },
  { code: 'other', name: { 'zh-CN': '其他', en: 'Other' }, parentCode: null },
];

export async function readCaseSettings(tx: Queryable, orgId: string): Promise<CaseSettings> {
  const [row] = await tx.query<{ sla: CaseSettings['sla']; follow_up_survey_id: string | null; follow_up_channel: 'email' | 'sms' }>(
    `SELECT sla, follow_up_survey_id, follow_up_channel FROM case_settings WHERE org_id = $1`,
    [orgId],
  );
  if (!row) return DEFAULT_SETTINGS;
  return { sla: { ...DEFAULT_SLA, ...row.sla }, followUpSurveyId: row.follow_up_survey_id, followUpChannel: row.follow_up_channel };
}

/** The first-response and resolution deadlines of a case opened (or reopened) at `from`. */
export function slaDeadlines(settings: CaseSettings, priority: Priority, from: Date): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  const s = settings.sla[priority];
  return {
    firstResponseDueAt: new Date(from.getTime() + s.firstResponseMinutes * 60_000),
    resolutionDueAt: new Date(from.getTime() + s.resolutionMinutes * 60_000),
  };
}

export function getCaseSettings(ctx: AppContext, actor: Actor): Promise<CaseSettings> {
  authorize(actor, 'case.read');
  return ctx.db.tenant(actor.orgId, (tx) => readCaseSettings(tx, actor.orgId));
}

export function updateCaseSettings(ctx: AppContext, actor: Actor, input: CaseSettings): Promise<CaseSettings> {
  authorize(actor, 'case.configure');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    if (input.followUpSurveyId) {
      const [survey] = await tx.query(`SELECT 1 FROM surveys WHERE org_id = $1 AND id = $2`, [actor.orgId, input.followUpSurveyId]);
      if (!survey) throw notFound('survey');
    }
    const before = await readCaseSettings(tx, actor.orgId);
    await tx.query(
      `INSERT INTO case_settings (org_id, sla, follow_up_survey_id, follow_up_channel, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id) DO UPDATE SET sla = excluded.sla, follow_up_survey_id = excluded.follow_up_survey_id,
         follow_up_channel = excluded.follow_up_channel, updated_at = excluded.updated_at`,
      [actor.orgId, JSON.stringify(input.sla), input.followUpSurveyId, input.followUpChannel, ctx.clock.now()],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'case_settings.updated', entityType: 'case_settings', entityId: null, before, after: input });
    return input;
  });
}

export async function readRootCauses(tx: Queryable, orgId: string): Promise<RootCause[]> {
  const rows = await tx.query<{ code: string; name: string; name_en: string; parent_code: string | null }>(
    `SELECT code, name, name_en, parent_code FROM root_causes WHERE org_id = $1 ORDER BY sort, code`,
    [orgId],
  );
  if (rows.length === 0) return DEFAULT_ROOT_CAUSES;
  return rows.map((r) => ({ code: r.code, name: { 'zh-CN': r.name, en: r.name_en }, parentCode: r.parent_code }));
}

export function listRootCauses(ctx: AppContext, actor: Actor): Promise<{ items: RootCause[] }> {
  authorize(actor, 'case.read');
  return ctx.db.tenant(actor.orgId, async (tx) => ({ items: await readRootCauses(tx, actor.orgId) }));
}

/** Replaces the taxonomy; codes are unique and every parent must be in the list (no loops). Cases keep the codes they were closed with. */
export function replaceRootCauses(ctx: AppContext, actor: Actor, input: z.infer<typeof RootCauseListSchema>): Promise<{ items: RootCause[] }> {
  authorize(actor, 'case.configure');
  checkTaxonomy(input.items);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const before = await readRootCauses(tx, actor.orgId);
    await tx.query(`DELETE FROM root_causes WHERE org_id = $1`, [actor.orgId]);
    const items = input.items.map((i) => ({ ...i, parentCode: i.parentCode ?? null }));
    if (items.length > 0) {
      await tx.query(
        `INSERT INTO root_causes (org_id, code, name, name_en, parent_code, sort)
         SELECT $1, r.code, r.name, r.name_en, r.parent_code, r.sort
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[]) AS r(code, name, name_en, parent_code, sort)`,
        [actor.orgId, items.map((i) => i.code), items.map((i) => i.name['zh-CN']), items.map((i) => i.name.en), items.map((i) => i.parentCode), items.map((_, n) => n)],
      );
    }
    await recordAudit(tx, ctx.clock, actor, { action: 'root_causes.replaced', entityType: 'root_causes', entityId: null, before, after: items });
    return { items: items.length > 0 ? items : DEFAULT_ROOT_CAUSES };
  });
}

function checkTaxonomy(items: RootCause[]): void {
  const parents = new Map<string, string | null>();
  for (const i of items) {
    if (parents.has(i.code)) throw new AppError(400, 'invalid_taxonomy', `root cause code '${i.code}' appears twice`, { reason: 'duplicate_code', code: i.code });
    parents.set(i.code, i.parentCode ?? null);
  }
  for (const [code, parent] of parents) {
    if (parent !== null && !parents.has(parent)) throw new AppError(400, 'invalid_taxonomy', `parent '${parent}' of '${code}' is not in the list`, { reason: 'unknown_parent', code });
    const seen = new Set([code]);
    for (let p = parent; p !== null; p = parents.get(p) ?? null) {
      if (seen.has(p)) throw new AppError(400, 'invalid_taxonomy', `root cause '${code}' is its own ancestor`, { reason: 'parent_loop', code });
      seen.add(p);
    }
  }
}

/** Throws 400 unknown_root_cause unless `code` is in the organisation's taxonomy. */
export async function checkRootCause(tx: Queryable, orgId: string, code: string): Promise<void> {
  const known = await readRootCauses(tx, orgId);
  if (!known.some((r) => r.code === code)) {
    throw new AppError(400, 'unknown_root_cause', `'${code}' is not a root cause of this organisation (GET /api/v1/root-causes)`, { field: 'rootCause' });
  }
}
