import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../server/platform/config.ts';
import { backupPglite, backupPostgres, restorePglite, restorePostgres } from '../server/platform/db/backup.ts';

type Run = (command: (config: Config) => Promise<void>) => Promise<void>;

/** Adds `lodestar backup <file>` and `lodestar restore <file>`; `run` is main.ts's wrapper that loads the config and reports failures. */
export function registerBackupCommands(program: Command, run: Run): void {
  program
    .command('backup')
    .description('write the whole database to <file>: pg_dump (custom format) with DATABASE_URL, while it serves; else the PGlite data directory, with the server stopped')
    .argument('<file>', 'where to write the backup (replaced if it exists)')
    .action((file: string) => run((config) => runBackup(config, file)));
  program
    .command('restore')
    .description('load a backup into an EMPTY database: the one DATABASE_URL names, else a new LODESTAR_DATA_DIR; newer migrations are applied after')
    .argument('<file>', 'a file written by `lodestar backup`')
    .action((file: string) => run((config) => runRestore(config, file)));
}

export async function runBackup(config: Config, file: string): Promise<void> {
  const started = Date.now();
  if (config.DATABASE_URL) await backupPostgres(config.DATABASE_URL, file);
  else await backupPglite(config.LODESTAR_DATA_DIR, file);
  const size = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
  console.log(`backed up the ${config.DATABASE_URL ? 'PostgreSQL' : 'PGlite'} database to ${path.resolve(file)} (${size} MiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export async function runRestore(config: Config, file: string): Promise<void> {
  const started = Date.now();
  const applied = config.DATABASE_URL ? await restorePostgres(file, config.DATABASE_URL) : await restorePglite(file, config.LODESTAR_DATA_DIR);
  const target = config.DATABASE_URL ? 'the PostgreSQL database (DATABASE_URL)' : `PGlite in ${path.resolve(config.LODESTAR_DATA_DIR)}`;
  console.log(`restored ${path.resolve(file)} into ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (applied.length) console.log(`then applied ${applied.length} newer migration(s): ${applied.join(', ')}`);
}
