/**
 * Hashed features of a (normalised) comment for the sentiment model, the same
 * code for training and analysis: character 1-, 2- and 3-grams (robust to
 * segmentation errors and slang), jieba words and word pairs, words inside a
 * negation scope (不 好 → NEG:好), and the words after a contrast word in their
 * sentence (…但是 物流 太慢 → AFTER:物流, AFTER:太慢) so the model can learn that
 * the clause after 但是/不过/but carries the verdict.
 */
import { SERVICE_LEXICON } from './lexicon.service.ts';
import { CONTRAST, NEGATORS } from './lexicon.zh.ts';
import { cutWords } from './segmenter.ts';
import { hashCodes, hashString } from './text.normalize.ts';

/** log2 of the weight-vector length: 2^20 hashed buckets. */
export const FEATURE_BITS = 20;
const MASK = (1 << FEATURE_BITS) - 1;

const SEED = { char1: 1, char2: 2, char3: 3, word: 11, pair: 12, neg: 13, after: 14, afterNeg: 15, bias: 99 } as const;
/** Tokens that end a negation scope (clause punctuation and spaces). */
const CLAUSE_TOKEN = /^[\s,.!?;:，。！？；：、~…]+$/;
/** Tokens that end a sentence, and with it a contrast's reach. */
const SENTENCE_END = /[.!?。！？\n]/;
/** Words a negation reaches past 不/没 before it fades. */
const NEGATION_REACH = 3;
/** Contrast words whose clause overrides what came before (不过 yes; 就是, 只是 are too often "just"). */
const STRONG_CONTRAST = new Set(['但是', '但', '不过', '可是', '然而', '可惜', 'but', 'however']);

/** A comment as the model sees it: bucket indices (repeats count) and the 1/√n scale that keeps long and short texts comparable. */
export interface Features {
  idx: Uint32Array;
  scale: number;
  /** Service-lexicon valence (negation flips a word; after a contrast word counts 1.5×, before it 0.5×). */
  lexicon: number;
  /** The sentence part after the last strong contrast word (但是, 不过, but…) as [start, end) in the text, or null. */
  afterContrast: [number, number] | null;
}

const buffer = new Uint32Array(1 << 16);

/** Hashed features of a normalised text (see normalizeText). */
export function featuresOf(normalized: string): Features {
  let n = 0;
  const push = (h: number) => {
    if (n < buffer.length) buffer[n++] = h & MASK;
  };
  push(hashCodes(SEED.bias, 0));
  // Exclamation marks are emphasis, applied to the verdict in sentiment.ts; as features they only taught the
  // model that angry reviews shout. Replaced one for one, so offsets into the text stay valid.
  const s = normalized.replace(/!/g, ' ');
  for (let i = 0; i < s.length; i++) {
    const a = s.charCodeAt(i);
    if (a === 32) continue;
    push(hashCodes(SEED.char1, a));
    if (i + 1 < s.length) {
      const b = s.charCodeAt(i + 1);
      push(hashCodes(SEED.char2, a, b));
      if (i + 2 < s.length) push(hashCodes(SEED.char3, a, b, s.charCodeAt(i + 2)));
    }
  }
  let negation = 0;
  let isAfterContrast = false;
  let previous = '^';
  let lexBefore = 0;
  let lexAfter = 0;
  let contrastAt = -1;
  let contrastEnd = -1;
  let offset = 0;
  for (const word of cutWords(s)) {
    const at = offset;
    offset += word.length;
    if (word === ' ') continue;
    if (CLAUSE_TOKEN.test(word)) {
      negation = 0;
      if (SENTENCE_END.test(word)) {
        if (isAfterContrast && contrastEnd < 0) contrastEnd = at;
        isAfterContrast = false;
      }
      previous = '|';
      continue;
    }
    push(hashString(word, SEED.word));
    push(hashString(previous + '\u0001' + word, SEED.pair));
    const isNegated = negation > 0;
    if (isNegated) {
      push(hashString(word, isAfterContrast ? SEED.afterNeg : SEED.neg));
      negation--;
    }
    if (isAfterContrast) push(hashString(word, SEED.after));
    const valence = SERVICE_LEXICON.get(previous + word) ?? SERVICE_LEXICON.get(word);
    if (valence !== undefined) {
      const v = isNegated ? -0.8 * valence : valence;
      if (isAfterContrast) lexAfter += v;
      else lexBefore += v;
    }
    if (NEGATORS.has(word)) negation = NEGATION_REACH;
    if (CONTRAST.has(word) || word === 'but' || word === 'however') {
      isAfterContrast = true;
      if (STRONG_CONTRAST.has(word)) {
        contrastAt = at + word.length;
        contrastEnd = -1;
        lexBefore += lexAfter;
        lexAfter = 0;
      }
    }
    previous = word;
  }
  const lexicon = contrastAt > 0 ? 0.5 * lexBefore + 1.5 * lexAfter : lexBefore + lexAfter;
  const afterContrast: Features['afterContrast'] = contrastAt > 0 ? [contrastAt, contrastEnd < 0 ? s.length : contrastEnd] : null;
  return { idx: buffer.slice(0, n), scale: 1 / Math.sqrt(n), lexicon, afterContrast };
}
