import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../shared/api/client.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useCursorPages } from '../../shared/api/use-cursor-pages.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { LoadMore } from '../../shared/ui/LoadMore.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { CommitteeMembers } from './CommitteeMembers.tsx';
import { DecisionsTable } from './DecisionsTable.tsx';
import { formatDateTime } from './governance-format.ts';
import { createMeeting, listDecisions, listMeetings, type MeetingSummary } from './governance.api.ts';
import './governance.css';

/** The experience committee: members, meetings (newest first) and the decisions still open across them. */
export function CommitteePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const role = useSignedIn().user.role;
  const isAdmin = role === 'admin';
  // Meetings pile up over the years: the latest page first, older ones on request.
  const meetings = useCursorPages('meetings', (after, signal) => listMeetings(after, signal));
  const decisions = useApiQuery((signal) => listDecisions('open', signal), []);
  const [isCreating, setIsCreating] = useState(false);
  const [form] = Form.useForm<{ title: string; at: Dayjs }>();

  // Employees on the committee read it too; the API says so with a 403 for everyone else.
  if (meetings.error instanceof ApiError && meetings.error.status === 403) {
    return (
      <>
        <PageHeader title={t('governance.committee.title')} />
        <Alert type="info" showIcon title={t('governance.noAccess')} />
      </>
    );
  }

  const now = Date.now();
  const columns: TableColumnsType<MeetingSummary> = [
    {
      title: t('governance.committee.meetingAt'),
      key: 'at',
      render: (_, m) => (
        <span className="governance-nowrap">
          {formatDateTime(m.at, i18n.language)} {new Date(m.at).getTime() > now && <Tag color="blue">{t('governance.committee.upcoming')}</Tag>}
        </span>
      ),
    },
    { title: t('governance.committee.meetingTitle'), key: 'title', render: (_, m) => <Link to={`/governance/committee/meetings/${m.id}`}>{m.title || t('governance.committee.untitled')}</Link> },
    { title: t('governance.committee.agendaCount'), dataIndex: 'agendaCount', align: 'right', className: 'governance-nowrap' },
    { title: t('governance.committee.decisionCount'), key: 'decisions', className: 'governance-nowrap', render: (_, m) => t('governance.committee.openOfTotal', { open: m.openDecisionCount, total: m.decisionCount }) },
  ];

  return (
    <>
      <PageHeader title={t('governance.committee.title')} subtitle={t('governance.committee.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <CommitteeMembers isAdmin={isAdmin} />
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title={t('governance.committee.meetings')}
            extra={
              isAdmin && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsCreating(true)}>
                  {t('governance.committee.newMeeting')}
                </Button>
              )
            }
          >
            {meetings.error && <LoadError error={meetings.error} onRetry={meetings.reload} />}
            <Table<MeetingSummary> rowKey="id" size="small" columns={columns} dataSource={meetings.items} loading={meetings.isLoading} pagination={false} locale={{ emptyText: t('governance.committee.noMeetings') }} />
            <LoadMore pages={meetings} label={t('governance.loadMore')} testId="meetings-load-more" />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('governance.committee.openDecisions')}>
            {decisions.error && <LoadError error={decisions.error} onRetry={decisions.reload} />}
            <DecisionsTable decisions={decisions.data ?? []} isLoading={decisions.isLoading} isAdmin={isAdmin} showMeeting emptyText={t('governance.committee.noOpenDecisions')} onChanged={decisions.reload} />
          </Card>
        </Col>
      </Row>
      <FormModal
        open={isCreating}
        title={t('governance.committee.newMeeting')}
        form={form}
        onCancel={() => setIsCreating(false)}
        onSubmit={async (values) => {
          const created = await createMeeting({ title: values.title ?? '', at: values.at.toISOString() });
          setIsCreating(false);
          navigate(`/governance/committee/meetings/${created.id}`);
        }}
      >
        <Form.Item name="title" label={t('governance.committee.meetingTitle')}>
          <Input maxLength={200} placeholder={t('governance.committee.untitled')} />
        </Form.Item>
        <Form.Item name="at" label={t('governance.committee.meetingAt')} rules={[{ required: true, message: t('governance.committee.meetingAtRequired') }]}>
          <DatePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
