/**
 * Loads the sentiment model and the segmenter ahead of the first comment (about
 * 0.35 s together), and says what was loaded, for start-up and the benchmark.
 */
import fs from 'node:fs';
import { MODEL_PATH, shippedModel } from './model.ts';
import { segmenter } from './segmenter.ts';

/** Loads what analysis needs and reports the load times and the model's size. */
export function warmUpTextAnalysis(): { modelMs: number; segmenterMs: number; modelFileBytes: number; modelMemoryBytes: number } {
  let t = performance.now();
  const model = shippedModel();
  const modelMs = performance.now() - t;
  t = performance.now();
  segmenter();
  const segmenterMs = performance.now() - t;
  return { modelMs, segmenterMs, modelFileBytes: fs.statSync(MODEL_PATH).size, modelMemoryBytes: model.weights.byteLength };
}
