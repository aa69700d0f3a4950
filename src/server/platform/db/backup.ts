/**
 * Backups of the whole database, and restoring one into an empty database.
 *
 * PostgreSQL: `pg_dump --format=custom` (online and consistent: one snapshot) and `pg_restore` into an empty
 * database; the app role and its grants come along, the owner becomes whoever restores. The password never
 * appears on a command line (PGPASSWORD). PGlite: its own data-directory dump (a gzipped tar), loaded into an
 * empty directory; the directory must not be open in a server meanwhile (its lock says so).
 * After a restore, migrations newer than the backup are applied, so an old backup opens in a new release.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import { openPgliteDriver } from './pglite-driver.ts';
import { openPostgresDriver } from './postgres-driver.ts';

export type BackupKind = 'pglite' | 'postgres';

/** A refusal the CLI prints as one line (wrong file, database not empty, tool missing). */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** What a backup file holds, from its first bytes: pg_dump's custom format starts with PGDMP, PGlite's dump is gzip. */
export function backupKindOf(file: string): BackupKind | null {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    fs.readSync(fd, head, 0, 5, 0);
    if (head.toString('latin1') === 'PGDMP') return 'postgres';
    if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

export async function backupPglite(dataDir: string, file: string): Promise<void> {
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) throw new BackupError(`no PGlite database in ${path.resolve(dataDir)}`);
  const unlock = lockDataDir(dataDir);
  try {
    const driver = await openPgliteDriver(dataDir);
    try {
      const dump = await driver.pglite.dumpDataDir('gzip');
      writeAtomically(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await driver.close();
    }
  } finally {
    unlock();
  }
}

export async function restorePglite(file: string, dataDir: string): Promise<string[]> {
  expectKind(file, 'pglite');
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new BackupError(`${path.resolve(dataDir)} is not empty: restore into a new LODESTAR_DATA_DIR`);
  }
  const unlock = lockDataDir(dataDir);
  try {
    const driver = await openPgliteDriver(dataDir, new Blob([fs.readFileSync(file)]));
    try {
      return (await migrate(driver)).applied;
    } finally {
      await driver.close();
    }
  } finally {
    unlock();
  }
}

export async function backupPostgres(url: string, file: string): Promise<void> {
  const tmp = `${file}.partial`;
  await run('pg_dump', ['--format=custom', '--no-owner', `--file=${tmp}`], url);
  fs.renameSync(tmp, file);
}

export async function restorePostgres(file: string, url: string): Promise<string[]> {
  expectKind(file, 'postgres');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [row] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows;
    if (row!.n > 0) throw new BackupError('the database named by DATABASE_URL is not empty: restore into a new database (createdb …)');
    // The grants in the dump name the app role, which is per server, not per database: make sure it exists.
    await client.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lodestar_app') THEN CREATE ROLE lodestar_app NOLOGIN; END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await client.query(`DO $$ BEGIN EXECUTE format('GRANT lodestar_app TO %I', current_user); EXCEPTION WHEN others THEN NULL; END $$`);
  } finally {
    await client.end();
  }
  await run('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', file], url);
  const driver = openPostgresDriver(url, 2);
  try {
    return (await migrate(driver)).applied;
  } finally {
    await driver.close();
  }
}

function expectKind(file: string, wanted: BackupKind): void {
  if (!fs.existsSync(file)) throw new BackupError(`no such file: ${file}`);
  const kind = backupKindOf(file);
  if (kind === wanted) return;
  if (kind === null) throw new BackupError(`${file} is not a Lodestar backup (neither a pg_dump archive nor a PGlite dump)`);
  throw new BackupError(
    kind === 'postgres'
      ? `${file} is a PostgreSQL backup: set DATABASE_URL to an empty PostgreSQL database to restore it`
      : `${file} is a PGlite backup: unset DATABASE_URL and set LODESTAR_DATA_DIR to an empty directory to restore it`,
  );
}

function writeAtomically(file: string, bytes: Buffer): void {
  const tmp = `${file}.partial`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

/** Runs a PostgreSQL client tool against `url`, the password passed in the environment; rejects with its stderr. */
function run(tool: string, args: string[], url: string): Promise<void> {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${parsed.toString()}`], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new BackupError(`${tool} is not installed (Debian: apt-get install postgresql-client)`) : err),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim()}`))));
  });
}
