// `npm run train:text`: trains the Chinese sentiment model on every labelled source in the shared data
// folder (LODESTAR_TEXT_DATA_DIR to point elsewhere) minus each source's seeded held-out split, and writes
// models/text/sentiment-zh.bin.gz. Deterministic: the same data gives the same file (about a minute).
import fs from 'node:fs';
import path from 'node:path';
import { encodeModel, MODEL_PATH } from '../model.ts';
import { DATA_DIR, readCorpus, SOURCES } from './corpus.ts';
import { buildFeatureStore } from './feature-store.ts';
import { calibrationMask, fitCandidates, rowWeights } from './fit.ts';

const started = performance.now();
const rows = readCorpus();
const present = new Set(rows.map((r) => r.source));
const missing = SOURCES.filter((s) => !present.has(s.name)).map((s) => s.name);
if (missing.length > 0) console.log(`missing from ${DATA_DIR} (trained without them): ${missing.join(', ')}`);
console.log(`${rows.length} labelled texts from ${present.size} sources; tokenising…`);
const store = buildFeatureStore(rows, (done) => process.stdout.write(`\r  ${done} / ${rows.length}`));
const calibration = calibrationMask(rows);
const trainIdx = Uint32Array.from(rows.flatMap((r, i) => (!r.isTest && !calibration[i] ? [i] : [])));
const calibrationIdx = Uint32Array.from(rows.flatMap((_, i) => (calibration[i] ? [i] : [])));
console.log(`\ntraining on ${trainIdx.length}, blending and calibrating on ${calibrationIdx.length}, ${rows.filter((r) => r.isTest).length} held out (never seen)`);
const { ensemble } = fitCandidates(store, trainIdx, calibrationIdx, rowWeights(rows), {
  trainedOn: `${[...present].join(', ')} (shared data folder), each source's held-out split excluded`,
});
const { info } = ensemble;
console.log(`blend ${Object.entries(info.blend ?? {}).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}; bias ${info.bias.toFixed(3)}; lexicon ${info.lexiconWeight.toFixed(3)}`);
const file = encodeModel(ensemble.weights, info);
fs.mkdirSync(path.dirname(MODEL_PATH), { recursive: true });
fs.writeFileSync(MODEL_PATH, file);
console.log(`wrote ${MODEL_PATH} (${(file.length / 1024).toFixed(0)} KiB) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
