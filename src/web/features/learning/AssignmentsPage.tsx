import { useState } from 'react';
import { App, Button, Popconfirm, Progress, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { GiftOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { AssignModal } from './AssignModal.tsx';
import { ConfirmQueue } from './ConfirmQueue.tsx';
import { listAssignments, listConfirmable, listItems, withdrawAssignment, type Assignment } from './learning.api.ts';
import { LAYER_COLOURS, useBilingual, useLearningError } from './learning-format.ts';
import './learning.css';

/** Admins' and managers' assignments with today's reach and progress, and the declarations waiting for their confirmation. */
export function AssignmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const bilingual = useBilingual();
  const learningError = useLearningError();
  const [itemId, setItemId] = useState<string>();
  const [assigning, setAssigning] = useState(false);
  const items = useApiQuery((signal) => listItems({}, signal), []);
  const assignments = useApiQuery((signal) => listAssignments(itemId, signal), [itemId]);
  const queue = useApiQuery((signal) => listConfirmable(signal), []);

  const targetOf = (a: Assignment) => {
    if (a.employeeId) return a.employeeName ?? '—';
    if (a.positionName && a.unitName) return t('learning.assignments.positionInUnit', { position: bilingual(a.positionName), unit: bilingual(a.unitName) });
    if (a.positionName) return t('learning.assignments.position', { name: bilingual(a.positionName) });
    return t('learning.assignments.unit', { name: bilingual(a.unitName) });
  };
  const withdraw = async (a: Assignment) => {
    try {
      await withdrawAssignment(a.id);
      message.success(t('learning.assignments.withdrawn'));
      assignments.reload();
    } catch (caught) {
      message.error(learningError(caught));
    }
  };

  const columns = [
    {
      key: 'item',
      title: t('learning.assignments.item'),
      render: (_: unknown, a: Assignment) => (
        <>
          <Tag color={LAYER_COLOURS[a.layer]}>{t(`learning.layers.${a.layer}`)}</Tag>
          {bilingual(a.itemName)}
        </>
      ),
    },
    {
      key: 'target',
      title: t('learning.assignments.target'),
      render: (_: unknown, a: Assignment) => (
        <>
          {targetOf(a)}{' '}
          {a.source === 'reward' && (
            <Tooltip title={t('learning.assignments.fromReward')}>
              <GiftOutlined className="learning-reward-icon" aria-label={t('learning.assignments.fromReward')} />
            </Tooltip>
          )}
        </>
      ),
    },
    { key: 'due', title: t('learning.assignments.due'), render: (_: unknown, a: Assignment) => a.dueAt ?? '—' },
    { key: 'people', title: t('learning.assignments.people'), align: 'right' as const, dataIndex: 'people' },
    {
      key: 'completed',
      title: t('learning.assignments.completed'),
      width: 180,
      render: (_: unknown, a: Assignment) => (
        <Tooltip title={`${t('learning.assignments.completed')} ${a.completed} · ${t('learning.assignments.confirmed')} ${a.confirmed}`}>
          <Progress percent={a.people ? Math.round((a.completed / a.people) * 100) : 0} success={{ percent: a.people ? Math.round((a.confirmed / a.people) * 100) : 0 }} size="small" />
        </Tooltip>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, a: Assignment) =>
        a.canWithdraw && (
          <Popconfirm title={t('learning.assignments.withdrawConfirm')} onConfirm={() => void withdraw(a)}>
            <Button size="small" danger type="link">
              {t('learning.assignments.withdraw')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('learning.assignments.title')}
        subtitle={t('learning.assignments.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAssigning(true)} data-testid="assignments-new">
            {t('learning.assignments.new')}
          </Button>
        }
      />
      <div className="learning-toolbar">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('learning.assignments.allItems')}
          value={itemId}
          onChange={setItemId}
          options={(items.data ?? []).map((i) => ({ value: i.id, label: bilingual(i.name) }))}
          style={{ minWidth: 260 }}
        />
      </div>
      {assignments.error && <LoadError error={assignments.error} onRetry={assignments.reload} />}
      <Table
        rowKey="id"
        size="middle"
        className="learning-card"
        columns={columns}
        dataSource={assignments.data ?? []}
        loading={assignments.isLoading && !assignments.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('learning.assignments.empty') }}
        scroll={{ x: true }}
        data-testid="assignments-table"
        footer={() => <Typography.Text type="secondary">{t('learning.assignments.peopleHelp')}</Typography.Text>}
      />
      <ConfirmQueue queue={queue} onConfirmed={assignments.reload} />
      <AssignModal
        open={assigning}
        onClose={() => setAssigning(false)}
        onAssigned={(created) => {
          setAssigning(false);
          message.success(t('learning.assignForm.created', { count: created.people }));
          assignments.reload();
        }}
      />
    </>
  );
}
