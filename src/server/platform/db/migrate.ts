import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from './database.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../migrations');

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies every `migrations/NNNN_name.sql` not yet recorded, each in its own
 * transaction, in name order. The same folder serves PGlite and PostgreSQL.
 * An advisory lock keeps two app nodes starting at once from racing.
 */
export async function migrate(driver: Driver, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  await driver.transaction(async (q) => {
    // Under the lock too: two nodes running CREATE TABLE IF NOT EXISTS at once can both try to create it.
    await q.query('SELECT pg_advisory_xact_lock(724011)');
    await q.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    await driver.transaction(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock(724011)');
      const done = await q.query('SELECT 1 FROM schema_migrations WHERE version = $1', [version]);
      if (done.length) return;
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const statement of splitStatements(sql)) await q.query(statement);
      await q.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      applied.push(version);
    });
  }
  return { applied };
}

/**
 * Splits a migration into statements on `;` at line ends, keeping `$$ … $$`
 * bodies whole (prepared statements take one statement each).
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    if (/^\s*--/.test(line) && !inDollar) continue;
    current += line + '\n';
    const dollars = (line.match(/\$\$/g) ?? []).length;
    if (dollars % 2 === 1) inDollar = !inDollar;
    if (!inDollar && /;\s*$/.test(line)) {
      out.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
