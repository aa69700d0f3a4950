/**
 * The partner's voice: ideas filed through a partner key, a partner login or an unlocked share link go onto the
 * organisation's idea board (the recognition module's), marked as a partner's; the partner sees its own ideas and
 * their status.
 */
import type { z } from 'zod';
import type { PartnerIdeaInputSchema } from '../../../contracts/partners.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { createIdea } from '../recognition/index.ts';
import { linkActor, openUnlockedLink } from './link-access.service.ts';

type IdeaInput = z.infer<typeof PartnerIdeaInputSchema>;
interface PartnerIdea {
  id: string;
  title: string;
  body: string;
  status: string;
  createdAt: string;
}

/** A partner's own ideas, newest first (at most 100). */
function ideasOf(ctx: AppContext, orgId: string, partnerId: string): Promise<PartnerIdea[]> {
  return ctx.db.tenant(orgId, async (tx) => {
    const rows = await tx.query<{ id: string; title: string; body: string; status: string; created_at: Date }>(
      `SELECT id, title, body, status, created_at FROM ideas WHERE org_id = $1 AND partner_id = $2 ORDER BY created_at DESC, id LIMIT 100`,
      [orgId, partnerId],
    );
    return rows.map((r) => ({ id: r.id, title: r.title, body: r.body, status: r.status, createdAt: new Date(r.created_at).toISOString() }));
  });
}

const asPartnerIdea = (idea: { id: string; title: string; body: string; status: string; createdAt: string }): PartnerIdea => ({
  id: idea.id,
  title: idea.title,
  body: idea.body,
  status: idea.status,
  createdAt: idea.createdAt,
});

/** `POST /api/v1/partner-report/ideas`: an idea from a partner key or a signed-in partner login. */
export async function fileAccountIdea(ctx: AppContext, actor: Actor, input: IdeaInput): Promise<PartnerIdea> {
  authorize(actor, 'partner.report');
  return asPartnerIdea(await createIdea(ctx, actor, input));
}

export function listAccountIdeas(ctx: AppContext, actor: Actor): Promise<PartnerIdea[]> {
  authorize(actor, 'partner.report');
  return ideasOf(ctx, actor.orgId, actor.partnerId!);
}

/** `POST /api/v1/public/partner-reports/:token/ideas`: an idea from whoever unlocked the link. */
export async function fileLinkIdea(ctx: AppContext, token: string, accessToken: string | undefined, input: IdeaInput): Promise<PartnerIdea> {
  const link = await openUnlockedLink(ctx, token, accessToken);
  return asPartnerIdea(await createIdea(ctx, linkActor(link), input));
}

export async function listLinkIdeas(ctx: AppContext, token: string, accessToken: string | undefined): Promise<PartnerIdea[]> {
  const link = await openUnlockedLink(ctx, token, accessToken);
  return ideasOf(ctx, link.orgId, link.partnerId);
}
