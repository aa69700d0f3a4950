import { useState } from 'react';
import { App, Button, Card, Table, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { confirmCompletion, type Completion } from './learning.api.ts';
import { LAYER_COLOURS, useBilingual, useLearningError } from './learning-format.ts';

/**
 * Declarations the signed-in user may confirm: as the item's trainer, a manager above the person or an admin.
 * `hideWhenEmpty` keeps an employee's page quiet when they train nothing.
 */
export function ConfirmQueue({ queue, onConfirmed, hideWhenEmpty }: { queue: ApiQuery<Completion[]>; onConfirmed?: () => void; hideWhenEmpty?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const bilingual = useBilingual();
  const learningError = useLearningError();
  const [busy, setBusy] = useState<string>();
  if (hideWhenEmpty && !queue.data?.length) return null;

  const confirm = async (c: Completion) => {
    setBusy(c.id);
    try {
      await confirmCompletion(c.id);
      message.success(t('learning.assignments.confirmedToast'));
      queue.reload();
      onConfirmed?.();
    } catch (caught) {
      message.error(learningError(caught));
    } finally {
      setBusy(undefined);
    }
  };

  const columns = [
    { key: 'person', title: t('learning.assignments.person'), render: (_: unknown, c: Completion) => c.employeeName },
    {
      key: 'item',
      title: t('learning.assignments.item'),
      render: (_: unknown, c: Completion) => (
        <>
          <Tag color={LAYER_COLOURS[c.layer]}>{t(`learning.layers.${c.layer}`)}</Tag>
          {bilingual(c.itemName)}
        </>
      ),
    },
    { key: 'doneOn', title: t('learning.assignments.doneOn'), dataIndex: 'completedOn' },
    { key: 'evidence', title: t('learning.assignments.evidence'), render: (_: unknown, c: Completion) => <Typography.Text type={c.evidence ? undefined : 'secondary'}>{c.evidence ?? '—'}</Typography.Text> },
    {
      key: 'confirm',
      title: t('common.actions'),
      render: (_: unknown, c: Completion) => (
        <Button size="small" type="primary" ghost icon={<CheckOutlined />} loading={busy === c.id} onClick={() => void confirm(c)} data-testid="learning-confirm">
          {t('learning.assignments.confirm')}
        </Button>
      ),
    },
  ];
  return (
    <Card size="small" title={t(hideWhenEmpty ? 'learning.me.toConfirmTitle' : 'learning.assignments.queueTitle')} className="learning-card" data-testid="learning-confirm-queue">
      {queue.error && <LoadError error={queue.error} onRetry={queue.reload} />}
      {hideWhenEmpty && <Typography.Paragraph type="secondary">{t('learning.me.toConfirmHelp')}</Typography.Paragraph>}
      <Table rowKey="id" size="small" columns={columns} dataSource={queue.data ?? []} loading={queue.isLoading && !queue.data} pagination={{ pageSize: 10, hideOnSinglePage: true }} locale={{ emptyText: t('learning.assignments.queueEmpty') }} scroll={{ x: true }} />
    </Card>
  );
}
