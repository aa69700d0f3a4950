/**
 * Synthetic respondents for the demo's culture assessment: about 500 answers spread over the units and
 * levels of 星辰零售, with the patterns the dashboard should show. Three units are visionary-like (the CX
 * office, Xuhui and West Lake: high pillars, a majority "core of our DNA", an ideal experience and a
 * vision team in place), three are weak (Pudong and its delivery team, Nanshan); guidance by the vision
 * drops below management; KPIs and rituals trail empathy; front-line empowerment is low. A few cells are
 * small on purpose (four C-suite answers at head office, the Tianhe delivery team's four answers in all),
 * so the anonymity rules visibly hide them. Deterministic: the same seed gives the same answers.
 */
import type { CultureLevel as Level, TenureBand, VisionState } from '../../contracts/culture.ts';
import { mulberry32, type Rng } from './demo-random.ts';

export interface SyntheticAnswer {
  unit: string;
  level: Level;
  tenure: TenureBand;
  answers: Record<string, number | string>;
  comment: string | null;
}

/** Per unit (demo unit key): its tone (how far above or below the organisation it sits) and respondents per level. */
const PLAN: Record<string, { tone: number; levels: Partial<Record<Level, number>> }> = {
  hq: { tone: 0.3, levels: { c_suite: 4, executive: 9, support: 38 } },
  cx: { tone: 0.9, levels: { executive: 2, manager: 4, non_manager: 8, support: 16 } },
  east: { tone: 0.2, levels: { executive: 5, manager: 9, support: 14 } },
  south: { tone: -0.2, levels: { executive: 4, manager: 7, support: 11 } },
  xuhui: { tone: 1.0, levels: { manager: 7, non_manager: 58, support: 8 } },
  pudong: { tone: -0.7, levels: { manager: 6, non_manager: 52, support: 6 } },
  xihu: { tone: 0.8, levels: { manager: 5, non_manager: 46, support: 5 } },
  tianhe: { tone: 0, levels: { manager: 6, non_manager: 49, support: 7 } },
  nanshan: { tone: -0.6, levels: { manager: 5, non_manager: 38, support: 3 } },
  'xuhui-delivery': { tone: 0.4, levels: { manager: 2, non_manager: 31 } },
  'pudong-delivery': { tone: -0.8, levels: { manager: 2, non_manager: 27 } },
  'tianhe-delivery': { tone: -0.1, levels: { manager: 1, non_manager: 3 } },
};

const LEVEL_SHIFT: Record<Level, number> = { c_suite: 0.6, executive: 0.4, manager: 0.15, non_manager: -0.15, support: -0.3 };

/** How each item sits against the base: guidance fades down the hierarchy, performance and recruiting lag, KPIs and rituals trail. */
const ITEM_SHIFT: Record<string, number> = {
  ideal_cx_in_vision: 0,
  vision_team: -0.2,
  guidance_c_suite: 1.0,
  guidance_executive: 0.6,
  guidance_manager: 0.2,
  guidance_non_manager: -0.5,
  guidance_support: -0.8,
  strategy_business: 0.6,
  strategy_marketing: 0.4,
  strategy_cx: 0.3,
  strategy_performance: -0.5,
  strategy_operations: 0.1,
  strategy_sales: 0.2,
  strategy_it: -0.1,
  strategy_recruiting: -0.6,
  embed_advertising: 0.4,
  embed_products: 0.3,
  embed_structure: -0.2,
  embed_support: 0.1,
  embed_operations_hr: -0.2,
  embed_rnd: -0.3,
  embed_touchpoints: 0,
  eco_partners: -0.2,
  eco_mna: -0.4,
};
const PILLAR_SHIFT: Record<string, number> = { empathy: 0.3, data_driven: 0, all_hands: 0.1, executive_support: 0.2, empowerment: -0.2, kpis: -0.4, rituals: -0.3 };

const COMMENTS_GOOD = [
  '每周例会上分享客户故事，大家都很受触动。',
  '店长给了我们当场补偿的权限，处理投诉快多了。',
  'Seeing our NPS every morning keeps the whole team focused.',
  'Leaders joined our Saturday shifts; it showed they really care.',
  '希望继续保持现在的表彰方式，很真诚。',
];
const COMMENTS_WEAK = [
  '考核里几乎没有客户体验指标，大家只盯销售额。',
  '遇到特殊情况要层层审批，客户等不了。',
  '配送高峰期人手不够，经常被客户投诉。',
  'Nobody tells us what the customer feedback says about our store.',
  'We need better tools; the order system is slow at checkout.',
  '愿景写在墙上，但没人解释它和我们日常工作有什么关系。',
  'Recognition feels like a formality; the same people win every month.',
];

const clamp = (x: number) => Math.min(5, Math.max(1, Math.round(x)));

function visionState(rng: Rng, s: number): VisionState {
  return rng.weighted([
    ['core_dna', 0.28 * Math.exp(1.7 * s)],
    ['understood', 0.5],
    ['not_understood', 0.13 * Math.exp(-1.3 * s)],
    ['outdated', 0.07 * Math.exp(-1.3 * s)],
  ]);
}

function tenure(rng: Rng, level: Level): TenureBand {
  const senior = level === 'c_suite' || level === 'executive';
  return rng.weighted([
    ['lt1', senior ? 0.05 : 0.22],
    ['y1_3', senior ? 0.15 : 0.36],
    ['y3_5', senior ? 0.3 : 0.24],
    ['y5_plus', senior ? 0.5 : 0.18],
  ]);
}

/** Every synthetic respondent of the closed vision-culture assessment; `pillarItems` are the template's pillar item keys. */
export function syntheticAnswers(pillarItems: ReadonlyArray<{ key: string; pillar: string }>, seed = 12): SyntheticAnswer[] {
  const rng = mulberry32(seed);
  const out: SyntheticAnswer[] = [];
  for (const [unit, { tone, levels }] of Object.entries(PLAN)) {
    for (const [level, count] of Object.entries(levels) as Array<[Level, number]>) {
      for (let i = 0; i < count; i++) {
        const person = tone + LEVEL_SHIFT[level] + rng.normal() * 0.4;
        const answers: Record<string, number | string> = { vision_state: visionState(rng, person) };
        const rate = (shift: number) => clamp(3.2 + person + shift + rng.normal() * 0.8);
        for (const [key, shift] of Object.entries(ITEM_SHIFT)) {
          // The two traits of visionary units lean on the unit's tone more than any other item.
          const extra = key === 'ideal_cx_in_vision' || key === 'vision_team' ? tone * 0.8 : 0;
          if (rng.next() > 0.03) answers[key] = rate(shift + extra);
        }
        for (const { key, pillar } of pillarItems) {
          const frontLine = pillar === 'empowerment' && level === 'non_manager' ? -0.4 : 0;
          if (rng.next() > 0.03) answers[key] = rate((PILLAR_SHIFT[pillar] ?? 0) + frontLine);
        }
        const comment = rng.next() < 0.16 ? rng.pick(person > 0.2 ? COMMENTS_GOOD : COMMENTS_WEAK) : null;
        out.push({ unit, level, tenure: tenure(rng, level), answers, comment });
      }
    }
  }
  return out;
}

/** Pulse answers (one item per pillar) of a few real employees, a little better than before on the plans' pillars. */
export function pulseAnswers(pillars: readonly string[], count: number, seed = 21): Array<Record<string, number>> {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const person = rng.normal() * 0.4;
    return Object.fromEntries(pillars.map((p) => [`${p}_1`, clamp(3.4 + person + (PILLAR_SHIFT[p] ?? 0) + (p === 'kpis' ? 0.5 : 0) + rng.normal() * 0.7)]));
  });
}

/** The 0–100 index of a pillar over answers (mean of (x − 1) / 4 × 100). */
export function pillarIndex(answers: ReadonlyArray<Record<string, number | string>>, keys: readonly string[]): number {
  const values = answers.flatMap((a) => keys.map((k) => a[k]).filter((v): v is number => typeof v === 'number'));
  return values.length ? Math.round((values.reduce((s, v) => s + ((v - 1) / 4) * 100, 0) / values.length) * 10) / 10 : 0;
}
