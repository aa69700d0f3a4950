import type { AppContext } from '../platform/context.ts';
import { insertUser } from '../modules/access/index.ts';
import { createOrganisation, findOrganisationBySlug } from '../modules/org/index.ts';
import { enqueueTrainingAfterAnalysis } from '../modules/text/index.ts';
import type { Actor } from '../platform/actor.ts';
import { seedActing } from './demo-acting.ts';
import { seedCulture } from './demo-culture.ts';
import { seedFrontline } from './demo-frontline.ts';
import { DEMO_PARTNER_LOGIN, seedPartners } from './demo-partners.ts';
import { seedPrivacy } from './demo-privacy.ts';
import { seedGovernance } from './demo-governance.ts';
import { seedAudit } from './demo-audit.ts';
import { seedLearning } from './demo-learning.ts';
import { seedJourneys } from './demo-journeys.ts';
import { seedRecognising } from './demo-recognising.ts';
import { seedListening, type ListeningCounts } from './demo-listening.ts';
import { seedSurveyLogic } from './demo-logic.ts';
import { seedUnderstanding } from './demo-understanding.ts';
import type { DemoSize } from './demo-model.ts';
import { DEMO_EMPLOYEES, DEMO_ORG, DEMO_PASSWORD, DEMO_POSITIONS, DEMO_SLUG, DEMO_UNITS } from './demo-org.ts';

export interface DemoLogin {
  email: string;
  password: string;
  role: string;
  name: string;
}

export interface DemoResult {
  created: boolean;
  orgId: string;
  logins: DemoLogin[];
  /** What the listening seed wrote; only when the organisation was created now. */
  counts?: ListeningCounts;
}

export type { DemoSize } from './demo-model.ts';

/** The logins of the demo organisation, for printing at start: the staff's, then the courier partner's. */
export const demoLogins = (): DemoLogin[] => [
  ...DEMO_EMPLOYEES.filter((e) => e.login).map((e) => ({ email: e.login!.email, password: DEMO_PASSWORD, role: e.login!.role, name: e.name })),
  { ...DEMO_PARTNER_LOGIN, password: DEMO_PASSWORD },
];

/**
 * Creates the demo organisation (slug `demo`) unless it exists. Idempotent, so
 * `npm start` can call it on every boot of an empty database.
 */
export async function seedDemo(ctx: AppContext, opts: { size?: DemoSize } = {}): Promise<DemoResult> {
  const existing = await findOrganisationBySlug(ctx, DEMO_SLUG);
  if (existing) return { created: false, orgId: existing.id, logins: demoLogins() };
  const org = await createOrganisation(ctx, { slug: DEMO_SLUG, ...DEMO_ORG });
  const { admin, employeeIds, unitIds } = await ctx.db.tenant(org.id, async (tx) => {
    const unitIds = new Map<string, string>();
    for (const u of DEMO_UNITS) {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO units (org_id, name, name_en, kind, parent_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [org.id, u.name, u.nameEn, u.kind, u.parent ? unitIds.get(u.parent) : null],
      );
      unitIds.set(u.key, row!.id);
    }
    const positionIds = new Map<string, string>();
    for (const p of DEMO_POSITIONS) {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO positions (org_id, name, name_en, compensation_limit, currency, compensation_types, exemption_allowed)
         VALUES ($1, $2, $3, $4, 'CNY', $5, $6) RETURNING id`,
        [org.id, p.name, p.nameEn, p.limit, p.types, p.exemption],
      );
      positionIds.set(p.key, row!.id);
    }
    const employeeIds = new Map<string, string>();
    for (const e of DEMO_EMPLOYEES) {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO employees (org_id, name, email, unit_id, position_id, manager_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [org.id, e.name, e.login?.email ?? `${e.key}@demo.lodestar.local`, unitIds.get(e.unit), positionIds.get(e.position), e.manager ? employeeIds.get(e.manager) : null],
      );
      employeeIds.set(e.key, row!.id);
    }
    let admin: Actor | null = null;
    for (const e of DEMO_EMPLOYEES) {
      if (!e.login) continue;
      const employeeId = employeeIds.get(e.key)!;
      const user = await insertUser(ctx, tx, null, { email: e.login.email, password: DEMO_PASSWORD, role: e.login.role, employeeId });
      if (e.login.role === 'admin') admin ??= { orgId: org.id, kind: 'user', id: user.id, role: 'admin', employeeId };
    }
    return { admin: admin!, employeeIds, unitIds };
  });
  const counts = await seedListening(ctx, admin, employeeIds, opts.size ?? 'small');
  await seedActing(ctx, org.id, employeeIds);
  await seedRecognising(ctx, org.id, employeeIds);
  await seedUnderstanding(ctx, admin, employeeIds);
  await seedSurveyLogic(ctx, admin);
  await seedJourneys(ctx, org.id);
  await seedCulture(ctx, org.id, unitIds, employeeIds);
  await seedFrontline(ctx, org.id, unitIds, employeeIds);
  await seedGovernance(ctx, admin, employeeIds, unitIds);
  await seedAudit(ctx, org.id, unitIds, employeeIds);
  await seedLearning(ctx, org.id, unitIds, employeeIds);
  await seedPartners(ctx, admin, unitIds);
  await seedPrivacy(ctx, admin, unitIds);
  // The organisation's own sentiment model learns from the seeded comments as soon as they are analysed,
  // so the text analytics settings page shows real figures right after the first start.
  await ctx.db.tenant(org.id, (tx) => enqueueTrainingAfterAnalysis(tx, ctx.clock.now()));
  return { created: true, orgId: org.id, logins: demoLogins(), counts };
}

/** One line for the CLI: what the seed wrote. */
export function describeCounts(c: NonNullable<DemoResult['counts']>): string {
  return `${c.customers} customers, ${c.interactions} interactions, ${c.surveys} survey(s), ${c.responses} responses`;
}
