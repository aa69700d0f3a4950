import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cellOf, fileNameOf, neutralise } from './cells.ts';
import { toCsv } from './csv.ts';
import { columnName, toXlsx } from './xlsx.ts';
import { crc32 } from './zip.ts';

describe('formula injection', () => {
  it('puts an apostrophe before text that a spreadsheet would run', () => {
    for (const evil of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://evil","点我")']) expect(neutralise(evil)).toBe(`'${evil}`);
    for (const fine of ['门店', 'NPS', "'quoted", ' =1', '1=1', '']) expect(neutralise(fine)).toBe(fine);
  });

  it('keeps real numbers, negative ones too, as numbers', () => {
    expect(cellOf(-12.5)).toEqual({ kind: 'number', value: -12.5 });
    expect(cellOf('-12.5')).toEqual({ kind: 'text', value: "'-12.5" });
    expect(cellOf(null)).toEqual({ kind: 'text', value: '' });
    expect(cellOf(Number.NaN)).toEqual({ kind: 'text', value: '' });
  });
});

describe('CSV', () => {
  it('writes a BOM, quotes what needs quoting, CRLF line ends, cells neutralised', () => {
    const csv = toCsv({ name: 't', columns: ['门店', 'NPS'], rows: [['徐汇, "旗舰"', -5], ['=cmd|" /C calc"!A0', 40], [null, 1.5]] });
    expect(csv).toBe('\uFEFF门店,NPS\r\n"徐汇, ""旗舰""",-5\r\n"\'=cmd|"" /C calc""!A0",40\r\n,1.5\r\n');
  });
});

/** Reads the stored entries of a ZIP by its local headers (tests only). */
function unzip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files = new Map<string, string>();
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const method = view.getUint16(at + 8, true);
    const crc = view.getUint32(at + 14, true);
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    const raw = bytes.subarray(at + 30 + nameLength, at + 30 + nameLength + size);
    const data = method === 0 ? raw : new Uint8Array(inflateRawSync(raw));
    expect(crc32(data), name).toBe(crc);
    files.set(name, new TextDecoder().decode(data));
    at += 30 + nameLength + size;
  }
  expect(view.getUint32(bytes.length - 22, true)).toBe(0x06054b50);
  expect(view.getUint16(bytes.length - 12, true)).toBe(files.size);
  return files;
}

describe('XLSX', () => {
  it('is a ZIP of a workbook whose sheet holds numbers as numbers and neutralised, escaped text', () => {
    const files = unzip(toXlsx({ name: 'NPS/按门店', columns: ['门店', 'NPS'], rows: [['<徐汇> & "旗舰"', -5], ['@SUM(A1)', 40]] }));
    expect([...files.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">&lt;徐汇&gt; &amp; &quot;旗舰&quot;</t></is></c><c r="B2"><v>-5</v></c>');
    expect(sheet).toContain(`<t xml:space="preserve">'@SUM(A1)</t>`);
    expect(sheet).not.toContain('<f>');
    expect(files.get('xl/workbook.xml')).toContain('<sheet name="NPS 按门店"');
  });

  it('names columns A … Z, AA …', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('makes file names safe', () => {
    expect(fileNameOf('NPS 按门店 / 2026')).toBe('NPS-按门店-2026');
    expect(fileNameOf('../..')).toBe('export');
  });
});
