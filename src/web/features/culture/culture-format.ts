import type { TFunction } from 'i18next';
import { LEVELS, VISION_STATES, type BenchmarkRow, type Pillar } from './culture.api.ts';

/** One decimal, or an em dash for a missing figure. */
export const fmt = (value: number | null | undefined, digits = 0) => (value === null || value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits));
/** A 0–1 or 0–100 share as a percentage (the API sends percentages 0–100). */
export const pct = (value: number | null | undefined, digits = 0) => (value === null || value === undefined ? '—' : `${value.toFixed(digits)}%`);
export const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
/** The mean of the pillar indexes that are present: the overall index of a group. */
export const overallOf = (pillars: Partial<Record<Pillar, { index: number } | number>> | undefined) =>
  mean(Object.values(pillars ?? {}).map((v) => (typeof v === 'number' ? v : v!.index)));

/** Units in tree order (parents before children, siblings by name) with their depth. */
export function unitTreeOrder<T extends { id: string; parentId: string | null }>(rows: readonly T[], nameOf: (id: string) => string): Array<T & { depth: number }> {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const row of rows) {
    const parent = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const out: Array<T & { depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const row of [...(children.get(parent) ?? [])].sort((a, b) => nameOf(a.id).localeCompare(nameOf(b.id)))) {
      out.push({ ...row, depth });
      walk(row.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export { unitTreeData } from '../../shared/unit-tree-data.ts';

/**
 * A heat-map cell's background by its difference from the organisation's value: green above, red below,
 * deeper as the gap grows, full strength at 15 points. Text turns white where the colour is deep.
 */
export function heatColour(diff: number): { background: string; color: string } {
  const strength = Math.min(Math.abs(diff) / 15, 1);
  const alpha = 0.06 + 0.64 * strength;
  const rgb = diff >= 0 ? '35, 140, 60' : '207, 50, 50';
  return { background: `rgba(${rgb}, ${alpha.toFixed(2)})`, color: alpha > 0.45 ? '#fff' : 'rgba(0, 0, 0, 0.88)' };
}

const GROUPS = ['strategies', 'embedding', 'ecosystem', 'traits'] as const;

/** A benchmark row's label in the UI language, from its item key (falling back to the row's own note). */
export function benchmarkLabel(row: BenchmarkRow, t: TFunction, exists: (key: string) => boolean, language: 'zh-CN' | 'en'): string {
  const item = row.item;
  for (const group of GROUPS) {
    const key = `culture.terms.${group}.${item}`;
    if (!exists(key)) continue;
    const label = t(key as 'culture.terms.traits.vision_team');
    return group === 'strategies' || group === 'embedding' ? `${t(`culture.results.benchmarks.${group}`)} · ${label}` : label;
  }
  const level = LEVELS.find((l) => item === `guidance_${l}`);
  if (level) return `${t('culture.results.benchmarks.guidance')} · ${t(`culture.terms.levels.${level}`)}`;
  const state = VISION_STATES.find((s) => item.startsWith('vision_state') && item.endsWith(s) && !(s === 'understood' && item.endsWith('not_understood')));
  if (state) return `${t('culture.results.benchmarks.visionState')} · ${t(`culture.terms.visionStates.${state}`)}`;
  const outcome = (['revenue', 'profitability', 'innovation', 'satisfaction'] as const).find((o) => item.includes(o));
  if (outcome) return t(`culture.terms.outcomes.${outcome}`);
  return row.note?.[language] ?? item;
}

/** The report's reference for one item, if the benchmarks carry it. */
export const benchmarkOf = (rows: readonly BenchmarkRow[] | undefined, item: string) => rows?.find((r) => r.item === item);

/** "≈ 62%" for an approximate reference, "62%" for an exact one, "≈ 49–72%" for a range read from a chart, "—" for none. */
export function refText(row: BenchmarkRow, who: 'visionaries' | 'others' | 'all'): string {
  const value = row[who];
  if (value !== undefined) return `${row.approximate ? '≈ ' : ''}${Math.round(value)}%`;
  const range = who === 'all' ? undefined : row.range?.[who];
  return range ? `≈ ${range[0]}–${range[1]}%` : '—';
}

/** The report's figure for one item and audience, with whether it is approximate. */
export function refOf(rows: readonly BenchmarkRow[] | undefined, item: string, who: 'visionaries' | 'others' | 'all'): { value: number | undefined; approximate: boolean; range?: [number, number] } {
  const row = benchmarkOf(rows, item);
  return { value: row?.[who], approximate: row?.approximate ?? false, range: who === 'all' ? undefined : row?.range?.[who] };
}

/** The benchmark row of one vision state, whatever separator the item key uses ("vision_state.core_dna", "vision_state:core_dna" …). */
export function visionStateRow(rows: readonly BenchmarkRow[] | undefined, state: string): BenchmarkRow | undefined {
  return rows?.find((r) => r.item.startsWith('vision_state') && r.item.endsWith(state) && !(state === 'understood' && r.item.endsWith('not_understood')));
}
