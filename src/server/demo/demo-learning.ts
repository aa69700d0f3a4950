/**
 * The demo's capability building: the catalogue (demo-learning.catalogue.ts), assignments by unit, position,
 * position and person (one made by the Xuhui store manager, already overdue), a mix of completions (declared and
 * confirmed) whose share differs by unit, the East stores well ahead of the South, and the reward catalogue's
 * training course turned into a training place on the communication psychology course.
 */
import type { Actor } from '../platform/actor.ts';
import { DAY, type Clock } from '../platform/clock.ts';
import type { AppContext } from '../platform/context.ts';
import { getMyLearning, insertAssignment, insertLearningItem } from '../modules/learning/index.ts';
import { DEMO_LEARNING_ITEMS } from './demo-learning.catalogue.ts';
import { DEMO_EMPLOYEES, DEMO_POSITIONS } from './demo-org.ts';
import { mulberry32 } from './demo-random.ts';

interface DemoAssignment {
  item: string;
  unit?: string;
  position?: string;
  employee?: string;
  /** Days from now (negative: already past). */
  dueIn?: number;
  daysAgo: number;
  /** The demo employee key of the manager who made it (else the system, as an admin's import). */
  by?: string;
}

const ASSIGNMENTS: DemoAssignment[] = [
  { item: 'empathy', unit: 'hq', dueIn: 30, daysAgo: 60 },
  { item: 'nps-report', unit: 'hq', dueIn: 45, daysAgo: 30 },
  { item: 'journey-role-play', position: 'front-desk', dueIn: 20, daysAgo: 40 },
  { item: 'journey-role-play', position: 'courier', dueIn: 20, daysAgo: 40 },
  { item: 'complaints', unit: 'xuhui', dueIn: -10, daysAgo: 40, by: 'chen' },
  { item: 'service-design', position: 'analyst', dueIn: 90, daysAgo: 20 },
  { item: 'service-design', employee: 'chen', daysAgo: 15 },
  { item: 'communication-psychology', unit: 'cx', dueIn: 60, daysAgo: 20 },
  { item: 'experience-decisions', position: 'store-manager', dueIn: 60, daysAgo: 45 },
  { item: 'experience-decisions', position: 'regional', dueIn: 60, daysAgo: 45 },
  { item: 'customer-insight', position: 'regional', daysAgo: 45 },
];

/** How likely someone in the unit has done an assigned item: the East's stores lead, the South trails. */
const DONE_SHARE: Record<string, number> = {
  cx: 0.8, east: 0.75, xuhui: 0.85, 'xuhui-delivery': 0.75, pudong: 0.6, 'pudong-delivery': 0.5, xihu: 0.45,
  south: 0.4, tianhe: 0.35, 'tianhe-delivery': 0.3, nanshan: 0.2,
};
/** Wang Fang (a demo login) shows every state: one confirmed, one declared, the rest still to do. */
const FIXED: Record<string, Record<string, 'declared' | 'confirmed' | null>> = {
  'wang-fang': { empathy: 'confirmed', 'nps-report': 'declared', 'journey-role-play': null, complaints: null },
};

export async function seedLearning(ctx: AppContext, orgId: string, unitIds: ReadonlyMap<string, string>, employeeIds: ReadonlyMap<string, string>) {
  const base = ctx.clock.now().getTime();
  const at = (daysAgo: number): AppContext => ({ ...ctx, clock: { now: () => new Date(base - daysAgo * DAY) } satisfies Clock });
  const dayString = (offset: number) => new Date(base + offset * DAY).toISOString().slice(0, 10);
  const person = (key: string, role: Actor['role'] = 'employee'): Actor => ({ orgId, kind: 'api_key', id: `demo-${key}`, role, employeeId: employeeIds.get(key)! });
  const itemIds = new Map<string, string>();

  await ctx.db.tenant(orgId, async (tx) => {
    for (const item of DEMO_LEARNING_ITEMS) {
      const { id } = await insertLearningItem(at(75), tx, null, {
        layer: item.layer, format: item.format, name: item.name, description: item.description, durationMinutes: item.minutes, ownerId: employeeIds.get(item.trainer)!, active: true,
      });
      itemIds.set(item.key, id);
    }
    const positions = await tx.query<{ id: string; name_en: string }>(`SELECT id, name_en FROM positions WHERE org_id = $1`, [orgId]);
    const positionId = (key: string) => positions.find((p) => p.name_en === DEMO_POSITIONS.find((d) => d.key === key)!.nameEn)!.id;
    for (const a of ASSIGNMENTS) {
      await insertAssignment(at(a.daysAgo), tx, a.by ? person(a.by, 'manager') : null, {
        itemId: itemIds.get(a.item)!,
        ...(a.unit ? { unitId: unitIds.get(a.unit) } : {}),
        ...(a.position ? { positionId: positionId(a.position) } : {}),
        ...(a.employee ? { employeeId: employeeIds.get(a.employee) } : {}),
        ...(a.dueIn !== undefined ? { dueAt: dayString(a.dueIn) } : {}),
        source: 'manual',
      });
    }
    await tx.query(`UPDATE rewards SET learning_item_id = $2 WHERE org_id = $1 AND kind = 'training'`, [orgId, itemIds.get('communication-psychology')]);
  });

  // Who is assigned what comes from the module itself (assignments expand when read).
  const rng = mulberry32(26);
  const rows: object[] = [];
  for (const e of DEMO_EMPLOYEES) {
    const mine = await getMyLearning(ctx, person(e.key));
    for (const entry of mine.items) {
      const itemKey = [...itemIds].find(([, id]) => id === entry.item.id)![0];
      const fixed = FIXED[e.key]?.[itemKey];
      const outcome = fixed !== undefined ? fixed : rng.next() < (DONE_SHARE[e.unit] ?? 0.5) ? (rng.next() < 0.65 ? 'confirmed' : 'declared') : null;
      if (outcome === null) continue;
      const doneDaysAgo = rng.int(3, 40);
      const confirmer = entry.item.ownerId !== employeeIds.get(e.key) ? entry.item.ownerId : employeeIds.get(e.manager ?? 'lin')!;
      rows.push({
        item_id: entry.item.id,
        employee_id: employeeIds.get(e.key),
        status: outcome,
        evidence: rng.next() < 0.5 ? null : rng.pick(['课后练习已提交', '已完成线上测验', 'Workshop attended', '与培训师完成了一次陪练']),
        completed_on: dayString(-doneDaysAgo),
        recorded_at: new Date(base - (doneDaysAgo - 1) * DAY),
        confirmed_at: outcome === 'confirmed' ? new Date(base - Math.max(0, doneDaysAgo - rng.int(2, 6)) * DAY) : null,
        confirmed_by_employee_id: outcome === 'confirmed' ? confirmer : null,
      });
    }
  }
  await ctx.db.tenant(orgId, (tx) =>
    tx.query(
      `INSERT INTO learning_completions (org_id, item_id, employee_id, status, self_declared, evidence, completed_on, recorded_at, recorded_by, confirmed_at, confirmed_by, confirmed_by_employee_id)
       SELECT $1, r.item_id, r.employee_id, r.status, true, r.evidence, r.completed_on, r.recorded_at, 'demo', r.confirmed_at, CASE WHEN r.status = 'confirmed' THEN 'demo' END, r.confirmed_by_employee_id
       FROM jsonb_to_recordset($2::jsonb) AS r(item_id uuid, employee_id uuid, status text, evidence text, completed_on date, recorded_at timestamptz, confirmed_at timestamptz, confirmed_by_employee_id uuid)`,
      [orgId, JSON.stringify(rows)],
    ),
  );
  return { items: itemIds.size, assignments: ASSIGNMENTS.length, completions: rows.length };
}
