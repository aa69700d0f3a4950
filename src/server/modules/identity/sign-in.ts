import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SsoErrorCode } from '../../../contracts/identity.ts';
import type { AppContext } from '../../platform/context.ts';
import { setSessionCookie } from '../../platform/http/authenticate.ts';
import { secretBoxOf } from '../../platform/secret-box.ts';
import { findUserByEmail, openSession } from '../access/index.ts';
import { provisionUser, ProvisioningIncomplete } from './provisioning.ts';
import { sealContext, type OidcSettings, type Protocol, type SamlSettings } from './sso-connections.ts';

// The end of every single sign-on, whatever the protocol: the provider has vouched for an e-mail address;
// find that person's login (or create it just in time), open an ordinary session and go back into the app.

/** A single sign-on that ends without a session; the browser goes to /login?ssoError=<code>. */
export class SsoProblem extends Error {
  constructor(
    readonly code: SsoErrorCode,
    /** For the server log only (never secrets): why the provider's answer was refused. */
    readonly detail?: string,
  ) {
    super(detail ?? code);
  }
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/;

export interface VerifiedIdentity {
  orgId: string;
  protocol: Protocol;
  email: unknown;
  name: string | null;
  /** The provider's value for the unit and position claims, when configured and sent. */
  unit: string | null;
  position: string | null;
  /** OIDC: kept (sealed) as the hint for logout at the provider. */
  idToken?: string;
  returnTo: string;
}

export async function completeSsoLogin(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  who: VerifiedIdentity,
  settings: OidcSettings | SamlSettings,
): Promise<FastifyReply> {
  if (typeof who.email !== 'string' || !EMAIL.test(who.email.trim()) || who.email.length > 254) throw new SsoProblem('sso_no_email', 'no usable e-mail in the answer');
  const email = who.email.trim();
  const user = await ctx.db.tenant(who.orgId, async (tx) => {
    const found = await findUserByEmail(tx, email);
    if (found) return found;
    if (!settings.defaultRole) throw new SsoProblem('sso_no_account', 'no account with this e-mail and just-in-time provisioning is off');
    try {
      return await provisionUser(ctx, tx, null, {
        email: email.toLowerCase(),
        name: who.name,
        role: settings.defaultRole,
        unit: who.unit,
        position: who.position,
        defaultUnitId: settings.defaultUnitId,
        defaultPositionId: settings.defaultPositionId,
        via: who.protocol,
      });
    } catch (error) {
      if (error instanceof ProvisioningIncomplete) throw new SsoProblem('sso_provisioning_incomplete', error.message);
      throw error;
    }
  });
  if (user.disabled) throw new SsoProblem('sso_account_disabled', 'the account is disabled');
  const sealedIdToken = who.idToken ? secretBoxOf(ctx.config).seal(who.idToken, sealContext(who.orgId, 'oidc-id-token')) : null;
  const session = await openSession(
    ctx,
    { orgId: who.orgId, id: user.id, role: user.role, employeeId: user.employeeId },
    { ip: req.ip, userAgent: req.headers['user-agent'] },
    {
      method: who.protocol,
      afterOpen: (tx, sessionId) =>
        tx
          .query(`INSERT INTO sso_sessions (org_id, session_id, protocol, id_token_ciphertext) VALUES ($1, $2, $3, $4)`, [
            who.orgId,
            sessionId,
            who.protocol,
            sealedIdToken,
          ])
          .then(() => undefined),
    },
  );
  setSessionCookie(req, reply, session.token, session.maxAgeSeconds);
  return reply.redirect(who.returnTo, 303);
}

/** Runs a browser step of a login; any refusal becomes a redirect to the login page with its code (logged, never shown raw). */
export async function asLoginStep(req: FastifyRequest, reply: FastifyReply, step: () => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await step();
  } catch (error) {
    const problem = error instanceof SsoProblem ? error : null;
    if (problem) req.log.info({ code: problem.code, detail: problem.detail }, 'single sign-on refused');
    else req.log.warn({ err: error }, 'single sign-on failed');
    return reply.redirect(`/login?ssoError=${problem?.code ?? 'sso_failed'}`, 303);
  }
}

/** A claim or attribute as text: the first of a list, a number as digits; anything else is absent. */
export function claimText(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first.trim().slice(0, 300) || null;
  if (typeof first === 'number') return String(first);
  return null;
}
