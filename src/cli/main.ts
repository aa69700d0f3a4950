import { Command, Option } from 'commander';
import { loadConfig, type Config } from '../server/platform/config.ts';
import { DataDirInUseError } from '../server/platform/db/data-dir-lock.ts';
import { runStart } from './start.ts';
import { runApiKeyCreate, runDemo, runMigrate } from './admin-commands.ts';
import { registerImportCommand } from './import-command.ts';
import { registerRollupsCommand } from './rollups-command.ts';
import { registerBackupCommands } from './backup-commands.ts';
import { BackupError } from '../server/platform/db/backup.ts';

const program = new Command()
  .name('lodestar')
  .description('Lodestar experience management: serve the app and administer its database.')
  .showHelpAfterError();

program
  .command('start')
  .description('serve the API and web app (PORT, HOST; LODESTAR_DATA_DIR for PGlite or DATABASE_URL for PostgreSQL)')
  .action(() => run(runStart));

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(() => run(runMigrate));

program
  .command('demo')
  .description('create the demo organisation (slug "demo") if it does not exist')
  .addOption(new Option('--size <size>', 'amount of demo data').choices(['small', 'medium', 'large']).default('small'))
  .action((opts: { size: 'small' | 'medium' | 'large' }) => run((config) => runDemo(config, opts.size)));

program
  .command('apikey')
  .description('manage API keys')
  .command('create')
  .description('create an API key and print it alone on the last line')
  .requiredOption('--org <slug>', 'organisation slug')
  .addOption(new Option('--role <role>', 'role of the key').choices(['admin', 'manager', 'employee', 'partner']).makeOptionMandatory())
  .option('--employee <id>', 'employee the key acts as (required for manager and employee keys)')
  .option('--partner <id>', 'partner whose report a partner key reads (and nothing else)')
  .option('--name <name>', 'a label for the key', 'cli')
  .action((opts: { org: string; role: 'admin' | 'manager' | 'employee' | 'partner'; employee?: string; partner?: string; name: string }) =>
    run((config) => runApiKeyCreate(config, opts)),
  );

/** Runs a command with parsed config; known failures print one clear line instead of a stack. */
async function run(command: (config: Config) => Promise<void>): Promise<void> {
  try {
    await command(loadConfig());
  } catch (err) {
    if (err instanceof DataDirInUseError || err instanceof BackupError || (err instanceof Error && err.message.startsWith('Invalid configuration'))) {
      console.error(`lodestar: ${err.message}`);
    } else {
      console.error('lodestar: failed:', err);
    }
    process.exit(1);
  }
}

registerImportCommand(program, run);
registerRollupsCommand(program, run);
registerBackupCommands(program, run);

await program.parseAsync(process.argv);
