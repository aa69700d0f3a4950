/**
 * Coverage per unit: for every unit of the view (a unit and everything below it,
 * within the caller's scope), how many person × item pairs are assigned to its
 * people and how many of them are completed (declared or confirmed) and
 * confirmed, overall and per layer. Each unit counts its whole subtree.
 */
import { LEARNING_LAYERS, type Coverage, type CoverageFigures, type CoverageRow, type LearningLayer } from '../../../contracts/learning.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { dataScopeOf, type DataScope } from '../org/index.ts';
import { assignedCtes } from './learning.expansion.ts';
import { unitInScope } from './learning.scope.ts';

type Counts = [assigned: number, completed: number, confirmed: number];
interface UnitFigures {
  id: string;
  parent_id: string | null;
  name: string;
  name_en: string | null;
  employees: number;
  layers: Partial<Record<LearningLayer, Counts>>;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
const figures = ([assigned, completed, confirmed]: Counts): CoverageFigures => ({
  assigned,
  completed,
  confirmed,
  completedPercent: percent(completed, assigned),
  confirmedPercent: percent(confirmed, assigned),
});
const add = (a: Counts, b: Counts): Counts => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const ZERO: Counts = [0, 0, 0];

function summarise(employees: number, layers: Partial<Record<LearningLayer, Counts>>) {
  const byLayer = Object.fromEntries(LEARNING_LAYERS.map((l) => [l, figures(layers[l] ?? ZERO)])) as Record<LearningLayer, CoverageFigures>;
  return { employees, ...figures(LEARNING_LAYERS.reduce((sum, l) => add(sum, layers[l] ?? ZERO), ZERO)), byLayer };
}

/** The view's top units: the one asked for (404 outside the scope), else the scope's tops (admins: the organisation's). */
async function rootsOf(tx: Queryable, actor: Actor, scope: DataScope, unitId: string | undefined): Promise<string[]> {
  if (unitId !== undefined) {
    await unitInScope(tx, actor, scope, unitId);
    return [unitId];
  }
  if (scope.kind === 'org') return (await tx.query<{ id: string }>(`SELECT id FROM units WHERE org_id = $1 AND parent_id IS NULL ORDER BY name, id`, [actor.orgId])).map((r) => r.id);
  if (scope.kind !== 'units') return [];
  const rows = await tx.query<{ id: string }>(`SELECT id FROM units WHERE org_id = $1 AND id = ANY($2::uuid[]) AND (parent_id IS NULL OR NOT parent_id = ANY($2::uuid[]))`, [actor.orgId, scope.unitIds]);
  return rows.map((r) => r.id);
}

export async function getCoverage(ctx: AppContext, actor: Actor, q: { unitId?: string }): Promise<Coverage> {
  authorize(actor, 'learning.coverage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await dataScopeOf(tx, actor);
    const roots = await rootsOf(tx, actor, scope, q.unitId);
    const units = await tx.query<UnitFigures>(
      `${assignedCtes('e.unit_id IN (SELECT unit_id FROM unit_up WHERE ancestor_id = ANY($2::uuid[]))')},
       in_view AS (SELECT DISTINCT unit_id FROM unit_up WHERE ancestor_id = ANY($2::uuid[])),
       pairs AS (
         SELECT e.unit_id, i.layer, c.status
           FROM assigned a
           JOIN employees e ON e.org_id = $1 AND e.id = a.employee_id
           JOIN learning_items i ON i.org_id = $1 AND i.id = a.item_id
           LEFT JOIN learning_completions c ON c.org_id = $1 AND c.item_id = a.item_id AND c.employee_id = a.employee_id
       ),
       per_layer AS (
         SELECT up.ancestor_id AS unit_id, p.layer, count(*)::int AS assigned, count(p.status)::int AS completed,
                (count(*) FILTER (WHERE p.status = 'confirmed'))::int AS confirmed
           FROM pairs p JOIN unit_up up ON up.unit_id = p.unit_id
          WHERE up.ancestor_id IN (SELECT unit_id FROM in_view)
          GROUP BY up.ancestor_id, p.layer
       ),
       heads AS (
         SELECT up.ancestor_id AS unit_id, count(*)::int AS employees
           FROM employees e JOIN unit_up up ON up.unit_id = e.unit_id
          WHERE e.org_id = $1 AND e.left_at IS NULL AND up.ancestor_id IN (SELECT unit_id FROM in_view)
          GROUP BY up.ancestor_id
       )
       SELECT u.id, u.parent_id, u.name, u.name_en, coalesce(h.employees, 0) AS employees,
              coalesce((SELECT jsonb_object_agg(f.layer, jsonb_build_array(f.assigned, f.completed, f.confirmed)) FROM per_layer f WHERE f.unit_id = u.id), '{}'::jsonb) AS layers
         FROM units u JOIN in_view v ON v.unit_id = u.id LEFT JOIN heads h ON h.unit_id = u.id
        WHERE u.org_id = $1`,
      [actor.orgId, roots],
    );
    return assemble(roots, units);
  });
}

/** Rows parents first (children by name), with depth; the total adds up the top units (disjoint subtrees). */
function assemble(roots: string[], units: UnitFigures[]): Coverage {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string, UnitFigures[]>();
  for (const u of units) if (u.parent_id !== null && byId.has(u.parent_id)) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u]);
  const rows: CoverageRow[] = [];
  const visit = (u: UnitFigures, depth: number) => {
    rows.push({ unitId: u.id, parentId: u.parent_id, name: u.name, nameEn: u.name_en, depth, ...summarise(u.employees, u.layers) });
    for (const c of (children.get(u.id) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))) visit(c, depth + 1);
  };
  const tops = roots.map((id) => byId.get(id)).filter((u): u is UnitFigures => u !== undefined);
  for (const top of tops) visit(top, 0);
  const totalLayers = Object.fromEntries(LEARNING_LAYERS.map((l) => [l, tops.reduce((sum, u) => add(sum, u.layers[l] ?? ZERO), ZERO)]));
  return { rootUnitIds: roots, total: summarise(tops.reduce((n, u) => n + u.employees, 0), totalLayers), rows };
}
