import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChartCard } from './ChartCard.tsx';
import { COLORS, segmentOption, type ScatterPoint } from './culture-charts.ts';
import { overallOf } from './culture-format.ts';
import type { ResultRow, Segments } from './culture.api.ts';

const ITEM_GROUPS = ['strategies', 'embedding', 'ecosystem', 'traits'] as const;

/**
 * Shown units placed by overall index and the share saying the vision is "core of our DNA", coloured by segment
 * (rules or k-means, named under the chart); units under the threshold are never placed.
 */
export function SegmentScatter({ rows, segments, nameOf, isLoading }: { rows: ResultRow[] | undefined; segments: Segments | undefined; nameOf: (id: string) => string; isLoading: boolean }) {
  const { t, i18n } = useTranslation();
  const segmentOf = new Map(segments?.units.map((u) => [u.unitId, u.segment]));
  const points: Record<'visionary' | 'other', ScatterPoint[]> = { visionary: [], other: [] };
  for (const row of rows ?? []) {
    const segment = segmentOf.get(row.key);
    const x = overallOf(row.pillars);
    const y = row.visionState?.core_dna;
    if (row.suppressed || !segment || x === null || y === undefined) continue;
    points[segment].push({ name: nameOf(row.key), x, y, n: row.n });
  }
  const count = points.visionary.length + points.other.length;
  const option =
    count > 0
      ? segmentOption(
          [
            { name: t('culture.terms.segments.visionary'), color: COLORS.visionaries, points: points.visionary },
            { name: t('culture.terms.segments.other'), color: COLORS.ours, points: points.other },
          ],
          { x: t('culture.results.segments.x'), y: t('culture.results.segments.y') },
        )
      : null;
  const method =
    segments?.method === 'kmeans'
      ? t('culture.results.segments.kmeans', { k: segments.k ?? '—', silhouette: segments.silhouette === undefined ? '—' : segments.silhouette.toFixed(2) })
      : t('culture.results.segments.rules');
  const itemName = (item: string) => {
    if (item.includes('_') && i18n.exists(`culture.terms.pillars.${item.replace(/_\d+$/, '')}`)) return `${t(`culture.terms.pillars.${item.replace(/_\d+$/, '')}` as 'culture.terms.pillars.empathy')} (${item})`;
    for (const group of ITEM_GROUPS) if (i18n.exists(`culture.terms.${group}.${item}`)) return t(`culture.terms.${group}.${item}` as 'culture.terms.traits.vision_team');
    return item;
  };
  return (
    <ChartCard
      title={t('culture.results.segments.title')}
      option={option}
      isLoading={isLoading}
      height={340}
      help={segments ? method : undefined}
      emptyText={t('culture.results.segments.none')}
      testId="culture-segments"
    >
      {segments && segments.discriminatingItems.length > 0 && (
        <div className="culture-separating">
          <Typography.Text type="secondary">{t('culture.results.segments.separating')}: </Typography.Text>
          {segments.discriminatingItems.slice(0, 5).map((d) => (
            <Tag key={d.item}>
              {itemName(d.item)} · d = {d.effect.toFixed(1)}
            </Tag>
          ))}
        </div>
      )}
    </ChartCard>
  );
}
