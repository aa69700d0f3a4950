import type { Command } from 'commander';
import type { Config } from '../server/platform/config.ts';
import { systemClock } from '../server/platform/clock.ts';
import { openDatabase } from '../server/platform/db/open-database.ts';
import { EventBus } from '../server/platform/events/index.ts';
import { JobRunner } from '../server/platform/jobs/index.ts';
import { rebuildRollups } from '../server/modules/metrics/index.ts';
import { findOrganisationBySlug } from '../server/modules/org/index.ts';

/** Adds `lodestar rollups rebuild --org <slug>`; `run` is main.ts's wrapper that loads the config and reports failures. */
export function registerRollupsCommand(program: Command, run: (command: (config: Config) => Promise<void>) => Promise<void>): void {
  program
    .command('rollups')
    .description('metric rollups')
    .command('rebuild')
    .description('recompute an organisation’s metric rollups from its raw responses (after a bulk load or a time-zone change); ingestion waits meanwhile')
    .requiredOption('--org <slug>', 'organisation slug')
    .action((opts: { org: string }) => run((config) => runRollupsRebuild(config, opts.org)));
}

export async function runRollupsRebuild(config: Config, slug: string): Promise<void> {
  const { db } = await openDatabase(config);
  try {
    const ctx = { db, clock: systemClock, config, events: new EventBus(db, systemClock), jobs: new JobRunner(db, systemClock) };
    const org = await findOrganisationBySlug(ctx, slug);
    if (!org) {
      console.error(`lodestar: no organisation with slug "${slug}"`);
      process.exitCode = 1;
      return;
    }
    const started = Date.now();
    const counts = await db.tenant(org.id, (tx) => rebuildRollups(tx));
    console.log(
      `rebuilt the rollups of ${slug} from ${counts.responses} responses: ${counts.dayRows} day rows, ${counts.monthRows} month rows in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await db.close();
  }
}
