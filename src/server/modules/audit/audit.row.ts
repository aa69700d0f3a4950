/**
 * Reading audits: the row, its mapping to the contract, and who may see it. An admin sees every audit;
 * a manager only those of a unit in their subtree (an organisation-wide audit has no unit, so it is the
 * admin's); anything else answers 404 so existence does not leak.
 */
import type { Attachment, AuditItem, AuditSummary, AuditTemplateKey } from '../../../contracts/audit.ts';
import { AUDIT_LIMITS } from '../../../contracts/audit.ts';
import type { LocalizedText } from '../../../contracts/surveys.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { dataScopeOf, unitSubtreeIds } from '../org/index.ts';
import { templateOf, type Checklist } from './templates.ts';

export interface AuditRow {
  id: string;
  kind: 'audit' | 'mystery';
  template_key: AuditTemplateKey;
  title: string | null;
  checklist: Checklist;
  unit_id: string | null;
  unit_name: string | null;
  unit_name_en: string | null;
  touchpoint: string | null;
  baseline_audit_id: string | null;
  owner_id: string | null;
  owner_name: string | null;
  due_at: string | null;
  status: 'open' | 'completed';
  conducted_by: 'leader' | 'shopper' | null;
  score_pct: number | null;
  notes: string;
  completed_at: Date | null;
  created_at: Date;
  link_expires_at: Date | null;
  link_issued_at: Date | null;
  item_count: number;
  scored: number;
  gaps: number;
}

export const AUDIT_COLUMNS = `a.id, a.kind, a.template_key, a.title, a.checklist, a.unit_id, u.name AS unit_name, u.name_en AS unit_name_en, a.touchpoint,
  a.baseline_audit_id, a.owner_id, e.name AS owner_name, to_char(a.due_at, 'YYYY-MM-DD') AS due_at, a.status, a.conducted_by, a.score_pct, a.notes,
  a.completed_at, a.created_at, a.link_expires_at, a.link_issued_at,
  (SELECT count(*)::int FROM experience_audit_items i WHERE i.org_id = a.org_id AND i.audit_id = a.id) AS item_count,
  (SELECT count(i.score)::int FROM experience_audit_items i WHERE i.org_id = a.org_id AND i.audit_id = a.id) AS scored,
  (SELECT count(*)::int FROM experience_audit_items i WHERE i.org_id = a.org_id AND i.audit_id = a.id AND i.score <= ${AUDIT_LIMITS.gapMaxScore}) AS gaps`;
export const AUDIT_FROM = `experience_audits a LEFT JOIN units u ON u.org_id = a.org_id AND u.id = a.unit_id LEFT JOIN employees e ON e.org_id = a.org_id AND e.id = a.owner_id`;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const FALLBACK_NAME: LocalizedText = { 'zh-CN': '审计', en: 'Audit' };

export function toSummary(r: AuditRow): AuditSummary {
  return {
    id: r.id,
    kind: r.kind,
    templateKey: r.template_key,
    templateName: templateOf(r.template_key)?.name ?? FALLBACK_NAME,
    title: r.title,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitNameEn: r.unit_name_en,
    touchpoint: r.touchpoint,
    baselineAuditId: r.baseline_audit_id,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    dueAt: r.due_at,
    status: r.status,
    conductedBy: r.conducted_by,
    scorePct: r.score_pct === null ? null : Number(r.score_pct),
    completedAt: iso(r.completed_at),
    createdAt: r.created_at.toISOString(),
    shopperLink: r.link_issued_at && r.link_expires_at && r.status === 'open' ? { issuedAt: r.link_issued_at.toISOString(), expiresAt: r.link_expires_at.toISOString() } : null,
    itemCount: r.item_count,
    scored: r.scored,
    gaps: r.gaps,
  };
}

/** The units whose audits the actor sees: null for all (admin), else the manager's subtree (empty: nothing). */
export async function visibleUnits(tx: Queryable, actor: Actor): Promise<string[] | null> {
  const scope = await dataScopeOf(tx, actor);
  if (scope.kind === 'org') return null;
  return scope.kind === 'units' ? scope.unitIds : [];
}

/** One audit the actor may see (404 otherwise); `lock` takes it FOR UPDATE for a change. */
export async function findAudit(tx: Queryable, actor: Actor, id: string, lock = false): Promise<AuditRow> {
  const units = await visibleUnits(tx, actor);
  const [row] = await tx.query<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_FROM} WHERE a.org_id = $1 AND a.id = $2 AND ($3::uuid[] IS NULL OR a.unit_id = ANY ($3::uuid[]))${lock ? ' FOR UPDATE OF a' : ''}`,
    [actor.orgId, id, units],
  );
  if (!row) throw notFound('audit');
  return row;
}

/** 409 once an audit is completed: its scores and evidence are locked. */
export function mustBeOpen(row: Pick<AuditRow, 'status'>): void {
  if (row.status === 'completed') throw new AppError(409, 'audit_completed', 'the audit is completed; its scores and evidence are locked');
}

/** A unit the actor may audit (404 for an unknown unit or one outside a manager's subtree). */
export async function mustSeeUnit(tx: Queryable, actor: Actor, unitId: string): Promise<void> {
  const units = await visibleUnits(tx, actor);
  const subtree = await unitSubtreeIds(tx, actor.orgId, unitId);
  if (!subtree.length || (units && !units.includes(unitId))) throw new AppError(404, 'not_found', 'unitId was not found', { field: 'unitId' });
}

/** An employee the actor may name as an owner (404 for an unknown one or one outside a manager's subtree). */
export async function mustSeeEmployee(tx: Queryable, actor: Actor, employeeId: string, field: string): Promise<void> {
  const units = await visibleUnits(tx, actor);
  const [e] = await tx.query<{ unit_id: string }>(`SELECT unit_id FROM employees WHERE org_id = $1 AND id = $2`, [actor.orgId, employeeId]);
  if (!e || (units && !units.includes(e.unit_id))) throw new AppError(404, 'not_found', `${field} was not found`, { field });
}

interface ItemRow {
  item_key: string;
  score: number | null;
  evidence: string;
  links: string[];
  owner_id: string | null;
  owner_name: string | null;
  due_at: string | null;
  improvement_id: string | null;
}

/** The audit's items in checklist order, with titles, guidance and attachments. */
export async function itemsOf(tx: Queryable, orgId: string, audit: Pick<AuditRow, 'id' | 'checklist'>): Promise<AuditItem[]> {
  const rows = await tx.query<ItemRow>(
    `SELECT i.item_key, i.score, i.evidence, i.links, i.owner_id, e.name AS owner_name, to_char(i.due_at, 'YYYY-MM-DD') AS due_at, i.improvement_id
       FROM experience_audit_items i LEFT JOIN employees e ON e.org_id = i.org_id AND e.id = i.owner_id
      WHERE i.org_id = $1 AND i.audit_id = $2 ORDER BY i.position`,
    [orgId, audit.id],
  );
  const files = await tx.query<Attachment & { item_key: string; created_at: Date }>(
    `SELECT id, item_key, file_name AS "fileName", content_type AS "contentType", size, created_at FROM experience_audit_attachments
      WHERE org_id = $1 AND audit_id = $2 ORDER BY created_at, id`,
    [orgId, audit.id],
  );
  const definitions = new Map(audit.checklist.items.map((i) => [i.key, i]));
  return rows.map((r) => ({
    ...definitions.get(r.item_key)!,
    score: r.score,
    isGap: r.score !== null && r.score <= AUDIT_LIMITS.gapMaxScore,
    evidence: { text: r.evidence, links: r.links },
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    dueAt: r.due_at,
    improvementId: r.improvement_id,
    attachments: files
      .filter((f) => f.item_key === r.item_key)
      .map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, size: f.size, createdAt: f.created_at.toISOString() })),
  }));
}
