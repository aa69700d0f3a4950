import { useState } from 'react';
import { App, Button, Card, Col, Popconfirm, Row, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useCursorPages } from '../../shared/api/use-cursor-pages.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { LoadMore } from '../../shared/ui/LoadMore.tsx';
import { LogSessionModal, ScheduleSessionModal } from './SessionModals.tsx';
import { formatDate, formatDateTime } from './governance-format.ts';
import { cancelSession, listAllSessions, listSessions, type Session } from './governance.api.ts';

/** Planned sessions (overdue ones flagged) and held ones with what they taught and led to. */
export function SessionsPanel() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const localized = useLocalizedName();
  const { user } = useSignedIn();
  const isAdmin = user.role === 'admin';
  // Planned sessions are all shown, soonest first, so an old overdue one is never a page away; held ones grow
  // without end and come a page at a time, newest first.
  const plannedSessions = useApiQuery((signal) => listAllSessions({ status: 'planned' }, signal), []);
  const held = useCursorPages('held', (after, signal) => listSessions({ status: 'done' }, after, signal));
  const reload = () => {
    plannedSessions.reload();
    held.reload();
  };
  const [isScheduling, setIsScheduling] = useState(false);
  const [logging, setLogging] = useState<Session | null>(null);
  const mayWrite = (s: Session) => isAdmin || s.employeeId === user.employeeId;
  const planned = [...(plannedSessions.data ?? [])].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  const unit = (s: Session) => (s.unitId ? localized({ name: s.unitName ?? '', nameEn: s.unitNameEn }) : t('common.none'));
  const cancel = async (s: Session) => {
    try {
      await cancelSession(s.id);
      reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };

  const plannedColumns: TableColumnsType<Session> = [
    {
      title: t('governance.listening.when'),
      key: 'when',
      render: (_, s) => (
        <Space size={4} wrap>
          <span className="governance-nowrap">{formatDateTime(s.scheduledAt, i18n.language)}</span>
          {s.overdue && <Tag color="error">{t('governance.overdue')}</Tag>}
        </Space>
      ),
    },
    { title: t('governance.listening.person'), dataIndex: 'employeeName' },
    { title: t('governance.listening.kind'), key: 'kind', render: (_, s) => t(`governance.kinds.${s.kind}`) },
    { title: t('governance.committee.unit'), key: 'unit', render: (_, s) => unit(s) },
    {
      key: 'actions',
      align: 'right',
      render: (_, s) =>
        mayWrite(s) && (
          <Space size={0}>
            <Button size="small" type="link" onClick={() => setLogging(s)}>
              {t('governance.listening.log')}
            </Button>
            <Popconfirm title={t('governance.listening.cancelConfirm')} onConfirm={() => cancel(s)}>
              <Button size="small" type="link" danger>
                {t('governance.listening.cancel')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card
          title={t('governance.listening.upcoming')}
          extra={
            (isAdmin || user.employeeId) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsScheduling(true)}>
                {t('governance.listening.schedule')}
              </Button>
            )
          }
        >
          {plannedSessions.error && <LoadError error={plannedSessions.error} onRetry={plannedSessions.reload} />}
          <Table<Session>
            rowKey="id"
            size="small"
            columns={plannedColumns}
            dataSource={planned}
            loading={plannedSessions.isLoading}
            pagination={false}
            rowClassName={(s) => (s.overdue ? 'governance-row--overdue' : '')}
            locale={{ emptyText: t('governance.listening.noUpcoming') }}
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card title={t('governance.listening.past')}>
          {held.error && <LoadError error={held.error} onRetry={held.reload} />}
          {held.items.length === 0 && !held.isLoading && !held.error && <Typography.Text type="secondary">{t('governance.listening.noPast')}</Typography.Text>}
          {held.items.map((s) => (
            <div key={s.id} className="governance-voice__item" data-testid="held-session">
              <div className="governance-voice__text">
                <Typography.Text strong>
                  {s.employeeName} · {t(`governance.kinds.${s.kind}`)}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {formatDate(s.heldAt, i18n.language)}
                  {s.unitId ? ` · ${unit(s)}` : ''}
                </Typography.Text>
                <Typography.Paragraph className="governance-learnings">{s.learnings}</Typography.Paragraph>
                <SessionLinks session={s} />
              </div>
              {mayWrite(s) && (
                <Button size="small" onClick={() => setLogging(s)}>
                  {t('common.edit')}
                </Button>
              )}
            </div>
          ))}
          <LoadMore pages={held} label={t('governance.loadMore')} testId="held-load-more" />
        </Card>
      </Col>
      <ScheduleSessionModal
        open={isScheduling}
        isAdmin={isAdmin}
        selfId={user.employeeId}
        onClose={() => setIsScheduling(false)}
        onDone={() => {
          setIsScheduling(false);
          reload();
        }}
      />
      <LogSessionModal
        session={logging}
        onClose={() => setLogging(null)}
        onDone={() => {
          setLogging(null);
          reload();
        }}
      />
    </Row>
  );
}

/** The ideas, projects and cases a session led to, as tags. */
function SessionLinks({ session: s }: { session: Session }) {
  const { t } = useTranslation();
  const links = [
    ...s.ideas.map((x) => ({ ...x, color: 'gold', kind: t('governance.listening.ideas') })),
    ...s.improvements.map((x) => ({ ...x, color: 'green', kind: t('governance.listening.improvements') })),
    ...s.cases.map((x) => ({ ...x, color: 'blue', kind: t('governance.listening.cases') })),
  ];
  if (links.length === 0) return null;
  return (
    <div className="governance-links">
      <Typography.Text type="secondary">{t('governance.listening.ledTo')}:</Typography.Text>
      {links.map((l) => (
        <Tag key={l.id} color={l.color} title={l.kind}>
          {l.title}
        </Tag>
      ))}
    </div>
  );
}
