/**
 * The demo's culture and vision assessment: the positions' culture levels and the employees' start
 * dates, a CLOSED vision-culture assessment with about 500 synthetic answers (demo-culture.model.ts) so
 * the dashboard is full, an OPEN pulse re-measuring it with a few answers, and three action plans.
 * Synthetic respondents have no employee rows (an answer carries only unit, level and tenure band);
 * invitations exist for the real demo employees only. Answers go in with one INSERT each.
 */
import type { AppContext } from '../platform/context.ts';
import { DAY } from '../platform/clock.ts';
import type { Tx } from '../platform/db/database.ts';
import { randomToken, sha256 } from '../platform/secrets.ts';
import { BUILT_IN_TEMPLATES, levelOf, tenureBandOf } from '../modules/culture/index.ts';
import { pillarIndex, pulseAnswers, syntheticAnswers } from './demo-culture.model.ts';
import { mulberry32 } from './demo-random.ts';

const CULTURE_LEVELS: Record<string, string> = {
  'Chief Experience Officer': 'c_suite',
  'Regional manager': 'executive',
  'Store manager': 'manager',
  'Front desk': 'non_manager',
  Courier: 'non_manager',
  'Sales associate': 'non_manager',
  'CX analyst': 'support',
  'Chief Executive Officer': 'c_suite',
};

const template = (key: string) => BUILT_IN_TEMPLATES.find((x) => x.key === key)!;

interface Employee {
  id: string;
  unit_id: string;
  culture_level: string | null;
  name: string;
  name_en: string | null;
  manages: boolean;
  started_on: string | null;
}

async function insertAssessment(tx: Tx, orgId: string, a: { key: string; name: string; status: string; createdAt: Date; closesAt: Date; baseline: string | null }): Promise<string> {
  const t = template(a.key);
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO assessments (org_id, template_key, template_version, template, name, status, min_group_size, min_comment_group_size, audience,
       closes_at, opened_at, closed_at, created_at, baseline_assessment_id)
     VALUES ($1, $2, 1, $3, $4, $5, 5, 10, '{}', $6, $7, $8, $7, $9) RETURNING id`,
    [orgId, a.key, JSON.stringify(t.sections), a.name, a.status, a.closesAt, a.createdAt, a.status === 'closed' ? a.closesAt : null, a.baseline],
  );
  return row!.id;
}

/** Invites every real employee; `answered` says which of them (by id) have answered. */
async function invite(tx: Tx, orgId: string, assessmentId: string, people: Employee[], at: Date, answered: ReadonlySet<string>) {
  const rows = people.map((e) => ({
    employee_id: e.id,
    token_hash: sha256(randomToken(24)),
    unit_id: e.unit_id,
    level: levelOf({ cultureLevel: e.culture_level, name: e.name, nameEn: e.name_en, managesOthers: e.manages }),
    tenure_band: tenureBandOf(e.started_on, at),
    answered: answered.has(e.id),
  }));
  await tx.query(
    `INSERT INTO assessment_invitations (org_id, assessment_id, employee_id, token_hash, unit_id, level, tenure_band, answered, invited_at)
     SELECT $1, $2, r.employee_id, r.token_hash, r.unit_id, r.level, r.tenure_band, r.answered, $3
     FROM jsonb_to_recordset($4::jsonb) AS r(employee_id uuid, token_hash text, unit_id uuid, level text, tenure_band text, answered boolean)`,
    [orgId, assessmentId, at, JSON.stringify(rows)],
  );
  return rows;
}

async function insertAnswers(tx: Tx, orgId: string, assessmentId: string, rows: Array<{ unit_id: string; level: string; tenure_band: string | null; answers: object }>) {
  await tx.query(
    `INSERT INTO assessment_answers (org_id, assessment_id, unit_id, level, tenure_band, answers)
     SELECT $1, $2, r.unit_id, r.level, r.tenure_band, r.answers FROM jsonb_to_recordset($3::jsonb) AS r(unit_id uuid, level text, tenure_band text, answers jsonb)`,
    [orgId, assessmentId, JSON.stringify(rows)],
  );
}

/** Seeds the culture demo for a freshly created demo organisation; `unitIds` and `employeeIds` map demo keys to ids. */
export async function seedCulture(ctx: AppContext, orgId: string, unitIds: ReadonlyMap<string, string>, employeeIds: ReadonlyMap<string, string>): Promise<{ answers: number }> {
  const now = ctx.clock.now();
  const rng = mulberry32(31);
  return ctx.db.tenant(orgId, async (tx) => {
    for (const [nameEn, level] of Object.entries(CULTURE_LEVELS)) {
      await tx.query(`UPDATE positions SET culture_level = $3 WHERE org_id = $1 AND name_en = $2`, [orgId, nameEn, level]);
    }
    const starts = [...employeeIds.values()].map((id) => ({ id, on: new Date(now.getTime() - rng.int(60, 3600) * DAY).toISOString().slice(0, 10) }));
    await tx.query(
      `UPDATE employees e SET started_on = s.on FROM jsonb_to_recordset($2::jsonb) AS s(id uuid, "on" date) WHERE e.org_id = $1 AND e.id = s.id`,
      [orgId, JSON.stringify(starts)],
    );
    const people = await tx.query<Employee>(
      `SELECT e.id, e.unit_id, p.culture_level, p.name, p.name_en, e.started_on::text AS started_on,
         EXISTS (SELECT 1 FROM employees r WHERE r.org_id = e.org_id AND r.manager_id = e.id) AS manages
       FROM employees e JOIN positions p ON p.org_id = e.org_id AND p.id = e.position_id WHERE e.org_id = $1 ORDER BY e.id`,
      [orgId],
    );

    // The closed baseline: opened ten weeks ago, closed six weeks ago.
    const opened = new Date(now.getTime() - 70 * DAY);
    const closed = await insertAssessment(tx, orgId, { key: 'vision-culture', name: '2026 年度愿景与文化评估', status: 'closed', createdAt: opened, closesAt: new Date(now.getTime() - 42 * DAY), baseline: null });
    const pillarItems = template('vision-culture').sections.flatMap((s) => s.items.filter((i) => i.pillar).map((i) => ({ key: i.key, pillar: i.pillar! })));
    const synthetic = syntheticAnswers(pillarItems);
    await invite(tx, orgId, closed, people, opened, new Set(people.filter((_, i) => i % 7 !== 3).map((e) => e.id)));
    const unitOf = (key: string) => unitIds.get(key)!;
    await insertAnswers(tx, orgId, closed, synthetic.map((s) => ({ unit_id: unitOf(s.unit), level: s.level, tenure_band: s.tenure, answers: s.answers })));
    const comments = synthetic.filter((s) => s.comment).map((s) => ({ unit_id: unitOf(s.unit), level: s.level, text: s.comment }));
    await tx.query(
      `INSERT INTO assessment_comments (org_id, assessment_id, unit_id, level, text)
       SELECT $1, $2, r.unit_id, r.level, r.text FROM jsonb_to_recordset($3::jsonb) AS r(unit_id uuid, level text, text text)`,
      [orgId, closed, JSON.stringify(comments)],
    );

    // The open pulse: five days in, seven of the invited employees have answered.
    const pillars = template('pulse').sections[0]!.items.map((i) => i.pillar!);
    const pulseOpened = new Date(now.getTime() - 5 * DAY);
    const pulse = await insertAssessment(tx, orgId, { key: 'pulse', name: '文化脉搏：授权与考核', status: 'open', createdAt: pulseOpened, closesAt: new Date(now.getTime() + 16 * DAY), baseline: closed });
    const responders = new Set(people.filter((_, i) => i % 3 === 0).slice(0, 7).map((e) => e.id));
    const invited = await invite(tx, orgId, pulse, people, pulseOpened, responders);
    const pulseRows = pulseAnswers(pillars, responders.size);
    await insertAnswers(tx, orgId, pulse, invited.filter((r) => r.answered).map((r, i) => ({ unit_id: r.unit_id, level: r.level, tenure_band: r.tenure_band, answers: pulseRows[i]! })));

    // Action plans on the baseline's weakest pillars.
    const index = (p: string) => pillarIndex(synthetic.map((s) => s.answers), pillarItems.filter((i) => i.pillar === p).map((i) => i.key));
    const plans = [
      { pillar: 'kpis', title: '把客户体验指标纳入店长的季度目标', owner: 'zhou', due: 45, status: 'in_progress', pulse },
      { pillar: 'empowerment', title: '提高前台和快递员的当场补偿权限并简化例外审批', owner: 'chen', due: 30, status: 'open', pulse },
      { pillar: 'rituals', title: '每月一次“客户故事”早会，表彰真实的服务瞬间', owner: 'lin', due: -10, status: 'done', pulse: null },
    ];
    await tx.query(
      `INSERT INTO culture_action_plans (org_id, assessment_id, pillar, title, owner_id, due_at, status, pulse_assessment_id, baseline_index, created_at)
       SELECT $1, $2, r.pillar, r.title, r.owner_id, r.due_at, r.status, r.pulse_assessment_id, r.baseline_index, $3
       FROM jsonb_to_recordset($4::jsonb) AS r(pillar text, title text, owner_id uuid, due_at date, status text, pulse_assessment_id uuid, baseline_index real)`,
      [
        orgId,
        closed,
        new Date(now.getTime() - 35 * DAY),
        JSON.stringify(
          plans.map((p) => ({
            pillar: p.pillar,
            title: p.title,
            owner_id: employeeIds.get(p.owner) ?? null,
            due_at: new Date(now.getTime() + p.due * DAY).toISOString().slice(0, 10),
            status: p.status,
            pulse_assessment_id: p.pulse,
            baseline_index: index(p.pillar),
          })),
        ),
      ],
    );
    return { answers: synthetic.length + pulseRows.length };
  });
}
