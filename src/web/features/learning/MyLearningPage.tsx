import { useState } from 'react';
import { Alert, App, Button, Empty, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { ConfirmQueue } from './ConfirmQueue.tsx';
import { DeclareModal } from './DeclareModal.tsx';
import { getMyLearning, listConfirmable, type LearningItem, type MyLearningEntry } from './learning.api.ts';
import { STATUS_COLOURS } from './learning-format.ts';
import { LearningCard } from './LearningCard.tsx';
import './learning.css';

/** What I am asked to learn (overdue first) and what I have done; I declare a completion here. Trainers and managers also confirm others'. */
export function MyLearningPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const mine = useApiQuery((signal) => getMyLearning(signal), []);
  const queue = useApiQuery((signal) => listConfirmable(signal), []);
  const [declaring, setDeclaring] = useState<LearningItem | null>(null);

  const entries = mine.data?.items ?? [];
  const open = entries.filter((e) => e.status === 'overdue' || e.status === 'to_do');
  const done = entries.filter((e) => e.status === 'declared' || e.status === 'confirmed');
  const assigned = entries.filter((e) => e.assigned);
  const assignedDone = assigned.filter((e) => e.completion !== null).length;

  const footer = (e: MyLearningEntry) => (
    <>
      <Space size={6} wrap>
        <Tag color={STATUS_COLOURS[e.status]} data-testid="learning-status">
          {t(`learning.status.${e.status}`)}
        </Tag>
        <Typography.Text type={e.status === 'overdue' ? 'danger' : 'secondary'}>
          {e.completion
            ? e.completion.status === 'confirmed'
              ? t('learning.me.confirmedBy', { name: e.completion.confirmedByName ?? '—' })
              : `${t('learning.me.doneOn', { date: e.completion.completedOn })} · ${t('learning.me.awaiting')}`
            : !e.assigned
              ? t('learning.me.ownInitiative')
              : e.dueAt
                ? t(e.status === 'overdue' ? 'learning.me.dueOverdue' : 'learning.me.due', { date: e.dueAt })
                : t('learning.me.noDue')}
        </Typography.Text>
      </Space>
      {!e.completion && (
        <Button size="small" type="primary" icon={<CheckCircleOutlined />} onClick={() => setDeclaring(e.item)} data-testid="learning-declare">
          {t('learning.me.declare')}
        </Button>
      )}
    </>
  );
  const grid = (list: MyLearningEntry[]) => (
    <div className="learning-grid">
      {list.map((e) => (
        <LearningCard key={e.item.id} item={e.item} footer={footer(e)} testId={`learning-entry-${e.status}`} />
      ))}
    </div>
  );

  return (
    <>
      <PageHeader
        title={t('learning.me.title')}
        subtitle={t('learning.me.subtitle')}
        extra={
          assigned.length > 0 && (
            <div className="learning-summary" data-testid="learning-summary">
              <Typography.Text type="secondary">{t('learning.me.summary', { done: assignedDone, total: assigned.length })}</Typography.Text>
              <Progress percent={Math.round((assignedDone / assigned.length) * 100)} size="small" />
            </div>
          )
        }
      />
      {mine.error && <LoadError error={mine.error} onRetry={mine.reload} />}
      {mine.isLoading && !mine.data && <Skeleton active />}
      {mine.data?.employeeId === null && <Alert type="info" showIcon title={t('learning.me.noEmployee')} className="learning-card" />}
      {mine.data?.employeeId && entries.length === 0 && (
        <Empty description={t('learning.me.empty')}>
          <Button onClick={() => navigate('/learning/catalogue')}>{t('learning.me.toCatalogue')}</Button>
        </Empty>
      )}
      {open.length > 0 && (
        <>
          <Typography.Title level={5} className="learning-section-title">
            {t('learning.status.to_do')} ({open.length})
          </Typography.Title>
          {grid(open)}
        </>
      )}
      {done.length > 0 && (
        <>
          <Typography.Title level={5} className="learning-section-title">
            {t('learning.assignments.completed')} ({done.length})
          </Typography.Title>
          {grid(done)}
        </>
      )}
      <ConfirmQueue queue={queue} hideWhenEmpty />
      <DeclareModal
        item={declaring}
        onClose={() => setDeclaring(null)}
        onDeclared={() => {
          setDeclaring(null);
          message.success(t('learning.declare.done'));
          mine.reload();
        }}
      />
    </>
  );
}
