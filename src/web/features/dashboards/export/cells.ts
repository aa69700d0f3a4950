/** A table to export: a header row and rows of plain values. */
export interface ExportTable {
  /** The file name without extension, and the XLSX sheet name. */
  name: string;
  columns: string[];
  rows: (string | number | null | undefined)[][];
}

/** Characters that make a spreadsheet read a text cell as a formula (or a DDE call). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises formula injection (OWASP "CSV injection"): a text cell that
 * starts with = + - @, a tab or a carriage return gets a leading apostrophe,
 * so Excel, WPS and LibreOffice show it as text instead of running it. Real
 * numbers stay numbers: a number is never a formula.
 */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell as the exporters write it: numbers kept, empty for null, text neutralised. */
export function cellOf(value: string | number | null | undefined): { kind: 'number'; value: number } | { kind: 'text'; value: string } {
  if (typeof value === 'number' && Number.isFinite(value)) return { kind: 'number', value };
  if (value === null || value === undefined || typeof value === 'number') return { kind: 'text', value: '' };
  return { kind: 'text', value: neutralise(value) };
}

/** A safe file name: letters of any script, digits, dash and underscore. */
export function fileNameOf(name: string): string {
  return name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'export';
}
