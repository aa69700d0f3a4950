import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { formatMeasure, HIGHER_IS_BETTER, STATUS_COLOUR, type MeasureKey } from './journey-format.ts';
import type { JourneyStage, Measure, TouchpointMetrics } from './journeys.api.ts';

const ORDER: Record<TouchpointMetrics['kind'], MeasureKey[]> = {
  moment: ['nps', 'sentiment', 'praise'],
  routine: ['ces', 'resolution_time', 'repeat_contact_rate'],
};

/**
 * One touchpoint on the journey map: its class, its headline measure large and
 * the other two beneath, each against its target. The card's colour is the
 * headline measure's status (grey when too few answers to show it).
 */
export function TouchpointCard({ touchpoint, metrics, minN }: { touchpoint: JourneyStage['touchpoints'][number]; metrics: TouchpointMetrics | undefined; minN: number }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const label = touchpoint.label?.[language]?.trim() || touchpoint.touchpoint;
  const status = metrics?.status ?? 'insufficient';
  const measures = (metrics?.measures ?? {}) as Partial<Record<MeasureKey, Measure>>;
  const [headline, ...others] = ORDER[touchpoint.kind];
  return (
    <div className={`journey-card journey-card--${status}`} style={{ borderColor: STATUS_COLOUR[status] }} data-testid="touchpoint-card" data-status={status} data-kind={touchpoint.kind}>
      <div className="journey-card__head">
        <Typography.Text strong ellipsis={{ tooltip: label }} className="journey-card__label">
          {label}
        </Typography.Text>
        <Tooltip title={t(`journeys.kindHelp.${touchpoint.kind}`)}>
          <Tag color={touchpoint.kind === 'moment' ? 'magenta' : 'blue'} className="journey-card__kind">
            {t(`journeys.kinds.${touchpoint.kind}`)}
          </Tag>
        </Tooltip>
      </div>
      <MeasureLine name={headline!} measure={measures[headline!]} minN={minN} isHeadline />
      {others.map((name) => (
        <MeasureLine key={name} name={name} measure={measures[name]} minN={minN} />
      ))}
      <Typography.Text type="secondary" className="journey-card__status" style={{ color: STATUS_COLOUR[status] }}>
        {t(`journeys.status.${status}`)}
      </Typography.Text>
    </div>
  );
}

function MeasureLine({ name, measure, minN, isHeadline }: { name: MeasureKey; measure: Measure | undefined; minN: number; isHeadline?: boolean }) {
  const { t } = useTranslation();
  const value = measure?.value ?? null;
  const status = measure?.status ?? 'insufficient';
  const target = measure?.target;
  const targetText =
    target === null || target === undefined ? null : t(HIGHER_IS_BETTER[name] ? 'journeys.atLeast' : 'journeys.atMost', { value: name === 'resolution_time' ? t('journeys.minutes', { value: target }) : formatMeasure(name, target) });
  let shown: string;
  if (value === null) shown = '—';
  else if (name === 'resolution_time') shown = t('journeys.minutes', { value: formatMeasure(name, value) });
  else shown = formatMeasure(name, value);
  const tip = value === null ? t('journeys.withheld', { min: minN }) : name === 'praise' ? t('journeys.praiseCount', { count: value, n: measure?.n ?? 0 }) : t('journeys.nLine', { n: measure?.n ?? 0 });
  return (
    <Tooltip title={tip}>
      <div className={isHeadline ? 'journey-measure journey-measure--headline' : 'journey-measure'} data-measure={name}>
        <span className="journey-measure__dot" style={{ background: STATUS_COLOUR[status] }} aria-label={t(`journeys.status.${status}`)} />
        <span className="journey-measure__name">{t(`journeys.measures.${name}`)}</span>
        <span className="journey-measure__value">{shown}</span>
        {targetText && <span className="journey-measure__target">{targetText}</span>}
      </div>
    </Tooltip>
  );
}
