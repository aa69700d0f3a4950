/**
 * Figures on the hand-labelled sets in testdata/ (written for Lodestar, split
 * into dev and test halves at random before any tuning; tune on dev only):
 *
 * - praise-zh.csv, praise-en.csv (`split,praise,text`): is the comment praise
 *   of the service or a person? Precision and recall of `isPraise`.
 * - sentiment-en.csv (`split,domain,label,text`, 1 positive, 0 negative,
 *   2 neutral): three-class metrics of the English sentiment.
 *
 * `npm run eval:text` can print `labelledSetReport()`; labelled-sets.test.ts
 * keeps floors on the test halves.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { analyzeText, type AnalyzeOptions } from '../analyze.ts';
import type { SentimentLabel } from '../sentiment.ts';

export type Split = 'dev' | 'test';
export type PraiseLang = 'zh' | 'en';

const TESTDATA = new URL('../testdata/', import.meta.url);

function readCsv(file: string): Array<Record<string, string>> {
  return parse(fs.readFileSync(new URL(file, TESTDATA)), { columns: true }) as Array<Record<string, string>>;
}

/** Rows of a praise set: the text and whether a person would call it praise. */
export function praiseRows(lang: PraiseLang, split?: Split): Array<{ split: Split; praise: boolean; text: string }> {
  return readCsv(`praise-${lang}.csv`)
    .map((r) => ({ split: r.split as Split, praise: r.praise === '1', text: r.text! }))
    .filter((r) => split === undefined || r.split === split);
}

/** Rows of the English sentiment set. */
export function sentimentRowsEn(split?: Split): Array<{ split: Split; domain: string; label: SentimentLabel; text: string }> {
  const labels: Record<string, SentimentLabel> = { '1': 'positive', '0': 'negative', '2': 'neutral' };
  return readCsv('sentiment-en.csv')
    .map((r) => ({ split: r.split as Split, domain: r.domain!, label: labels[r.label!]!, text: r.text! }))
    .filter((r) => split === undefined || r.split === split);
}

export interface PraiseFigures {
  lang: PraiseLang;
  split: Split;
  n: number;
  /** Rows labelled praise. */
  praise: number;
  /** Rows `isPraise` called praise. */
  called: number;
  precision: number;
  recall: number;
  f1: number;
  /** The rows it got wrong, for reading (false positives first). */
  errors: Array<{ text: string; expected: boolean; score: number }>;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Precision and recall of `analyzeText(...).isPraise` on one half of one language's praise set. */
export function praiseFigures(lang: PraiseLang, split: Split, options: AnalyzeOptions = {}): PraiseFigures {
  const rows = praiseRows(lang, split);
  let hit = 0;
  let called = 0;
  const falsePositives: PraiseFigures['errors'] = [];
  const falseNegatives: PraiseFigures['errors'] = [];
  for (const row of rows) {
    const a = analyzeText(row.text, options);
    if (a.isPraise) called++;
    if (a.isPraise && row.praise) hit++;
    if (a.isPraise !== row.praise) (a.isPraise ? falsePositives : falseNegatives).push({ text: row.text, expected: row.praise, score: a.score });
  }
  const praise = rows.filter((r) => r.praise).length;
  const precision = ratio(hit, called);
  const recall = ratio(hit, praise);
  return { lang, split, n: rows.length, praise, called, precision, recall, f1: ratio(2 * precision * recall, precision + recall), errors: [...falsePositives, ...falseNegatives] };
}

export interface ClassFigures {
  /** Rows with this label. */
  n: number;
  precision: number;
  recall: number;
}

export interface SentimentFigures {
  split: Split;
  n: number;
  /** Three classes: a neutral row called neutral is right, a polar row must get its sign. */
  accuracy: number;
  /** On the positive and negative rows only: the predicted score has the label's sign (a zero score counts wrong). */
  signAccuracy: number;
  /** Share of positive and negative rows labelled neutral. */
  polarCalledNeutral: number;
  perClass: Record<SentimentLabel, ClassFigures>;
  confusion: Record<SentimentLabel, Record<SentimentLabel, number>>;
  errors: Array<{ text: string; expected: SentimentLabel; got: SentimentLabel; score: number }>;
}

const LABELS: readonly SentimentLabel[] = ['positive', 'neutral', 'negative'];

/** Three-class figures of `analyzeText(...).sentiment` on labelled rows. */
export function sentimentFigures(rows: ReadonlyArray<{ label: SentimentLabel; text: string }>, split: Split, options: AnalyzeOptions = {}): SentimentFigures {
  const confusion = Object.fromEntries(LABELS.map((l) => [l, Object.fromEntries(LABELS.map((m) => [m, 0]))])) as SentimentFigures['confusion'];
  const errors: SentimentFigures['errors'] = [];
  let polar = 0;
  let signRight = 0;
  let polarNeutral = 0;
  for (const row of rows) {
    const { sentiment, score } = analyzeText(row.text, options);
    confusion[row.label][sentiment]++;
    if (sentiment !== row.label) errors.push({ text: row.text, expected: row.label, got: sentiment, score });
    if (row.label === 'neutral') continue;
    polar++;
    if (row.label === 'positive' ? score > 0 : score < 0) signRight++;
    if (sentiment === 'neutral') polarNeutral++;
  }
  const perClass = Object.fromEntries(
    LABELS.map((l) => {
      const n = LABELS.reduce((s, m) => s + confusion[l][m], 0);
      const called = LABELS.reduce((s, m) => s + confusion[m][l], 0);
      return [l, { n, precision: ratio(confusion[l][l], called), recall: ratio(confusion[l][l], n) }];
    }),
  ) as SentimentFigures['perClass'];
  const right = LABELS.reduce((s, l) => s + confusion[l][l], 0);
  return { split, n: rows.length, accuracy: ratio(right, rows.length), signAccuracy: ratio(signRight, polar), polarCalledNeutral: ratio(polarNeutral, polar), perClass, confusion, errors };
}

/** Three-class figures of the English sentiment on one half of sentiment-en.csv. */
export function englishSentimentFigures(split: Split, options: AnalyzeOptions = {}): SentimentFigures {
  return sentimentFigures(sentimentRowsEn(split), split, options);
}

export interface PublicSetFigures {
  name: string;
  n: number;
  /** Share of rows whose score has the label's sign (these sets are two-class: a zero score counts wrong). */
  signAccuracy: number;
  /** Share of rows labelled neutral. */
  calledNeutral: number;
  /** Among rows not labelled neutral, the share whose label matches. */
  polarAccuracy: number;
}

/**
 * Sign accuracy on a public two-class English set: the UCI "Sentiment Labelled
 * Sentences" (Kotzias et al., 2015: 1,000 Amazon, IMDB and Yelp sentences each),
 * which the npm package `sentiment` (MIT) ships as test/fixtures/{amazon,imdb,yelp}.json.
 * Measure only: tuning on them would make the figure meaningless. Returns null
 * when the package is not installed and no directory is given.
 */
export function publicEnglishFigures(fixturesDir?: string, options: AnalyzeOptions = {}): PublicSetFigures[] | null {
  let dir = fixturesDir;
  if (dir === undefined) {
    try {
      dir = path.join(path.dirname(createRequire(import.meta.url).resolve('sentiment/package.json')), 'test/fixtures');
    } catch {
      return null;
    }
  }
  const out: PublicSetFigures[] = [];
  for (const name of ['yelp', 'amazon', 'imdb']) {
    const file = path.join(dir, `${name}.json`);
    if (!fs.existsSync(file)) continue;
    const rows = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ text: string; class: number }>;
    let sign = 0;
    let neutral = 0;
    let polarRight = 0;
    for (const row of rows) {
      const { sentiment, score } = analyzeText(row.text, options);
      if (row.class === 1 ? score > 0 : score < 0) sign++;
      if (sentiment === 'neutral') neutral++;
      else if ((sentiment === 'positive') === (row.class === 1)) polarRight++;
    }
    out.push({ name, n: rows.length, signAccuracy: ratio(sign, rows.length), calledNeutral: ratio(neutral, rows.length), polarAccuracy: ratio(polarRight, rows.length - neutral) });
  }
  return out.length > 0 ? out : null;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** All the figures as printable lines (for `npm run eval:text`). */
export function labelledSetReport(options: AnalyzeOptions = {}): string[] {
  const lines: string[] = ['Praise (hand-labelled, testdata/praise-{zh,en}.csv):'];
  for (const lang of ['zh', 'en'] as const) {
    for (const split of ['dev', 'test'] as const) {
      const f = praiseFigures(lang, split, options);
      lines.push(`  ${lang} ${split.padEnd(4)} precision ${pct(f.precision).padStart(7)}  recall ${pct(f.recall).padStart(7)}  (n = ${f.n}, ${f.praise} praise, ${f.called} called praise)`);
    }
  }
  lines.push('English sentiment, three classes (testdata/sentiment-en.csv):');
  for (const split of ['dev', 'test'] as const) {
    const f = englishSentimentFigures(split, options);
    lines.push(
      `  ${split.padEnd(4)} accuracy ${pct(f.accuracy)}, sign on polar rows ${pct(f.signAccuracy)}, polar called neutral ${pct(f.polarCalledNeutral)} (n = ${f.n})`,
      `       ${LABELS.map((l) => `${l} P ${pct(f.perClass[l].precision)} R ${pct(f.perClass[l].recall)}`).join('; ')}`,
    );
  }
  const pub = publicEnglishFigures(undefined, options);
  if (pub) {
    lines.push('Public English sentences (UCI, via npm `sentiment` test fixtures; measured, never tuned on):');
    for (const f of pub) lines.push(`  ${f.name.padEnd(6)} sign ${pct(f.signAccuracy)}, called neutral ${pct(f.calledNeutral)}, accuracy where not neutral ${pct(f.polarAccuracy)} (n = ${f.n})`);
  }
  return lines;
}
