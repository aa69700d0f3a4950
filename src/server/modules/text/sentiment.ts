/**
 * Sentiment of one comment in Chinese, English or both: the trained Chinese
 * model for Han text, the English lexicon for Latin words, blended by how much
 * of the comment each language holds, with emoji and repeated exclamation
 * marks on top. Score −1..1; the label is neutral inside ±NEUTRAL_BAND.
 */
import { EMOJI } from './lexicon.zh.ts';
import { scoreText, type SentimentModel } from './model.ts';
import { englishSentiment } from './sentiment.en.ts';
import { scriptMix } from './text.normalize.ts';

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

/**
 * |score| below this is neutral. For English the score is VADER's
 * normalisation, where ±0.3 is about one mild word ("okay", "fine"). For
 * Chinese the model's calibrated margin 2p − 1 is stretched (stretchMargin)
 * so that the model's own neutral margin lands exactly on this band: a
 * comment is neutral only when the model is truly unsure.
 */
export const NEUTRAL_BAND = 0.3;

/**
 * Maps a calibrated margin m = 2p − 1 to a score with the same sign and order, |m| = margin ↦ NEUTRAL_BAND
 * (a power curve, so ±1 stays ±1 and the mean of many scores still reads as "how positive").
 */
export function stretchMargin(m: number, margin: number): number {
  const gamma = Math.log(NEUTRAL_BAND) / Math.log(margin);
  return Math.sign(m) * Math.abs(m) ** gamma;
}

const EMOJI_PATTERN = /\p{Extended_Pictographic}\uFE0F?|:\)|:-\)|:\(|:-\(|\^_\^/gu;

/** Sum of the valences of the emoji and emoticons in a text. */
export function emojiValence(text: string): number {
  let sum = 0;
  for (const m of text.matchAll(EMOJI_PATTERN)) sum += EMOJI.get(m[0]) ?? EMOJI.get(m[0].replace('\uFE0F', '')) ?? 0;
  return sum;
}

/**
 * Answers that say there is nothing to say ("无", "没有意见", "暂无其他建议", "nothing to add", "n/a"): the
 * commonest reply to an open question, and no opinion at all. Review-trained models read 无/没有 as a complaint.
 */
const NOTHING_TO_SAY = /^(?:(?:暂时|暂|目前|还|也)?(?:无|没有?|没什么)(?:了|啦|呢)?(?:其他|其它|别的|什么)?(?:的)?(?:意见|建议|想法|要说的|补充|问题)?(?:了|啦|呢|哦|吧)?|nothing(?: (?:to add|else|really|much))?|none|no|nope|nil|n\/?a|no comments?|no suggestions?|not really)$/;

/** True when a normalised comment, stripped of punctuation and spaces, says only that there is nothing to say. */
export function saysNothing(normalized: string): boolean {
  return NOTHING_TO_SAY.test(normalized.replace(/[\s\p{P}]+/gu, ' ').trim());
}

/** Sentiment of a normalised, redacted comment. */
export function sentimentOf(model: SentimentModel, normalized: string): { label: SentimentLabel; score: number } {
  if (saysNothing(normalized)) return { label: 'neutral', score: 0 };
  const { han, latinWords } = scriptMix(normalized);
  const emoji = emojiValence(normalized);
  const exclamations = Math.min((normalized.match(/!/g) ?? []).length, 3);
  let zh = 0;
  let zhWeight = 0;
  if (han > 0) {
    let logit = scoreText(model, normalized) + 2 * emoji;
    if (exclamations >= 2) logit *= 1 + 0.1 * exclamations; // "太棒了!!!" is surer than "太棒了"
    zh = stretchMargin(Math.tanh(logit / 2), model.info.neutralMargin);
    zhWeight = han;
  }
  let en = 0;
  let enWeight = 0;
  if (latinWords > 0) {
    const result = englishSentiment(normalized);
    en = result.score;
    // A Latin word weighs about two Han characters; English without a sentiment word adds nothing.
    enWeight = result.hits > 0 ? latinWords * 2 : 0;
  }
  let score: number;
  if (zhWeight + enWeight > 0) score = (zh * zhWeight + en * enWeight) / (zhWeight + enWeight);
  else score = emoji === 0 ? 0 : Math.tanh(emoji);
  score = Math.max(-1, Math.min(1, score));
  return { label: labelOf(score), score: Math.round(score * 1000) / 1000 };
}

/** The label of a score: neutral inside the band. */
export function labelOf(score: number): SentimentLabel {
  if (score >= NEUTRAL_BAND) return 'positive';
  if (score <= -NEUTRAL_BAND) return 'negative';
  return 'neutral';
}
