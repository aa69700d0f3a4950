// `npm run bench:ingest`: response ingestion on PGlite and on PostgreSQL, through a real listening server.
// (1) single responses over HTTP from concurrent clients (group commit) vs (2) one-row-per-commit INSERTs,
// (3) /responses/batch (500 items a request) vs raw multi-row INSERT … VALUES, (4) public page bytes;
// (0) is the ceiling of the HTTP stack and client on this machine, for reading (1).
// PostgreSQL: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a fresh database is created and dropped.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createServer } from '../src/server/main.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { openDatabase, type OpenedDatabase } from '../src/server/platform/db/open-database.ts';
import { openPostgres } from './databases.ts';
import { buildOrg } from '../src/server/testing/factories.ts';
import { ingestStats } from '../src/server/modules/responses/index.ts';

const SINGLES = Number(process.env.BENCH_SINGLES) || 5000;
const CLIENTS = Number(process.env.BENCH_CLIENTS) || 50;
const BASELINE_ROWS = Number(process.env.BENCH_BASELINE_ROWS) || 1000;
const BATCH_SIZE = 500;
const BATCHES = 10;

const QUESTIONS = [
  { key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '您有多大可能推荐我们？', en: 'How likely are you to recommend us?' } },
  { key: 'csat', type: 'csat', title: { 'zh-CN': '您对这次服务满意吗？', en: 'How satisfied were you?' } },
  { key: 'comment', type: 'text', title: { 'zh-CN': '还有什么想告诉我们？', en: 'Anything else?' } },
];
const COMMENTS = ['送餐很快，服务很好', 'The courier was friendly and on time', '等了四十分钟，饭菜凉了', 'Checkout was slow', ''];

interface Figures {
  engine: string;
  httpCeilingPerSec: number;
  singlesPerSec: number;
  singleStatuses: Record<string, number>;
  avgGroup: number;
  baselinePerSec: number;
  batchRowsPerSec: number;
  rawBatchRowsPerSec: number;
  pageBytes: number;
}

/** A response body like an integrator sends. */
const responseBody = (surveyId: string, i: number) => ({
  surveyId,
  answers: { nps: i % 11, csat: 1 + (i % 5), ...(COMMENTS[i % 5] ? { comment: COMMENTS[i % 5] } : {}) },
  touchpoint: 'delivery',
  channel: 'app',
});

async function benchEngine(engine: 'pglite' | 'postgres', opened: OpenedDatabase): Promise<Figures> {
  const config = loadConfig({ ...process.env, LODESTAR_LOG_LEVEL: 'silent' });
  const server = await createServer(config, opened.db);
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  try {
    const org = await buildOrg(server.ctx, `bench-${randomUUID().slice(0, 8)}`);
    const auth = { authorization: `Bearer ${org.adminKey}`, 'content-type': 'application/json' };
    const survey = await (await fetch(`${base}/api/v1/surveys`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Bench', questions: QUESTIONS }) })).json();

    // A warm-up, so the first figures do not pay for the JIT and cold caches.
    await runLoad(`${base}/api/v1/responses`, 'not-a-key', Array(1000).fill('{}'), CLIENTS);
    await runLoad(`${base}/api/v1/responses`, org.adminKey, Array.from({ length: 500 }, (_, i) => JSON.stringify(responseBody(survey.id, i))), CLIENTS);

    // (0) what the HTTP stack and this client manage with no database work at all: refused before any query (401).
    const ceiling = await runLoad(`${base}/api/v1/responses`, 'not-a-key', Array(SINGLES).fill('{}'), CLIENTS);

    // (1) singles over HTTP, every request with its own Idempotency-Key, from a worker thread so the client does not steal the server's loop.
    const bodies = Array.from({ length: SINGLES }, (_, i) => JSON.stringify(responseBody(survey.id, i)));
    const before = ingestStats(server.ctx).transactions;
    const load = await runLoad(`${base}/api/v1/responses`, org.adminKey, bodies, CLIENTS);
    const groups = ingestStats(server.ctx).transactions - before;

    // (2) the naive path: one INSERT per transaction, sequential, on the same database and table.
    const singleRows = Array.from({ length: BASELINE_ROWS }, (_, i) => rawRow(org.orgId, survey.id, i));
    let started = performance.now();
    for (const row of singleRows) await opened.driver.transaction((q) => q.query(INSERT_ONE, row));
    const baselinePerSec = BASELINE_ROWS / ((performance.now() - started) / 1000);

    // (3) batches over HTTP vs the same number of rows as raw multi-row INSERTs, each batch its own transaction.
    const batchBody = (b: number) => JSON.stringify({ items: Array.from({ length: BATCH_SIZE }, (_, i) => responseBody(survey.id, b * BATCH_SIZE + i)) });
    started = performance.now();
    for (let b = 0; b < BATCHES; b++) {
      const res = await fetch(`${base}/api/v1/responses/batch`, { method: 'POST', headers: auth, body: batchBody(b) });
      const result = await res.json();
      if (res.status !== 200 || result.created !== BATCH_SIZE) throw new Error(`batch failed: ${res.status} ${JSON.stringify(result).slice(0, 300)}`);
    }
    const batchRowsPerSec = (BATCH_SIZE * BATCHES) / ((performance.now() - started) / 1000);
    const rawBatches = Array.from({ length: BATCHES }, (_, b) => Array.from({ length: BATCH_SIZE }, (_, i) => rawRow(org.orgId, survey.id, b * BATCH_SIZE + i)).flat());
    started = performance.now();
    for (const params of rawBatches) await opened.driver.transaction((q) => q.query(insertMany(BATCH_SIZE), params));
    const rawBatchRowsPerSec = (BATCH_SIZE * BATCHES) / ((performance.now() - started) / 1000);

    // (4) the public page a customer opens on a phone.
    const link = await (await fetch(`${base}/api/v1/surveys/${survey.id}/links`, { method: 'POST', headers: auth, body: '{}' })).json();
    const page = await fetch(`${base}/s/${link.token}`);
    const pageBytes = (await page.arrayBuffer()).byteLength;

    return {
      engine,
      httpCeilingPerSec: SINGLES / (ceiling.ms / 1000),
      singlesPerSec: SINGLES / (load.ms / 1000),
      singleStatuses: load.statuses,
      avgGroup: SINGLES / Math.max(groups, 1),
      baselinePerSec,
      batchRowsPerSec,
      rawBatchRowsPerSec,
      pageBytes,
    };
  } finally {
    await server.app.close();
  }
}

const COLUMNS = 'org_id, id, survey_id, survey_version, answers, nps, csat, comment, touchpoint, channel, submitted_at, received_at, source';
const INSERT_ONE = `INSERT INTO responses (${COLUMNS}) VALUES ($1, $2, $3, 1, $4::jsonb, $5, $6, $7, $8, $9, $10, $10, 'api')`;
const insertMany = (n: number) =>
  `INSERT INTO responses (${COLUMNS}) VALUES ${Array.from({ length: n }, (_, i) => {
    const p = i * 10;
    return `($${p + 1}, $${p + 2}, $${p + 3}, 1, $${p + 4}::jsonb, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8}, $${p + 9}, $${p + 10}, $${p + 10}, 'api')`;
  }).join(', ')}`;

function rawRow(orgId: string, surveyId: string, i: number): unknown[] {
  const body = responseBody(surveyId, i);
  return [orgId, randomUUID(), surveyId, JSON.stringify(body.answers), body.answers.nps, body.answers.csat, body.answers.comment ?? null, 'delivery', 'app', new Date()];
}

/** Sends every body once from `clients` concurrent keep-alive connections in a worker thread; resolves with the wall time and statuses. */
function runLoad(url: string, key: string, bodies: string[], clients: number): Promise<{ ms: number; statuses: Record<string, number> }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    const { url, key, bodies, clients } = workerData;
    const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
    const statuses = {};
    let next = 0;
    const send = (body, i) => new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json',
        'content-length': Buffer.byteLength(body), 'idempotency-key': 'bench-' + i + '-' + workerData.run } }, (res) => {
        res.resume();
        res.on('end', () => { statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1; resolve(); });
      });
      req.on('error', reject);
      req.end(body);
    });
    async function client() { while (next < bodies.length) { const i = next++; await send(bodies[i], i); } }
    (async () => {
      const started = performance.now();
      await Promise.all(Array.from({ length: clients }, client));
      parentPort.postMessage({ ms: performance.now() - started, statuses });
      agent.destroy();
    })().catch((err) => { throw err; });
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { url, key, bodies, clients, run: randomUUID() } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}


function printTable(all: Figures[]): void {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const rows: string[][] = [['', ...all.map((f) => f.engine)]];
  rows.push([`(0) HTTP ceiling: same client, refused before any query (requests/s)`, ...all.map((f) => n(f.httpCeilingPerSec))]);
  rows.push([`(1) single responses over HTTP, ${CLIENTS} clients (responses/s)`, ...all.map((f) => n(f.singlesPerSec))]);
  rows.push(['    average group size (responses per transaction)', ...all.map((f) => f.avgGroup.toFixed(1))]);
  rows.push(['    HTTP statuses', ...all.map((f) => JSON.stringify(f.singleStatuses))]);
  rows.push(['(2) one row per commit, sequential (rows/s)', ...all.map((f) => n(f.baselinePerSec))]);
  rows.push(['    ratio (1)/(2), goal ≥ 10×', ...all.map((f) => `${(f.singlesPerSec / f.baselinePerSec).toFixed(1)}×`)]);
  rows.push([`(3) /responses/batch, ${BATCH_SIZE} a request (rows/s)`, ...all.map((f) => n(f.batchRowsPerSec))]);
  rows.push([`    raw INSERT … VALUES, ${BATCH_SIZE} a statement (rows/s)`, ...all.map((f) => n(f.rawBatchRowsPerSec))]);
  rows.push(['    ratio batch/raw, goal ≥ 50 %', ...all.map((f) => `${Math.round((100 * f.batchRowsPerSec) / f.rawBatchRowsPerSec)} %`)]);
  rows.push(['(4) public page GET /s/:token (bytes, goal ≤ 15 KB)', ...all.map((f) => n(f.pageBytes))]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}

const results: Figures[] = [];
const started = performance.now();
const loadBefore = os.loadavg()[0]!;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-bench-'));
try {
  const pglite = await openDatabase({ LODESTAR_DATA_DIR: dataDir });
  results.push(await benchEngine('pglite', pglite));
  await pglite.db.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
const postgres = await openPostgres();
if (postgres) {
  try {
    results.push(await benchEngine('postgres', postgres.opened));
  } finally {
    await postgres.drop();
  }
}
console.log(
  `\nIngestion benchmark: ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at start, Node ${process.version}, ` +
    `${SINGLES} single requests, ${Math.round((performance.now() - started) / 1000)} s\n`,
);
printTable(results);
