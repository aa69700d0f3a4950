// `npm run bench:import`: `lodestar import responses <file.csv>` (the real command, progress bar on stderr) on PGlite and
// PostgreSQL, for a history file (two years of answers, 30 % detractors, a third with comments, the default alert rule on).
// Goal on PostgreSQL: ≥ 50,000 rows/s. Baseline in the same run: the same rows as raw multi-row INSERTs into responses
// (no validation, rollups, events or rules), which no import can beat. BENCH_IMPORT_ROWS sets the size (default 100,000).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runImportCommand } from '../src/cli/import-command.ts';
import { createServer } from '../src/server/main.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { openDatabase, type OpenedDatabase } from '../src/server/platform/db/open-database.ts';
import { buildOrg } from '../src/server/testing/factories.ts';
import { openPostgres } from './databases.ts';
import { printTable, thousands } from './table.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS) || 100_000;
const COMMENTS = ['送餐很快，服务很好', 'The courier was friendly and on time', '等了四十分钟，饭菜凉了'];

interface Figures {
  engine: string;
  importPerSec: number;
  rawPerSec: number;
  imported: number;
  cases: number;
}

/** An organisation with a store, its staff, a survey and the default rule; returns what the CSV needs. */
async function prepare(opened: OpenedDatabase) {
  const server = await createServer(loadConfig({ ...process.env, LODESTAR_LOG_LEVEL: 'silent' }), opened.db);
  try {
    const org = await buildOrg(server.ctx, `import-${randomUUID().slice(0, 8)}`);
    const auth = { authorization: `Bearer ${org.adminKey}` };
    const post = async (url: string, payload: unknown) => {
      const res = await server.app.inject({ method: 'POST', url, headers: auth, payload: payload as object });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.body}`);
      return res.json();
    };
    const survey = await post('/api/v1/surveys', {
      name: 'History',
      questions: [
        { key: 'nps', type: 'nps', title: { 'zh-CN': '推荐意愿', en: 'Recommend' } },
        { key: 'csat', type: 'csat', title: { 'zh-CN': '满意度', en: 'Satisfaction' } },
        { key: 'comment', type: 'text', title: { 'zh-CN': '意见', en: 'Comment' } },
      ],
    });
    await post('/api/v1/alert-rules', { name: 'Detractor alert', when: { match: 'any', nps: { lte: 6 }, csat: { lte: 2 } }, then: { createCase: { priority: 'high' } } });
    const staff = await server.ctx.db.tenant(org.orgId, async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const [e] = await tx.query<{ id: string }>(`INSERT INTO employees (org_id, name, email, unit_id, position_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
          org.orgId,
          `Staff ${i}`,
          `${randomUUID()}@bench.local`,
          org.rootUnitId,
          org.positionId,
        ]);
        ids.push(e!.id);
      }
      return ids;
    });
    return { org, surveyId: survey.id as string, staff };
  } finally {
    await server.app.close();
  }
}

function writeCsv(file: string, surveyId: string, unitId: string, staff: string[]): void {
  const twoYears = 2 * 365 * 24 * 3600_000;
  const lines = ['surveyId,employeeId,unitId,touchpoint,channel,submittedAt,nps,csat,comment'];
  for (let i = 0; i < ROWS; i++) {
    const detractor = (i * 7919) % 100 < 30;
    const at = new Date(Date.now() - 30 * 24 * 3600_000 - ((i * 104729) % 1000) / 1000 * twoYears).toISOString();
    const comment = i % 3 === 0 ? COMMENTS[i % COMMENTS.length] : '';
    lines.push([surveyId, staff[i % staff.length], unitId, 'delivery', 'app', at, detractor ? i % 7 : 7 + (i % 4), detractor ? 1 + (i % 2) : 4 + (i % 2), comment].join(','));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

async function benchEngine(engine: string, config: { DATABASE_URL?: string; LODESTAR_DATA_DIR: string }, file: string): Promise<Figures> {
  let opened = await openDatabase(config);
  const { org, surveyId, staff } = await prepare(opened);
  writeCsv(file, surveyId, org.rootUnitId, staff);
  await opened.db.close(); // the command opens the database itself, as it does for a user

  const started = performance.now();
  await runImportCommand(loadConfig({ ...process.env, ...config, LODESTAR_LOG_LEVEL: 'silent' }), 'responses', file, org.slug);
  const importMs = performance.now() - started;

  opened = await openDatabase(config);
  try {
    const count = (sql: string) => opened.db.tenant(org.orgId, async (tx) => (await tx.query<{ n: number }>(sql, [org.orgId]))[0]!.n);
    const imported = await count(`SELECT count(*)::int AS n FROM responses WHERE org_id = $1`);
    const cases = await count(`SELECT count(*)::int AS n FROM cases WHERE org_id = $1`);
    // The floor: the same number of rows as plain INSERT … SELECT from JSON, 5,000 a transaction.
    const rawStarted = performance.now();
    for (let done = 0; done < ROWS; done += 5000) {
      const rows = Array.from({ length: Math.min(5000, ROWS - done) }, (_, i) => ({ id: randomUUID(), nps: i % 11, at: new Date().toISOString(), answers: { nps: i % 11 } }));
      await opened.driver.transaction((q) =>
        q.query(
          `INSERT INTO responses (org_id, id, survey_id, survey_version, answers, nps, submitted_at, received_at, source)
           SELECT $1, r.id, $2, 1, r.answers, r.nps, r.at, r.at, 'import' FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, nps smallint, at timestamptz, answers jsonb)`,
          [org.orgId, surveyId, JSON.stringify(rows)],
        ),
      );
    }
    const rawMs = performance.now() - rawStarted;
    return { engine, importPerSec: ROWS / (importMs / 1000), rawPerSec: ROWS / (rawMs / 1000), imported, cases };
  } finally {
    await opened.db.close();
  }
}

const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-import-'));
const file = path.join(tmp, 'history.csv');
const results: Figures[] = [];
const loadBefore = os.loadavg()[0]!;
try {
  if (engines.includes('pglite')) results.push(await benchEngine('PGlite', { LODESTAR_DATA_DIR: path.join(tmp, 'data') }, file));
  const postgres = engines.includes('postgres') ? await openPostgres() : null;
  if (postgres) {
    await postgres.opened.db.close();
    try {
      results.push(await benchEngine('PostgreSQL', { DATABASE_URL: postgres.url, LODESTAR_DATA_DIR: '' }, file));
    } finally {
      await postgres.drop();
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`\nCSV import: ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at start, ${thousands(ROWS)} rows of history, default alert rule on\n`);
printTable([
  ['', ...results.map((f) => f.engine)],
  ['lodestar import responses, with progress bar (rows/s)', ...results.map((f) => thousands(f.importPerSec))],
  ['    goal ≥ 50,000 rows/s on PostgreSQL', ...results.map((f) => (f.engine === 'PostgreSQL' ? (f.importPerSec >= 50_000 ? 'met' : 'not met') : '—'))],
  ['raw INSERT … SELECT from JSON, 5,000 a transaction (rows/s)', ...results.map((f) => thousands(f.rawPerSec))],
  ['    ratio import/raw', ...results.map((f) => `${Math.round((100 * f.importPerSec) / f.rawPerSec)} %`)],
  ['rows in the database / cases opened (goal 0)', ...results.map((f) => `${thousands(f.imported)} / ${f.cases}`)],
]);
