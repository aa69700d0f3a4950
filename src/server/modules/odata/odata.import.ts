import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { ImportResult } from '../../../contracts/odata.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { mapError } from '../../platform/http/error-handler.ts';
import type { BatchOutcome } from './odata.batch.ts';
import { ChunkWriter, type ChunkOutcome } from './odata.import-writer.ts';
import { customersImporter, interactionsImporter } from './odata.importers.ts';
import { authorizeOdata } from './odata.policy.ts';

/** One kind of CSV import (`POST /imports/:kind`, `lodestar import <kind>`). */
export interface CsvImporter {
  /** Checks the header row; returns how to turn a data row into an API item, or throws a 400 naming the bad columns. */
  readHeader(header: string[], context: { timeZone: string }): (cells: string[]) => unknown;
  /**
   * Validates and writes one batch of items in the caller's tenant transaction, reporting refused items by index
   * (and, for responses, how many were too old for the alert rules).
   */
  writeBatch(ctx: AppContext, tx: Tx, items: unknown[], options: { runRules: boolean }): Promise<Pick<BatchOutcome, 'created' | 'duplicates' | 'errors'> & { tooOldForRules?: number }>;
}

const importers = new Map<string, CsvImporter>([
  ['customers', customersImporter],
  ['interactions', interactionsImporter],
]);

/** Lets another module add a kind (the responses module adds `responses`); registering a kind again replaces it. */
export function registerImporter(kind: string, importer: CsvImporter): void {
  importers.set(kind, importer);
}

/** The kinds that can be imported, for help texts and error messages. */
export function importKinds(): string[] {
  return [...importers.keys()];
}

export interface ImportOptions {
  /** Rows per transaction. */
  batchSize?: number;
  /** False: responses are written without alert rules (a history import). Default true. */
  runRules?: boolean;
  /** Called after each batch with the number of data rows handled so far. */
  onProgress?: (rowsDone: number) => void;
}

/** `POST /api/v1/imports/:kind`: admins only; the body is the CSV text. */
export function importCsv(ctx: AppContext, actor: Actor, kind: string, csv: string, options: ImportOptions = {}): Promise<ImportResult> {
  authorizeOdata(actor, 'odata.write');
  return runImport(ctx, actor.orgId, actor, kind, Readable.from(chunksOf(csv)), options);
}

/** Feeds a large string to the parser in pieces, so it never holds every parsed row at once. */
function* chunksOf(s: string, size = 64 * 1024): Generator<string> {
  for (let i = 0; i < s.length; ) {
    let end = Math.min(i + size, s.length);
    if (end < s.length && /[\ud800-\udbff]/.test(s[end - 1]!)) end++; // never split a surrogate pair
    yield s.slice(i, end);
    i = end;
  }
}

/**
 * Streams a CSV (UTF-8, BOM allowed, header row) into a kind's importer in
 * batches of rows, one transaction each. Good rows are kept; every bad row is
 * reported with its 1-based data row number (header not counted), so nothing is
 * lost silently. `actor` null is the system (the CLI).
 */
export async function runImport(
  ctx: AppContext,
  orgId: string,
  actor: Actor | null,
  kind: string,
  source: Readable,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const importer = importers.get(kind);
  if (!importer) throw new AppError(404, 'not_found', `unknown import kind "${kind}"; the kinds are ${importKinds().join(', ')}`);
  const timeZone = await readTimeZone(ctx, orgId);
  // A broken record is skipped and reported, never fatal: a fatal parser error would discard rows already parsed.
  const skips: Array<{ afterRecords: number; error: CsvError }> = [];
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: 1024 * 1024,
    skip_records_with_error: true,
    on_skip: (err) => void (err && skips.push({ afterRecords: parser.info.records, error: err })),
  });
  source.on('error', (err) => parser.destroy(err));
  const result: ImportResult = { imported: 0, duplicates: 0, errors: [] };
  let toItem: ((cells: string[]) => unknown) | null = null;
  let width = 0;
  let row = 0;
  let pending: Array<{ row: number; item: unknown }> = [];
  let rowsWritten = 0;
  const writer = new ChunkWriter<Array<{ row: number; item: unknown }>>(async (chunk, isAlone) => {
    const outcome = await writeChunk(ctx, orgId, actor, kind, importer, chunk, result, { runRules: options.runRules ?? true, isAlone });
    rowsWritten = Math.max(rowsWritten, chunk.at(-1)!.row);
    options.onProgress?.(rowsWritten);
    return outcome;
  }, ctx.db.kind === 'postgres' ? 2 : 1);
  const flush = async () => {
    const chunk = pending;
    pending = [];
    if (chunk.length) await writer.add(chunk);
  };

  for await (const { record: cells, info } of source.pipe(parser) as AsyncIterable<{ record: string[]; info: { records: number } }>) {
    if (!toItem) {
      if (skips[0]?.afterRecords === 0) throw invalid(`the header row is malformed: ${skips[0].error.message}`);
      toItem = importer.readHeader(cells, { timeZone });
      width = cells.length;
      continue;
    }
    // Data rows before this record, skipped broken ones included; the header is record 1.
    row = info.records - 1 + skips.filter((s) => s.afterRecords < info.records).length;
    if (cells.every((c) => c.trim() === '')) continue; // a blank line
    const problem = checkWidth(cells, width);
    if (problem) result.errors.push({ row, error: problem });
    else {
      try {
        pending.push({ row, item: toItem(cells) });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        result.errors.push({ row, error: err.message });
      }
    }
    if (pending.length >= (options.batchSize ?? 500)) await flush();
  }
  if (!toItem) {
    throw invalid(skips[0] ? `the header row is malformed: ${skips[0].error.message}` : 'the CSV is empty: its first row must name the columns');
  }
  skips.forEach((s, j) => result.errors.push({ row: s.afterRecords + j, error: describeSkip(s.error) }));
  if (skips.length) row = Math.max(row, skips.at(-1)!.afterRecords + skips.length - 1);
  await flush();
  await writer.finish();
  if (row !== rowsWritten) options.onProgress?.(row); // rows after the last good one were all refused
  result.errors.sort((a, b) => a.row - b.row);
  return result;
}

/** A row with fewer fields than the header, or values beyond it, was most likely split or merged by a missing quote. */
function checkWidth(cells: string[], width: number): string | null {
  if (cells.length >= width && cells.slice(width).every((c) => c.trim() === '')) return null;
  return `the row has ${cells.length} fields but the header has ${width} (a value with a comma, quote or line break must be in double quotes)`;
}

function describeSkip(err: CsvError): string {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    return `a quoted value is never closed, so this row and the rest of the file were not read (${err.message})`;
  }
  return `the row is malformed and was skipped (${err.message})`;
}

/**
 * Writes one batch in its own transaction; a batch the database refuses is reported row by row instead of
 * stopping the import, except a unique conflict while other batches were in flight, which is left for a retry.
 */
async function writeChunk(
  ctx: AppContext,
  orgId: string,
  actor: Actor | null,
  kind: string,
  importer: CsvImporter,
  chunk: Array<{ row: number; item: unknown }>,
  result: ImportResult,
  { runRules, isAlone }: { runRules: boolean; isAlone: boolean },
): Promise<ChunkOutcome> {
  try {
    const outcome = await ctx.db.tenant(orgId, async (tx) => {
      const o = await importer.writeBatch(ctx, tx, chunk.map((c) => c.item), { runRules });
      await recordAudit(tx, ctx.clock, actor, {
        action: `${kind}.imported`,
        entityType: 'import',
        entityId: null,
        after: { rows: [chunk[0]!.row, chunk.at(-1)!.row], created: o.created, duplicates: o.duplicates, refused: o.errors.length },
      });
      return o;
    });
    result.imported += outcome.created + outcome.duplicates;
    result.duplicates += outcome.duplicates;
    if (outcome.tooOldForRules !== undefined) result.tooOldForRules = (result.tooOldForRules ?? 0) + outcome.tooOldForRules;
    for (const e of outcome.errors) result.errors.push({ row: chunk[e.index]!.row, error: e.error });
    return 'written';
  } catch (err) {
    const mapped = mapError(err);
    if (mapped.status >= 500) throw err;
    if (mapped.status === 409 && !isAlone) return 'conflict';
    for (const c of chunk) result.errors.push({ row: c.row, error: `not imported: ${mapped.message}` });
    return 'written';
  }
}

async function readTimeZone(ctx: AppContext, orgId: string): Promise<string> {
  const [org] = await ctx.db.tenant(orgId, (tx) => tx.query<{ time_zone: string }>(`SELECT time_zone FROM organisations WHERE id = $1`, [orgId]));
  if (!org) throw notFound('organisation');
  return org.time_zone;
}
