// `node scripts/crash-test.mjs`: durability of response ingestion under `kill -9`.
// Starts the real server (PGlite in a fresh LODESTAR_DATA_DIR, or a fresh database on the
// PostgreSQL server named by DATABASE_URL), loads it with POST /api/v1/responses carrying
// Idempotency-Keys, kills it mid-load, restarts it and counts: acknowledged responses lost
// (must be 0) and, after retrying every key, keys with more than one response (must be 0).
// Exits non-zero when either count is not 0. LODESTAR_BIN overrides the CLI entry point.
/* global fetch, setTimeout */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const BIN = process.env.LODESTAR_BIN ?? 'bin/lodestar.js';
const CLIENTS = 24;
const KILL_AFTER_ACKS = 400;
const started = Date.now();

const { env, cleanup, label } = await prepareDatabase();
env.PORT = String(await freePort());
env.LODESTAR_LOG_LEVEL = 'warn';
const base = `http://127.0.0.1:${env.PORT}`;

try {
  cli(['demo']);
  const key = cli(['apikey', 'create', '--org', 'demo', '--role', 'admin']).trim().split('\n').at(-1);
  const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

  let server = await startServer();
  const survey = await call('POST', '/api/v1/surveys', auth, {
    name: 'Crash test',
    questions: [
      { key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '推荐意愿', en: 'Recommend?' } },
      { key: 'ref', type: 'hidden', title: { 'zh-CN': '编号', en: 'Reference' } },
    ],
  });
  const body = (i) => ({ surveyId: survey.body.id, answers: { nps: i % 11, ref: `crash-${i}` } });

  // Load until the server has acknowledged enough responses, then kill it with requests in flight.
  const acked = new Map(); // key → id the server acknowledged (201 or 200)
  let issued = 0;
  let killing = false;
  let killed = false;
  const clientLoop = async () => {
    while (!killed) {
      const i = issued++;
      const res = await call('POST', '/api/v1/responses', { ...auth, 'idempotency-key': `crash-${i}` }, body(i)).catch(() => null);
      if (res && (res.status === 201 || res.status === 200)) acked.set(`crash-${i}`, res.body.id);
      else if (res && !killed) throw new Error(`unexpected answer ${res.status} ${JSON.stringify(res.body)}`);
      if (!killing && acked.size >= KILL_AFTER_ACKS) {
        // A random moment a little later, so the kill lands anywhere in a group's life (running, committing, answering).
        killing = true;
        setTimeout(() => {
          killed = true;
          server.kill('SIGKILL');
        }, Math.random() * 40);
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, clientLoop));
  await exited(server);
  const inFlight = issued - acked.size;

  server = await startServer();
  const afterCrash = await responsesByRef(auth, survey.body.id);
  const lost = [...acked].filter(([ref, id]) => !(afterCrash.get(ref) ?? []).includes(id)).length;
  const committedUnacked = [...afterCrash.keys()].filter((ref) => !acked.has(ref)).length;

  // Retry every key, acknowledged or not: each must end with exactly one response.
  let changedIds = 0;
  let nextRetry = 0;
  const retryLoop = async () => {
    while (nextRetry < issued) {
      const i = nextRetry++;
      const res = await call('POST', '/api/v1/responses', { ...auth, 'idempotency-key': `crash-${i}` }, body(i));
      if (res.status !== 200 && res.status !== 201) throw new Error(`retry of crash-${i}: ${res.status} ${JSON.stringify(res.body)}`);
      const first = acked.get(`crash-${i}`);
      if (first && (res.status !== 200 || res.body.id !== first)) changedIds++;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, retryLoop));
  const afterRetry = await responsesByRef(auth, survey.body.id);
  const duplicates = [...afterRetry.values()].filter((ids) => ids.length > 1).length;
  const missing = Array.from({ length: issued }, (_, i) => `crash-${i}`).filter((ref) => !afterRetry.has(ref)).length;

  server.kill('SIGTERM');
  await exited(server);
  console.log(`\ncrash test on ${label} (${Math.round((Date.now() - started) / 1000)} s)`);
  console.log(`  requests issued:                      ${issued}`);
  console.log(`  acknowledged before kill -9:          ${acked.size}`);
  console.log(`  unacknowledged (in flight at kill):   ${inFlight}`);
  console.log(`  of those, committed before the kill:  ${committedUnacked} (their retries must replay, not duplicate)`);
  console.log(`  acknowledged responses lost:          ${lost}`);
  console.log(`  acknowledged keys answered otherwise: ${changedIds}`);
  console.log(`  keys with more than one response:     ${duplicates}`);
  console.log(`  keys with no response after retry:    ${missing}`);
  process.exitCode = lost || duplicates || changedIds || missing ? 1 : 0;
  console.log(process.exitCode ? 'FAILED' : 'passed: nothing acknowledged was lost, no key was written twice');
} finally {
  await cleanup();
}

/** Runs a CLI command to completion and returns its output. */
function cli(args) {
  const run = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`lodestar ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/** Resolves once the process has exited (at once if it already has). */
function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', resolve));
}

/** Starts `lodestar start` and waits until /api/v1/health answers. */
async function startServer() {
  const child = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let waited = 0; waited < 60_000; waited += 200) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not become healthy within 60 s');
}

async function call(method, url, headers, body) {
  const res = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** Every response of the survey, grouped by its `ref` answer (the idempotency key it was sent with). */
async function responsesByRef(auth, surveyId) {
  const byRef = new Map();
  let cursor = null;
  do {
    const page = await call('GET', `/api/v1/responses?surveyId=${surveyId}&limit=500${cursor ? `&cursor=${cursor}` : ''}`, auth);
    if (page.status !== 200) throw new Error(`listing responses: ${page.status} ${JSON.stringify(page.body)}`);
    for (const r of page.body.items) byRef.set(r.answers.ref, [...(byRef.get(r.answers.ref) ?? []), r.id]);
    cursor = page.body.nextCursor;
  } while (cursor);
  return byRef;
}

/** A fresh PGlite directory, or a fresh database on the PostgreSQL server of DATABASE_URL. */
async function prepareDatabase() {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  if (!process.env.DATABASE_URL) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-crash-'));
    return { env: { ...base, LODESTAR_DATA_DIR: dir }, label: 'PGlite', cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `lodestar_crash_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    env: { ...base, DATABASE_URL: url.toString() },
    label: 'PostgreSQL',
    cleanup: async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
