import { BatchItemSchema, ResponseInputSchema } from '../../../contracts/responses.ts';
import type { Question } from '../../../contracts/surveys.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { mapError } from '../../platform/http/error-handler.ts';
import { readFixedHeader, registerImporter, type ColumnSpec, type CsvImporter, type ItemError } from '../odata/index.ts';
import { getSurveyVersion, type SurveyVersion } from '../surveys/index.ts';
import { hashRequest } from '../../platform/idempotency.ts';
import { toIngestItem } from './ingest.service.ts';
import { writtenHooksOf, type IngestNotes } from './ingest.hooks.ts';
import { applyIngestGroup, type IngestItem } from './ingest.write.ts';

/** The columns every response row may have; any other column is a question key. */
const FIXED: ColumnSpec = {
  columns: {
    surveyId: 'text',
    customerId: 'text',
    interactionId: 'text',
    employeeId: 'text',
    unitId: 'text',
    partnerId: 'text',
    touchpoint: 'text',
    channel: 'text',
    submittedAt: 'time',
    lang: 'text',
    idempotencyKey: 'text',
  },
  required: ['surveyId'],
};

// Matches odata's header matching: `customer_id`, `Customer Id` and `customerId` name the same column.
const normalise = (h: string) => h.replace(/[\s_-]/g, '').toLowerCase();
const FIXED_NAMES = new Set(Object.keys(FIXED.columns).map(normalise));
const QUESTION_KEY = /^[a-z][a-z0-9_]{0,39}$/;

interface ImportRow {
  fixed: Record<string, unknown>;
  /** Question key → the cell as written; converted once the row's survey is known. */
  cells: Record<string, string>;
}

/**
 * `POST /api/v1/imports/responses` and `lodestar import responses`: a row is a
 * response (`surveyId`, optional O-data columns, optional `idempotencyKey` so a
 * re-imported file counts duplicates) with one column per question key; a
 * multi-choice cell lists its options separated by `;` or `|`.
 */
const responsesImporter: CsvImporter = {
  readHeader(header, { timeZone }) {
    const isFixed = header.map((h) => FIXED_NAMES.has(normalise(h)));
    const keys = header.map((h, i) => (isFixed[i] ? '' : h.trim()));
    const bad = keys.filter((k) => k !== '' && !QUESTION_KEY.test(k));
    if (bad.length) {
      throw invalid(`unknown column(s): ${bad.join(', ')}; the columns are ${Object.keys(FIXED.columns).join(', ')} and one per question key`, {
        unknownColumns: bad,
      });
    }
    const readFixed = readFixedHeader(FIXED, header.filter((_, i) => isFixed[i]), timeZone);
    return (cells): ImportRow => {
      const answers: Record<string, string> = {};
      keys.forEach((key, i) => {
        const cell = (cells[i] ?? '').trim();
        if (key && cell) answers[key] = cell;
      });
      return { fixed: readFixed(cells.filter((_, i) => isFixed[i])), cells: answers };
    };
  },

  async writeBatch(ctx, tx, rows, { runRules }) {
    const errors: ItemError[] = [];
    const surveys = await loadSurveys(tx, rows as ImportRow[]);
    const queued: Array<{ index: number; item: IngestItem }> = [];
    (rows as ImportRow[]).forEach(({ fixed, cells }, index) => {
      const survey = surveys.get(String(fixed.surveyId));
      const parsed = BatchItemSchema.safeParse({ ...fixed, answers: survey ? convertCells(survey.questions, cells) : cells });
      if (!parsed.success) {
        const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ');
        errors.push({ index, code: 'invalid_request', error: message });
        return;
      }
      const { idempotencyKey, ...input } = parsed.data;
      queued.push({ index, item: toIngestItem(ctx, input, 'import', idempotencyKey ? { key: idempotencyKey, hash: hashRequest(input) } : null, runRules) });
    });
    const notes: IngestNotes = { tooOldForRules: 0 };
    const outcomes = await applyIngestGroup(
      tx,
      queued.map((q) => q.item),
      writtenHooksOf(ctx),
      notes,
    );
    let created = 0;
    let duplicates = 0;
    outcomes.forEach((outcome, n) => {
      if (outcome.ok) return outcome.value.isNew ? created++ : duplicates++;
      errors.push({ index: queued[n]!.index, ...describe(outcome.error) });
    });
    return { created, duplicates, errors, tooOldForRules: notes.tooOldForRules };
  },
};

/** Adds `responses` to the import kinds (`POST /imports/responses`, `lodestar import responses`). */
export function registerResponseImporter(): void {
  registerImporter('responses', responsesImporter);
}

async function loadSurveys(tx: Tx, rows: ImportRow[]): Promise<Map<string, SurveyVersion>> {
  const ids = new Set(rows.map((r) => r.fixed.surveyId).filter((id): id is string => typeof id === 'string' && ResponseInputSchema.shape.surveyId.safeParse(id).success));
  const surveys = new Map<string, SurveyVersion>();
  for (const id of ids) {
    const survey = await getSurveyVersion(tx, tx.orgId!, id);
    if (survey) surveys.set(id, survey);
  }
  return surveys;
}

/** Cells as the API would send them: whole numbers for scales, lists for multiple choice, text otherwise. */
function convertCells(questions: Question[], cells: Record<string, string>): Record<string, unknown> {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  return Object.fromEntries(
    Object.entries(cells).map(([key, cell]) => {
      const type = byKey.get(key)?.type;
      if (type === 'multi') return [key, cell.split(/[;|]/).map((v) => v.trim()).filter(Boolean)];
      if ((type === 'nps' || type === 'csat' || type === 'ces' || type === 'rating') && /^[+-]?\d{1,6}$/.test(cell)) return [key, Number(cell)];
      return [key, cell];
    }),
  );
}

/** A refused row's code and a message naming the bad answers. */
function describe(error: unknown): { code: string; error: string } {
  const answers = error instanceof AppError ? (error.details?.answers as Record<string, string> | undefined) : undefined;
  if (answers) return { code: 'invalid_request', error: Object.entries(answers).map(([key, message]) => `${key}: ${message}`).join('; ') };
  const mapped = mapError(error);
  return { code: mapped.code, error: mapped.message };
}
