// `npm run eval:text`: accuracy of the shipped sentiment model on the held-out split (never trained on),
// overall and per category; the neutral band; a whole category held out of training (service-like
// transfer, 水果 by default: EVAL_HOLDOUT), the hand-written service comments, and a plain character
// n-gram Naive Bayes baseline on the same data. `-- --write-sample` refreshes the committed test sample.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { hashCodes, normalizeText } from '../text.normalize.ts';
import { MODEL_PATH, decodeModel, scoreText } from '../model.ts';
import { NEUTRAL_BAND, sentimentOf } from '../sentiment.ts';
import { evaluate, inMemoryModel, readReviews, seededRandom, splitReviews, trainModel, type Review } from './train.ts';

const HOLDOUT = process.env.EVAL_HOLDOUT ?? '水果';
const TESTDATA = new URL('../testdata/', import.meta.url).pathname;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

const loadStarted = performance.now();
const model = decodeModel(fs.readFileSync(MODEL_PATH));
const loadMs = performance.now() - loadStarted;
const { train, test } = splitReviews(readReviews());

if (process.argv.includes('--write-sample')) {
  const random = seededRandom(99);
  const sample = [...test].sort(() => random() - 0.5).slice(0, 300);
  const quote = (s: string) => `"${s.replace(/"/g, '""').replace(/\s+/g, ' ')}"`;
  fs.writeFileSync(`${TESTDATA}heldout-sample.csv`, ['cat,label,review', ...sample.map((r) => `${r.cat},${r.label},${quote(r.review)}`)].join('\n') + '\n');
  console.log(`wrote ${TESTDATA}heldout-sample.csv (300 held-out rows)`);
}

console.log(`model ${MODEL_PATH}: ${(fs.statSync(MODEL_PATH).size / 1024).toFixed(0)} KiB, loaded in ${loadMs.toFixed(0)} ms`);
const analysed = (text: string) => sentimentOf(model, normalizeText(text)).score;
const held = evaluate(test, analysed);
console.log(`\nHeld-out split (${test.length} reviews, 10 % of each category and label, never trained on): ${pct(held.overall.accuracy)}`);
for (const [cat, a] of Object.entries(held.byCategory)) console.log(`  ${cat.padEnd(4, '\u3000')} ${pct(a.accuracy).padStart(7)}  (n = ${a.n})`);

const scores = test.map((r) => ({ score: analysed(r.review), label: r.label }));
const inBand = scores.filter((s) => Math.abs(s.score) < NEUTRAL_BAND);
const clear = scores.filter((s) => Math.abs(s.score) >= NEUTRAL_BAND);
const right = (xs: typeof scores) => xs.filter((s) => s.score > 0 === (s.label === 1)).length / (xs.length || 1);
console.log(`Neutral band |score| < ${NEUTRAL_BAND}: ${pct(inBand.length / scores.length)} of reviews, sign right on ${pct(right(inBand))} of them; outside it ${pct(right(clear))}`);

const serviceSet = (file: string): Review[] =>
  (parse(fs.readFileSync(`${TESTDATA}${file}`), { columns: true }) as Array<Record<string, string>>).map((r) => ({ cat: r.domain!, label: r.label === '1' ? 1 : 0, review: r.text! }));
for (const file of ['service-comments.csv', 'service-comments-en.csv', 'service-comments-fresh.csv']) {
  const r = evaluate(serviceSet(file), analysed);
  console.log(`\nHand-written service comments ${file}: ${pct(r.overall.accuracy)} (n = ${r.overall.n}) — ${Object.entries(r.byCategory).map(([k, a]) => `${k} ${pct(a.accuracy)}`).join(', ')}`);
}

console.log(`\nWhole category '${HOLDOUT}' held out of training (transfer to an unseen domain), training a model without it…`);
const without = train.filter((r) => r.cat !== HOLDOUT);
const transfer = trainModel(without);
const transferModel = inMemoryModel(transfer.weights, transfer.bias);
const unseen = [...train, ...test].filter((r) => r.cat === HOLDOUT);
const ours = evaluate(unseen, (t) => scoreText(transferModel, normalizeText(t)));
const nb = trainNaiveBayes(without);
const nbOnUnseen = evaluate(unseen, nb);
const serviceZh = serviceSet('service-comments.csv');
console.log(`  Lodestar model: ${pct(ours.overall.accuracy)} on all ${unseen.length} '${HOLDOUT}' reviews`);
console.log(`  char 1-2-gram Naive Bayes baseline: ${pct(nbOnUnseen.overall.accuracy)} on the same; ${pct(evaluate(serviceZh, trainNaiveBayes(train)).overall.accuracy)} on the service comments (vs ours above)`);
console.log(`  (baseline on the held-out split: ${pct(evaluate(test, trainNaiveBayes(train)).overall.accuracy)})`);

/** Multinomial Naive Bayes over hashed character unigrams and bigrams, Laplace-smoothed: the plain baseline. */
function trainNaiveBayes(rows: Review[]): (text: string) => number {
  const dim = 1 << 20;
  const counts = [new Float64Array(dim), new Float64Array(dim)];
  const totals = [0, 0];
  const docs = [0, 0];
  const grams = (t: string) => {
    const s = normalizeText(t);
    const out: number[] = [];
    for (let i = 0; i < s.length; i++) {
      out.push(hashCodes(1, s.charCodeAt(i)) & (dim - 1));
      if (i + 1 < s.length) out.push(hashCodes(2, s.charCodeAt(i), s.charCodeAt(i + 1)) & (dim - 1));
    }
    return out;
  };
  for (const r of rows) {
    docs[r.label]!++;
    for (const g of grams(r.review)) {
      counts[r.label]![g]!++;
      totals[r.label]!++;
    }
  }
  const prior = Math.log(docs[1]! / docs[0]!);
  return (text) => grams(text).reduce((sum, g) => sum + Math.log((counts[1]![g]! + 1) / (totals[1]! + dim)) - Math.log((counts[0]![g]! + 1) / (totals[0]! + dim)), prior);
}
