import fs from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse';
import { createServer } from '../server/main.ts';
import type { Config } from '../server/platform/config.ts';
import { openDatabase } from '../server/platform/db/open-database.ts';
import { AppError } from '../server/platform/errors.ts';
import { runImport, type ImportResult } from '../server/modules/odata/index.ts';
import { findOrganisationBySlug } from '../server/modules/org/index.ts';

const SHOWN_ERRORS = 50;

/** Adds `lodestar import <kind> <file.csv> [--org <slug>]`; `run` is main.ts's wrapper that loads the config and reports failures. */
export function registerImportCommand(program: Command, run: (command: (config: Config) => Promise<void>) => Promise<void>): void {
  program
    .command('import')
    .description('import a CSV file (UTF-8, header row): customers, interactions, or another registered kind')
    .argument('<kind>', 'what the rows are, e.g. customers or interactions')
    .argument('<file>', 'the CSV file')
    .option('--org <slug>', 'organisation slug', 'demo')
    .option('--no-rules', 'responses: write the answers without running alert rules (a history import)')
    .action((kind: string, file: string, opts: { org: string; rules: boolean }) =>
      run((config) => runImportCommand(config, kind, file, opts.org, { runRules: opts.rules })),
    );
}

/**
 * Streams the file into the organisation through the same importers as
 * `POST /api/v1/imports/:kind`, with a progress bar on stderr. Exit code 1 when
 * the file cannot be read or used, or no row could be imported.
 */
export async function runImportCommand(config: Config, kind: string, file: string, orgSlug: string, opts: { runRules?: boolean } = {}): Promise<void> {
  const unreadable = await checkReadable(file);
  if (unreadable) return fail(`cannot read ${file}: ${unreadable}`);
  const total = await countDataRows(file);
  const { db } = await openDatabase(config);
  // The app composes the import kinds (other modules add theirs), so the CLI builds the same app without serving it.
  const server = await createServer({ ...config, LODESTAR_LOG_LEVEL: 'warn' }, db);
  try {
    const org = await findOrganisationBySlug(server.ctx, orgSlug);
    if (!org) return fail(`no organisation with slug "${orgSlug}"`);
    const progress = startProgress(total);
    const runRules = opts.runRules ?? true;
    const result = await runImport(server.ctx, org.id, null, kind, fs.createReadStream(file), { onProgress: progress.update, runRules });
    progress.finish();
    report(result, file);
    if (kind === 'responses') reportRules(result, runRules);
    if (result.imported === 0 && result.errors.length > 0) process.exitCode = 1;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    fail(err.message);
  } finally {
    await server.app.close();
    await db.close();
  }
}

function fail(message: string): void {
  console.error(`lodestar: ${message}`);
  process.exitCode = 1;
}

async function checkReadable(file: string): Promise<string | null> {
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) return 'not a file';
    await fs.promises.access(file, fs.constants.R_OK);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code ?? err);
  }
}

/** A first, quick pass for the progress bar's total (records, so quoted line breaks count right). */
async function countDataRows(file: string): Promise<number> {
  let records = 0;
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_records_with_error: true });
  for await (const _ of fs.createReadStream(file).pipe(parser)) records++;
  return Math.max(records - 1, 0);
}

/** A bar redrawn in place on a terminal; plain lines, at most every few seconds, when stderr is a file or a pipe. */
function startProgress(total: number) {
  const out = process.stderr;
  const started = performance.now();
  let lastDrawn = 0;
  let done = 0;
  const draw = (final: boolean) => {
    const now = performance.now();
    if (!final && now - lastDrawn < (out.isTTY ? 100 : 3000)) return;
    lastDrawn = now;
    const share = total ? Math.min(done / total, 1) : 1;
    const rate = Math.round(done / Math.max((now - started) / 1000, 0.001));
    const n = (x: number) => x.toLocaleString('en-US');
    const text = `${n(done)}/${n(total)} rows  ${Math.round(share * 100)}%  ${n(rate)} rows/s`;
    if (out.isTTY) out.write(`\r[${'#'.repeat(Math.round(share * 30)).padEnd(30, '-')}] ${text}\x1b[K${final ? '\n' : ''}`);
    else out.write(`${text}\n`);
  };
  return {
    update: (rowsDone: number) => {
      done = rowsDone;
      draw(false);
    },
    finish: () => draw(true),
  };
}

/** `imported N, M errors`, then the first row errors; all of them go to `<file>.errors.csv` when there are more. */
/** What alert rules made of the import: a history import must not open cases for year-old answers. */
function reportRules(result: ImportResult, runRules: boolean): void {
  if (!runRules) return console.log('alert rules were not run (--no-rules): no cases opened');
  const old = result.tooOldForRules ?? 0;
  if (old > 0) console.log(`${old} of them older than the alert rules' maxAgeHours: no case opened for those`);
}

function report(result: ImportResult, file: string): void {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const already = result.duplicates ? ` (${result.duplicates} of them already present)` : '';
  console.log(`imported ${result.imported}${already}, ${plural(result.errors.length, 'error')}`);
  for (const e of result.errors.slice(0, SHOWN_ERRORS)) console.log(`  row ${e.row}: ${e.error}`);
  if (result.errors.length <= SHOWN_ERRORS) return;
  const errorsFile = `${file}.errors.csv`;
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  fs.writeFileSync(errorsFile, ['row,error', ...result.errors.map((e) => `${e.row},${quote(e.error)}`)].join('\n') + '\n');
  console.log(`  … and ${result.errors.length - SHOWN_ERRORS} more: all ${result.errors.length} row errors are in ${errorsFile}`);
}
