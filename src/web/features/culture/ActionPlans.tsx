import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowRightOutlined, BulbOutlined, PlusOutlined, RiseOutlined, SyncOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PlanModal, PulseModal } from './ActionPlanModals.tsx';
import { fmt } from './culture-format.ts';
import { getOverview, listActionPlans, listEmployees, PILLARS, planToChallenge, planToImprovement, updateActionPlan, type ActionPlan, type AssessmentSummary, type Pillar, type PlanStatus, type Role } from './culture.api.ts';
import { useCultureErrorMessage } from './use-culture.ts';
import { MATURITY_COLOURS } from './VisionHeadline.tsx';

const STATUS_TAG: Record<PlanStatus, string> = { open: 'default', in_progress: 'processing', done: 'success' };

/**
 * Acting on the gaps: the pillars weakest first, a plan per gap (owner, due date, status) that can become an
 * improvement project or an idea challenge, and a pulse that re-measures the pillar for a before/after.
 * Administrators keep the plans; everyone else follows them read-only.
 */
export function ActionPlans({ assessment, role }: { assessment: AssessmentSummary; role: Role }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useCultureErrorMessage();
  const isAdmin = role === 'admin';
  const [planFor, setPlanFor] = useState<Pillar | null | undefined>(undefined);
  const [pulseFor, setPulseFor] = useState<ActionPlan | null>(null);
  const plans = useApiQuery((signal) => listActionPlans(assessment.id, signal), [assessment.id]);
  const overview = useApiQuery((signal) => getOverview(assessment.id, undefined, signal).catch(() => undefined), [assessment.id]);
  const employees = useApiQuery((signal) => (isAdmin ? listEmployees(signal) : Promise.resolve([])), [isAdmin]);
  const ownerName = (id: string | null) => (id ? (employees.data?.find((e) => e.id === id)?.name ?? '—') : '—');

  const act = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      message.success(done);
      plans.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };

  const pillarScores = overview.data?.pillars ?? {};
  const gaps = PILLARS.filter((p) => pillarScores[p]).sort((a, b) => pillarScores[a]!.index - pillarScores[b]!.index);

  const columns = [
    { key: 'pillar', title: t('culture.plans.pillar'), className: 'culture-nowrap', render: (_: unknown, p: ActionPlan) => (p.pillar ? t(`culture.terms.pillars.${p.pillar}`) : '—') },
    { key: 'title', title: t('culture.plans.what'), dataIndex: 'title' },
    { key: 'owner', title: t('culture.plans.owner'), className: 'culture-nowrap', render: (_: unknown, p: ActionPlan) => ownerName(p.ownerId) },
    { key: 'due', title: t('culture.plans.dueAt'), className: 'culture-nowrap', render: (_: unknown, p: ActionPlan) => (p.dueAt ? dayjs(p.dueAt).format('YYYY-MM-DD') : '—') },
    {
      key: 'status',
      title: t('culture.plans.status'),
      className: 'culture-nowrap',
      render: (_: unknown, p: ActionPlan) =>
        isAdmin ? (
          <Select<PlanStatus>
            size="small"
            value={p.status}
            style={{ minWidth: 110 }}
            aria-label={t('culture.plans.status')}
            onChange={(status) => void act(() => updateActionPlan(p.id, { status }), t('culture.plans.updated'))}
            options={(['open', 'in_progress', 'done'] as const).map((s) => ({ value: s, label: t(`culture.terms.planStatus.${s}`) }))}
          />
        ) : (
          <Tag color={STATUS_TAG[p.status]}>{t(`culture.terms.planStatus.${p.status}`)}</Tag>
        ),
    },
    {
      key: 'change',
      title: t('culture.plans.beforeAfter'),
      className: 'culture-nowrap',
      render: (_: unknown, p: ActionPlan) => (
        <span data-testid="culture-plan-change">
          {fmt(p.baseline?.index)} <ArrowRightOutlined className="culture-arrow" />{' '}
          {p.after ? (
            <b style={{ color: p.baseline && p.after.index >= p.baseline.index ? '#389e0d' : '#cf1322' }}>{fmt(p.after.index)}</b>
          ) : (
            <Typography.Text type="secondary">{p.pulseAssessmentId ? t('culture.plans.awaiting') : t('culture.plans.noPulse')}</Typography.Text>
          )}
        </span>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, p: ActionPlan) => (
        <Space wrap size={4}>
          {p.improvementId && <Link to="/improvements">{t('culture.plans.improvement')}</Link>}
          {p.challengeId && <Link to={`/recognition/ideas?challenge=${p.challengeId}`}>{t('culture.plans.challenge')}</Link>}
          {p.pulseAssessmentId && <Link to={`/culture/${p.pulseAssessmentId}`}>{t('culture.plans.pulseLink')}</Link>}
          {isAdmin && !p.improvementId && (
            <Popconfirm title={t('culture.plans.improvementConfirm')} onConfirm={() => void act(() => planToImprovement(p.id), t('culture.plans.improvementCreated'))}>
              <Button size="small" icon={<RiseOutlined />}>
                {t('culture.plans.toImprovement')}
              </Button>
            </Popconfirm>
          )}
          {isAdmin && !p.challengeId && (
            <Popconfirm title={t('culture.plans.challengeConfirm')} onConfirm={() => void act(() => planToChallenge(p.id), t('culture.plans.challengeCreated'))}>
              <Button size="small" icon={<BulbOutlined />}>
                {t('culture.plans.toChallenge')}
              </Button>
            </Popconfirm>
          )}
          {isAdmin && !p.pulseAssessmentId && (
            <Button size="small" icon={<SyncOutlined />} onClick={() => setPulseFor(p)} data-testid="culture-plan-pulse">
              {t('culture.plans.pulse')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Row gutter={[16, 16]} data-testid="culture-plans">
      {isAdmin && (
        <Col xs={24}>
          <Card size="small" className="culture-card" title={t('culture.plans.gaps')}>
            <Typography.Paragraph type="secondary" className="culture-help">
              {t('culture.plans.gapsHelp')}
            </Typography.Paragraph>
            <div className="culture-gaps">
              {gaps.map((p) => (
                <div key={p} className="culture-gap">
                  <span>
                    {t(`culture.terms.pillars.${p}`)} <b>{fmt(pillarScores[p]!.index)}</b>{' '}
                    {overview.data?.maturity?.pillars[p] && <Tag color={MATURITY_COLOURS[overview.data.maturity.pillars[p]]}>{t(`culture.terms.maturity.${overview.data.maturity.pillars[p]}`)}</Tag>}
                  </span>
                  <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => setPlanFor(p)} data-testid="culture-gap-plan">
                    {t('culture.plans.add')}
                  </Button>
                </div>
              ))}
            </div>
          </Card>
        </Col>
      )}
      <Col xs={24}>
        <Card
          size="small"
          className="culture-card"
          title={t('culture.plans.title')}
          extra={
            isAdmin && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setPlanFor(null)}>
                {t('culture.plans.addOther')}
              </Button>
            )
          }
        >
          {!isAdmin && <Alert type="info" showIcon title={t('culture.plans.readOnly')} className="culture-row" />}
          {plans.error && <LoadError error={plans.error} onRetry={plans.reload} />}
          {plans.data && plans.data.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('culture.plans.empty')} />
          ) : (
            <Table rowKey="id" size="small" columns={columns} dataSource={plans.data ?? []} loading={plans.isLoading && !plans.data} pagination={false} scroll={{ x: true }} />
          )}
        </Card>
      </Col>
      <PlanModal
        assessmentId={assessment.id}
        pillar={planFor}
        employees={employees.data ?? []}
        onClose={() => setPlanFor(undefined)}
        onCreated={() => {
          setPlanFor(undefined);
          message.success(t('culture.plans.created'));
          plans.reload();
        }}
      />
      <PulseModal
        plan={pulseFor}
        onClose={() => setPulseFor(null)}
        onStarted={() => {
          setPulseFor(null);
          message.success(t('culture.plans.pulseStarted'));
          plans.reload();
        }}
      />
    </Row>
  );
}
