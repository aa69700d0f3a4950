/**
 * Function words the Chinese model treats specially: negators open a scope
 * whose words get their own features, contrast words make the clause after
 * them count separately (it usually carries the verdict). Degree words (很, 太,
 * 有点) need no list: the character n-grams learn them (非常好 vs 有点慢).
 */

/** Words that negate what follows in their clause (jieba keeps many as one token: 不是, 没有, 不太). */
export const NEGATORS = new Set([
  '不', '没', '没有', '别', '未', '无', '非', '不是', '并不', '并非', '从不', '从未', '绝不', '毫无', '不太', '不怎么', '不够',
  '不会', '不能', '没什么', '不算', '不再', '不要', '未能', '无法', '一点也不', '一点都不', '根本不', '根本没',
]);

/** Words after which the rest of the sentence dominates ("好看，但是太贵了"). */
export const CONTRAST = new Set(['但是', '但', '不过', '可是', '然而', '只是', '却', '可惜', '就是', '但就是', '可就是']);

/** Emoji and emoticons with a clear valence (−1..1), for Chinese and English comments alike. */
export const EMOJI: ReadonlyMap<string, number> = new Map([
  ['😀', 0.8], ['😃', 0.8], ['😄', 0.8], ['😁', 0.8], ['😊', 0.8], ['🙂', 0.5], ['😍', 1], ['🥰', 1], ['😘', 0.8], ['👍', 0.8],
  ['👏', 0.8], ['💯', 0.9], ['❤', 0.9], ['❤️', 0.9], ['♥', 0.8], ['💕', 0.8], ['🌹', 0.6], ['🎉', 0.7], ['😂', 0.3], ['🤣', 0.3],
  ['😋', 0.7], ['🙏', 0.5], ['✨', 0.5], ['👌', 0.7], ['🥳', 0.8], ['😇', 0.6], ['😎', 0.5],
  ['😞', -0.7], ['😔', -0.6], ['😟', -0.6], ['😢', -0.7], ['😭', -0.8], ['😡', -1], ['😠', -0.9], ['🤬', -1], ['👎', -0.9],
  ['💔', -0.8], ['😤', -0.7], ['😒', -0.6], ['🙄', -0.6], ['😩', -0.7], ['😫', -0.7], ['🤮', -1], ['🤢', -0.8], ['😓', -0.5],
  ['😰', -0.5], ['😱', -0.5], ['😑', -0.4], ['😐', -0.2], ['🙁', -0.6], ['☹', -0.7], ['💩', -0.9],
  [':)', 0.6], [':-)', 0.6], [':d', 0.7], ['^_^', 0.6], [':(', -0.6], [':-(', -0.6], [":'(", -0.7],
]);
