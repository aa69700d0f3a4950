// `npm run bench:culture`: culture-assessment results for 10,000 answers over 200 units (a head office, 9 regions,
// 190 stores; five levels), on PGlite and PostgreSQL, each compared in the same run with plain SQL over the same
// answers: a `count(*)` of them and a single-pillar aggregate per unit (what any results query must at least read),
// and the cheapest HTTP read of the same assessment (authentication, routing, serialisation: the floor of any endpoint).
// The full vision-culture template is answered (every scored item), generated in SQL. Timings are the median of
// BENCH_CULTURE_REPEAT runs after two warm-ups, through HTTP (`app.inject`): the atoms query, the disclosure plan over
// 200 units × 6 columns, the figures and the response's validation and serialisation. First with the assessment open
// (every request reads the answers: an admin's live view), then closed (the atoms are kept per process, since a closed
// assessment takes no more answers; the plan and the figures are still computed per request).
// PostgreSQL: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a fresh database is created and dropped.
// BENCH_ENGINES=pglite,postgres (default), BENCH_CULTURE_ANSWERS=10000.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { createServer } from '../src/server/main.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import type { OpenedDatabase } from '../src/server/platform/db/open-database.ts';
import { BUILT_IN_TEMPLATES } from '../src/server/modules/culture/index.ts';
import { bearer, buildOrg } from '../src/server/testing/factories.ts';
import { onEachEngine } from './databases.ts';
import { printTable } from './table.ts';

const ANSWERS = Number(process.env.BENCH_CULTURE_ANSWERS) || 10_000;
const REPEAT = Number(process.env.BENCH_CULTURE_REPEAT) || 9;
const REGIONS = 9;
const STORES = 190;
/** Levels in the proportions of a retailer: one in twenty C-suite, half the front line. */
const template = BUILT_IN_TEMPLATES.find((x) => x.key === 'vision-culture')!;
const scored = template.sections.flatMap((s) => s.items.filter((i) => i.type === 'likert').map((i) => i.key));
const SCORED = scored.length + 1; // and the vision state
const LEVEL_MIX = ['c_suite', 'executive', 'executive', 'manager', 'manager', 'manager', 'support', 'support', 'support', ...Array<string>(11).fill('non_manager')];

const PHASES = [
  'count(*) of the answers (SQL)',
  'one pillar item, mean per unit (SQL)',
  'GET /assessments/:id (HTTP floor)',
  'open: results?groupBy=unit',
  'open: results?groupBy=level',
  'open: overview (with drivers)',
  'open: heatmap',
  'open: response-rates',
  'closed: results?groupBy=unit',
  'closed: overview (with drivers)',
  'closed: heatmap',
] as const;
type Phase = (typeof PHASES)[number];
/** While open every request reads the answers (live figures for admins); once closed the atoms are kept per process. */
const LIVE: Partial<Record<Phase, string>> = {
  'GET /assessments/:id (HTTP floor)': '',
  'open: results?groupBy=unit': '/results?groupBy=unit',
  'open: results?groupBy=level': '/results?groupBy=level',
  'open: overview (with drivers)': '/overview',
  'open: heatmap': '/heatmap',
  'open: response-rates': '/response-rates',
};
const CLOSED: Partial<Record<Phase, string>> = {
  'closed: results?groupBy=unit': '/results?groupBy=unit',
  'closed: overview (with drivers)': '/overview',
  'closed: heatmap': '/heatmap',
};

interface Figures {
  engine: string;
  ms: Record<Phase, number>;
  rows: number;
  shown: number;
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  await fn();
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function benchEngine(engine: string, opened: OpenedDatabase): Promise<Figures> {
  const server = await createServer(loadConfig({ ...process.env, LODESTAR_LOG_LEVEL: 'silent' }), opened.db);
  try {
    const { ctx } = server;
    const org = await buildOrg(ctx, `culture-${randomUUID().slice(0, 8)}`);
    const assessmentId = await ctx.db.tenant(org.orgId, async (tx) => {
      const regions = await tx.query<{ id: string }>(
        `INSERT INTO units (org_id, name, kind, parent_id) SELECT $1, 'Region ' || g, 'region', $2 FROM generate_series(1, $3) g RETURNING id`,
        [org.orgId, org.rootUnitId, REGIONS],
      );
      const stores = await tx.query<{ id: string }>(
        `INSERT INTO units (org_id, name, kind, parent_id) SELECT $1, 'Store ' || g, 'store', ($2::uuid[])[1 + g % $3] FROM generate_series(1, $4) g RETURNING id`,
        [org.orgId, regions.map((r) => r.id), REGIONS, STORES],
      );
      const [a] = await tx.query<{ id: string }>(
        `INSERT INTO assessments (org_id, template_key, template_version, template, name, status, audience, closes_at, opened_at, closed_at, created_at)
         VALUES ($1, 'vision-culture', 1, $2, 'Bench', 'open', '{}', now() + interval '1 day', now() - interval '14 days', NULL, now() - interval '15 days') RETURNING id`,
        [org.orgId, JSON.stringify(template.sections)],
      );
      // Answers spread over the stores (a few at the head office and the regions), levels weighted to the front line,
      // each item's value from a different mix of the row number so units and items differ.
      await tx.query(
        `INSERT INTO assessment_answers (org_id, assessment_id, unit_id, level, tenure_band, answers)
         SELECT $1, $2,
                CASE WHEN g % 50 = 0 THEN ($4::uuid[])[1 + g % cardinality($4::uuid[])] ELSE ($3::uuid[])[1 + (g * 7919) % cardinality($3::uuid[])] END,
                ($5::text[])[1 + (g * 37) % cardinality($5::text[])], 'y1_3',
                (SELECT jsonb_object_agg(k, 1 + ((g * (i * 2 + 7) + i * 13 + (g * 7919) % 190) % 5)) FROM unnest($6::text[]) WITH ORDINALITY AS t(k, i))
                  || jsonb_build_object('vision_state', (ARRAY['outdated', 'not_understood', 'understood', 'core_dna'])[1 + (g * 3 + (g * 7919) % 190) % 4])
           FROM generate_series(1, $7) g`,
        [org.orgId, a!.id, stores.map((s) => s.id), [org.rootUnitId, ...regions.map((r) => r.id)], LEVEL_MIX, scored, ANSWERS],
      );
      // 12 % more invitees than answers, in the same units and levels (the response-rates endpoint reads them).
      await tx.query(
        `WITH people AS (
           INSERT INTO employees (org_id, name, email, unit_id, position_id)
           SELECT $1, 'Staff ' || g, 'staff' || g || '@bench.local', ($3::uuid[])[1 + (g * 7919) % cardinality($3::uuid[])], $4 FROM generate_series(1, $5) g
           RETURNING id, unit_id, email)
         INSERT INTO assessment_invitations (org_id, assessment_id, employee_id, token_hash, unit_id, level, answered, invited_at)
         SELECT $1, $2, id, md5(id::text), unit_id, ($6::text[])[1 + (substring(email FROM '[0-9]+')::int * 37) % cardinality($6::text[])],
                substring(email FROM '[0-9]+')::int % 9 <> 0, now()
           FROM people`,
        [org.orgId, a!.id, stores.map((s) => s.id), org.positionId, Math.round(ANSWERS * 1.12), LEVEL_MIX],
      );
      return a!.id;
    });
    await opened.driver.transaction((q) => q.query('ANALYZE'));
    const sql = (text: string, params: unknown[]) => ctx.db.tenant(org.orgId, (tx) => tx.query(text, params));
    const ms = {} as Record<Phase, number>;
    ms['count(*) of the answers (SQL)'] = await median(() => sql(`SELECT count(*) FROM assessment_answers WHERE org_id = $1 AND assessment_id = $2`, [org.orgId, assessmentId]));
    ms['one pillar item, mean per unit (SQL)'] = await median(() =>
      sql(`SELECT unit_id, count(*), avg(((answers->>'empathy_1')::int - 1) * 25.0) FROM assessment_answers WHERE org_id = $1 AND assessment_id = $2 GROUP BY unit_id`, [org.orgId, assessmentId]),
    );
    const fetch = async (path: string) => {
      const res = await server.app.inject({ method: 'GET', url: `/api/v1/assessments/${assessmentId}${path}`, headers: bearer(org.adminKey) });
      if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res.json();
    };
    for (const [phase, path] of Object.entries(LIVE) as Array<[Phase, string]>) ms[phase] = await median(() => fetch(path));
    await sql(`UPDATE assessments SET status = 'closed', closed_at = now() WHERE org_id = $1 AND id = $2`, [org.orgId, assessmentId]);
    for (const [phase, path] of Object.entries(CLOSED) as Array<[Phase, string]>) ms[phase] = await median(() => fetch(path));
    const results = (await fetch('/results?groupBy=unit')) as { rows: Array<{ suppressed: boolean }> };
    const rows = results.rows.length;
    const shown = results.rows.filter((x) => !x.suppressed).length;
    return { engine, ms, rows, shown };
  } finally {
    await server.app.close();
  }
}

const loadBefore = os.loadavg()[0]!;
const started = performance.now();
const results = await onEachEngine(process.env.BENCH_ENGINES ?? 'pglite,postgres', benchEngine);
console.log(
  `\nCulture results: ${ANSWERS.toLocaleString('en-US')} answers × ${SCORED} scored items over 200 units (1 + ${REGIONS} regions + ${STORES} stores), 5 levels; ` +
    `${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at start; median of ${REPEAT} after 2 warm-ups; ${Math.round((performance.now() - started) / 1000)} s\n`,
);
const base = (f: Figures) => f.ms['count(*) of the answers (SQL)'];
const pillar = (f: Figures) => f.ms['one pillar item, mean per unit (SQL)'];
printTable([
  ['', ...results.flatMap((f) => [`${f.engine} ms`, '× count(*)', '× one pillar'])],
  ...PHASES.map((p) => [p, ...results.flatMap((f) => [f.ms[p].toFixed(1), (f.ms[p] / base(f)).toFixed(1), (f.ms[p] / pillar(f)).toFixed(1)])]),
  ['rows in results?groupBy=unit (shown)', ...results.flatMap((f) => [`${f.rows} (${f.shown})`, '', ''])],
]);
