import { Empty, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { TouchpointCard } from './TouchpointCard.tsx';
import type { Journey, JourneyMetrics } from './journeys.api.ts';

/** The journey map: one column per stage, left to right, with a card per touchpoint. */
export function JourneyMap({ journey, metrics }: { journey: Journey; metrics: JourneyMetrics | undefined }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const stageMetrics = new Map(metrics?.stages.map((s) => [s.key, s]));
  return (
    <div className="journey-map" data-testid="journey-map">
      {journey.stages.map((stage, i) => {
        const figures = new Map(stageMetrics.get(stage.key)?.touchpoints.map((tp) => [tp.touchpoint, tp]));
        return (
          <Fragment key={stage.key}>
            {i > 0 && <RightOutlined className="journey-map__arrow" aria-hidden />}
            <section className="journey-stage" data-testid="journey-stage" aria-label={stage.name[language]}>
              <div className="journey-stage__head">
                <span className="journey-stage__number">{i + 1}</span>
                <Typography.Text strong>{stage.name[language]}</Typography.Text>
              </div>
              {stage.touchpoints.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('journeys.noTouchpoints')} />}
              {stage.touchpoints.map((tp) => (
                <TouchpointCard key={tp.touchpoint} touchpoint={tp} metrics={figures.get(tp.touchpoint)} minN={metrics?.minN ?? 5} />
              ))}
            </section>
          </Fragment>
        );
      })}
    </div>
  );
}
