/** Co-creation challenges: a theme and a deadline under which ideas gather (design-thinking sprints). */
import type { Challenge } from '../../../contracts/recognition.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';

/** Every challenge, open ones (nearest deadline) first; partners see them too, as they may answer them. */
export async function listChallenges(ctx: AppContext, actor: Actor): Promise<{ items: Challenge[] }> {
  authorize(actor, 'idea.read');
  const now = ctx.clock.now();
  const rows = await ctx.db.tenant(actor.orgId, (tx) =>
    tx.query<{ id: string; theme: string; description: string; deadline: Date; ideas: number }>(
      `SELECT c.id, c.theme, c.description, c.deadline,
         (SELECT count(*)::int FROM ideas i WHERE i.org_id = c.org_id AND i.challenge_id = c.id) AS ideas
       FROM idea_challenges c WHERE c.org_id = $1 ORDER BY (c.deadline < $2), CASE WHEN c.deadline >= $2 THEN c.deadline END, c.deadline DESC LIMIT 200`,
      [actor.orgId, now],
    ),
  );
  return {
    items: rows.map((r) => ({ id: r.id, theme: r.theme, description: r.description, deadline: new Date(r.deadline).toISOString(), isOpen: new Date(r.deadline) >= now, ideas: r.ideas })),
  };
}

export async function createChallenge(ctx: AppContext, actor: Actor, input: { theme: string; description: string; deadline: string }): Promise<Challenge> {
  authorize(actor, 'challenge.manage');
  const deadline = new Date(input.deadline);
  if (deadline <= ctx.clock.now()) throw invalid('the deadline must be in the future', { deadline: 'past' });
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO idea_challenges (org_id, theme, description, deadline, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [actor.orgId, input.theme, input.description, deadline, actor.id, ctx.clock.now()],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'challenge.create', entityType: 'idea_challenge', entityId: row!.id, after: input });
    return { id: row!.id, theme: input.theme, description: input.description, deadline: deadline.toISOString(), isOpen: true, ideas: 0 };
  });
}
