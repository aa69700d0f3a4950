import { App, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { formatDate } from './governance-format.ts';
import { DECISION_STATUSES, updateDecision, type Decision, type DecisionStatus } from './governance.api.ts';

const STATUS_COLOR: Record<DecisionStatus, string> = { open: 'processing', done: 'success', dropped: 'default' };

interface Props {
  decisions: Decision[];
  isLoading?: boolean;
  isAdmin: boolean;
  emptyText: string;
  /** Link each decision to its meeting (the committee page's list across meetings). */
  showMeeting?: boolean;
  onChanged: () => void;
}

/** Decisions with owner, due date and status; admins move the status, and open ones past their date are flagged. */
export function DecisionsTable({ decisions, isLoading, isAdmin, emptyText, showMeeting, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const setStatus = async (id: string, status: DecisionStatus) => {
    try {
      await updateDecision(id, { status });
      onChanged();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };
  const columns: TableColumnsType<Decision> = [
    { title: t('governance.committee.decision'), dataIndex: 'title' },
    { title: t('governance.committee.owner'), key: 'owner', render: (_, d) => d.ownerName ?? t('common.none') },
    {
      title: t('governance.committee.dueOn'),
      key: 'due',
      render: (_, d) => (
        <Space size={4} wrap>
          <span className="governance-nowrap">{formatDate(`${d.dueOn}T12:00:00`, i18n.language)}</span>
          {d.overdue && <Tag color="error">{t('governance.overdue')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('governance.committee.status'),
      key: 'status',
      render: (_, d) =>
        isAdmin ? (
          <Select
            size="small"
            value={d.status}
            style={{ minWidth: 110 }}
            aria-label={t('governance.committee.status')}
            options={DECISION_STATUSES.map((s) => ({ value: s, label: t(`governance.decisionStatus.${s}`) }))}
            onChange={(status) => void setStatus(d.id, status)}
          />
        ) : (
          <Tag color={STATUS_COLOR[d.status]}>{t(`governance.decisionStatus.${d.status}`)}</Tag>
        ),
    },
  ];
  if (showMeeting) {
    columns.push({
      title: t('governance.committee.meeting'),
      key: 'meeting',
      render: (_, d) => (
        <Link to={`/governance/committee/meetings/${d.meetingId}`} className="governance-nowrap">
          {d.meetingTitle || t('governance.committee.untitled')} · {formatDate(d.meetingAt, i18n.language)}
        </Link>
      ),
    });
  }
  return <Table<Decision> rowKey="id" size="small" columns={columns} dataSource={decisions} loading={isLoading} pagination={false} locale={{ emptyText }} />;
}
