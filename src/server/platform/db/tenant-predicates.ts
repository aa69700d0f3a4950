/**
 * Does a tenant statement name its organisation, as Citus needs to route it?
 *
 * Row-level security keeps a statement without `WHERE org_id = …` inside its
 * organisation on PostgreSQL, but on Citus such a statement would be sent to
 * every shard. So every statement of a tenant transaction that reads or writes
 * a distributed table (one with org_id, not declared `citus:reference` or
 * `citus:local`) must carry an explicit predicate on org_id, or insert rows
 * whose org_id column is given. The tenancy test watches every statement the
 * app runs through its route sweep with this rule.
 */
import type { Database } from './database.ts';

const TABLE_REFERENCE = /\b(?:from|join|update|into)\s+(?:only\s+)?([a-z_][a-z0-9_]*)/gi;
/** `org_id = $1`, `x.org_id = ANY ($2::uuid[])`, `org_id IN (…)`. */
const ORG_PREDICATE = /\borg_id\s*(?:=\s*(?:\$\d+|any\s*\(\s*\$\d+)|in\s*\()/i;
/** `INSERT INTO t (…, org_id, …)`: Citus routes each inserted row by the org_id it carries. */
const INSERT_WITH_ORG = /^\s*insert\s+into\s+([a-z_][a-z0-9_]*)\s*(?:as\s+[a-z_]+\s*)?\(([^)]*)\)/i;

/**
 * The distributed tables a statement reads or writes without naming its organisation; [] when it is routable.
 * An INSERT that gives org_id needs no predicate unless it also reads a distributed table (INSERT … SELECT).
 */
export function tablesWithoutOrgPredicate(sql: string, distributed: ReadonlySet<string>): string[] {
  const text = sql.replace(/--[^\n]*/g, '').replace(/'(?:[^']|'')*'/g, "''");
  const named = [...text.matchAll(TABLE_REFERENCE)].map((m) => m[1]!.toLowerCase());
  const insert = INSERT_WITH_ORG.exec(text);
  if (insert && /\borg_id\b/i.test(insert[2]!)) named.splice(named.indexOf(insert[1]!.toLowerCase()), 1);
  const tables = [...new Set(named.filter((t) => distributed.has(t)))];
  if (tables.length === 0 || ORG_PREDICATE.test(text)) return [];
  return tables;
}

/** Tables with an org_id column that are not declared global (see scripts/citus-check.sql). */
export async function distributedTables(db: Database): Promise<Set<string>> {
  const rows = await db.system((tx) =>
    tx.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped)
          AND coalesce(obj_description(c.oid, 'pg_class'), '') !~ '^citus:(reference|local)'`,
    ),
  );
  return new Set(rows.map((r) => r.name));
}
