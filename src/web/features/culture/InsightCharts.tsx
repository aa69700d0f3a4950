import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChartCard } from './ChartCard.tsx';
import { COLORS, driversOption, radarOption } from './culture-charts.ts';
import { PILLARS, type Overview, type Pillar } from './culture.api.ts';
import { MATURITY_COLOURS } from './VisionHeadline.tsx';

/** Each pillar's index on a radar whose rings are the maturity stages; a unit's scope is drawn over the organisation's. */
export function MaturityRadar({ overview, scopeName, orgValues, isLoading }: { overview: Overview | undefined; scopeName: string; orgValues?: Partial<Record<Pillar, number>>; isLoading: boolean }) {
  const { t } = useTranslation();
  const pillars = PILLARS.filter((p) => overview?.pillars?.[p]);
  const series = [
    { name: scopeName, values: pillars.map((p) => overview?.pillars?.[p]?.index ?? null), color: COLORS.ours, area: true },
    ...(orgValues ? [{ name: t('culture.results.heatmap.organisation'), values: pillars.map((p) => orgValues[p] ?? null), color: COLORS.others }] : []),
  ];
  const option = pillars.length >= 3 ? radarOption(pillars.map((p) => t(`culture.terms.pillars.${p}`)), series) : null;
  const stages = overview?.maturity?.pillars ?? {};
  return (
    <ChartCard
      title={t('culture.results.radar.title')}
      option={option}
      isLoading={isLoading}
      height={340}
      help={t('culture.results.radar.help')}
      emptyText={t('culture.results.noMaturity')}
      testId="culture-radar"
    >
      {pillars.length > 0 && (
        <div className="culture-stages">
          {pillars.map((p) => (
            <span key={p} className="culture-stages__item">
              {t(`culture.terms.pillars.${p}`)}
              {stages[p] ? (
                <Tag color={MATURITY_COLOURS[stages[p]]} className="culture-stages__tag">
                  {t(`culture.terms.maturity.${stages[p]}`)}
                </Tag>
              ) : (
                ' —'
              )}
            </span>
          ))}
        </div>
      )}
    </ChartCard>
  );
}

/** Which pillars go with a vision that is "core of our DNA" across respondents, and with customer NPS across units. */
export function DriversChart({ overview, isLoading }: { overview: Overview | undefined; isLoading: boolean }) {
  const { t } = useTranslation();
  const drivers = overview?.drivers;
  const core = new Map(drivers?.coreDna.map((d) => [d.pillar, d.r]));
  const nps = new Map(drivers?.customerNps.map((d) => [d.pillar, d.r]));
  const pillars = PILLARS.filter((p) => core.has(p) || nps.has(p));
  const series = [
    { name: t('culture.results.drivers.coreDna'), values: pillars.map((p) => core.get(p) ?? null), color: COLORS.ours },
    ...(nps.size ? [{ name: t('culture.results.drivers.nps'), values: pillars.map((p) => nps.get(p) ?? null), color: COLORS.visionaries }] : []),
  ];
  const option = pillars.length ? driversOption(pillars.map((p) => t(`culture.terms.pillars.${p}`)), series) : null;
  return (
    <ChartCard
      title={t('culture.results.drivers.title')}
      option={option}
      isLoading={isLoading}
      height={Math.max(220, 60 + pillars.length * (nps.size ? 38 : 28))}
      help={`${t('culture.results.drivers.help')}${drivers && !nps.size ? ` ${t('culture.results.drivers.noNps')}` : ''}`}
      emptyText={t('culture.results.noMaturity')}
      testId="culture-drivers"
    />
  );
}
