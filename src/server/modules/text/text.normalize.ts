/**
 * Text normalisation shared by training and analysis, so both see the same
 * characters: full-width forms folded (NFKC), lower case, digits collapsed,
 * long runs of one character cut to three ("好好好好好" and "!!!!!" carry the
 * same signal as three).
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_ALL = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LATIN_WORD = /[a-z]+(?:'[a-z]+)?/gi;

/** NFKC, lower case, whitespace collapsed, digits to 0, runs of one character cut to three. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[0-9]/g, '0')
    .replace(/(.)\1{3,}/gu, '$1$1$1')
    .trim();
}

/** True when the text has any Chinese character. */
export function hasChinese(text: string): boolean {
  return CJK.test(text);
}

/** How much of the text is Chinese and how much English: counts of Han characters and Latin words. */
export function scriptMix(text: string): { han: number; latinWords: number } {
  return { han: text.match(CJK_ALL)?.length ?? 0, latinWords: text.match(LATIN_WORD)?.length ?? 0 };
}

/** Sentence and clause punctuation (both widths, NFKC folds most to ASCII). */
export const CLAUSE_BREAK = /[,.!?;:，。！？；：、~…\n]/;

/** 32-bit FNV-1a over a string's UTF-16 code units, seeded so feature families do not collide by design. */
export function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes a small number of code units into one 32-bit hash without building a string (character n-grams). */
export function hashCodes(seed: number, a: number, b = -1, c = -1): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ a;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  if (b >= 0) {
    h ^= b + 0x7f4a7c15;
    h = Math.imul(h ^ (h >>> 13), 0x297a2d39);
  }
  if (c >= 0) {
    h ^= c + 0x5bd1e995;
    h = Math.imul(h ^ (h >>> 16), 0x165667b1);
  }
  h ^= h >>> 15;
  return h >>> 0;
}
