/**
 * Realistic open-text comments for the demo's responses: an opener that
 * matches the score, a detail that matches the touchpoint (and how the case
 * was handled), sometimes the serving employee's name. Chinese mostly, English
 * for the customers who answer in English.
 */
import type { Rng } from './demo-random.ts';

export type Sentiment = 'positive' | 'neutral' | 'negative';
export type DemoTouchpoint = 'store_checkout' | 'home_delivery' | 'hotline' | 'mini_program';
type Lang = 'zh-CN' | 'en';
type Pool = Record<Sentiment, string[]>;

const OPENERS: Record<Lang, Pool> = {
  'zh-CN': {
    positive: ['非常满意！', '体验很好，', '这次服务真的不错，', '一如既往地好，', '超出预期，', '给五星好评，'],
    neutral: ['总体还行，', '中规中矩，', '还可以吧，', '一般般，', '没什么特别的，'],
    negative: ['很失望，', '体验很差，', '这次真的不满意，', '有点生气，', '不太满意，', '说实话挺糟糕的，'],
  },
  en: {
    positive: ['Really happy. ', 'Great experience. ', 'Excellent service as always. ', 'Better than I expected. '],
    neutral: ['It was okay. ', 'Nothing special. ', 'Average, I guess. '],
    negative: ['Very disappointed. ', 'Not a good experience. ', 'Frustrating. ', 'Honestly quite bad this time. '],
  },
};

const DETAILS: Record<Lang, Record<DemoTouchpoint, Pool>> = {
  'zh-CN': {
    store_checkout: {
      positive: ['结账很快，不用排队', '店员态度很好', '收银员很熟练，还提醒我用优惠券', '店里很干净，货品齐全'],
      neutral: ['结账排了几分钟队', '价格和别家差不多', '店员比较忙，没太顾得上我'],
      negative: ['排队太久了，只开了一个收银台', '收银员态度冷淡', '会员积分没有算上', '价签和结账价格不一致'],
    },
    home_delivery: {
      positive: ['配送员很准时', '送货上门很快，包装也完好', '快递小哥很有礼貌，还帮我搬上楼', '冷链做得好，冰淇淋都没化'],
      neutral: ['配送时间比预计晚了一点', '东西送到了，包装一般', '配送员没打电话直接放门口了'],
      negative: ['外卖凉了', '迟到了一个多小时', '鸡蛋碎了好几个', '送错地址了，打电话也没人接', '配送员态度很差'],
    },
    hotline: {
      positive: ['客服很快就帮我处理好了', '热线一打就通，解释得很清楚', '退款当天就到账了'],
      neutral: ['等了一会儿才接通', '问题解决了，就是流程有点繁琐'],
      negative: ['打了三次电话才解决', '热线一直占线', '客服只会说会反馈，没有下文', '转了好几个人都没解决'],
    },
    mini_program: {
      positive: ['小程序下单很方便', '优惠券领取很简单', '界面清楚，找商品很快'],
      neutral: ['小程序偶尔有点卡', '功能够用，但不太好找订单'],
      negative: ['小程序支付老是失败', '下单后显示有货，结果缺货被取消', '优惠券用不了，客服也说不清楚'],
    },
  },
  en: {
    store_checkout: {
      positive: ['checkout was quick', 'the staff were really friendly', 'the store was clean and well stocked'],
      neutral: ['had to queue for a few minutes', 'prices are about the same as elsewhere'],
      negative: ['the queue was far too long', 'my member points were not added', 'the shelf price did not match the till'],
    },
    home_delivery: {
      positive: ['the courier was right on time', 'fast delivery and everything arrived intact', 'the courier even carried it upstairs'],
      neutral: ['delivery was a bit later than promised', 'it arrived, packaging was so-so'],
      negative: ['the food arrived cold', 'over an hour late', 'several eggs were broken', 'delivered to the wrong address'],
    },
    hotline: {
      positive: ['the hotline sorted it out in one call', 'got my refund the same day'],
      neutral: ['took a while to get through', 'solved in the end, but too many steps'],
      negative: ['took three calls to get it fixed', 'the line was always busy', 'kept being transferred and nothing happened'],
    },
    mini_program: {
      positive: ['ordering in the mini program is easy', 'coupons were simple to use'],
      neutral: ['the mini program lags sometimes', 'hard to find my orders in the app'],
      negative: ['payment in the mini program kept failing', 'the item showed in stock and then got cancelled'],
    },
  },
};

const PRAISE: Record<Lang, string[]> = {
  'zh-CN': ['谢谢{name}的耐心解答', '{name}服务特别周到', '要表扬一下{name}', '{name}很专业，推荐'],
  en: ['thanks to {name} for being so patient', '{name} was very helpful', 'special thanks to {name}'],
};

const SLOW: Record<Lang, string[]> = {
  'zh-CN': ['问题拖了很久才处理完', '等了半天才有人回复'],
  en: ['it took ages to get resolved', 'waited far too long for an answer'],
};

const CLOSERS: Record<Lang, Pool> = {
  'zh-CN': {
    positive: ['。会继续支持！', '。下次还来。', '。', '，推荐给朋友了。'],
    neutral: ['。', '，希望能改进。', '。'],
    negative: ['。希望尽快改进。', '，不会再来了。', '。', '，请给个说法。'],
  },
  en: {
    positive: ['. Will come back!', '.', '. Recommended.'],
    neutral: ['.', '. Could be better.'],
    negative: ['. Please fix this.', '.', ". Won't order again."],
  },
};

/** Pinyin of the serving employees, for English comments that name them. */
const PINYIN: Record<string, string> = {
  王芳: 'Wang Fang', 李娜: 'Li Na', 张伟: 'Zhang Wei', 刘洋: 'Liu Yang', 赵敏: 'Zhao Min', 吴磊: 'Wu Lei', 郑浩: 'Zheng Hao',
  马莉: 'Ma Li', 高鹏: 'Gao Peng', 梁宇: 'Liang Yu', 宋杰: 'Song Jie', 冯欣: 'Feng Xin', 邓超: 'Deng Chao',
};

export const sentimentOf = (nps: number): Sentiment => (nps >= 9 ? 'positive' : nps >= 7 ? 'neutral' : 'negative');

export interface CommentInput {
  nps: number;
  lang: Lang;
  touchpoint: DemoTouchpoint;
  employeeName: string | null;
  slow: boolean;
}

/** A comment, or null when this respondent leaves the box empty (detractors write most, passives least). */
export function composeComment(rng: Rng, c: CommentInput): string | null {
  const s = sentimentOf(c.nps);
  if (rng.next() > (s === 'negative' ? 0.85 : s === 'positive' ? 0.7 : 0.5)) return null;
  const zh = c.lang === 'zh-CN';
  const parts = [rng.pick(DETAILS[c.lang][c.touchpoint][s])];
  if (s === 'negative' && c.slow && rng.next() < 0.6) parts.push(rng.pick(SLOW[c.lang]));
  if (s !== 'negative' && c.employeeName && rng.next() < (s === 'positive' ? 0.45 : 0.1)) {
    const name = zh ? c.employeeName : (PINYIN[c.employeeName] ?? c.employeeName);
    parts.push(rng.pick(PRAISE[c.lang]).replace('{name}', name));
  }
  const body = parts.join(zh ? '，' : ', ');
  const opener = rng.next() < 0.75 ? rng.pick(OPENERS[c.lang][s]) : '';
  const text = opener + (zh ? body : body[0]!.toUpperCase() + body.slice(1)) + rng.pick(CLOSERS[c.lang][s]);
  return text.replace(/，。/g, '。');
}

/** How many distinct fixed phrases the composer draws from (the demo promises at least 40). */
export function templateCount(): number {
  const pools = [OPENERS, CLOSERS].flatMap((byLang) => Object.values(byLang).flatMap((p) => Object.values(p)));
  const details = Object.values(DETAILS).flatMap((byTp) => Object.values(byTp).flatMap((p) => Object.values(p)));
  return [...pools, ...details, ...Object.values(PRAISE), ...Object.values(SLOW)].reduce((n, list) => n + list.length, 0);
}
