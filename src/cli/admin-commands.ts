import type { Config } from '../server/platform/config.ts';
import { systemClock } from '../server/platform/clock.ts';
import type { AppContext } from '../server/platform/context.ts';
import { openDatabase } from '../server/platform/db/open-database.ts';
import { AppError } from '../server/platform/errors.ts';
import { EventBus } from '../server/platform/events/index.ts';
import { JobRunner } from '../server/platform/jobs/index.ts';
import { insertApiKey } from '../server/modules/access/index.ts';
import { findOrganisationBySlug } from '../server/modules/org/index.ts';
import { describeCounts, seedDemo } from '../server/demo/seed-demo.ts';

/** Opens the database (migrating it), runs fn with a context, and always closes it. */
async function withContext<T>(config: Config, fn: (ctx: AppContext, applied: string[]) => Promise<T>): Promise<T> {
  const { db, applied } = await openDatabase(config);
  try {
    const ctx = { db, clock: systemClock, config, events: new EventBus(db, systemClock), jobs: new JobRunner(db, systemClock) };
    return await fn(ctx, applied);
  } finally {
    await db.close();
  }
}

export function runMigrate(config: Config): Promise<void> {
  return withContext(config, async (ctx, applied) => {
    console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date');
    console.log(`database: ${ctx.db.kind}`);
  });
}

export function runDemo(config: Config, size: 'small' | 'medium' | 'large'): Promise<void> {
  return withContext(config, async (ctx) => {
    const result = await seedDemo(ctx, { size });
    console.log(result.created ? `created the demo organisation (slug "demo", size ${size})` : 'the demo organisation already exists');
    if (result.counts) console.log(`  ${describeCounts(result.counts)}`);
    for (const l of result.logins) console.log(`  ${l.role.padEnd(8)} ${l.email}  password: ${l.password}`);
  });
}

export function runApiKeyCreate(
  config: Config,
  opts: { org: string; role: 'admin' | 'manager' | 'employee' | 'partner'; employee?: string; partner?: string; name: string },
): Promise<void> {
  return withContext(config, async (ctx) => {
    const org = await findOrganisationBySlug(ctx, opts.org);
    if (!org) throw new AppError(404, 'not_found', `no organisation with slug "${opts.org}"`);
    const created = await ctx.db.tenant(org.id, (tx) =>
      insertApiKey(ctx, tx, null, { role: opts.role, employeeId: opts.employee, partnerId: opts.partner, name: opts.name }),
    );
    console.log(`API key ${created.id} for ${org.slug} (${opts.role}); it is shown only once:`);
    console.log(created.key);
  });
}
