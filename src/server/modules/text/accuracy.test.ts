import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze.ts';

// Floors on committed samples, so a change that breaks the model or its features fails fast.
// heldout-sample.csv: 300 rows of the held-out split (never trained on; `npm run eval:text -- --write-sample`).
// service-comments*.csv: hand-written customer-service comments (hotel, delivery, hotline, store, app).
const read = (file: string) => parse(fs.readFileSync(new URL(`./testdata/${file}`, import.meta.url)), { columns: true }) as Array<Record<string, string>>;
const accuracy = (rows: Array<{ label: string; text: string }>) => rows.filter((r) => analyzeText(r.text).score > 0 === (r.label === '1')).length / rows.length;

describe('sentiment accuracy floors', () => {
  it('gets at least 90 % of the held-out review sample right', () => {
    const rows = read('heldout-sample.csv').map((r) => ({ label: r.label!, text: r.review! }));
    expect(rows).toHaveLength(300);
    expect(accuracy(rows)).toBeGreaterThanOrEqual(0.9);
  });

  it('gets at least 90 % of the Chinese and English service comments right', () => {
    expect(accuracy(read('service-comments.csv') as Array<{ label: string; text: string }>)).toBeGreaterThanOrEqual(0.9);
    expect(accuracy(read('service-comments-en.csv') as Array<{ label: string; text: string }>)).toBeGreaterThanOrEqual(0.9);
  });
});
