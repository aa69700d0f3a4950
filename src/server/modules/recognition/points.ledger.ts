/**
 * The points ledger: every change of a balance is one appended entry, written
 * with the balance it changes in one transaction. An entry names its source
 * (the praise's response, the accepted idea, the closed case, a manual award's
 * own id, the reversed entry); a unique index on the source makes a second
 * award for the same source a no-op, whoever asks and however often.
 */
import type { PointsAwarded, SourceType } from '../../../contracts/recognition.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/database.ts';
import { publish } from '../../platform/events/index.ts';

export interface NewLedgerEntry {
  employeeId: string;
  delta: number;
  reason: string;
  sourceType: SourceType;
  sourceId: string;
  awardedBy?: string | null;
  awardedByEmployeeId?: string | null;
  /** How much the entry changes the points earned (leaderboards); by default its delta for awards, 0 otherwise. */
  earned?: number;
}

export interface AppendedEntry {
  id: string;
  balance: number;
}

/**
 * Appends one entry and moves the balance by its delta, publishing `points.awarded`;
 * returns null (and changes nothing) when the source already has its entry.
 */
export async function appendLedgerEntry(tx: Tx, clock: Clock, entry: NewLedgerEntry): Promise<AppendedEntry | null> {
  const orgId = tx.orgId!;
  const now = clock.now();
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO points_ledger (org_id, employee_id, delta, reason, source_type, source_id, awarded_by, awarded_by_employee_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (org_id, source_type, source_id) DO NOTHING RETURNING id::text`,
    [orgId, entry.employeeId, entry.delta, entry.reason, entry.sourceType, entry.sourceId, entry.awardedBy ?? null, entry.awardedByEmployeeId ?? null, now],
  );
  if (!row) return null;
  const earned = entry.earned ?? (isEarning(entry.sourceType) ? entry.delta : 0);
  const [balance] = await tx.query<{ balance: number; unit_id: string | null }>(
    `INSERT INTO points_balances (org_id, employee_id, balance, earned, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (org_id, employee_id) DO UPDATE SET balance = points_balances.balance + EXCLUDED.balance,
       earned = points_balances.earned + EXCLUDED.earned, updated_at = EXCLUDED.updated_at
     RETURNING balance, (SELECT unit_id FROM employees WHERE org_id = $1 AND id = $2) AS unit_id`,
    [orgId, entry.employeeId, entry.delta, earned, now],
  );
  const payload: PointsAwarded = {
    entryId: row.id,
    employeeId: entry.employeeId,
    unitId: balance!.unit_id,
    delta: entry.delta,
    balance: balance!.balance,
    sourceType: entry.sourceType,
    sourceId: entry.sourceId,
    reason: entry.reason,
  };
  await publish(tx, 'points.awarded', payload, { at: now });
  return { id: row.id, balance: balance!.balance };
}

/** Points that count as earned (leaderboards): awards, not spending or refunds. */
export function isEarning(sourceType: SourceType): boolean {
  return sourceType === 'praise' || sourceType === 'idea_accepted' || sourceType === 'case_resolved' || sourceType === 'manual' || sourceType === 'insight_captured';
}

/** Locks and reads an employee's balance (0 without entries), so a debit that checks it cannot race another. */
export async function lockBalance(tx: Tx, employeeId: string): Promise<number> {
  const [row] = await tx.query<{ balance: number }>(
    `SELECT balance FROM points_balances WHERE org_id = $1 AND employee_id = $2 FOR UPDATE`,
    [tx.orgId, employeeId],
  );
  return row?.balance ?? 0;
}
