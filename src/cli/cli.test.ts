import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../server/platform/db/data-dir-lock.ts';

// These tests exercise the PGlite path of the CLI, whatever database the suite runs on.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-cli-'));
const env = { ...process.env, LODESTAR_DATA_DIR: dataDir, DATABASE_URL: '' };
delete (env as Record<string, string | undefined>).DATABASE_URL;

function lodestar(...args: string[]) {
  const res = spawnSync('node', ['bin/lodestar.js', ...args], { env, encoding: 'utf8', timeout: 90_000 });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('lodestar CLI', () => {
  it('migrates, seeds the demo once, and prints an API key alone on the last line', { timeout: 120_000 }, () => {
    const migrate = lodestar('migrate');
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toMatch(/applied \d+ migration/);
    expect(lodestar('migrate').stdout).toContain('database is up to date');

    const demo = lodestar('demo');
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain('admin@demo.lodestar.local');
    expect(lodestar('demo').stdout).toContain('already exists');

    const key = lodestar('apikey', 'create', '--org', 'demo', '--role', 'admin');
    expect(key.status).toBe(0);
    expect(key.stdout.trim().split('\n').at(-1)).toMatch(/^lsk_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$/);

    const unknown = lodestar('apikey', 'create', '--org', 'nope', '--role', 'admin');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no organisation with slug "nope"');
  });

  it('refuses a second process on the same PGlite directory with a clear message', () => {
    const unlock = lockDataDir(dataDir); // this test process now holds the directory
    try {
      const second = lodestar('migrate');
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('already open in another Lodestar process');
      expect(second.stderr).toContain('DATABASE_URL');
    } finally {
      unlock();
    }
  });

  it('explains a bad setting instead of starting', () => {
    const res = spawnSync('node', ['bin/lodestar.js', 'start'], { env: { ...env, PORT: 'eighty' }, encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('PORT');
  });
});
