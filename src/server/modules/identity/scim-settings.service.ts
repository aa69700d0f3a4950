import type { z } from 'zod';
import type { PutScimSettingsSchema, ScimSettings } from '../../../contracts/identity.ts';
import type { Actor, Role } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { randomToken, sha256 } from '../../platform/secrets.ts';

// The SCIM bearer token (one per organisation; only its sha256 is kept, it is shown once and a new one
// replaces it) and what a provisioned user gets when the identity provider does not say.

const TOKEN_PREFIX = 'scim_';

export interface ScimDefaults {
  defaultRole: Role;
  defaultUnitId: string | null;
  defaultPositionId: string | null;
}

export async function readScimSettings(tx: Tx, baseUrl: string): Promise<ScimSettings> {
  const [row] = await tx.query<{ token_hash: string | null; token_issued_at: Date | null; default_role: Role; default_unit_id: string | null; default_position_id: string | null }>(
    `SELECT token_hash, token_issued_at, default_role, default_unit_id, default_position_id FROM scim_settings WHERE org_id = $1`,
    [tx.orgId],
  );
  return {
    hasToken: Boolean(row?.token_hash),
    tokenIssuedAt: row?.token_hash ? (row.token_issued_at?.toISOString() ?? null) : null,
    defaultRole: row?.default_role ?? 'employee',
    defaultUnitId: row?.default_unit_id ?? null,
    defaultPositionId: row?.default_position_id ?? null,
    baseUrl,
  };
}

export function putScimSettings(ctx: AppContext, actor: Actor, input: z.infer<typeof PutScimSettingsSchema>, baseUrl: string): Promise<ScimSettings> {
  authorize(actor, 'sso.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    if (input.defaultUnitId && !(await tx.query(`SELECT 1 FROM units WHERE org_id = $1 AND id = $2`, [actor.orgId, input.defaultUnitId])).length) throw notFound('unit');
    if (input.defaultPositionId && !(await tx.query(`SELECT 1 FROM positions WHERE org_id = $1 AND id = $2`, [actor.orgId, input.defaultPositionId])).length) {
      throw notFound('position');
    }
    await tx.query(
      `INSERT INTO scim_settings (org_id, default_role, default_unit_id, default_position_id, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id) DO UPDATE SET default_role = $2, default_unit_id = $3, default_position_id = $4, updated_at = $5`,
      [actor.orgId, input.defaultRole, input.defaultUnitId, input.defaultPositionId, ctx.clock.now()],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'scim.settings.updated', entityType: 'scim_settings', entityId: null, after: input });
    return readScimSettings(tx, baseUrl);
  });
}

/** Issues a new token (the previous one stops working at once); the token is in this answer only. */
export function issueScimToken(ctx: AppContext, actor: Actor): Promise<{ token: string; issuedAt: string }> {
  authorize(actor, 'sso.manage');
  const token = TOKEN_PREFIX + randomToken(32);
  const now = ctx.clock.now();
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [before] = await tx.query<{ token_hash: string | null }>(`SELECT token_hash FROM scim_settings WHERE org_id = $1`, [actor.orgId]);
    await tx.query(
      `INSERT INTO scim_settings (org_id, token_hash, token_issued_at, updated_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (org_id) DO UPDATE SET token_hash = $2, token_issued_at = $3, updated_at = $3`,
      [actor.orgId, sha256(token), now],
    );
    await recordAudit(tx, ctx.clock, actor, { action: before?.token_hash ? 'scim.token.rotated' : 'scim.token.issued', entityType: 'scim_settings', entityId: null });
    return { token, issuedAt: now.toISOString() };
  });
}

export function revokeScimToken(ctx: AppContext, actor: Actor): Promise<void> {
  authorize(actor, 'sso.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query(`UPDATE scim_settings SET token_hash = NULL, updated_at = $2 WHERE org_id = $1 AND token_hash IS NOT NULL RETURNING org_id`, [
      actor.orgId,
      ctx.clock.now(),
    ]);
    if (!rows.length) throw notFound('SCIM token');
    await recordAudit(tx, ctx.clock, actor, { action: 'scim.token.revoked', entityType: 'scim_settings', entityId: null });
  });
}

/** The organisation a SCIM bearer token belongs to, and its defaults; null for an unknown token. */
export async function scimTenantOf(ctx: AppContext, token: string): Promise<({ orgId: string } & ScimDefaults) | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const [row] = await ctx.db.system((tx) =>
    tx.query<{ org_id: string; default_role: Role; default_unit_id: string | null; default_position_id: string | null }>(
      `SELECT org_id, default_role, default_unit_id, default_position_id FROM scim_settings WHERE token_hash = $1`,
      [sha256(token)],
    ),
  );
  return row ? { orgId: row.org_id, defaultRole: row.default_role, defaultUnitId: row.default_unit_id, defaultPositionId: row.default_position_id } : null;
}
