// Prints a benchmark's figures as an aligned table: a header row, then one row per figure.
export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}

export const thousands = (x: number): string => Math.round(x).toLocaleString('en-US');
