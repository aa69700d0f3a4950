/**
 * Shared vocabulary of the culture and vision assessment (issue 12).
 * Every other culture file imports its keys from here so that the
 * database, the engine, the API and the web client agree on spelling.
 */

/** Organisational levels, from the top of the hierarchy down. */
export const LEVELS = ['c_suite', 'executive', 'manager', 'non_manager', 'support'] as const;
export type Level = (typeof LEVELS)[number];

/** Tenure bands: under a year, 1–3 years, 3–5 years, five years or more. */
export const TENURE_BANDS = ['lt1', 'y1_3', 'y3_5', 'y5_plus'] as const;
export type TenureBand = (typeof TENURE_BANDS)[number];

/** Answers to the single-choice item `vision_state`, worst to best. */
export const VISION_STATES = ['outdated', 'not_understood', 'understood', 'core_dna'] as const;
export type VisionState = (typeof VISION_STATES)[number];

/** The seven culture pillars. */
export const PILLARS = [
  'empathy',
  'data_driven',
  'all_hands',
  'executive_support',
  'empowerment',
  'kpis',
  'rituals',
] as const;
export type Pillar = (typeof PILLARS)[number];

/** Section keys of the built-in `vision-culture` template, in display order. */
export const SECTIONS = [
  'vision_state',
  'guidance_by_level',
  'strategy_alignment',
  'embedding',
  'ecosystem',
  'pillars',
  'comment',
] as const;
export type SectionKey = (typeof SECTIONS)[number];

/** Item keys with a fixed meaning in the engine (segmentation, benchmarks). */
export const VISION_STATE_ITEM = 'vision_state';
export const IDEAL_CX_ITEM = 'ideal_cx_in_vision';
export const VISION_TEAM_ITEM = 'vision_team';
export const COMMENT_ITEM = 'comment';

/** `guidance_<level>` items, one per level. */
export const GUIDANCE_ITEMS = LEVELS.map((level) => `guidance_${level}` as const);
export type GuidanceItem = (typeof GUIDANCE_ITEMS)[number];

export const STRATEGY_ITEMS = [
  'strategy_business',
  'strategy_marketing',
  'strategy_cx',
  'strategy_performance',
  'strategy_operations',
  'strategy_sales',
  'strategy_it',
  'strategy_recruiting',
] as const;
export type StrategyItem = (typeof STRATEGY_ITEMS)[number];

export const EMBEDDING_ITEMS = [
  'embed_advertising',
  'embed_products',
  'embed_structure',
  'embed_support',
  'embed_operations_hr',
  'embed_rnd',
  'embed_touchpoints',
] as const;
export type EmbeddingItem = (typeof EMBEDDING_ITEMS)[number];

export const ECOSYSTEM_ITEMS = ['eco_partners', 'eco_mna'] as const;
export type EcosystemItem = (typeof ECOSYSTEM_ITEMS)[number];

/** Pillar item key, e.g. `pillarItemKey('empathy', 1)` = `empathy_1`. */
export function pillarItemKey(pillar: Pillar, n: number): `${Pillar}_${number}` {
  return `${pillar}_${n}`;
}

/** Maturity stages, lowest first. */
export const MATURITY_LEVELS = ['investigate', 'initiate', 'mobilise', 'scale', 'embed'] as const;
export type Maturity = (typeof MATURITY_LEVELS)[number];

/**
 * Index bands of each maturity stage: `from` inclusive, `to` exclusive
 * except for the last band, which includes 100.
 */
export const MATURITY_BANDS: ReadonlyArray<{ maturity: Maturity; from: number; to: number }> = [
  { maturity: 'investigate', from: 0, to: 20 },
  { maturity: 'initiate', from: 20, to: 40 },
  { maturity: 'mobilise', from: 40, to: 60 },
  { maturity: 'scale', from: 60, to: 80 },
  { maturity: 'embed', from: 80, to: 100 },
];

/** Likert answers run from 1 to 5; 4 and 5 count as favourable. */
export const LIKERT_MIN = 1;
export const LIKERT_MAX = 5;
export const FAVOURABLE_FROM = 4;

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}
export function isPillar(value: unknown): value is Pillar {
  return typeof value === 'string' && (PILLARS as readonly string[]).includes(value);
}
export function isVisionState(value: unknown): value is VisionState {
  return typeof value === 'string' && (VISION_STATES as readonly string[]).includes(value);
}
export function isTenureBand(value: unknown): value is TenureBand {
  return typeof value === 'string' && (TENURE_BANDS as readonly string[]).includes(value);
}
