import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { FEATURE_BITS } from '../features.ts';
import { shippedModel } from '../model.ts';
import { sentimentOf } from '../sentiment.ts';
import { normalizeText } from '../text.normalize.ts';
import { simulatedAnswers } from './adapter.fixtures.ts';
import { adaptSentiment, decodeAdapter, encodeAdapter, sharedModelFingerprint, type SentimentAdapter } from './adapter.model.ts';
import { beatsShared, compareOnHeldOut, trainAdapter, type HeldOutFigures, type LabelledComment } from './adapter.train.ts';

const labelled = (text: string, label: 0 | 1, isCorrection = false): LabelledComment => {
  const normalized = normalizeText(text);
  return { normalized, sharedScore: sentimentOf(shippedModel(), normalized).score, label, isCorrection };
};
const fromAnswers = (seed: number, n: number) => simulatedAnswers(n, seed).map((a) => labelled(a.comment, a.sentiment === 'positive' ? 1 : 0));
const readSample = (file: string, textColumn: string) =>
  (parse(fs.readFileSync(new URL(`../testdata/${file}`, import.meta.url)), { columns: true }) as Array<Record<string, string>>).map((r) =>
    labelled(r[textColumn]!, r.label === '1' ? 1 : 0),
  );

const IDENTITY: SentimentAdapter = { a: 1, b: 0, weights: new Map() };

describe('applying an adapter', () => {
  it('changes nothing with a = 1, b = 0 and no Δw', () => {
    for (const text of ['服务很好', '太慢了，等了一个小时', '一般般', 'great courier', '东西不错，但是物流太慢了']) {
      const normalized = normalizeText(text);
      const shared = sentimentOf(shippedModel(), normalized);
      expect(adaptSentiment(IDENTITY, normalized, shared.score), text).toEqual(shared);
    }
  });

  it('keeps a certain shared verdict finite and lets b and a move it', () => {
    const normalized = normalizeText('服务很好');
    expect(adaptSentiment(IDENTITY, normalized, 1).score).toBeCloseTo(0.999, 3);
    expect(adaptSentiment({ a: 1, b: -20, weights: new Map() }, normalized, 0.9).label).toBe('negative');
    expect(adaptSentiment({ a: 2, b: 0, weights: new Map() }, normalized, 0.2).label).toBe('positive'); // sharpened out of the neutral band
  });

  it('stores Δw sparsely and reads it back; refuses another feature layout', () => {
    const adapter: SentimentAdapter = { a: 1.25, b: -0.5, weights: new Map([[7, 0.5], [3, -1.25], [(1 << FEATURE_BITS) - 1, 2], [9, 1e-5]]) };
    const stored = encodeAdapter(adapter);
    expect(stored.indices.length).toBe(12); // the negligible weight is dropped
    const back = decodeAdapter(stored);
    expect(back.a).toBe(1.25);
    expect(back.b).toBe(-0.5);
    expect([...back.weights]).toEqual([[3, -1.25], [7, 0.5], [(1 << FEATURE_BITS) - 1, 2]]);
    expect(() => decodeAdapter({ ...stored, featureBits: FEATURE_BITS + 1 })).toThrow(/feature layout/);
    expect(() => decodeAdapter({ ...stored, weights: stored.weights.subarray(4) })).toThrow(/do not match/);
  });

  it('fingerprints the shared model the same way each time', () => {
    expect(sharedModelFingerprint()).toMatch(/^[0-9a-f]{16}$/);
    expect(sharedModelFingerprint()).toBe(sharedModelFingerprint());
  });
});

describe('training an adapter', () => {
  it('learns an organisation’s own words and beats the shared model on held-out comments, without hurting ordinary ones', async () => {
    const adapter = await trainAdapter(fromAnswers(1, 560));
    const heldOut = compareOnHeldOut(adapter, fromAnswers(2, 200));
    expect(heldOut.adapterAccuracy).toBeGreaterThan(heldOut.sharedAccuracy + 0.1);
    expect(heldOut.adapterBySign).toBeGreaterThanOrEqual(heldOut.sharedBySign);
    expect(beatsShared(heldOut)).toBe(true);
    expect(adaptSentiment(adapter, normalizeText('这回的黄喉硬是巴适得板'), sentimentOf(shippedModel(), normalizeText('这回的黄喉硬是巴适得板')).score).label).toBe('positive');
    // Ordinary comments (the reviews held out from the shared model's training, the committed service comments):
    // it may leave a couple of them too faint to label, but turns none the wrong way round.
    for (const sample of [readSample('heldout-sample.csv', 'review'), readSample('service-comments.csv', 'text')]) {
      const general = compareOnHeldOut(adapter, sample);
      expect(general.adapterBySign).toBeGreaterThanOrEqual(general.sharedBySign - 0.01);
      expect(general.adapterAccuracy).toBeGreaterThanOrEqual(general.sharedAccuracy - 0.03);
    }
  });

  it('is deterministic, and learns nothing from one label only', async () => {
    const comments = fromAnswers(3, 200);
    const first = await trainAdapter(comments);
    const second = await trainAdapter(comments);
    expect([...second.weights]).toEqual([...first.weights]);
    expect(second.b).toBe(first.b);
    expect(await trainAdapter(comments.filter((c) => c.label === 1))).toEqual(IDENTITY);
  });

  it('lets a correction outweigh weak labels saying the opposite', async () => {
    const base = fromAnswers(4, 400);
    const word = '蛮灵光'; // a word none of the generated comments use
    const weak = Array.from({ length: 3 }, () => labelled(`锅底${word}`, 0));
    const corrections = Array.from({ length: 3 }, () => labelled(`锅底${word}`, 1, true));
    const adapter = await trainAdapter([...base, ...weak, ...corrections]);
    const normalized = normalizeText(`锅底${word}`);
    const shared = sentimentOf(shippedModel(), normalized).score;
    expect(adaptSentiment(adapter, normalized, shared).score).toBeGreaterThan(adaptSentiment(await trainAdapter([...base, ...weak]), normalized, shared).score);
  });

  it('does not beat the shared model when the labels say nothing about the text', async () => {
    const random = fromAnswers(5, 500).map((c, i) => ({ ...c, label: ((i * 7919) % 2) as 0 | 1 }));
    const adapter = await trainAdapter(random.slice(0, 400));
    expect(beatsShared(compareOnHeldOut(adapter, random.slice(400)))).toBe(false);
  });
});

describe('the verdict', () => {
  const figures = (b: number, c: number, extra: Partial<HeldOutFigures> = {}): HeldOutFigures => ({
    n: 100, sharedAccuracy: 0.8, adapterAccuracy: 0.8 + (b - c) / 100, sharedBySign: 0.9, adapterBySign: 0.9, adapterOnlyRight: b, sharedOnlyRight: c, ...extra,
  });
  it.each([
    ['a clear paired win', figures(12, 2), true],
    ['three wins and no loss (z = 1.73)', figures(3, 0), true],
    ['two wins and no loss (z = 1.41, noise)', figures(2, 0), false],
    ['as many wins as losses', figures(10, 10), false],
    ['a win on too few held-out comments', figures(12, 2, { n: 40 }), false],
    ['a win that costs signs', figures(12, 2, { adapterBySign: 0.89 }), false],
    ['a significant gain under one point', figures(60, 10, { n: 10_000 }), false],
  ])('%s → %s', (_label, f, expected) => expect(beatsShared(f)).toBe(expected));
});
