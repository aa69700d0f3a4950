import { useState } from 'react';
import { Button, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPct, percentColour } from './audit-format.ts';
import type { AuditSummary } from './audit.api.ts';
import { ShopperLinkModal } from './ShopperLinkModal.tsx';
import { useAuditNames, usePeopleAndUnits, useTouchpointName } from './use-audit.ts';

/** Planned and done visits, open ones first: score one yourself, or send an external shopper a one-time link. */
export function VisitsTable({ visits, isLoading, onChanged }: { visits: AuditSummary[]; isLoading: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [linkFor, setLinkFor] = useState<AuditSummary | null>(null);
  const { titleOf } = useAuditNames();
  const { unitName } = usePeopleAndUnits();
  const touchpointName = useTouchpointName();
  const sorted = [...visits].sort((a, b) => (a.status === b.status ? (b.completedAt ?? b.dueAt ?? b.createdAt).localeCompare(a.completedAt ?? a.dueAt ?? a.createdAt) : a.status === 'open' ? -1 : 1));

  const columns = [
    { key: 'unit', title: t('audit.mystery.columns.unit'), render: (_: unknown, v: AuditSummary) => unitName(v.unitId) },
    { key: 'touchpoint', title: t('audit.mystery.columns.touchpoint'), render: (_: unknown, v: AuditSummary) => touchpointName(v.touchpoint) },
    { key: 'checklist', title: t('audit.mystery.columns.checklist'), responsive: ['xl' as const], render: (_: unknown, v: AuditSummary) => titleOf(v) },
    {
      key: 'status',
      title: t('audit.mystery.columns.status'),
      render: (_: unknown, v: AuditSummary) => (
        <Space size={4} wrap>
          <Tag color={v.status === 'completed' ? 'success' : 'processing'}>{t(`audit.status.${v.status}`)}</Tag>
          {v.shopperLink && (
            <Tooltip title={t('audit.mystery.linkOutstanding', { date: dayjs(v.shopperLink.expiresAt).format('YYYY-MM-DD') })}>
              <LinkOutlined aria-label={t('audit.mystery.issueLink')} />
            </Tooltip>
          )}
        </Space>
      ),
    },
    { key: 'date', title: t('audit.mystery.columns.due'), render: (_: unknown, v: AuditSummary) => (v.completedAt ?? v.dueAt ? dayjs(v.completedAt ?? v.dueAt).format('YYYY-MM-DD') : '—') },
    {
      key: 'by',
      title: t('audit.mystery.columns.by'),
      responsive: ['lg' as const],
      render: (_: unknown, v: AuditSummary) => (v.conductedBy === 'shopper' ? t('audit.conductedBy.shopper') : v.ownerName ?? (v.conductedBy ? t('audit.conductedBy.leader') : '—')),
    },
    { key: 'score', title: t('audit.mystery.columns.score'), align: 'right' as const, render: (_: unknown, v: AuditSummary) => (v.status === 'completed' ? <Tag color={percentColour(v.scorePct)}>{formatPct(v.scorePct)}</Tag> : '—') },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, v: AuditSummary) => (
        <Space size={8} wrap>
          <Link to={`/audits/${v.id}`}>{v.status === 'open' ? t('audit.mystery.doIt') : t('audit.mystery.view')}</Link>
          {v.status === 'open' && (
            <Button size="small" icon={<LinkOutlined />} onClick={() => setLinkFor(v)} data-testid="shopper-link-open">
              {t('audit.mystery.issueLink')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Table
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={sorted}
        columns={columns}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={<Typography.Text type="secondary">{t('audit.mystery.empty')}</Typography.Text>} /> }}
      />
      <ShopperLinkModal
        visit={linkFor}
        onClose={(changed) => {
          setLinkFor(null);
          if (changed) onChanged();
        }}
      />
    </>
  );
}
