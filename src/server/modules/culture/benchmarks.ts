/**
 * Published reference figures (CULTURE.md §4): IBM Institute for Business
 * Value, "CX north star" study (Chinese edition), 1,003 executives responsible
 * for brand vision and CX; "visionaries" are 14 % of them. Self-reported.
 *
 * Figures are percentages of respondents; for a likert item they sit beside the
 * organisation's "% favourable". They are context, not targets. `approximate`
 * marks figures read from chart labels whose assignment to rows is uncertain
 * (shown with "≈" and the note); exact ones are stated in the report's text.
 * Row keys are template item keys; the vision-state rows use `vision_state:<state>`.
 */
import type { VisionState } from './vocabulary.ts';

export type Bilingual = { 'zh-CN': string; en: string };

export interface BenchmarkRow {
  item: string;
  visionaries?: number;
  others?: number;
  all?: number;
  approximate: boolean;
  /** Ranges read from charts where the report gives no figure per row (always approximate). */
  range?: { visionaries?: [number, number]; others?: [number, number] };
  note?: Bilingual;
}

export const BENCHMARK_SOURCE = {
  name: {
    'zh-CN': 'IBM 商业价值研究院「客户体验北极星」研究（中文版）',
    en: 'IBM Institute for Business Value, "CX north star" study (Chinese edition)',
  } satisfies Bilingual,
  respondents: 1003,
  visionaryShare: 14,
  selfReported: true,
} as const;

export const visionStateItem = (state: VisionState) => `vision_state:${state}` as const;

const CHART_NOTE: Bilingual = {
  'zh-CN': '约数：读自报告图表的标签，标签与行的对应并不完全确定，仅供参考。',
  en: 'Approximate: read from chart labels in the report; which label belongs to which row is not certain. For orientation only.',
};
const OUTDATED_NOTE: Bilingual = {
  'zh-CN': '约数：报告未直接给出，为其余三项（33 %、51 %、10 %）之外的剩余部分。',
  en: 'Approximate: not stated in the report; it is what remains after the other three states (33 %, 51 %, 10 %).',
};
const STRATEGY_OTHERS_NOTE: Bilingual = {
  'zh-CN': '约数（读自图表）。其他企业在各项职能战略上约为 39 %–78 %，与愿景引领者差距最大的是绩效考核和招聘。',
  en: 'Approximate (read from a chart). Other companies sit between about 39 % and 78 % across the functional strategies; the widest gaps to visionaries are in performance evaluation and recruiting.',
};
const EMBED_NOTE: Bilingual = {
  'zh-CN': '约数：报告只给出范围——愿景引领者在七个方面约为 80 %–96 %，其他企业约为 49 %–72 %，未逐项列出。',
  en: 'Approximate: the report gives ranges only — visionaries about 80–96 % across the seven aspects, other companies about 49–72 % — not a figure per aspect.',
};
const DEFINITION_NOTE: Bilingual = {
  'zh-CN': '愿景引领者按定义全部具备这一特征。',
  en: 'Visionaries have this trait by definition.',
};

const OTHERS_STRATEGY_RANGE: [number, number] = [39, 78];
const EMBED_RANGE = { visionaries: [80, 96] as [number, number], others: [49, 72] as [number, number] };

const guidance = (item: string, visionaries: number, others: number): BenchmarkRow => ({ item, visionaries, others, approximate: true, note: CHART_NOTE });
const strategy = (item: string, visionaries: number): BenchmarkRow => ({
  item,
  visionaries,
  approximate: true,
  range: { others: OTHERS_STRATEGY_RANGE },
  note: STRATEGY_OTHERS_NOTE,
});
const embedding = (item: string): BenchmarkRow => ({ item, approximate: true, range: EMBED_RANGE, note: EMBED_NOTE });

export const REPORT_BENCHMARKS: readonly BenchmarkRow[] = [
  // Vision state: all respondents (exact except "outdated", the remainder); visionaries vs others for core DNA.
  { item: visionStateItem('core_dna'), all: 33, visionaries: 100, others: 22, approximate: false, note: DEFINITION_NOTE },
  { item: visionStateItem('understood'), all: 51, approximate: false },
  { item: visionStateItem('not_understood'), all: 10, approximate: false },
  { item: visionStateItem('outdated'), all: 6, approximate: true, note: OUTDATED_NOTE },
  // The two other defining traits of visionaries (exact).
  { item: 'ideal_cx_in_vision', visionaries: 100, others: 51, approximate: false, note: DEFINITION_NOTE },
  { item: 'vision_team', visionaries: 100, others: 21, approximate: false, note: DEFINITION_NOTE },
  // How far the vision guides each level (chart-read).
  guidance('guidance_c_suite', 97, 83),
  guidance('guidance_executive', 90, 62),
  guidance('guidance_manager', 81, 58),
  guidance('guidance_non_manager', 47, 25),
  guidance('guidance_support', 39, 17),
  // Functional strategies aligned with the vision: CX is stated in the text, the rest chart-read.
  strategy('strategy_business', 95),
  strategy('strategy_marketing', 91),
  { item: 'strategy_cx', visionaries: 90, approximate: false, range: { others: OTHERS_STRATEGY_RANGE }, note: STRATEGY_OTHERS_NOTE },
  strategy('strategy_performance', 87),
  strategy('strategy_operations', 86),
  strategy('strategy_sales', 85),
  strategy('strategy_it', 79),
  strategy('strategy_recruiting', 70),
  // Where the vision is embedded: operations and employee policy is stated in the text, the rest are ranges.
  embedding('embed_advertising'),
  embedding('embed_products'),
  embedding('embed_structure'),
  embedding('embed_support'),
  { item: 'embed_operations_hr', visionaries: 81, approximate: false, range: { others: EMBED_RANGE.others }, note: EMBED_NOTE },
  embedding('embed_rnd'),
  embedding('embed_touchpoints'),
  // The vision in the ecosystem (exact).
  { item: 'eco_partners', visionaries: 68, others: 40, approximate: false },
  { item: 'eco_mna', visionaries: 65, others: 36, approximate: false },
];

/** The reference row of an item key, if the report has one. */
export const benchmarkFor = (item: string): BenchmarkRow | undefined => REPORT_BENCHMARKS.find((row) => row.item === item);
