/**
 * Who may touch care records, and the database setting their privacy rests on. Support requests and
 * hard-case flags belong to people, not to roles: only a signed-in person acting as themself reads or
 * writes them. An API key is refused because an admin can mint one that acts as any employee; a login is
 * personal (its creation is in the audit log). Each transaction then names that employee in
 * `app.employee_id`, which the tables' row-level security policies compare with the people on a row.
 */
import type { Actor } from '../../platform/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';

/** The caller's employee id when they are a person signed in as themself; 403 `personal_only` otherwise. */
export function personalEmployee(actor: Actor): string {
  if (actor.role === 'partner' || !actor.employeeId) {
    throw new AppError(403, 'personal_only', 'care records belong to an employee: sign in with your own account');
  }
  if (actor.kind !== 'user') {
    throw new AppError(403, 'personal_only', 'support requests and hard-case flags are personal: API keys cannot read or write them; sign in as yourself');
  }
  return actor.employeeId;
}

/** Opens the care rows of one employee to the rest of this transaction (and no others). */
export async function actAs(tx: Tx, employeeId: string): Promise<void> {
  await tx.query(`SELECT set_config('app.employee_id', $1, true)`, [employeeId]);
}
