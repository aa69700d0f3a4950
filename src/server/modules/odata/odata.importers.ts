import { invalid } from '../../platform/errors.ts';
import { upsertCustomers } from './customers.service.ts';
import { recordInteractions } from './interactions.service.ts';
import { convertCell, type CellKind } from './odata.csv-cells.ts';
import type { CsvImporter } from './odata.import.ts';

/** A column set: each field's cell kind, the required columns (an array = one of them), and an optional `prefix.key` object column. */
export interface ColumnSpec {
  columns: Record<string, CellKind>;
  required: Array<string | string[]>;
  objectColumn?: { prefix: string; field: string };
}

/** Header cells are matched loosely: `occurredAt`, `occurred_at` and `Occurred At` name the same field. */
const normalise = (h: string) => h.replace(/[\s_-]/g, '').toLowerCase();

/**
 * Reads a header against a fixed column set. Missing required columns and
 * unknown columns refuse the whole file with their names, since a misspelt
 * optional column would otherwise be dropped silently from every row.
 */
export function readFixedHeader(spec: ColumnSpec, header: string[], timeZone: string): (cells: string[]) => Record<string, unknown> {
  const byName = new Map(Object.keys(spec.columns).map((f) => [normalise(f), f]));
  const prefix = spec.objectColumn ? new RegExp(`^\\s*${spec.objectColumn.prefix}\\.(.+)$`, 'i') : null;
  const plan: Array<{ field: string; key?: string }> = [];
  const unknown: string[] = [];
  for (const cell of header) {
    const key = prefix?.exec(cell)?.[1]?.trim();
    const field = key ? spec.objectColumn!.field : byName.get(normalise(cell));
    // A blank header cell (a spreadsheet's trailing column) is allowed as long as its cells stay empty.
    if (!field && cell.trim() !== '') unknown.push(cell.trim());
    plan.push({ field: field ?? '', key });
  }
  const seen = new Set<string>();
  for (const p of plan) {
    const name = p.key ? `${p.field}.${p.key}` : p.field;
    if (name && seen.has(name)) throw invalid(`the column ${name} appears twice in the header`, { column: name });
    seen.add(name);
  }
  if (unknown.length) {
    const known = [...Object.keys(spec.columns), ...(spec.objectColumn ? [`${spec.objectColumn.prefix}.<name>`] : [])];
    throw invalid(`unknown column(s): ${unknown.join(', ')}; the columns are ${known.join(', ')}`, { unknownColumns: unknown });
  }
  const missing = spec.required
    .map((r) => (Array.isArray(r) ? r : [r]))
    .filter((names) => !names.some((c) => seen.has(c)))
    .map((names) => names.join(' or '));
  if (missing.length) throw invalid(`missing required column(s): ${missing.join('; ')}`, { missingColumns: missing });
  return (cells) => {
    const item: Record<string, unknown> = {};
    plan.forEach((p, i) => {
      if (!p.field) {
        if ((cells[i] ?? '').trim()) throw invalid(`column ${i + 1} has no name in the header, but this row has a value in it`);
        return;
      }
      const value = convertCell(cells[i] ?? '', p.key ? 'text' : spec.columns[p.field]!, timeZone);
      if (value === undefined) return;
      if (p.key) item[p.field] = { ...(item[p.field] as object | undefined), [p.key]: value };
      else item[p.field] = value;
    });
    return item;
  };
}

const CUSTOMER_COLUMNS: ColumnSpec = {
  columns: { externalId: 'text', name: 'text', email: 'text', phone: 'text', segment: 'text', value: 'number' },
  required: [],
  objectColumn: { prefix: 'attributes', field: 'attributes' },
};

const INTERACTION_COLUMNS: ColumnSpec = {
  columns: {
    externalId: 'text',
    customerId: 'text',
    customerExternalId: 'text',
    type: 'text',
    channel: 'text',
    touchpoint: 'text',
    unitId: 'text',
    employeeId: 'text',
    partnerId: 'text',
    partnerExternalId: 'text',
    amount: 'number',
    occurredAt: 'time',
    resolvedFirstContact: 'boolean',
    resolutionMinutes: 'number',
    converted: 'boolean',
    churned: 'boolean',
  },
  required: [['customerId', 'customerExternalId'], 'type', 'channel', 'touchpoint', 'occurredAt'],
};

/** Customers: upserted by externalId; `attributes.<name>` columns become attributes. */
export const customersImporter: CsvImporter = {
  readHeader: (header, { timeZone }) => readFixedHeader(CUSTOMER_COLUMNS, header, timeZone),
  writeBatch: (ctx, tx, items) => upsertCustomers(ctx, tx, items),
};

/** Interactions: each new one publishes `interaction.recorded`, as through the API. */
export const interactionsImporter: CsvImporter = {
  readHeader: (header, { timeZone }) => readFixedHeader(INTERACTION_COLUMNS, header, timeZone),
  writeBatch: (ctx, tx, items) => recordInteractions(ctx, tx, items),
};
