import { Card, Empty, Skeleton, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmt, heatColour, unitTreeOrder } from './culture-format.ts';
import type { Heatmap, Pillar } from './culture.api.ts';
import { FigureExplainer } from '../../shared/ui/FigureExplainer.tsx';

const LEGEND_STEPS = [-15, -10, -5, 0, 5, 10, 15];

/**
 * Units × pillars. A cell holds the unit's index and is coloured by its difference from the organisation's value
 * (the relative colouring of the best EX tools), so strengths and gaps stand out whatever the overall level.
 * Suppressed units are grey and blank: no figure, no count.
 */
export function PillarHeatmap({ heatmap, minGroupSize, nameOf, isLoading }: { heatmap: Heatmap | undefined; minGroupSize: number; nameOf: (id: string) => string; isLoading: boolean }) {
  const { t } = useTranslation();
  const pillars = heatmap?.pillars ?? [];
  const rows = heatmap ? unitTreeOrder(heatmap.rows.map((r) => ({ ...r, id: r.unitId })), nameOf) : [];
  const hidden = t('culture.results.heatmap.hidden', { min: minGroupSize });
  const pillarName = (p: Pillar) => t(`culture.terms.pillars.${p}`);

  const cell = (pillar: Pillar, value: number | undefined, suppressed: boolean, unit: string) => {
    if (suppressed || value === undefined) {
      return (
        <td key={pillar} className="culture-heat__cell culture-heat__cell--hidden" data-suppressed="true">
          <Tooltip title={hidden}>
            <span className="culture-heat__blank" aria-label={hidden} />
          </Tooltip>
        </td>
      );
    }
    const org = heatmap?.orgValues[pillar];
    const diff = org === undefined ? 0 : value - org;
    const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
    return (
      <td key={pillar} className="culture-heat__cell" style={heatColour(diff)}>
        <Tooltip title={`${unit} · ${pillarName(pillar)}: ${fmt(value)} (${t('culture.results.heatmap.diff', { diff: `${sign}${Math.abs(diff).toFixed(0)}` })})`}>
          <span>{fmt(value)}</span>
        </Tooltip>
      </td>
    );
  };

  return (
    <Card
      size="small"
      className="culture-card"
      title={
        <>
          {t('culture.results.heatmap.title')}
          <FigureExplainer figure="index" />
        </>
      }
      data-testid="culture-heatmap"
    >
      {isLoading && !heatmap ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('culture.results.heatmap.none')} />
      ) : (
        <div className="culture-heat__scroll">
          <table className="culture-heat">
            <thead>
              <tr>
                <th className="culture-heat__unit">{t('culture.results.heatmap.unit')}</th>
                <th className="culture-heat__n">{t('culture.results.heatmap.n')}</th>
                {pillars.map((p) => (
                  <th key={p} className="culture-heat__pillar">
                    {pillarName(p)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr className="culture-heat__org">
                <th className="culture-heat__unit">{t('culture.results.heatmap.organisation')}</th>
                <td className="culture-heat__n" />
                {pillars.map((p) => (
                  <td key={p} className="culture-heat__cell">
                    {fmt(heatmap?.orgValues[p])}
                  </td>
                ))}
              </tr>
              {rows.map((row) => (
                <tr key={row.unitId} data-testid="culture-heat-row" data-suppressed={row.suppressed ? 'true' : 'false'}>
                  <th className="culture-heat__unit" style={{ paddingInlineStart: 8 + row.depth * 16 }}>
                    {nameOf(row.unitId)}
                  </th>
                  <td className="culture-heat__n">{row.suppressed ? '' : (row.n ?? '')}</td>
                  {pillars.map((p) => cell(p, row.values?.[p], row.suppressed, nameOf(row.unitId)))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="culture-heat__legend">
        <Typography.Text type="secondary">{t('culture.results.heatmap.below')}</Typography.Text>
        {LEGEND_STEPS.map((d) => (
          <span key={d} className="culture-heat__swatch" style={heatColour(d)}>
            {d > 0 ? `+${d}` : d === 0 ? '0' : `−${-d}`}
          </span>
        ))}
        <Typography.Text type="secondary">{t('culture.results.heatmap.above')}</Typography.Text>
        <span className="culture-heat__swatch culture-heat__cell--hidden" />
        <Typography.Text type="secondary">{hidden}</Typography.Text>
      </div>
      <Typography.Paragraph type="secondary" className="culture-help">
        {t('culture.results.heatmap.help', { min: minGroupSize })}
      </Typography.Paragraph>
    </Card>
  );
}
