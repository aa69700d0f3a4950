import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel, FIRST_MODEL_PATH, readModel, type SentimentModel } from '../model.ts';
import { FEATURE_BITS } from '../features.ts';
import { sentimentOf } from '../sentiment.ts';
import { normalizeText } from '../text.normalize.ts';
import { seededRandom } from '../../../platform/seeded-random.ts';
import { markHeldOut, type LabelledText } from './corpus.ts';
import { buildFeatureStore } from './feature-store.ts';
import { AFTER_CONTRAST_SHARE_RANGE, fitCandidates, isNeutralRow, NEUTRAL_MARGIN, rowLogit } from './fit.ts';
import { fitStacker } from './learners.ts';
import { polarFigures } from './metrics.ts';

// A small made-up corpus: praise and complaints about a made-up service, in two "sources".
const GOOD = ['服务周到', '小哥很热情', '送得很快', '味道很棒', '环境干净', '非常满意', '下次还来', '态度很好'];
const BAD = ['等了很久', '态度冷淡', '饭菜凉了', '送错地址', '非常失望', '再也不来', '没人理睬', '包装破了'];
function corpus(): LabelledText[] {
  const random = seededRandom(3);
  const pick = (xs: string[]) => xs[Math.floor(random() * xs.length)]!;
  const rows: Array<Omit<LabelledText, 'isTest'>> = [];
  for (let i = 0; i < 1200; i++) {
    const label = (i % 2) as 0 | 1;
    const words = label ? GOOD : BAD;
    rows.push({ source: i % 3 ? 'a' : 'b', group: i % 3 ? 'a' : 'b', label, text: `${pick(words)}，${pick(words)}` });
  }
  return markHeldOut(rows);
}

describe('the held-out split', () => {
  it('holds out a tenth of every group and label, the same on every run', () => {
    const first = corpus();
    const again = corpus();
    expect(first.map((r) => r.isTest)).toEqual(again.map((r) => r.isTest));
    for (const group of ['a', 'b']) {
      for (const label of [0, 1]) {
        const rows = first.filter((r) => r.group === group && r.label === label);
        expect(rows.filter((r) => r.isTest).length).toBe(Math.round(rows.length * 0.1));
      }
    }
  });
});

describe('fitting the candidates', () => {
  it('learns the made-up corpus, calibrates, and folds the blend into one model', () => {
    const rows = corpus();
    const store = buildFeatureStore(rows);
    const pick = (keep: (r: LabelledText, i: number) => boolean) => Uint32Array.from(rows.flatMap((r, i) => (keep(r, i) ? [i] : [])));
    const train = pick((r, i) => !r.isTest && i % 10 !== 0);
    const calibration = pick((r, i) => !r.isTest && i % 10 === 0);
    const test = pick((r) => r.isTest);
    const { ensemble, logistic, nbsvm } = fitCandidates(store, train, calibration, new Float32Array(rows.length).fill(1), { trainedOn: 'test' });
    for (const model of [ensemble, logistic, nbsvm]) {
      const figures = polarFigures([...test].map((r) => {
        const logit = rowLogit(model, store, r);
        return { label: store.label[r] as 0 | 1, p: 1 / (1 + Math.exp(-logit)), neutral: isNeutralRow(model, store, r, logit) };
      }));
      expect(figures.accuracy).toBeGreaterThan(0.95);
    }
    expect(ensemble.info.afterContrastShare).toBeGreaterThanOrEqual(AFTER_CONTRAST_SHARE_RANGE[0]);
    expect(ensemble.info.afterContrastShare).toBeLessThanOrEqual(AFTER_CONTRAST_SHARE_RANGE[1]);
    expect(ensemble.info.neutralMargin).toBe(NEUTRAL_MARGIN);
    // The folded vector scores a text exactly as the stored features do: what ships is what was measured.
    const text = rows[test[0]!]!.text;
    const { score } = sentimentOf(ensemble, normalizeText(text));
    expect(Math.sign(score)).toBe(Math.sign(rowLogit(ensemble, store, test[0]!)));
  });

  it('recovers known coefficients (the stacker is a plain weighted logistic regression)', () => {
    const random = seededRandom(11);
    const n = 4000;
    const x = Float64Array.from({ length: n }, () => random() * 8 - 4);
    const y = Uint8Array.from(x, (v) => (random() < 1 / (1 + Math.exp(-(1.5 * v - 0.5))) ? 1 : 0));
    const [a, b] = fitStacker([x], y, new Float32Array(n).fill(1), 0);
    expect(a).toBeCloseTo(1.5, 0);
    expect(Math.abs(b! + 0.5)).toBeLessThan(0.2);
  });
});

describe('the figures eval:text prints', () => {
  it('counts a neutral verdict on a polar text as wrong, and against recall', () => {
    const f = polarFigures([
      { label: 1, p: 0.9, neutral: false },
      { label: 1, p: 0.52, neutral: true },
      { label: 0, p: 0.2, neutral: false },
      { label: 0, p: 0.7, neutral: false },
    ]);
    expect(f).toMatchObject({ n: 4, accuracy: 0.5, bySign: 0.75, neutralShare: 0.25 });
    expect(f.positive).toEqual({ precision: 0.5, recall: 0.5 });
    expect(f.negative).toEqual({ precision: 1, recall: 0.5 });
  });
});

describe('the model file', () => {
  const model = (bias: number): SentimentModel => ({
    info: { version: 2, featureBits: FEATURE_BITS, trainedOn: 'test', trainedRows: 0, quantScale: 1, bias, lexiconWeight: 0, afterContrastShare: 0.4, neutralMargin: 0.06 },
    weights: new Float32Array(1 << FEATURE_BITS),
  });

  it('keeps its reading instructions and its weights to within one quantisation step', () => {
    const m = model(0.3);
    m.weights[12345] = 2.5;
    m.weights[99] = -1.25;
    const back = decodeModel(encodeModel(m.weights, m.info));
    expect(back.info).toMatchObject({ bias: 0.3, afterContrastShare: 0.4, neutralMargin: 0.06 });
    expect(Math.abs(back.weights[12345]! - 2.5)).toBeLessThanOrEqual(back.info.quantScale / 2);
    expect(Math.abs(back.weights[99]! + 1.25)).toBeLessThanOrEqual(back.info.quantScale / 2);
  });

  it('still reads the first model with the settings it was shipped with', () => {
    expect(readModel(FIRST_MODEL_PATH).info).toMatchObject({ lexiconWeight: 0.8, afterContrastShare: 0.3, neutralMargin: 0.3 });
  });

  it('is neutral only inside its margin: a weak verdict outside it keeps its sign', () => {
    // logit 0.1 → |2p − 1| = 0.05 < 0.06; logit 0.2 → 0.0997, stretched onto the shared band's positive side.
    expect(sentimentOf(model(0.1), '几点开门').label).toBe('neutral');
    expect(sentimentOf(model(0.2), '几点开门').label).toBe('positive');
  });
});
