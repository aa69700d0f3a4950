/**
 * The demo's listening data as plain values (no database): customers,
 * interactions over the last six months and the answers their customers give.
 * Scores come from real drivers so driver analysis finds them: the Pudong store
 * and home delivery are worse, unresolved or slow cases cost points, a few star
 * employees lift them, and everything improves a little month by month.
 */
import { composeComment, type DemoTouchpoint } from './demo-comments.ts';
import { DEMO_EMPLOYEES } from './demo-org.ts';
import type { Rng } from './demo-random.ts';

export type DemoSize = 'small' | 'medium' | 'large';
const SCALE: Record<DemoSize, number> = { small: 1, medium: 10, large: 50 };
export const demoCounts = (size: DemoSize) => ({ customers: 300 * SCALE[size], interactions: 2000 * SCALE[size] });

const DAY = 86_400_000;
/** Interactions span this many days back from now (over six calendar months). */
export const HISTORY_DAYS = 182;
const RESPONSE_RATE = 0.6;

const STORES = [
  ['xuhui', 30],
  ['pudong', 25],
  ['xihu', 15],
  ['tianhe', 18],
  ['nanshan', 12],
] as const;
type Store = (typeof STORES)[number][0];
const STORE_EFFECT: Record<Store, number> = { xuhui: 0.5, pudong: -1.3, xihu: 0.2, tianhe: 0, nanshan: 0.3 };
/** Star employees lift their customers' scores; a couple drag them down. */
const EMPLOYEE_EFFECT: Record<string, number> = { 'wang-fang': 1.3, 'feng-xin': 0.9, 'song-jie': 0.5, 'zheng-hao': -0.9, 'zhao-min': -0.3 };

const TOUCHPOINTS: Record<DemoTouchpoint, { channel: string; type: string; effect: number; weight: number }> = {
  store_checkout: { channel: 'store', type: 'purchase', effect: 0.3, weight: 40 },
  home_delivery: { channel: 'delivery', type: 'delivery', effect: -0.8, weight: 25 },
  hotline: { channel: 'phone', type: 'inquiry', effect: -0.3, weight: 15 },
  mini_program: { channel: 'app', type: 'order', effect: 0.1, weight: 20 },
};

const SEGMENTS = [
  { segment: 'regular', label: '普通', weight: 60, value: [200, 3000], effect: 0 },
  { segment: 'silver', label: '银卡', weight: 28, value: [3000, 12000], effect: 0.15 },
  { segment: 'gold', label: '金卡', weight: 12, value: [12000, 60000], effect: 0.3 },
] as const;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力梅鑫晨宇欣怡子涵浩然雨轩思琪佳俊嘉慧婷博睿雪琳晓东海燕志鹏';

export interface DemoCustomer {
  externalId: string;
  name: string;
  phone: string;
  email: string | null;
  segment: string;
  value: number;
  attributes: { segmentLabel: string; homeStore: Store; lang: 'zh-CN' | 'en' };
  effect: number;
}

export function makeCustomers(rng: Rng, n: number): DemoCustomer[] {
  return Array.from({ length: n }, (_, i) => {
    const seg = rng.weighted(SEGMENTS.map((s) => [s, s.weight] as const));
    const given = rng.pick([...GIVEN]) + (rng.next() < 0.7 ? rng.pick([...GIVEN]) : '');
    const lang = rng.next() < 0.18 ? 'en' : 'zh-CN';
    return {
      externalId: `DEMO-C${String(i + 1).padStart(6, '0')}`,
      name: rng.pick([...SURNAMES]) + given,
      phone: `1${rng.pick(['38', '39', '58', '86', '35'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      email: rng.next() < 0.3 ? `customer${i + 1}@example.com` : null,
      segment: seg.segment,
      value: Math.round(seg.value[0] + rng.next() * (seg.value[1] - seg.value[0])),
      attributes: { segmentLabel: seg.label, homeStore: rng.weighted(STORES), lang },
      effect: seg.effect,
    };
  });
}

/** Who serves a touchpoint at a store; delivery falls back to the counter where a store has no courier team. */
function staffFor(store: Store, tp: DemoTouchpoint): string[] {
  const at = (unit: string, positions: string[]) =>
    DEMO_EMPLOYEES.filter((e) => e.unit === unit && positions.includes(e.position)).map((e) => e.key);
  if (tp === 'home_delivery') return at(`${store}-delivery`, ['courier']);
  if (tp === 'hotline') return at(store, ['front-desk']);
  if (tp === 'mini_program') return at(store, ['associate']).length ? at(store, ['associate']) : at(store, ['front-desk']);
  return at(store, ['front-desk', 'associate']);
}

export interface DemoInteraction {
  externalId: string;
  customer: number;
  employeeKey: string;
  touchpoint: DemoTouchpoint;
  channel: string;
  type: string;
  amount: number | null;
  occurredAt: Date;
  resolvedFirstContact: boolean;
  resolutionMinutes: number;
  converted: boolean;
  churned: boolean;
  /** The experience the customer had, on the 0–10 scale, noise included; not stored. */
  experience: number;
  slow: boolean;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Minutes to resolve: quick when resolved at first contact, long (and touchpoint-typical) when not. */
function resolution(rng: Rng, tp: DemoTouchpoint, firstContact: boolean): number {
  const ranges: Record<DemoTouchpoint, [number, number, number, number]> = {
    store_checkout: [2, 10, 20, 120],
    home_delivery: [20, 60, 90, 300],
    hotline: [3, 15, 60, 2880],
    mini_program: [1, 5, 30, 600],
  };
  const [a, b, c, d] = ranges[tp];
  return firstContact ? rng.int(a, b) : rng.int(c, d);
}

export function makeInteractions(rng: Rng, customers: DemoCustomer[], n: number, now: Date): DemoInteraction[] {
  const today = Math.floor(now.getTime() / DAY) * DAY;
  const out: DemoInteraction[] = [];
  for (let i = 0; i < n; i++) {
    const customer = rng.int(0, customers.length - 1);
    const c = customers[customer]!;
    const store: Store = rng.next() < 0.8 ? c.attributes.homeStore : rng.weighted(STORES);
    let touchpoint = rng.weighted(Object.entries(TOUCHPOINTS).map(([k, v]) => [k as DemoTouchpoint, v.weight] as const));
    if (!staffFor(store, touchpoint).length) touchpoint = 'store_checkout';
    const employeeKey = rng.pick(staffFor(store, touchpoint));
    const daysAgo = rng.int(0, HISTORY_DAYS - 1);
    // 09:00–21:00 Shanghai time is 01:00–13:00 UTC.
    let at = today - daysAgo * DAY + rng.int(60, 780) * 60_000;
    if (at > now.getTime() - 3_600_000) at -= DAY;
    const monthsIn = (HISTORY_DAYS - daysAgo) / 30;
    const tp = TOUCHPOINTS[touchpoint];
    const quality = STORE_EFFECT[store] + tp.effect + (EMPLOYEE_EFFECT[employeeKey] ?? 0) + c.effect + 0.15 * monthsIn - 0.45;
    const firstContact = rng.next() < clamp(0.78 + 0.07 * quality - (touchpoint === 'hotline' ? 0.15 : 0), 0.3, 0.97);
    const minutes = resolution(rng, touchpoint, firstContact);
    const slow = !firstContact || minutes > 60;
    const penalty = (firstContact ? 0 : -1.4) - (minutes > 60 ? Math.min(1.5, Math.log10(minutes / 60 + 1) * 1.5) : 0);
    const experience = 7.6 + quality + penalty + rng.normal() * 1.4;
    const buys = touchpoint !== 'hotline';
    out.push({
      externalId: `DEMO-I${String(i + 1).padStart(7, '0')}`,
      customer,
      employeeKey,
      touchpoint,
      channel: tp.channel,
      type: tp.type,
      amount: buys ? Math.round((20 + rng.next() * 480) * 100) / 100 : null,
      occurredAt: new Date(at),
      resolvedFirstContact: firstContact,
      resolutionMinutes: minutes,
      converted: rng.next() < clamp((buys ? 0.1 : 0.03) + 0.035 * experience, 0, 0.9),
      churned: rng.next() < (experience < 5 ? 0.25 : experience < 7 ? 0.1 : 0.02),
      experience,
      slow,
    });
  }
  return out;
}

export interface DemoAnswer {
  interaction: number;
  submittedAt: Date;
  lang: 'zh-CN' | 'en';
  answers: Record<string, number | string>;
}

/** About 60 % of interactions get an answer, within two days (never after now). */
export function makeAnswers(rng: Rng, customers: DemoCustomer[], interactions: DemoInteraction[], now: Date): DemoAnswer[] {
  const names = new Map(DEMO_EMPLOYEES.map((e) => [e.key, e.name]));
  const out: DemoAnswer[] = [];
  interactions.forEach((it, index) => {
    if (rng.next() >= RESPONSE_RATE) return;
    const lang = customers[it.customer]!.attributes.lang;
    const e = it.experience;
    const nps = Math.round(clamp(e, 0, 10));
    const answers: Record<string, number | string> = {
      nps,
      csat: Math.round(clamp(1 + ((e - 1) / 9) * 4 + rng.normal() * 0.5, 1, 5)),
      ces: Math.round(clamp(1 + ((e + (it.resolvedFirstContact ? 0.5 : -1)) / 10) * 6 + rng.normal() * 0.7, 1, 7)),
      touchpoint: it.touchpoint,
    };
    const comment = composeComment(rng, { nps, lang, touchpoint: it.touchpoint, employeeName: names.get(it.employeeKey) ?? null, slow: it.slow });
    if (comment) answers.comment = comment;
    const submitted = Math.min(it.occurredAt.getTime() + rng.int(20, 2880) * 60_000, now.getTime() - 60_000);
    out.push({ interaction: index, submittedAt: new Date(submitted), lang, answers });
  });
  return out;
}
