// `npm run train:text`: trains the Chinese sentiment model on the labelled reviews
// (../shared/data/reviews-zh-train.csv, or LODESTAR_TEXT_DATA) minus the seeded held-out
// split, and writes models/text/sentiment-zh.bin.gz. Deterministic: the same data gives the same file.
import fs from 'node:fs';
import path from 'node:path';
import { encodeModel, MODEL_PATH } from '../model.ts';
import { DATA_PATH, readReviews, splitReviews, trainModel, TRAIN_DEFAULTS } from './train.ts';

const started = performance.now();
const { train, test } = splitReviews(readReviews());
console.log(`${train.length} training rows, ${test.length} held out (never seen) from ${DATA_PATH}`);
const { weights, bias } = trainModel(train, { ...TRAIN_DEFAULTS, onEpoch: (e, loss) => console.log(`epoch ${e}: loss ${loss.toFixed(4)}`) });
const file = encodeModel(weights, { trainedOn: 'online_shopping_10_cats without hotels (reviews-zh-train.csv), held-out split excluded', trainedRows: train.length, epochs: TRAIN_DEFAULTS.epochs, bias });
fs.mkdirSync(path.dirname(MODEL_PATH), { recursive: true });
fs.writeFileSync(MODEL_PATH, file);
console.log(`wrote ${MODEL_PATH} (${(file.length / 1024).toFixed(0)} KiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
