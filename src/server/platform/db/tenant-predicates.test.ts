import { describe, expect, it } from 'vitest';
import { tablesWithoutOrgPredicate } from './tenant-predicates.ts';

const distributed = new Set(['units', 'employees', 'outbox_events', 'responses']);
const check = (sql: string) => tablesWithoutOrgPredicate(sql, distributed);

describe('tenant statements Citus can route', () => {
  it('pass with an org_id predicate, a list of organisations, or an INSERT that carries org_id', () => {
    expect(check(`SELECT id FROM units WHERE org_id = $1 AND parent_id = $2`)).toEqual([]);
    expect(check(`SELECT e.id FROM employees e JOIN units u ON u.org_id = e.org_id AND u.id = e.unit_id WHERE e.org_id = $1`)).toEqual([]);
    expect(check(`UPDATE outbox_events SET done_at = $3 WHERE org_id = ANY ($1::uuid[]) AND id = ANY ($2::bigint[])`)).toEqual([]);
    expect(check(`INSERT INTO units (org_id, name, kind) VALUES ($1, $2, $3) RETURNING id`)).toEqual([]);
    expect(check(`INSERT INTO outbox_events (org_id, name, payload) SELECT $1, $2, e FROM jsonb_array_elements($3::jsonb) e`)).toEqual([]);
    expect(check(`SELECT time_zone FROM organisations WHERE id = $1`)).toEqual([]); // a reference table goes anywhere
  });

  it('fail when a distributed table is read or written with row-level security as the only filter', () => {
    expect(check(`SELECT * FROM units`)).toEqual(['units']);
    expect(check(`UPDATE employees SET name = $2 WHERE id = $1`)).toEqual(['employees']);
    expect(check(`DELETE FROM responses WHERE submitted_at < $1`)).toEqual(['responses']);
    // Carrying org_id into the new rows does not route the SELECT that feeds them.
    expect(check(`INSERT INTO units (org_id, name, kind) SELECT org_id, name, 'copy' FROM units WHERE kind = $1`)).toEqual(['units']);
    // A column named in a string literal or a comment is no predicate.
    expect(check(`SELECT 'org_id = $1' AS note FROM units -- org_id = $1`)).toEqual(['units']);
  });
});
