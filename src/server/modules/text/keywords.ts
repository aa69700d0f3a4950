/**
 * Keywords of one comment: jieba's TF-IDF (its shipped IDF table) over nouns,
 * verbs and adjectives for Chinese, word counts without stop words for
 * English. They become the comment's topics, through the organisation's
 * renames and merges (topics.service.ts).
 */
import { AFINN } from './lexicon.en.ts';
import { SERVICE_LEXICON } from './lexicon.service.ts';
import { keywordExtractor, segmenter } from './segmenter.ts';

/** Keywords kept per comment. */
export const KEYWORDS_PER_COMMENT = 5;

// Words that say nothing about what a comment is about: sentiment and degree words, fillers, shopping generics.
const ZH_STOP = new Set(
  ('非常 特别 十分 比较 有点 还是 就是 但是 不过 可是 然而 虽然 因为 所以 而且 觉得 感觉 真的 确实 一直 已经 还有 没有 不是 这个 那个 这次 这样 那样 这么 那么 什么 怎么 ' +
    '东西 一下 一点 一个 一些 时候 问题 情况 知道 希望 以后 下次 还会 可以 不错 很好 满意 不满意 喜欢 失望 好评 差评 推荐 总体 整体 体验 服务 感谢 谢谢 ' +
    '一般 还行 太差 挺好 很差 特别 收到 购买 买 用 说 看 有 是 会 要 去 来 给 让 把 被 都 也 很 太 好 差 快 慢 多 少 大 小').split(' '),
);
const ZH_POS = ['n', 'nr', 'ns', 'nt', 'nz', 'vn', 'v', 'a', 'an', 'ng', 'vd', 'x'];

const EN_STOP = new Set(
  ('a an the and or but if then so to of in on at for with from by as is are was were be been being it its this that these those i me my we our you your he she they them ' +
    'their there here not no very really just too also than more most much many some any all only own same can could would should will did do does done have has had ' +
    'get got again ever even still when what which who whom how why where over under about after before into out up down off am im ive dont didnt wasnt isnt ' +
    'good great bad nice ok okay fine happy service experience thanks thank time well like lot bit way one two three slightly nothing special job').split(' '),
);

/** Up to KEYWORDS_PER_COMMENT keywords of a normalised, redacted comment, Chinese ones first. */
export function keywordsOf(normalized: string, hasChinese: boolean): string[] {
  const out: string[] = [];
  if (hasChinese) {
    const zhOnly = normalized.replace(/[a-z']+/g, ' ');
    for (const k of keywordExtractor().extractKeywords(segmenter(), zhOnly, KEYWORDS_PER_COMMENT * 2, ZH_POS)) {
      if (isChineseKeyword(k.keyword)) out.push(k.keyword);
      if (out.length >= KEYWORDS_PER_COMMENT) return out;
    }
  }
  const counts = new Map<string, number>();
  for (const m of normalized.matchAll(/[a-z]+(?:'[a-z]+)?/g)) {
    const w = stem(m[0].replace(/'/g, ''));
    if (w.length >= 3 && !EN_STOP.has(w) && AFINN[w] === undefined) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  for (const [w] of [...counts].sort((a, b) => b[1] - a[1])) {
    if (out.length >= KEYWORDS_PER_COMMENT) break;
    out.push(w);
  }
  return out;
}

function isChineseKeyword(k: string): boolean {
  // Sentiment words say how, not what: 太慢 and 热情 are not topics.
  return k.length >= 2 && /^[\u3400-\u9fff]+$/.test(k) && !ZH_STOP.has(k) && !SERVICE_LEXICON.has(k) && !/^[不没无别未太很]/.test(k);
}

/** A light plural stem ("couriers" → "courier", "deliveries" → "delivery") so topics do not split on number. */
function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}
