import { useState } from 'react';
import { App, Button, Card, Empty, Progress, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCursorPages } from '../../shared/api/use-cursor-pages.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { LoadMore } from '../../shared/ui/LoadMore.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { formatPct, percentColour } from './audit-format.ts';
import { listAudits, type AuditSummary } from './audit.api.ts';
import { CreateAuditModal } from './CreateAuditModal.tsx';
import { useAuditNames, usePeopleAndUnits } from './use-audit.ts';
import './audit.css';

/** Every experience audit, newest first, with its progress, gaps and score; start a baseline or re-audit a completed one. */
export function AuditsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [creating, setCreating] = useState<{ baseline?: AuditSummary } | null>(null);
  const audits = useCursorPages('audit', (after, signal) => listAudits({ kind: 'audit' }, after, signal));
  const { titleOf } = useAuditNames();
  const { unitName } = usePeopleAndUnits();
  const items = audits.items;
  const byId = new Map(items.map((a) => [a.id, a]));

  const columns = [
    {
      key: 'title',
      title: t('audit.list.columns.title'),
      render: (_: unknown, a: AuditSummary) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/audits/${a.id}`}>{titleOf(a)}</Link>
          {a.baselineAuditId && (
            <Typography.Text type="secondary" className="audit-small">
              {t('audit.list.reauditOf', { name: byId.has(a.baselineAuditId) ? titleOf(byId.get(a.baselineAuditId)!) : '…' })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'unit', title: t('audit.list.columns.unit'), render: (_: unknown, a: AuditSummary) => unitName(a.unitId), responsive: ['md' as const] },
    {
      key: 'status',
      title: t('audit.list.columns.status'),
      render: (_: unknown, a: AuditSummary) => <Tag color={a.status === 'completed' ? 'success' : 'processing'}>{t(`audit.status.${a.status}`)}</Tag>,
    },
    {
      key: 'progress',
      title: t('audit.list.columns.progress'),
      responsive: ['lg' as const],
      render: (_: unknown, a: AuditSummary) => <Progress percent={Math.round((100 * a.scored) / Math.max(1, a.itemCount))} size="small" format={() => `${a.scored}/${a.itemCount}`} style={{ minWidth: 120 }} />,
    },
    { key: 'gaps', title: t('audit.list.columns.gaps'), align: 'right' as const, render: (_: unknown, a: AuditSummary) => a.gaps },
    { key: 'score', title: t('audit.list.columns.score'), align: 'right' as const, render: (_: unknown, a: AuditSummary) => <Tag color={percentColour(a.scorePct)}>{formatPct(a.scorePct)}</Tag> },
    { key: 'date', title: t('audit.list.columns.date'), responsive: ['md' as const], render: (_: unknown, a: AuditSummary) => dayjs(a.completedAt ?? a.dueAt ?? a.createdAt).format('YYYY-MM-DD') },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, a: AuditSummary) => (
        <Space wrap size={8}>
          {a.baselineAuditId && <Link to={`/audits/${a.id}/compare`}>{t('audit.list.compare')}</Link>}
          {a.status === 'completed' && (
            <Button size="small" onClick={() => setCreating({ baseline: a })}>
              {t('audit.list.reaudit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.list.title')}
        subtitle={t('audit.list.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({})} data-testid="audit-create">
            {t('audit.list.create')}
          </Button>
        }
      />
      {audits.error ? (
        <LoadError error={audits.error} onRetry={audits.reload} />
      ) : (
        <Card>
          <Table
            rowKey="id"
            loading={audits.isLoading}
            dataSource={items}
            columns={columns}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={`${t('audit.list.empty')} · ${t('audit.list.emptyHint')}`} /> }}
          />
          <LoadMore pages={audits} label={t('audit.loadMore')} testId="audits-load-more" />
        </Card>
      )}
      <CreateAuditModal
        open={creating !== null}
        kind="audit"
        baseline={creating?.baseline}
        onClose={() => setCreating(null)}
        onCreated={(audit) => {
          setCreating(null);
          void message.success(t('audit.create.created'));
          navigate(`/audits/${audit.id}`);
        }}
      />
    </>
  );
}
