import { useTranslation } from 'react-i18next';
import { ChartCard } from './ChartCard.tsx';
import { alignmentOption, guidanceOption } from './culture-charts.ts';
import { refOf } from './culture-format.ts';
import { LEVELS, type BenchmarkRow, type Overview } from './culture.api.ts';
import { FigureExplainer } from '../../shared/ui/FigureExplainer.tsx';

/** How far the vision guides each level: ours against the report's visionaries and others (≈), the levels below management shaded. */
export function GuidanceChart({ overview, benchmarks, isLoading }: { overview: Overview | undefined; benchmarks: BenchmarkRow[] | undefined; isLoading: boolean }) {
  const { t } = useTranslation();
  const byLevel = new Map(overview?.guidanceByLevel?.map((g) => [g.level, g]));
  const ours = LEVELS.map((level) => byLevel.get(level)?.favourable ?? null);
  const option =
    overview && ours.some((v) => v !== null)
      ? guidanceOption(
          LEVELS.map((level) => t(`culture.terms.levels.${level}`)),
          ours,
          {
            visionaries: LEVELS.map((level) => refOf(benchmarks, `guidance_${level}`, 'visionaries')),
            others: LEVELS.map((level) => refOf(benchmarks, `guidance_${level}`, 'others')),
          },
          { ours: t('culture.results.guidance.ours'), visionaries: t('culture.results.guidance.visionaries'), others: t('culture.results.guidance.others'), below: t('culture.results.guidance.below') },
        )
      : null;
  return (
    <ChartCard
      title={t('culture.results.guidance.title')}
      option={option}
      isLoading={isLoading}
      height={340}
      help={t('culture.results.guidance.help')}
      emptyText={t('culture.results.noMaturity')}
      testId="culture-guidance"
    />
  );
}

type Section = 'strategies' | 'embedding' | 'ecosystem';
const TRAITS = ['ideal_cx_in_vision', 'vision_team'] as const;

/**
 * One section's items as bars of our % favourable, with the report's visionaries and others as markers ("≈" in the
 * legend when the report's figures were read from a chart). The ecosystem card also carries the two defining traits.
 */
export function AlignmentChart({ section, overview, benchmarks, isLoading }: { section: Section; overview: Overview | undefined; benchmarks: BenchmarkRow[] | undefined; isLoading: boolean }) {
  const { t } = useTranslation();
  const traits = section === 'ecosystem' ? TRAITS.flatMap((key) => (overview?.items?.[key] ? [{ key, label: t(`culture.terms.traits.${key}`), ...overview.items[key] }] : [])) : [];
  const scores = [...traits, ...(overview?.[section] ?? []).map((s) => ({ ...s, label: t(`culture.terms.${section}.${s.key}` as 'culture.terms.strategies.strategy_cx', { defaultValue: s.key }) }))];
  const items = scores.map((s) => ({ label: s.label, favourable: s.favourable, index: s.index, visionaries: refOf(benchmarks, s.key, 'visionaries'), others: refOf(benchmarks, s.key, 'others') }));
  const approx = (who: 'visionaries' | 'others') => (items.some((i) => i[who].approximate && i[who].value !== undefined) ? ' ≈' : '');
  const option = items.length
    ? alignmentOption(items, {
        ours: t('culture.results.bars.ours'),
        visionaries: `${t('culture.results.bars.visionaries')}${approx('visionaries')}`,
        others: `${t('culture.results.bars.others')}${approx('others')}`,
        index: t('culture.results.radar.index'),
      })
    : null;
  return (
    <ChartCard
      title={
        <>
          {t(`culture.results.${section}.title`)}
          <FigureExplainer figure="favourable" />
        </>
      }
      option={option}
      isLoading={isLoading}
      height={Math.max(150, 56 + items.length * 36)}
      help={t('culture.results.bars.help')}
      emptyText={t('culture.results.noMaturity')}
      testId={`culture-${section}`}
    />
  );
}
