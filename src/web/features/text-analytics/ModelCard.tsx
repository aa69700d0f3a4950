import { useState } from 'react';
import { App, Button, Card, Col, Flex, Progress, Row, Statistic, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { trainAdapterNow, type TextAdapterStatus } from './text-analytics.api.ts';
import { useTextErrorMessage } from './use-text-error.ts';

const STATUS_COLOURS: Record<TextAdapterStatus['status'], string> = { collecting: 'processing', trained_inactive: 'warning', active: 'success' };

const percent = (ratio: number) => Math.round(ratio * 1000) / 10;

/** A label with a question-mark tooltip explaining it. */
function Explained({ label, help }: { label: string; help: string }) {
  return (
    <Tooltip title={help}>
      <span className="text-analytics__explained">
        {label} <QuestionCircleOutlined />
      </span>
    </Tooltip>
  );
}

/** The organisation's own sentiment model: status, what it learns from, and how it compares with the shared model on held-out comments. */
export function ModelCard({ status, onTrained }: { status: ApiQuery<TextAdapterStatus>; onTrained: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useTextErrorMessage();
  const [isTraining, setIsTraining] = useState(false);
  const s = status.data;

  const train = async () => {
    setIsTraining(true);
    try {
      const next = await trainAdapterNow();
      message.success(t('textAnalytics.model.trained', { status: t(`textAnalytics.model.status.${next.status}`) }));
      onTrained();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setIsTraining(false);
    }
  };

  const isEnough = !!s && s.labelled >= s.needed;
  const trainButton = (
    <Button type="primary" icon={<ThunderboltOutlined />} loading={isTraining} disabled={!isEnough} onClick={() => void train()} data-testid="train-now">
      {t('textAnalytics.model.trainNow')}
    </Button>
  );

  const explanation = !s
    ? ''
    : s.status === 'collecting'
      ? isEnough
        ? t('textAnalytics.model.explain.collectingReady')
        : t('textAnalytics.model.explain.collecting', { needed: s.needed })
      : s.reason === 'shared_model_changed'
        ? t('textAnalytics.model.explain.sharedChanged')
        : t(`textAnalytics.model.explain.${s.status}`);

  return (
    <Card
      title={t('textAnalytics.model.title')}
      loading={status.isLoading && !s}
      extra={isEnough ? trainButton : <Tooltip title={s ? t('textAnalytics.model.trainNeedsMore', { needed: s.needed }) : ''}>{trainButton}</Tooltip>}
      data-testid="adapter-card"
    >
      {status.error && <LoadError error={status.error} onRetry={status.reload} />}
      {s && (
        <Flex vertical gap={20}>
          <Flex gap={12} align="baseline" wrap>
            <Tag color={STATUS_COLOURS[s.status]} className="text-analytics__status" data-testid="adapter-status">
              {t(`textAnalytics.model.status.${s.status}`)}
            </Tag>
            <Typography.Text type="secondary">{explanation}</Typography.Text>
          </Flex>
          <Row gutter={[24, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={<Explained label={t('textAnalytics.model.labelled')} help={t('textAnalytics.model.labelledHelp')} />} value={s.labelled} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('textAnalytics.model.corrections')} value={s.corrections} />
            </Col>
            <Col xs={24} md={12}>
              <Statistic
                title={t('textAnalytics.model.trainedAt')}
                value={s.trainedAt ? dayjs(s.trainedAt).format('YYYY-MM-DD HH:mm') : t('textAnalytics.model.never')}
                suffix={s.trainedBy ? <Typography.Text type="secondary">{t(`textAnalytics.model.trainedBy.${s.trainedBy}`)}</Typography.Text> : null}
              />
            </Col>
          </Row>
          {!isEnough && (
            <Progress
              percent={Math.min(100, Math.floor((100 * s.labelled) / s.needed))}
              format={() => t('textAnalytics.model.progress', { labelled: s.labelled, needed: s.needed })}
              className="text-analytics__progress"
            />
          )}
          {s.heldOut && <HeldOut figures={s.heldOut} isActive={s.status === 'active'} />}
        </Flex>
      )}
    </Card>
  );
}

/** The shared model and this organisation's, side by side on the held-out comments. */
function HeldOut({ figures, isActive }: { figures: NonNullable<TextAdapterStatus['heldOut']>; isActive: boolean }) {
  const { t } = useTranslation();
  const rows = [
    { key: 'shared', name: t('textAnalytics.model.heldOut.shared'), accuracy: figures.sharedAccuracy, bySign: figures.sharedBySign, colour: '#8c8c8c' },
    { key: 'own', name: t('textAnalytics.model.heldOut.own'), accuracy: figures.adapterAccuracy, bySign: figures.adapterBySign, colour: isActive ? '#52c41a' : '#faad14' },
  ];
  return (
    <div className="text-analytics__held-out" data-testid="held-out">
      <Typography.Title level={5}>{t('textAnalytics.model.heldOut.title', { n: figures.n })}</Typography.Title>
      <div className="text-analytics__grid">
        <span />
        <Explained label={t('textAnalytics.model.heldOut.accuracy')} help={t('textAnalytics.model.heldOut.accuracyHelp')} />
        <Explained label={t('textAnalytics.model.heldOut.bySign')} help={t('textAnalytics.model.heldOut.bySignHelp')} />
        {rows.map((r) => (
          <div key={r.key} className="text-analytics__grid-row" data-testid={`held-out-${r.key}`}>
            <Typography.Text strong={r.key === 'own'}>{r.name}</Typography.Text>
            <Progress percent={percent(r.accuracy)} strokeColor={r.colour} format={(p) => `${p} %`} />
            <Progress percent={percent(r.bySign)} strokeColor={r.colour} format={(p) => `${p} %`} />
          </div>
        ))}
      </div>
      <Typography.Paragraph type="secondary" className="text-analytics__rule">
        {t('textAnalytics.model.heldOut.winsLosses', { wins: figures.adapterOnlyRight, losses: figures.sharedOnlyRight })}
        <br />
        {t('textAnalytics.model.heldOut.rule')}
      </Typography.Paragraph>
    </div>
  );
}
