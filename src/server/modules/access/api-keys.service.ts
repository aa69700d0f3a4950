import type { z } from 'zod';
import type { ApiKeySchema, CreateApiKeySchema } from '../../../contracts/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { forgetApiKeysOnCommit } from './api-key-cache.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { randomToken, sha256 } from '../../platform/secrets.ts';

const KEY_PATTERN = /^lsk_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/;

/** Keys look like `lsk_<id>_<secret>`: the id finds the row, the secret's hash proves possession. */
export function parseApiKey(key: string): { id: string; secret: string } | null {
  const m = KEY_PATTERN.exec(key);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

type CreateApiKey = z.infer<typeof CreateApiKeySchema>;

/** Admin only. The key is returned once; only its hash is stored. */
export function createApiKey(ctx: AppContext, actor: Actor, input: CreateApiKey): Promise<{ id: string; key: string }> {
  authorize(actor, 'apiKey.create');
  return ctx.db.tenant(actor.orgId, (tx) => insertApiKey(ctx, tx, actor, input));
}

/** Also used by `lodestar apikey create`, which acts as the system rather than a user. */
export async function insertApiKey(ctx: AppContext, tx: Tx, actor: Actor | null, input: CreateApiKey) {
  const orgId = tx.orgId!;
  if ((input.role === 'employee' || input.role === 'manager') && !input.employeeId) {
    throw invalid(`a ${input.role} key acts as an employee: give employeeId`, { field: 'employeeId' });
  }
  if (input.employeeId) {
    const [e] = await tx.query(`SELECT 1 FROM employees WHERE org_id = $1 AND id = $2`, [orgId, input.employeeId]);
    if (!e) throw notFound('employee');
  }
  if (input.partnerId) {
    if (input.role !== 'partner') throw invalid('only a partner key acts for a partner', { field: 'partnerId' });
    const [p] = await tx.query(`SELECT 1 FROM partners WHERE org_id = $1 AND id = $2`, [orgId, input.partnerId]);
    if (!p) throw notFound('partner');
  }
  const secret = randomToken(32);
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO api_keys (org_id, name, role, employee_id, partner_id, key_hash, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [orgId, input.name, input.role, input.employeeId ?? null, input.partnerId ?? null, sha256(secret), actor?.kind === 'user' ? actor.id : null, ctx.clock.now()],
  );
  const id = row!.id;
  await recordAudit(tx, ctx.clock, actor, {
    action: 'api_key.created',
    entityType: 'api_key',
    entityId: id,
    after: { name: input.name, role: input.role, employeeId: input.employeeId ?? null, partnerId: input.partnerId ?? null },
  });
  return { id, key: `lsk_${id}_${secret}` };
}

export function listApiKeys(ctx: AppContext, actor: Actor): Promise<z.infer<typeof ApiKeySchema>[]> {
  authorize(actor, 'apiKey.create');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<{
      id: string;
      name: string;
      role: Actor['role'];
      employee_id: string | null;
      partner_id: string | null;
      created_at: Date;
      last_used_at: Date | null;
      revoked_at: Date | null;
    }>(`SELECT id, name, role, employee_id, partner_id, created_at, last_used_at, revoked_at FROM api_keys WHERE org_id = $1 ORDER BY created_at`, [
      actor.orgId,
    ]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      employeeId: r.employee_id,
      partnerId: r.partner_id,
      createdAt: r.created_at.toISOString(),
      lastUsedAt: r.last_used_at?.toISOString() ?? null,
      revokedAt: r.revoked_at?.toISOString() ?? null,
    }));
  });
}

export async function revokeApiKey(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'apiKey.create');
  await ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query(`UPDATE api_keys SET revoked_at = $3 WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`, [
      actor.orgId,
      id,
      ctx.clock.now(),
    ]);
    if (!rows.length) throw notFound('API key');
    await recordAudit(tx, ctx.clock, actor, { action: 'api_key.revoked', entityType: 'api_key', entityId: id });
    forgetApiKeysOnCommit(ctx, tx, [id]); // every process refuses the key from its next request
  });
}
