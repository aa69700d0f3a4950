import type { Actor, Role } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { forgetApiKeysOnCommit } from './api-key-cache.ts';

// Accounts whose identity lives elsewhere (single sign-on, SCIM provisioning): created without a password,
// switched off and on by the identity provider. The identity module calls these inside its own transactions.

/** Not an argon2 hash, so no password ever verifies against it (verifyPassword answers false). */
const NO_PASSWORD = '!sso';

export interface UserRecord {
  id: string;
  email: string;
  role: Role;
  employeeId: string | null;
  disabled: boolean;
}

interface UserRow {
  id: string;
  email: string;
  role: Role;
  employee_id: string | null;
  disabled_at: Date | null;
}
const toRecord = (r: UserRow): UserRecord => ({ id: r.id, email: r.email, role: r.role, employeeId: r.employee_id, disabled: r.disabled_at !== null });

/** The organisation's user with this e-mail (case-insensitive), enabled or not. */
export async function findUserByEmail(tx: Tx, email: string): Promise<UserRecord | null> {
  const [row] = await tx.query<UserRow>(
    `SELECT id, email, role, employee_id, disabled_at FROM users WHERE org_id = $1 AND lower(email) = lower($2)`,
    [tx.orgId, email],
  );
  return row ? toRecord(row) : null;
}

export async function findUserById(tx: Tx, id: string): Promise<UserRecord | null> {
  const [row] = await tx.query<UserRow>(`SELECT id, email, role, employee_id, disabled_at FROM users WHERE org_id = $1 AND id = $2`, [tx.orgId, id]);
  return row ? toRecord(row) : null;
}

/** A login that can only be used through single sign-on. */
export async function insertPasswordlessUser(
  ctx: AppContext,
  tx: Tx,
  actor: Actor | null,
  input: { email: string; role: Role; employeeId: string | null; via: string },
): Promise<UserRecord> {
  const [row] = await tx.query<UserRow>(
    `INSERT INTO users (org_id, email, password_hash, role, employee_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id, email, role, employee_id, disabled_at`,
    [tx.orgId, input.email, NO_PASSWORD, input.role, input.employeeId, ctx.clock.now()],
  );
  const user = toRecord(row!);
  await recordAudit(tx, ctx.clock, actor, { action: 'user.created', entityType: 'user', entityId: user.id, after: { ...user, via: input.via } });
  return user;
}

export async function setUserEmail(ctx: AppContext, tx: Tx, actor: Actor | null, userId: string, email: string): Promise<void> {
  const [before] = await tx.query<{ email: string }>(`SELECT email FROM users WHERE org_id = $1 AND id = $2`, [tx.orgId, userId]);
  if (!before || before.email === email) return;
  await tx.query(`UPDATE users SET email = $3 WHERE org_id = $1 AND id = $2`, [tx.orgId, userId, email]);
  await recordAudit(tx, ctx.clock, actor, { action: 'user.updated', entityType: 'user', entityId: userId, before: { email: before.email }, after: { email } });
}

/**
 * Disables a user and, in the same transaction, ends their sessions and revokes their API keys: the keys
 * they created and the keys acting as their employee record. Once the transaction commits, every process's
 * key cache forgets those keys (this one directly, the others on the same PostgreSQL by a notification sent
 * at the commit), so the next request with one is refused wherever it lands. Sessions need nothing more:
 * every request re-reads the session and its user.
 */
export async function disableUser(ctx: AppContext, tx: Tx, actor: Actor | null, userId: string): Promise<void> {
  const now = ctx.clock.now();
  const [user] = await tx.query<{ employee_id: string | null }>(
    `UPDATE users SET disabled_at = $3 WHERE org_id = $1 AND id = $2 AND disabled_at IS NULL RETURNING employee_id`,
    [tx.orgId, userId, now],
  );
  if (!user) return;
  const sessions = await tx.query(`UPDATE sessions SET revoked_at = $3 WHERE org_id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`, [tx.orgId, userId, now]);
  const keys = await tx.query<{ id: string }>(
    `UPDATE api_keys SET revoked_at = $4 WHERE org_id = $1 AND revoked_at IS NULL AND (created_by = $2 OR employee_id = $3) RETURNING id`,
    [tx.orgId, userId, user.employee_id, now],
  );
  await recordAudit(tx, ctx.clock, actor, {
    action: 'user.disabled',
    entityType: 'user',
    entityId: userId,
    after: { sessionsEnded: sessions.length, apiKeysRevoked: keys.map((k) => k.id) },
  });
  // At the commit, and only then (a rolled-back deactivation must not lock the keys out).
  forgetApiKeysOnCommit(ctx, tx, keys.map((k) => k.id));
}

/** Lets a disabled user sign in again; their old sessions and keys stay revoked. */
export async function enableUser(ctx: AppContext, tx: Tx, actor: Actor | null, userId: string): Promise<void> {
  const rows = await tx.query(`UPDATE users SET disabled_at = NULL WHERE org_id = $1 AND id = $2 AND disabled_at IS NOT NULL RETURNING id`, [tx.orgId, userId]);
  if (rows.length) await recordAudit(tx, ctx.clock, actor, { action: 'user.enabled', entityType: 'user', entityId: userId });
}
