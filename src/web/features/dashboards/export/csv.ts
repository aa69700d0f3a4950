import { cellOf, type ExportTable } from './cells.ts';

/** RFC 4180 CSV with a UTF-8 byte-order mark (so Excel reads Chinese correctly) and CRLF line ends; cells neutralised. */
export function toCsv(table: ExportTable): string {
  const line = (cells: (string | number | null | undefined)[]) =>
    cells
      .map((raw) => {
        const cell = cellOf(raw);
        const text = cell.kind === 'number' ? String(cell.value) : cell.value;
        return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
      })
      .join(',');
  return `\uFEFF${[line(table.columns), ...table.rows.map(line)].join('\r\n')}\r\n`;
}
