import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from '../server/main.ts';
import { loadConfig } from '../server/platform/config.ts';
import { openDatabase } from '../server/platform/db/open-database.ts';
import { bearer, buildOrg } from '../server/testing/factories.ts';

// `lodestar backup` / `lodestar restore` through the real CLI, on the engine the suite runs on: a database with
// answers is backed up, restored into an empty one, and the restored one must serve the same metrics.
const PG_URL = process.env.DATABASE_URL;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-backup-'));
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  fs.rmSync(scratch, { recursive: true, force: true });
});

type Target = { DATABASE_URL?: string; LODESTAR_DATA_DIR: string };

function lodestar(target: Target, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LODESTAR_DATA_DIR: target.LODESTAR_DATA_DIR };
  if (target.DATABASE_URL) env.DATABASE_URL = target.DATABASE_URL;
  else delete env.DATABASE_URL;
  const res = spawnSync('node', ['bin/lodestar.js', ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

type Server = Awaited<ReturnType<typeof createServer>>;

/** Runs `fn` on a server over the target database, then closes both. */
async function withServer<T>(target: Target, fn: (server: Server) => Promise<T>): Promise<T> {
  const { db } = await openDatabase(target);
  const server = await createServer(loadConfig({ ...process.env, ...target, LODESTAR_LOG_LEVEL: 'silent' }), db);
  try {
    return await fn(server);
  } finally {
    await server.app.close();
    await db.close();
  }
}

/** What an admin's dashboard reads: NPS by channel, CSAT by day, and the responses. */
async function metricsOf(server: Server, adminKey: string) {
  const get = async (url: string) => {
    const res = await server.app.inject({ method: 'GET', url, headers: bearer(adminKey) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  return {
    npsByChannel: await get('/api/v1/metrics/nps?groupBy=channel'),
    csatByDay: await get('/api/v1/metrics/csat?groupBy=day'),
    responses: (await get('/api/v1/responses?limit=100')).items.length,
  };
}

/** An organisation with a survey and 30 answers over three channels: its admin key and its metrics. */
function seed(target: Target) {
  return withServer(target, async (server) => {
    const org = await buildOrg(server.ctx);
    const send = (url: string, payload: object) => server.app.inject({ method: 'POST', url, headers: bearer(org.adminKey), payload });
    const questions = [
      { key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '推荐', en: 'Recommend' } },
      { key: 'csat', type: 'csat', title: { 'zh-CN': '满意', en: 'Satisfied' } },
    ];
    const survey = (await send('/api/v1/surveys', { name: '门店体验', questions })).json();
    for (let i = 0; i < 30; i++) {
      const res = await send('/api/v1/responses', { surveyId: survey.id, answers: { nps: i % 11, csat: 1 + (i % 5) }, channel: ['app', 'store', 'phone'][i % 3] });
      expect(res.statusCode, res.body).toBe(201);
    }
    return { key: org.adminKey, before: await metricsOf(server, org.adminKey) };
  });
}

async function createDatabase(): Promise<string> {
  const name = `lodestar_backup_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('lodestar backup and restore', () => {
  it.skipIf(PG_URL)('restores a PGlite backup into an empty data directory that serves the same metrics (PGlite run)', { timeout: 300_000 }, async () => {
    const source: Target = { LODESTAR_DATA_DIR: path.join(scratch, 'source') };
    const restored: Target = { LODESTAR_DATA_DIR: path.join(scratch, 'restored') };
    const file = path.join(scratch, 'lodestar.pglite.tar.gz');
    const { key, before } = await seed(source);

    const backup = lodestar(source, 'backup', file);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('backed up the PGlite database');
    const restore = lodestar(restored, 'restore', file);
    expect(restore.status, restore.stderr).toBe(0);

    expect(await withServer(restored, (server) => metricsOf(server, key))).toEqual(before);
    expect(before.responses).toBe(30);

    // A second restore would overwrite a live database: refused, with what to do instead.
    const again = lodestar(restored, 'restore', file);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('is not empty: restore into a new LODESTAR_DATA_DIR');
    const notABackup = path.join(scratch, 'notes.txt');
    fs.writeFileSync(notABackup, 'hello');
    expect(lodestar({ LODESTAR_DATA_DIR: path.join(scratch, 'other') }, 'restore', notABackup).stderr).toContain('is not a Lodestar backup');
  });

  it.skipIf(!PG_URL)('restores a pg_dump backup into an empty PostgreSQL database that serves the same metrics (PostgreSQL run)', { timeout: 300_000 }, async () => {
    const source: Target = { DATABASE_URL: await createDatabase(), LODESTAR_DATA_DIR: '' };
    const restored: Target = { DATABASE_URL: await createDatabase(), LODESTAR_DATA_DIR: '' };
    const file = path.join(scratch, 'lodestar.pgdump');
    const { key, before } = await seed(source);

    const backup = lodestar(source, 'backup', file);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('backed up the PostgreSQL database');
    const restore = lodestar(restored, 'restore', file);
    expect(restore.status, restore.stderr).toBe(0);

    expect(await withServer(restored, (server) => metricsOf(server, key))).toEqual(before);
    expect(before.responses).toBe(30);

    const again = lodestar(restored, 'restore', file);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('is not empty: restore into a new database');
    const pgliteRun = lodestar({ LODESTAR_DATA_DIR: path.join(scratch, 'empty') }, 'restore', file);
    expect(pgliteRun.stderr).toContain('is a PostgreSQL backup: set DATABASE_URL');
  });
});
