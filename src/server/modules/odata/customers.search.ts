/**
 * Finding the customer one just met, to capture a case for them: by name, phone or external id. Within
 * the caller's scope (customers served in their units, or by themself) a name, part of a phone number
 * or an external id finds them; beyond it only an identifier the customer hands over (their whole phone
 * number or external id), so a surname typed at a counter never lists strangers. Phones are matched on
 * their digits and shown masked to everyone but admins: the search is for picking, not for calling.
 */
import type { CustomerMatch } from '../../../contracts/cases.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { dataScopeOf } from '../org/index.ts';
import { authorizeOdata, scopeParams } from './odata.policy.ts';

const MAX_MATCHES = 10;
/** Fewer digits than this find a phone only within scope. */
const WHOLE_PHONE_DIGITS = 8;
/** Fewer digits than this find no phone at all (too many would match). */
const PART_PHONE_DIGITS = 4;

/** 13812345678 (and +86 138-1234-5678) → 138****5678; short numbers keep their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').slice(-11);
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(digits.length - 2, 1))}${digits.slice(-2)}`;
}

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function searchCustomers(ctx: AppContext, actor: Actor, q: string): Promise<{ items: CustomerMatch[] }> {
  authorizeOdata(actor, 'odata.read');
  const term = q.trim();
  const digits = term.replace(/\D/g, '');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const { unitIds, employeeId } = scopeParams(await dataScopeOf(tx, actor));
    const rows = await tx.query<{ id: string; name: string | null; phone: string | null; external_id: string | null }>(
      `WITH candidates AS (
         SELECT c.id, c.name, c.phone, c.external_id, regexp_replace(coalesce(c.phone, ''), '[^0-9]', '', 'g') AS digits
           FROM customers c WHERE c.org_id = $3)
       SELECT c.id, c.name, c.phone, c.external_id FROM candidates c
        WHERE lower(c.external_id) = lower($4)
           OR (length($5) >= ${WHOLE_PHONE_DIGITS} AND (c.digits = $5 OR (length($5) >= 11 AND right(c.digits, 11) = right($5, 11))))
           OR ((($1::uuid[] IS NULL AND $2::uuid IS NULL) OR EXISTS (
                 SELECT 1 FROM interactions i WHERE i.org_id = $3 AND i.customer_id = c.id
                    AND ($1::uuid[] IS NULL OR i.unit_id = ANY ($1::uuid[])) AND ($2::uuid IS NULL OR i.employee_id = $2::uuid)))
               AND (c.name ILIKE $6 OR (length($5) >= ${PART_PHONE_DIGITS} AND strpos(c.digits, $5) > 0)))
        ORDER BY coalesce(lower(c.external_id) = lower($4), false) OR ($5 <> '' AND c.digits = $5) DESC, c.name NULLS LAST, c.id
        LIMIT ${MAX_MATCHES}`,
      [unitIds, employeeId, actor.orgId, term, digits, likePattern(term)],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        phone: r.phone === null ? null : actor.role === 'admin' ? r.phone : maskPhone(r.phone),
        externalId: r.external_id,
      })),
    };
  });
}
