import type { Actor, Role } from '../../platform/actor.ts';
import { MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Authenticator } from '../../platform/http/authenticate.ts';
import { safeEqual, sha256 } from '../../platform/secrets.ts';
import { KEY_CACHE_MS, keyCacheOf } from './api-key-cache.ts';
import { parseApiKey } from './api-keys.service.ts';

interface SessionRow {
  id: string;
  org_id: string;
  user_id: string;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
  role: Role;
  employee_id: string | null;
  partner_id: string | null;
}

/**
 * Turns a session cookie or an API key into an Actor. These look-ups run as a
 * system transaction because the organisation is not known until the row is found.
 */
export function createAuthenticator(ctx: AppContext): Authenticator {
  const idleMs = ctx.config.LODESTAR_SESSION_IDLE_MINUTES * MINUTE;
  return {
    async fromSessionToken(token) {
      const now = ctx.clock.now();
      const [s] = await ctx.db.system((tx) =>
        tx.query<SessionRow>(
          `SELECT s.id, s.org_id, s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, u.role, u.employee_id, u.partner_id
           FROM sessions s JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id
           WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND u.disabled_at IS NULL`,
          [sha256(token)],
        ),
      );
      if (!s || s.expires_at <= now || s.last_seen_at.getTime() + idleMs <= now.getTime()) return null;
      // Touch at most once a minute: the idle timeout needs minutes, not a write per request.
      if (now.getTime() - s.last_seen_at.getTime() > MINUTE) {
        await ctx.db.tenant(s.org_id, (tx) =>
          tx.query(`UPDATE sessions SET last_seen_at = $3 WHERE org_id = $1 AND id = $2`, [s.org_id, s.id, now]),
        );
      }
      return {
        orgId: s.org_id,
        kind: 'user',
        id: s.user_id,
        role: s.role,
        employeeId: s.employee_id,
        // A partner login acts for its partner exactly as a partner key does ('partner.report' needs it); read per
        // request like the role, so binding or disabling takes effect at once.
        partnerId: s.partner_id,
        session: { id: s.id, csrfToken: s.csrf_token },
      } satisfies Actor;
    },
    async fromApiKey(key) {
      const parsed = parseApiKey(key);
      if (!parsed) return null;
      const now = ctx.clock.now();
      const cache = keyCacheOf(ctx);
      if (cache.revoked.has(parsed.id)) return null;
      let k = cache.verified.get(parsed.id);
      if (!k || k.verifiedUntil <= now.getTime()) {
        const [row] = await ctx.db.system((tx) =>
          tx.query<{ id: string; org_id: string; key_hash: string; role: Role; employee_id: string | null; partner_id: string | null; last_used_at: Date | null }>(
            `SELECT id, org_id, key_hash, role, employee_id, partner_id, last_used_at FROM api_keys WHERE id = $1 AND revoked_at IS NULL`,
            [parsed.id],
          ),
        );
        cache.verified.delete(parsed.id);
        if (!row) return null;
        k = { ...row, verifiedUntil: now.getTime() + KEY_CACHE_MS };
        // Only keys whose secret matches are kept: a flood of wrong secrets grows nothing.
        if (!safeEqual(k.key_hash, sha256(parsed.secret))) return null;
        if (!cache.revoked.has(parsed.id)) cache.verified.set(parsed.id, k);
        if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > MINUTE) {
          await ctx.db.tenant(row.org_id, (tx) => tx.query(`UPDATE api_keys SET last_used_at = $3 WHERE org_id = $1 AND id = $2`, [row.org_id, row.id, now]));
        }
      } else if (!safeEqual(k.key_hash, sha256(parsed.secret))) {
        return null;
      }
      return { orgId: k.org_id, kind: 'api_key', id: k.id, role: k.role, employeeId: k.employee_id, partnerId: k.partner_id } satisfies Actor;
    },
  };
}
