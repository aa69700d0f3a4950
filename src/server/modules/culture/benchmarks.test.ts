import { describe, expect, it } from 'vitest';
import { BENCHMARK_SOURCE, REPORT_BENCHMARKS, benchmarkFor, visionStateItem } from './benchmarks.ts';
import { ECOSYSTEM_ITEMS, EMBEDDING_ITEMS, GUIDANCE_ITEMS, STRATEGY_ITEMS, VISION_STATES } from './vocabulary.ts';

describe('REPORT_BENCHMARKS', () => {
  it('uses template item keys, each once', () => {
    const keys = REPORT_BENCHMARKS.map((r) => r.item);
    expect(new Set(keys).size).toBe(keys.length);
    const known = new Set<string>([
      ...VISION_STATES.map(visionStateItem),
      'ideal_cx_in_vision',
      'vision_team',
      ...GUIDANCE_ITEMS,
      ...STRATEGY_ITEMS,
      ...EMBEDDING_ITEMS,
      ...ECOSYSTEM_ITEMS,
    ]);
    expect(keys.filter((k) => !known.has(k))).toEqual([]);
    expect([...known].filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('gives the vision-state split of all respondents, "outdated" as the approximate remainder', () => {
    const all = Object.fromEntries(VISION_STATES.map((s) => [s, benchmarkFor(visionStateItem(s))!]));
    expect([all.core_dna!.all, all.understood!.all, all.not_understood!.all, all.outdated!.all]).toEqual([33, 51, 10, 6]);
    expect(VISION_STATES.reduce((sum, s) => sum + all[s]!.all!, 0)).toBe(100);
    expect(all.outdated!.approximate).toBe(true);
    expect(all.core_dna!.approximate).toBe(false);
  });

  it('keeps the figures stated in the text exact', () => {
    expect(benchmarkFor('strategy_cx')).toMatchObject({ visionaries: 90, approximate: false });
    expect(benchmarkFor('embed_operations_hr')).toMatchObject({ visionaries: 81, approximate: false });
    expect(benchmarkFor('eco_partners')).toMatchObject({ visionaries: 68, others: 40, approximate: false });
    expect(benchmarkFor('eco_mna')).toMatchObject({ visionaries: 65, others: 36, approximate: false });
  });

  it('marks chart-read figures approximate, with a note in both languages', () => {
    expect(benchmarkFor('guidance_manager')).toMatchObject({ visionaries: 81, others: 58, approximate: true });
    expect(benchmarkFor('strategy_recruiting')).toMatchObject({ visionaries: 70, approximate: true, range: { others: [39, 78] } });
    expect(benchmarkFor('embed_rnd')).toMatchObject({ approximate: true, range: { visionaries: [80, 96], others: [49, 72] } });
    for (const row of REPORT_BENCHMARKS.filter((r) => r.approximate)) {
      expect(row.note?.en.length).toBeGreaterThan(10);
      expect(row.note?.['zh-CN'].length).toBeGreaterThan(5);
    }
  });

  it('shows the drop in guidance below management', () => {
    const v = GUIDANCE_ITEMS.map((k) => benchmarkFor(k)!.visionaries!);
    expect(v).toEqual([...v].sort((a, b) => b - a));
    for (const k of GUIDANCE_ITEMS) expect(benchmarkFor(k)!.visionaries!).toBeGreaterThan(benchmarkFor(k)!.others!);
  });

  it('names its source', () => {
    expect(BENCHMARK_SOURCE.respondents).toBe(1003);
    expect(BENCHMARK_SOURCE.visionaryShare).toBe(14);
  });
});
