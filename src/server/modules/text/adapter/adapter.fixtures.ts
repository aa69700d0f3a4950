/**
 * Test data for the adapter: a simulated organisation, a Chongqing hot-pot
 * chain whose customers praise and complain in Sichuanese (巴适, 安逸, 板扎 …
 * 孬, 撇, 拉稀摆带 …), words the shared model never saw, with NPS, CSAT and
 * CES beside each comment as a real survey gives them: mostly agreeing with
 * the comment, now and then contradicting it, sometimes saying nothing clear.
 */
import { seededRandom } from '../../../platform/seeded-random.ts';


export interface SimulatedAnswer {
  comment: string;
  /** What the comment says. */
  sentiment: 'positive' | 'negative';
  nps: number;
  csat?: number;
  ces?: number;
}

export const SICHUANESE = {
  positive: ['巴适得板', '安逸惨了', '板扎', '巴适得很', '安逸得很', '扎劲', '巴巴适适的'],
  negative: ['孬得很', '拉稀摆带', '太撇了', '好水哦', '恼火得很', '瓜兮兮的', '撇得很'],
};
const ITEMS = ['锅底', '毛肚', '鸭肠', '黄喉', '服务', '上菜', '环境', '蘸碟', '这顿火锅', '老板', '服务员'];
const FRAMES = ['{item}{w}', '今天的{item}{w}', '{item}硬是{w}', '{w}，{item}就是这个样子', '我们一家来吃，{item}{w}', '{item}嘛，{w}', '说实话{item}{w}'];

/** Plain Mandarin comments any reader (and the shared model) understands. */
export const ORDINARY = {
  positive: [
    '服务很热情，上菜也快',
    '味道很好，下次还来',
    '环境干净，服务员态度很好',
    '菜品新鲜，分量足，非常满意',
    '服务周到，推荐给朋友了',
    '毛肚很新鲜，锅底很香，好吃',
  ],
  negative: [
    '等了一个小时才上菜，太失望了',
    '服务员态度很差，叫了几次都没人理',
    '菜不新鲜，吃完肚子不舒服',
    '价格太贵了，分量还少，不会再来了',
    '环境很脏，桌子也没擦干净，很失望',
    '上错菜还不承认，体验很糟糕',
  ],
};

/**
 * `n` answers: a share `local` in Sichuanese, the rest ordinary. About 6 % of
 * the scores contradict the comment (a weak label gone wrong), 5 % disagree
 * among themselves (dropped) and 5 % are middling (no label).
 */
export function simulatedAnswers(n: number, seed: number, local = 0.6): SimulatedAnswer[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const answers: SimulatedAnswer[] = [];
  for (let i = 0; i < n; i++) {
    const sentiment = random() < 0.6 ? 'positive' : 'negative';
    const comment =
      random() < local ? pick(FRAMES).replace('{item}', pick(ITEMS)).replace('{w}', pick(SICHUANESE[sentiment])) : pick(ORDINARY[sentiment]);
    const roll = random();
    const looksPositive = (sentiment === 'positive') !== (roll < 0.06);
    const answer: SimulatedAnswer = { comment, sentiment, nps: looksPositive ? between(9, 10) : between(0, 4) };
    if (random() < 0.5) answer.csat = looksPositive ? between(4, 5) : between(1, 2);
    if (random() < 0.3) answer.ces = looksPositive ? between(6, 7) : between(1, 2);
    if (roll >= 0.06 && roll < 0.11) answer.csat = looksPositive ? 1 : 5; // the scores disagree: no label
    if (roll >= 0.11 && roll < 0.16) Object.assign(answer, { nps: 7, csat: 3, ces: undefined }); // nothing clear
    answers.push(answer);
  }
  return answers;
}

/** Answers in plain Mandarin whose scores agree with them: nothing the shared model gets wrong. */
export function ordinaryAnswers(n: number, seed: number): SimulatedAnswer[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const sentiment = random() < 0.6 ? 'positive' : 'negative';
    const list = ORDINARY[sentiment];
    return { comment: list[Math.floor(random() * list.length)]!, sentiment, nps: sentiment === 'positive' ? 10 : 2 };
  });
}
