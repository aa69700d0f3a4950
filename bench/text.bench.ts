// `npm run bench:text`: the text analyser on one core (this process, one thread): load time of the model
// and the segmenter, comments per second for the full analysis (redaction, sentiment, keywords, praise),
// and, for reading that figure, a tokenise-only pass (jieba cut) over the same comments in the same process.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { analyzeText, cutWords, warmUpTextAnalysis } from '../src/server/modules/text/index.ts';

const ROUNDS = Number(process.env.BENCH_TEXT_COMMENTS) || 30_000;
const testdata = (f: string) => parse(fs.readFileSync(new URL(`../src/server/modules/text/testdata/${f}`, import.meta.url)), { columns: true }) as Array<Record<string, string>>;
const comments = [
  ...testdata('heldout-sample.csv').map((r) => r.review!),
  ...testdata('service-comments.csv').map((r) => r.text!),
  ...testdata('service-comments-en.csv').map((r) => r.text!),
];
const chars = comments.reduce((n, c) => n + c.length, 0) / comments.length;

const loaded = warmUpTextAnalysis();

const time = (label: string, fn: (c: string) => unknown) => {
  for (let i = 0; i < 2000; i++) fn(comments[i % comments.length]!); // warm-up
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) fn(comments[i % comments.length]!);
  const perSec = ROUNDS / ((performance.now() - start) / 1000);
  console.log(`${label.padEnd(34)} ${Math.round(perSec).toLocaleString('en').padStart(8)} comments/s`);
  return perSec;
};

console.log(`model ${(loaded.modelFileBytes / 1024).toFixed(0)} KiB on disk (int8, gzip), ${(loaded.modelMemoryBytes / 2 ** 20).toFixed(0)} MiB in memory`);
console.log(`load: model ${loaded.modelMs.toFixed(0)} ms, jieba dictionary ${loaded.segmenterMs.toFixed(0)} ms`);
console.log(`${comments.length} distinct comments, ${chars.toFixed(0)} characters on average, ${ROUNDS.toLocaleString('en')} analyses, one core\n`);
const tokenise = time('tokenise only (jieba cut)', (c) => cutWords(c));
const full = time('full analysis (analyzeText)', (c) => analyzeText(c));
console.log(`\nfull analysis costs ${(tokenise / full).toFixed(1)}× a tokenise-only pass; goal ≥ 5,000 comments/s: ${full >= 5000 ? 'met' : 'NOT met'}`);
