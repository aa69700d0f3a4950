/**
 * An audit against its baseline, item by item, and the maturity of each area (the mean of its scored items
 * on the 0–4 scale, with a level name). Without a baseline the rows carry only the current scores, which
 * is the maturity summary of a first audit.
 */
import type { AuditComparison, MaturityLevel } from '../../../contracts/audit.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { findAudit } from './audit.row.ts';

/** The maturity level of an area's average score: under 1 absent, under 2 ad hoc, under 3 defined, under 3.5 managed, else optimised. */
export function maturityOf(average: number): MaturityLevel {
  if (average < 1) return 'absent';
  if (average < 2) return 'ad_hoc';
  if (average < 3) return 'defined';
  if (average < 3.5) return 'managed';
  return 'optimised';
}

const round2 = (x: number) => Math.round(x * 100) / 100;

async function scoresOf(tx: Queryable, orgId: string, auditId: string): Promise<Map<string, number | null>> {
  const rows = await tx.query<{ item_key: string; score: number | null }>(`SELECT item_key, score FROM experience_audit_items WHERE org_id = $1 AND audit_id = $2`, [orgId, auditId]);
  return new Map(rows.map((r) => [r.item_key, r.score]));
}

function areaFigure(scores: Array<number | null | undefined>) {
  const known = scores.filter((s): s is number => typeof s === 'number');
  if (!known.length) return null;
  const average = round2(known.reduce((a, b) => a + b, 0) / known.length);
  return { average, level: maturityOf(average) };
}

export async function compareAudit(ctx: AppContext, actor: Actor, id: string): Promise<AuditComparison> {
  authorize(actor, 'experienceAudit.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const audit = await findAudit(tx, actor, id);
    const current = await scoresOf(tx, actor.orgId, id);
    // The baseline is read without the scope check: a re-audit was created from it, by someone who could see it.
    const baseline = audit.baseline_audit_id ? await scoresOf(tx, actor.orgId, audit.baseline_audit_id) : null;
    const rows = audit.checklist.items.map((item) => {
      const now = current.get(item.key) ?? null;
      const before = baseline?.get(item.key) ?? null;
      return { key: item.key, area: item.area, title: item.title, baseline: before, current: now, change: now !== null && before !== null ? now - before : null };
    });
    const areas = audit.checklist.areas.map((area) => {
      const mine = rows.filter((r) => r.area === area.key);
      const b = baseline ? areaFigure(mine.map((r) => r.baseline)) : null;
      const c = areaFigure(mine.map((r) => r.current));
      return { key: area.key, title: area.title, baseline: b, current: c, change: b && c ? round2(c.average - b.average) : null };
    });
    return { auditId: id, baselineAuditId: audit.baseline_audit_id, rows, areas };
  });
}
