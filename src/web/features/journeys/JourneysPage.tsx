import { useState } from 'react';
import { Alert, App, Button, Col, Dropdown, Empty, Popconfirm, Row, Select, Skeleton, Typography } from 'antd';
import { AlertOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSignedIn } from '../../shared/session.tsx';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PeriodSelect, usePeriodDays } from '../dashboards/index.ts';
import { EmotionCurve } from './EmotionCurve.tsx';
import { JourneyEditor } from './JourneyEditor.tsx';
import { JourneyMap } from './JourneyMap.tsx';
import { JourneySankey } from './JourneySankey.tsx';
import { createJourneyAlertRule, deleteJourney, getJourneyMetrics, getJourneyPaths, listJourneys, type Journey, type TouchpointKind } from './journeys.api.ts';
import { useJourneyErrorMessage } from './use-journey-error.ts';
import './journeys.css';

/**
 * The journey map: pick a journey and a period; its stages as columns of
 * touchpoint cards coloured against target, the emotion curve across stages and
 * the paths with drop-off between them. Admins also edit journeys and create
 * alert rules for a class of touchpoints.
 */
export function JourneysPage() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { user } = useSignedIn();
  const isAdmin = user.role === 'admin';
  const { message } = App.useApp();
  const errorMessage = useJourneyErrorMessage();
  const [days, setDays] = usePeriodDays(90);
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Journey | 'new' | null>(null);

  const journeys = useApiQuery((signal) => listJourneys(signal), []);
  const items = journeys.data ?? [];
  const journey = items.find((j) => j.id === params.get('journey')) ?? items[0];
  const select = (id: string) =>
    setParams(
      (p) => {
        p.set('journey', id);
        return p;
      },
      { replace: true },
    );
  const metrics = useApiQuery((signal) => (journey ? getJourneyMetrics(journey.id, days, signal) : Promise.resolve(undefined)), [journey?.id, journey?.updatedAt, days]);
  const paths = useApiQuery((signal) => (journey ? getJourneyPaths(journey.id, days, signal) : Promise.resolve(undefined)), [journey?.id, journey?.updatedAt, days]);

  // While another journey's figures load, the previous ones stay in the query: never draw them against this journey's stages.
  const metricsData = metrics.data?.journeyId === journey?.id ? metrics.data : undefined;
  const pathsData = paths.data?.journeyId === journey?.id ? paths.data : undefined;

  const createRule = async (kind: TouchpointKind) => {
    try {
      const rule = await createJourneyAlertRule(journey!.id, kind);
      message.success(t('journeys.alerts.created', { name: rule.name }));
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };
  const remove = async () => {
    try {
      await deleteJourney(journey!.id);
      message.success(t('journeys.deleted'));
      journeys.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };

  const extra = (
    <>
      {items.length > 0 && (
        <Select
          value={journey?.id}
          onChange={select}
          style={{ minWidth: 180 }}
          aria-label={t('journeys.journey')}
          data-testid="journey-select"
          options={items.map((j) => ({ value: j.id, label: j.name[language] }))}
        />
      )}
      <PeriodSelect value={days} onChange={setDays} />
      {isAdmin && journey && (
        <>
          <Button icon={<EditOutlined />} onClick={() => setEditing(journey)} data-testid="journey-edit">
            {t('journeys.edit')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: (['moment', 'routine'] as const).map((kind) => ({ key: kind, label: t(`journeys.alerts.${kind}`) })),
              onClick: ({ key }) => void createRule(key as TouchpointKind),
            }}
          >
            <Button icon={<AlertOutlined />} data-testid="journey-alerts">
              {t('journeys.alerts.button')}
            </Button>
          </Dropdown>
          <Popconfirm title={t('journeys.deleteConfirm')} onConfirm={() => void remove()} okButtonProps={{ danger: true }}>
            <Button icon={<DeleteOutlined />} danger aria-label={t('journeys.delete')} />
          </Popconfirm>
        </>
      )}
      {isAdmin && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="journey-new">
          {t('journeys.add')}
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageHeader title={t('journeys.title')} subtitle={t('journeys.subtitle')} extra={extra} />
      {journeys.error && <LoadError error={journeys.error} onRetry={journeys.reload} />}
      {journeys.isLoading && !journeys.data && <Skeleton active />}
      {journeys.data && items.length === 0 && <Empty description={isAdmin ? t('journeys.emptyAdmin') : t('journeys.empty')} />}
      {journey && (
        <>
          {user.role !== 'admin' && <Alert className="journey-toolbar" type="info" showIcon title={t(user.role === 'manager' ? 'journeys.scopeUnits' : 'journeys.scopeSelf')} />}
          {metrics.error && <LoadError error={metrics.error} onRetry={metrics.reload} />}
          <Typography.Text type="secondary" className="journey-legend">
            {t('journeys.legend', { min: metricsData?.minN ?? 5, days: metricsData?.repeatContactDays ?? 7 })}
          </Typography.Text>
          <JourneyMap journey={journey} metrics={metricsData} />
          <Row gutter={[16, 16]} className="journey-charts">
            <Col xs={24} xl={10}>
              <EmotionCurve journey={journey} metrics={metricsData} isLoading={metrics.isLoading} />
            </Col>
            <Col xs={24} xl={14}>
              {paths.error ? <LoadError error={paths.error} onRetry={paths.reload} /> : <JourneySankey journey={journey} paths={pathsData} isLoading={paths.isLoading} />}
            </Col>
          </Row>
        </>
      )}
      <JourneyEditor
        open={editing !== null}
        journey={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          message.success(t('journeys.saved'));
          journeys.reload();
          select(saved.id);
        }}
      />
    </>
  );
}
