// `npm run bench:nodes`: several app nodes on one PostgreSQL database (real `lodestar start`-like processes).
// (1) Ingestion: single responses over HTTP from BENCH_NODES_CLIENTS keep-alive clients, first all to one node,
//     then spread over two; the ratio is the scaling (goal ≥ 1.6× where the database is not the bottleneck).
//     CPU seconds of the nodes, of PostgreSQL and of the load client are read from /proc during each run, to say
//     what bound it.
// (2) Cross-node live events: a detractor's answer posted to node a, timed to the `case.created` frame on an
//     admin's stream connected to node b: by LISTEN/NOTIFY, then with nodes that only poll (the old way).
// PostgreSQL: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a fresh database is created and dropped.
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { Worker } from 'node:worker_threads';
import { systemClock } from '../src/server/platform/clock.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { openDatabase } from '../src/server/platform/db/open-database.ts';
import { EventBus } from '../src/server/platform/events/index.ts';
import { JobRunner } from '../src/server/platform/jobs/index.ts';
import { buildOrg, type TestOrg } from '../src/server/testing/factories.ts';
import { createClusterDatabase, openEventStream, percentile, startNode, type AppNode } from '../src/cli/several-nodes.harness.ts';
import { PG_URL } from './databases.ts';
import { printTable, thousands } from './table.ts';

const REQUESTS = Number(process.env.BENCH_NODES_REQUESTS) || 6000;
const CLIENTS = Number(process.env.BENCH_NODES_CLIENTS) || 48;
const PROBES = Number(process.env.BENCH_NODES_PROBES) || 40;
const TICK = 100; // clock ticks a second in /proc (USER_HZ)

const QUESTIONS = [
  { key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '推荐意愿', en: 'Recommend' } },
  { key: 'csat', type: 'csat', title: { 'zh-CN': '满意度', en: 'Satisfaction' } },
];

interface LoadFigures {
  perSec: number;
  statuses: Record<string, number>;
  /** CPU seconds per wall second (1 = one core busy). */
  cpu: { nodes: number; postgres: number; client: number; machine: number };
}

async function call(node: AppNode, key: string, method: string, url: string, body?: unknown) {
  const res = await fetch(`${node.base}${url}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** utime + stime of a process, in seconds (0 when it is gone). */
function cpuOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICK;
  } catch {
    return 0;
  }
}

/** The PostgreSQL backends serving the benchmark's database (other databases' work on the server is not ours). */
async function postgresPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows;
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/** Busy and total jiffies of the whole machine. */
function machineTicks(): { busy: number; total: number } {
  const [, ...values] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: total - values[3]! - values[4]!, total };
}

/** Sends REQUESTS single responses, client i to node i mod n, from a worker thread; measures CPU meanwhile. */
async function ingest(nodes: AppNode[], key: string, surveyId: string, url: string): Promise<LoadFigures> {
  const backends = await postgresPids(url); // the nodes' pools are open and stay open: the same backends serve the run
  const cpuBefore = { nodes: nodes.map((n) => cpuOf(n.process.pid!)), postgres: backends.map(cpuOf), client: process.cpuUsage(), machine: machineTicks() };
  const started = performance.now();
  const { statuses } = await runLoad(nodes.map((n) => `${n.base}/api/v1/responses`), key, surveyId);
  const seconds = (performance.now() - started) / 1000;
  const client = process.cpuUsage(cpuBefore.client);
  const machine = machineTicks();
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    perSec: REQUESTS / seconds,
    statuses,
    cpu: {
      nodes: (sum(nodes.map((n) => cpuOf(n.process.pid!))) - sum(cpuBefore.nodes)) / seconds,
      postgres: (sum(backends.map(cpuOf)) - sum(cpuBefore.postgres)) / seconds,
      client: (client.user + client.system) / 1e6 / seconds,
      machine: ((machine.busy - cpuBefore.machine.busy) / (machine.total - cpuBefore.machine.total)) * os.cpus().length,
    },
  };
}

function runLoad(urls: string[], key: string, surveyId: string): Promise<{ statuses: Record<string, number> }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    const { urls, key, surveyId, total, clients } = workerData;
    const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
    const statuses = {};
    let next = 0;
    const send = (url, i) => new Promise((resolve, reject) => {
      const body = JSON.stringify({ surveyId, answers: { nps: i % 11, csat: 1 + (i % 5) }, touchpoint: 'store', channel: 'app' });
      const req = http.request(url, { method: 'POST', agent, headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => { statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1; resolve(); });
      });
      req.on('error', reject);
      req.end(body);
    });
    async function client(c) { while (next < total) { const i = next++; await send(urls[c % urls.length], i); } }
    Promise.all(Array.from({ length: clients }, (_, c) => client(c))).then(() => { parentPort.postMessage({ statuses }); agent.destroy(); });
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { urls, key, surveyId, total: REQUESTS, clients: CLIENTS } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** A detractor's answer posted to `from`, timed to its case on an admin's stream connected to `to`. */
async function crossNodeLatency(from: AppNode, to: AppNode, org: TestOrg, surveyId: string): Promise<number[]> {
  const viewer = await openEventStream(to.base, org.adminKey);
  const already = viewer.frames.length;
  const latencies: number[] = [];
  try {
    for (let i = 1; i <= PROBES + 3; i++) {
      const sentAt = performance.now();
      await call(from, org.adminKey, 'POST', '/api/v1/responses', { surveyId, answers: { nps: 0 } });
      const frame = await viewer.nth('case.created', already + i, 15_000);
      if (i > 3) latencies.push(frame.at - sentAt);
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100)); // not in step with any poll
    }
  } finally {
    viewer.close();
  }
  return latencies;
}

async function prepare(url: string): Promise<{ org: TestOrg; close: () => Promise<void> }> {
  const opened = await openDatabase({ DATABASE_URL: url, LODESTAR_DATA_DIR: '' });
  const ctx = { db: opened.db, clock: systemClock, config: loadConfig({ ...process.env, DATABASE_URL: url }), events: new EventBus(opened.db, systemClock), jobs: new JobRunner(opened.db, systemClock) };
  return { org: await buildOrg(ctx), close: () => opened.db.close() };
}

const started = performance.now();
const loadBefore = os.loadavg()[0]!;
const cluster = await createClusterDatabase(PG_URL);
const nodes: AppNode[] = [];
try {
  nodes.push(await startNode(cluster.url, 'a'));
  const { org, close } = await prepare(cluster.url);
  await close();
  const survey = await call(nodes[0]!, org.adminKey, 'POST', '/api/v1/surveys', { name: 'Bench', questions: QUESTIONS });
  await call(nodes[0]!, org.adminKey, 'POST', '/api/v1/alert-rules', { name: 'detractor', when: { nps: { lte: 0 } }, then: { createCase: { priority: 'high' } } });

  await ingest(nodes, org.adminKey, survey.id, cluster.url); // warm-up
  const one = await ingest(nodes, org.adminKey, survey.id, cluster.url);
  nodes.push(await startNode(cluster.url, 'b'));
  await ingest(nodes, org.adminKey, survey.id, cluster.url); // warm-up of b
  const two = await ingest(nodes, org.adminKey, survey.id, cluster.url);

  const notify = await crossNodeLatency(nodes[0]!, nodes[1]!, org, survey.id);
  await Promise.all(nodes.splice(0).map((n) => n.stop()));
  nodes.push(await startNode(cluster.url, 'a', { LODESTAR_NODE_POLL_ONLY: '1' }), await startNode(cluster.url, 'b', { LODESTAR_NODE_POLL_ONLY: '1' }));
  const poll = await crossNodeLatency(nodes[0]!, nodes[1]!, org, survey.id);

  console.log(
    `\nSeveral nodes on one PostgreSQL: ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at start, Node ${process.version}, ` +
      `${REQUESTS} single responses per run from ${CLIENTS} clients, ${Math.round((performance.now() - started) / 1000)} s\n`,
  );
  const cpu = (f: LoadFigures) => `nodes ${f.cpu.nodes.toFixed(2)}, PostgreSQL backends ${f.cpu.postgres.toFixed(2)}, client ${f.cpu.client.toFixed(2)}; machine ${f.cpu.machine.toFixed(2)} of ${os.cpus().length}`;
  printTable([
    ['', 'one node', 'two nodes'],
    ['(1) single responses over HTTP (responses/s)', thousands(one.perSec), thousands(two.perSec)],
    ['    HTTP statuses', JSON.stringify(one.statuses), JSON.stringify(two.statuses)],
    ['    ratio two/one, goal ≥ 1.6× where the database is not the bottleneck', '', `${(two.perSec / one.perSec).toFixed(2)}×`],
  ]);
  console.log(`    CPU busy (cores): one node: ${cpu(one)}\n                      two nodes: ${cpu(two)}`);
  // CPU time per response hardly depends on how busy the machine is, so it says where the ceiling is on any machine.
  const perResponse = (f: LoadFigures, cores: number) => (1000 * cores) / f.perSec;
  const nodeMs = perResponse(one, one.cpu.nodes);
  const pgMs = perResponse(one, one.cpu.postgres);
  console.log(
    `    CPU per response (one node): app ${nodeMs.toFixed(2)} ms, PostgreSQL ${pgMs.toFixed(2)} ms, client ${perResponse(one, one.cpu.client).toFixed(2)} ms` +
      `\n    so one node tops out near ${thousands(1000 / nodeMs)} responses/s on a core of its own, and the database near ${thousands(1000 / pgMs)} per core it has\n`,
  );
  printTable([
    ['(2) answer on node a → case on node b’s stream (ms)', 'p50', 'p95', 'max'],
    ['    LISTEN/NOTIFY', ...[50, 95].map((p) => percentile(notify, p).toFixed(0)), Math.max(...notify).toFixed(0)],
    ['    poll only (1 s), as before', ...[50, 95].map((p) => percentile(poll, p).toFixed(0)), Math.max(...poll).toFixed(0)],
  ]);
} finally {
  await Promise.all(nodes.map((n) => n.stop()));
  await cluster.drop();
}
