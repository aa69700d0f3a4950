import { useState } from 'react';
import { App, Button, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { CreateAssessmentModal } from './CreateAssessmentModal.tsx';
import { listAssessments, listTemplates, type AssessmentStatus, type AssessmentSummary } from './culture.api.ts';
import { LifecycleActions } from './LifecycleActions.tsx';
import { useCultureRole } from './use-culture.ts';
import './culture.css';

export const STATUS_COLOURS: Record<AssessmentStatus, string> = { draft: 'default', open: 'processing', closed: 'success' };

/**
 * Every culture assessment, newest first. Administrators create, open, remind and close them and download the
 * invitation links; managers and employees see the list and open the results of closed ones.
 */
export function CulturePage() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { role } = useCultureRole();
  const isAdmin = role === 'admin';
  const [creating, setCreating] = useState(false);
  const assessments = useApiQuery((signal) => listAssessments(signal), []);
  const templates = useApiQuery((signal) => listTemplates(signal).catch(() => []), []);
  const templateName = (key: string) => templates.data?.find((tpl) => tpl.key === key)?.name[language] ?? key;
  const items = [...(assessments.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const nameById = new Map(items.map((a) => [a.id, a.name]));
  const canView = (a: AssessmentSummary) => (isAdmin ? a.status !== 'draft' : a.status === 'closed');

  const columns = [
    {
      key: 'name',
      title: t('culture.columns.name'),
      render: (_: unknown, a: AssessmentSummary) => (
        <Space orientation="vertical" size={0}>
          {canView(a) || isAdmin ? <Link to={`/culture/${a.id}`}>{a.name}</Link> : <Typography.Text>{a.name}</Typography.Text>}
          {a.baselineAssessmentId && (
            <Typography.Text type="secondary" className="culture-small">
              {t('culture.pulseOf', { name: nameById.get(a.baselineAssessmentId) ?? '…' })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'template', title: t('culture.columns.template'), render: (_: unknown, a: AssessmentSummary) => templateName(a.templateKey), responsive: ['lg' as const] },
    {
      key: 'status',
      title: t('culture.columns.status'),
      render: (_: unknown, a: AssessmentSummary) => (
        <Tag color={STATUS_COLOURS[a.status]} data-testid="culture-status">
          {t(`culture.terms.status.${a.status}`)}
        </Tag>
      ),
    },
    { key: 'closesAt', title: t('culture.columns.closesAt'), render: (_: unknown, a: AssessmentSummary) => dayjs(a.closedAt ?? a.closesAt).format('YYYY-MM-DD') },
    ...(isAdmin
      ? [
          { key: 'invited', title: t('culture.columns.invited'), align: 'right' as const, render: (_: unknown, a: AssessmentSummary) => (a.status === 'draft' ? '—' : a.invited) },
          {
            key: 'thresholds',
            title: t('culture.columns.thresholds'),
            responsive: ['xl' as const],
            render: (_: unknown, a: AssessmentSummary) => t('culture.thresholdsValue', { min: a.minGroupSize, comments: a.minCommentGroupSize }),
          },
        ]
      : []),
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, a: AssessmentSummary) => (
        <Space wrap size={8}>
          {canView(a) && (
            <Button size="small" onClick={() => navigate(`/culture/${a.id}`)} data-testid="culture-view">
              {t('culture.view')}
            </Button>
          )}
          {isAdmin && <LifecycleActions assessment={a} onChanged={assessments.reload} size="small" />}
          {!isAdmin && a.status === 'open' && <Typography.Text type="secondary">{t('culture.resultsAfterClose')}</Typography.Text>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('culture.title')}
        subtitle={t('culture.subtitle')}
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="culture-new">
              {t('culture.create.button')}
            </Button>
          )
        }
      />
      {assessments.error && <LoadError error={assessments.error} onRetry={assessments.reload} />}
      {assessments.isLoading && !assessments.data && <Skeleton active />}
      {assessments.data && items.length === 0 && <Empty description={isAdmin ? t('culture.emptyAdmin') : t('culture.empty')} />}
      {items.length > 0 && <Table rowKey="id" size="middle" columns={columns} dataSource={items} pagination={false} data-testid="culture-list" scroll={{ x: true }} />}
      <CreateAssessmentModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          message.success(t('culture.create.created'));
          assessments.reload();
          navigate(`/culture/${created.id}`);
        }}
      />
    </>
  );
}
