import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  orgId = (await seedDemo(t.ctx)).orgId;
});
afterAll(() => t.close());

const q = <T>(sql: string, params: unknown[] = []) => t.ctx.db.tenant(orgId, (tx) => tx.query<T>(sql, [orgId, ...params]));

describe('demo culture assessment', () => {
  it('has a closed vision-culture assessment with hundreds of answers over units and levels, some cells too small to show', async () => {
    const [closed] = await q<{ id: string; status: string }>(`SELECT id, status FROM assessments WHERE org_id = $1 AND template_key = 'vision-culture'`);
    expect(closed!.status).toBe('closed');
    const cells = await q<{ unit_id: string; level: string; n: number }>(
      `SELECT unit_id, level, count(*)::int AS n FROM assessment_answers WHERE org_id = $1 AND assessment_id = $2 GROUP BY 1, 2`,
      [closed!.id],
    );
    const total = cells.reduce((s, c) => s + c.n, 0);
    expect(total).toBeGreaterThanOrEqual(400);
    expect(total).toBeLessThanOrEqual(700);
    expect(new Set(cells.map((c) => c.unit_id)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(cells.map((c) => c.level))).toEqual(new Set(['c_suite', 'executive', 'manager', 'non_manager', 'support']));
    expect(cells.some((c) => c.n < 5)).toBe(true);

    // Guidance by the vision fades below management.
    const [g] = await q<{ top: number; bottom: number; comments: number }>(
      `SELECT avg((answers->>'guidance_c_suite')::int) AS top, avg((answers->>'guidance_support')::int) AS bottom,
         (SELECT count(*)::int FROM assessment_comments c WHERE c.org_id = $1 AND c.assessment_id = $2) AS comments
       FROM assessment_answers WHERE org_id = $1 AND assessment_id = $2`,
      [closed!.id],
    );
    expect(Number(g!.top) - Number(g!.bottom)).toBeGreaterThan(1);
    expect(g!.comments).toBeGreaterThan(30);

    const [inv] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM assessment_invitations i JOIN employees e ON e.org_id = i.org_id AND e.id = i.employee_id WHERE i.org_id = $1 AND i.assessment_id = $2`, [closed!.id]);
    const [employees] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM employees WHERE org_id = $1`);
    expect(inv!.n).toBe(employees!.n);
  });

  it('has an open pulse with a few answers and three action plans, and every position a culture level', async () => {
    const [pulse] = await q<{ id: string; status: string; baseline_assessment_id: string; answers: number; answered: number }>(
      `SELECT a.id, a.status, a.baseline_assessment_id,
         (SELECT count(*)::int FROM assessment_answers x WHERE x.org_id = a.org_id AND x.assessment_id = a.id) AS answers,
         (SELECT count(*)::int FROM assessment_invitations i WHERE i.org_id = a.org_id AND i.assessment_id = a.id AND i.answered) AS answered
       FROM assessments a WHERE a.org_id = $1 AND a.template_key = 'pulse'`,
    );
    expect(pulse).toMatchObject({ status: 'open', answers: 7, answered: 7 });
    expect(pulse!.baseline_assessment_id).toBeTruthy();
    const plans = await q<{ pillar: string; baseline_index: number }>(`SELECT pillar, baseline_index FROM culture_action_plans WHERE org_id = $1 ORDER BY pillar`);
    expect(plans.map((p) => p.pillar)).toEqual(['empowerment', 'kpis', 'rituals']);
    for (const p of plans) expect(p.baseline_index).toBeGreaterThan(10);
    expect(await q(`SELECT 1 FROM positions WHERE org_id = $1 AND culture_level IS NULL`)).toEqual([]);
    expect(await q(`SELECT 1 FROM employees WHERE org_id = $1 AND started_on IS NULL`)).toEqual([]);
  });
});
