import { fileNameOf, type ExportTable } from './cells.ts';
import { toCsv } from './csv.ts';
import { toXlsx } from './xlsx.ts';

/** Saves bytes or text as a file through a temporary link. */
export function saveFile(fileName: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadCsv(table: ExportTable): void {
  saveFile(`${fileNameOf(table.name)}.csv`, toCsv(table), 'text/csv;charset=utf-8');
}

export function downloadXlsx(table: ExportTable): void {
  saveFile(`${fileNameOf(table.name)}.xlsx`, toXlsx(table) as Uint8Array<ArrayBuffer>, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}

/** A chart's PNG, from ECharts' getDataURL (a base64 data URL), saved as a blob like the tables. */
export function downloadDataUrl(name: string, dataUrl: string): void {
  const [head = '', base64 = ''] = dataUrl.split(',', 2);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  saveFile(`${fileNameOf(name)}.png`, bytes, /^data:([^;,]+)/.exec(head)?.[1] ?? 'image/png');
}
