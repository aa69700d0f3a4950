import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { MIGRATIONS_DIR } from './migrate.ts';

// Citus readiness: `scripts/citus-check.sql` (the project's shared tool, ../shared/tools/citus-check.sql) prints one
// row per finding on a freshly migrated database; there must be none, whoever's migration added the table.
// We cannot run Citus here: this check and ARCHITECTURE.md ("Distribution on Citus") are the proof.
const ROOT = path.resolve(MIGRATIONS_DIR, '..');
const CHECK = path.join(ROOT, 'scripts/citus-check.sql');
const SHARED = path.resolve(ROOT, '../shared/tools/citus-check.sql');

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());

describe('Citus readiness of the migrated schema', () => {
  it('has no finding: tenant tables keyed and secured by org_id, global tables declared', async () => {
    const sql = fs.readFileSync(CHECK, 'utf8');
    const findings = await testDb.db.system((tx) => tx.query<{ finding: string; table_name: string; detail: string }>(sql));
    const listed = findings.map((f) => `${f.finding} | ${f.table_name} | ${f.detail}`).join('\n');
    expect(findings, `citus-check.sql findings (fix the migration, or declare the table; see the file's header):\n${listed}`).toEqual([]);
  });

  it('has a distribution script that names every tenant table once, each after the tables its foreign keys point to', async () => {
    const sql = fs.readFileSync(path.join(ROOT, 'scripts/citus-distribute.sql'), 'utf8');
    const statements = (await testDb.db.system((tx) => tx.query<{ statement: string }>(sql))).map((r) => r.statement);
    const tableOf = (statement: string) => /\('([a-z_0-9]+)'/.exec(statement)![1]!;
    expect(statements[0]).toBe(`SELECT create_reference_table('organisations');`);
    const distributed = statements.filter((s) => s.startsWith('SELECT create_distributed_table(')).map(tableOf);
    const position = new Map(distributed.map((table, i) => [table, i]));
    expect(position.size).toBe(distributed.length);
    expect(distributed).toEqual(expect.arrayContaining(['units', 'responses', 'outbox_events', 'jobs', 'sessions']));
    expect(distributed).not.toContain('rate_limits');
    const edges = await testDb.db.system((tx) =>
      tx.query<{ child: string; parent: string }>(
        `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c
          WHERE c.contype = 'f' AND c.conrelid <> c.confrelid AND c.connamespace = 'public'::regnamespace`,
      ),
    );
    for (const { child, parent } of edges.filter((e) => position.has(e.child) && position.has(e.parent))) {
      expect(position.get(parent)!, `${parent} must be distributed before ${child}`).toBeLessThan(position.get(child)!);
    }
  });

  it.skipIf(!fs.existsSync(SHARED))('runs the same check as the shared tool (skipped where ../shared is not checked out)', () => {
    expect(fs.readFileSync(CHECK, 'utf8')).toBe(fs.readFileSync(SHARED, 'utf8'));
  });
});
