import { useState } from 'react';
import { App, Badge, Button, Card, Col, Empty, Flex, Row, Space, Statistic, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { BellOutlined, CheckOutlined, CloseOutlined, FormOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../shared/session.tsx';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLiveEvents } from '../../shared/api/use-live-events.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { HighlightBanner } from '../recognition/index.ts';
import { ListeningDueBanner } from '../governance/index.ts';
import { CaseDrawer } from './CaseDrawer.tsx';
import { DueTag, PriorityTag, StatusTag } from './CaseTags.tsx';
import {
  actOnCase,
  byUrgency,
  decideApproval,
  isOverdue,
  listApprovals,
  listCases,
  listNotifications,
  markNotificationRead,
  OPEN_STATUSES,
  type Approval,
  type Case,
} from './workbench.api.ts';
import './workbench.css';

const LIVE_EVENTS = ['case.created', 'case.updated', 'case.escalated', 'case.closed', 'approval.requested', 'warning.raised'];

/** The frontline's desk: my open cases (live), early warnings, and for managers the team's cases and the approvals inbox. */
export function WorkbenchPage() {
  const { t } = useTranslation();
  const { notification, message } = App.useApp();
  const errorMessage = useErrorMessage();
  const { user } = useSignedIn();
  const [language] = useLanguage();
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  const isManager = user.role === 'manager' || user.role === 'admin';
  const [tab, setTab] = useState<'mine' | 'team' | 'queue'>('mine');
  const [openCaseId, setOpenCaseId] = useState<string | null>(null);
  const [freshIds, setFreshIds] = useState<Set<string>>(new Set());

  const ownerId = tab === 'mine' ? (user.employeeId ?? undefined) : undefined;
  const cases = useApiQuery((signal) => listCases(tab === 'queue' ? { unowned: 'true' } : { ownerId }, signal), [tab, ownerId]);
  const approvals = useApiQuery((signal) => (isManager ? listApprovals(signal) : Promise.resolve([])), [isManager]);
  const notifications = useApiQuery((signal) => listNotifications(signal), []);
  const open = (cases.data ?? []).filter((c) => OPEN_STATUSES.includes(c.status)).sort(byUrgency);
  const now = new Date();

  useLiveEvents(LIVE_EVENTS, (event) => {
    if (event.name === 'case.created') {
      const caseId = String(event.payload.caseId);
      setFreshIds((ids) => new Set(ids).add(caseId));
      notification.warning({
        key: caseId,
        title: t('workbench.live.newCase'),
        description: String(event.payload.title ?? ''),
        icon: <BellOutlined />,
        actions: (
          <Button type="primary" size="small" onClick={() => setOpenCaseId(caseId)}>
            {t('workbench.open')}
          </Button>
        ),
      });
    }
    if (event.name === 'approval.requested') approvals.reload();
    notifications.reload();
    cases.reload();
  });

  const acknowledge = async (c: Case) => {
    try {
      await actOnCase(c.id, { type: 'acknowledge' });
      message.success(t('workbench.acknowledged'));
      cases.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };
  const claim = async (c: Case) => {
    try {
      await actOnCase(c.id, { type: 'claim' });
      message.success(t('workbench.claimedByMe'));
    } catch (caught) {
      message.error(errorMessage(caught));
    }
    cases.reload();
  };
  const decide = async (a: Approval, decision: 'approve' | 'reject') => {
    try {
      await decideApproval(a.id, decision);
      message.success(t(decision === 'approve' ? 'workbench.approvals.approved' : 'workbench.approvals.rejected'));
      approvals.reload();
      cases.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };

  const columns: TableColumnsType<Case> = [
    { title: t('workbench.priority'), key: 'priority', width: 84, render: (_, c) => <PriorityTag priority={c.priority} /> },
    {
      title: t('workbench.case'),
      key: 'title',
      ellipsis: true,
      render: (_, c) => (
        <>
          {freshIds.has(c.id) && <Badge status="processing" className="workbench__fresh" />}
          <Typography.Link onClick={() => setOpenCaseId(c.id)} title={c.title} data-testid={`case-${c.id}`}>
            {c.title}
          </Typography.Link>
        </>
      ),
    },
    { title: t('workbench.status'), key: 'status', width: 96, render: (_, c) => <StatusTag status={c.status} /> },
    { title: t('workbench.due'), key: 'due', width: 150, render: (_, c) => <DueTag dueAt={c.dueAt} now={now} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 96,
      render: (_, c) =>
        tab === 'queue' ? (
          <Button size="small" type="primary" onClick={() => void claim(c)} data-testid={`claim-${c.id}`}>
            {t('workbench.claim')}
          </Button>
        ) : c.status === 'new' ? (
          <Button size="small" type="primary" onClick={() => void acknowledge(c)} data-testid={`acknowledge-${c.id}`}>
            {t('workbench.actions.acknowledge')}
          </Button>
        ) : (
          <Button size="small" onClick={() => setOpenCaseId(c.id)}>
            {t('workbench.open')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('workbench.title')}
        subtitle={t('workbench.subtitle')}
        extra={
          <Link to="/capture">
            <Button type="primary" icon={<FormOutlined />} data-testid="open-capture">
              {t('frontline.capture.fromWorkbench')}
            </Button>
          </Link>
        }
      />
      <HighlightBanner />
      <ListeningDueBanner />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('workbench.stats.open')} value={open.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('workbench.stats.new')} value={open.filter((c) => c.status === 'new').length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              title={t('workbench.stats.overdue')}
              value={open.filter((c) => isOverdue(c, now)).length}
              styles={open.some((c) => isOverdue(c, now)) ? { content: { color: '#cf1322' } } : undefined}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('workbench.stats.approvals')} value={approvals.data?.length ?? 0} />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card>
            <Tabs
              activeKey={tab}
              onChange={(key) => setTab(key as 'mine' | 'team' | 'queue')}
              items={[
                { key: 'mine', label: t('workbench.tabs.mine') },
                ...(isManager ? [{ key: 'team', label: t('workbench.tabs.team') }] : []),
                { key: 'queue', label: t('workbench.tabs.queue') },
              ]}
            />
            {cases.error && <LoadError error={cases.error} onRetry={cases.reload} />}
            <Table<Case>
              rowKey="id"
              columns={columns}
              dataSource={open}
              loading={cases.isLoading && !cases.data}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              tableLayout="fixed"
              scroll={{ x: 600 }}
              rowClassName={(c) => (freshIds.has(c.id) ? 'workbench__row--fresh' : '')}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.empty')} /> }}
              data-testid="workbench-cases"
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={16} className="workbench__side">
            {isManager && (
              <Card title={t('workbench.approvals.title')} size="small">
                <div data-testid="approvals-inbox">
                  {(approvals.data ?? []).length === 0 && <Typography.Text type="secondary">{t('workbench.approvals.empty')}</Typography.Text>}
                  {(approvals.data ?? []).map((a) => (
                    <Flex key={a.id} className="workbench__item" justify="space-between" align="center" gap={8}>
                      <div>
                        <Typography.Link strong onClick={() => setOpenCaseId(a.caseId)}>{`${a.amount.toFixed(2)} ${a.currency}`}</Typography.Link>
                        <div className="workbench__muted">{`${t(`workbench.kinds.${a.kind}`)}${a.note ? ` · ${a.note}` : ''}`}</div>
                      </div>
                      <Space>
                        <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => void decide(a, 'approve')}>
                          {t('workbench.approvals.approve')}
                        </Button>
                        <Button size="small" danger icon={<CloseOutlined />} onClick={() => void decide(a, 'reject')}>
                          {t('workbench.approvals.reject')}
                        </Button>
                      </Space>
                    </Flex>
                  ))}
                </div>
              </Card>
            )}
            <Card title={t('workbench.warnings.title')} size="small">
              <div data-testid="warnings">
                {(notifications.data ?? []).length === 0 && <Typography.Text type="secondary">{t('workbench.warnings.empty')}</Typography.Text>}
                {(notifications.data ?? []).map((n) => {
                  const title = n.title[language === 'en' ? 'en' : 'zh-CN'];
                  return (
                    <Flex key={n.id} className="workbench__item" justify="space-between" align="start" gap={8}>
                      <Flex gap={8} align="start">
                        <BellOutlined className="workbench__bell" />
                        <div>
                          {n.caseId ? <Typography.Link onClick={() => setOpenCaseId(n.caseId)}>{title}</Typography.Link> : <Typography.Text>{title}</Typography.Text>}
                          <div className="workbench__muted">{dateTime.format(new Date(n.createdAt))}</div>
                        </div>
                      </Flex>
                      <Button size="small" type="text" onClick={() => void markNotificationRead(n.id).then(notifications.reload)}>
                        {t('workbench.warnings.dismiss')}
                      </Button>
                    </Flex>
                  );
                })}
              </div>
            </Card>
          </Space>
        </Col>
      </Row>
      <CaseDrawer
        caseId={openCaseId}
        onClose={() => setOpenCaseId(null)}
        onChanged={() => {
          cases.reload();
          approvals.reload();
        }}
      />
    </>
  );
}
