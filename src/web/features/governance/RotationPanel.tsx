import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApiQuery } from '../../shared/api/use-api-query.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { listEmployees } from '../org/index.ts';
import { formatDate } from './governance-format.ts';
import { createRotation, deleteRotation, LISTENING_KINDS, updateRotation, type ListeningKind, type Rotation } from './governance.api.ts';

/** The cadences offered when changing an entry (any 1–52 can be entered when adding one). */
const CADENCES = [1, 2, 3, 4, 6, 8, 12, 13, 26, 52];

interface RotationInput {
  employeeId: string;
  kind: ListeningKind;
  everyWeeks: number;
  note?: string;
}

/** The rotation plan: who listens how, how often, when last and when next; admins keep it. */
export function RotationPanel({ rotations }: { rotations: ApiQuery<Rotation[]> }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const { role } = useSignedIn().user;
  const isAdmin = role === 'admin';
  const employees = useApiQuery((signal) => (isAdmin ? listEmployees(undefined, signal) : Promise.resolve([])), [isAdmin]);
  const [isAdding, setIsAdding] = useState(false);
  const [form] = Form.useForm<RotationInput>();
  const act = async (work: Promise<unknown>) => {
    try {
      await work;
      rotations.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };
  const every = (weeks: number) => t('governance.rotation.every', { count: weeks });

  const columns: TableColumnsType<Rotation> = [
    { title: t('governance.listening.person'), dataIndex: 'employeeName' },
    { title: t('governance.listening.kind'), key: 'kind', render: (_, r) => t(`governance.kinds.${r.kind}`) },
    {
      title: t('governance.coverage.cadence'),
      key: 'cadence',
      render: (_, r) =>
        isAdmin ? (
          <Select
            size="small"
            value={r.everyWeeks}
            style={{ minWidth: 110 }}
            aria-label={t('governance.rotation.everyWeeks')}
            options={[...new Set([...CADENCES, r.everyWeeks])].sort((a, b) => a - b).map((w) => ({ value: w, label: every(w) }))}
            onChange={(weeks) => void act(updateRotation(r.id, { everyWeeks: weeks }))}
          />
        ) : (
          every(r.everyWeeks)
        ),
    },
    { title: t('governance.rotation.lastAt'), key: 'last', render: (_, r) => (r.lastAt ? formatDate(r.lastAt, i18n.language) : t('governance.coverage.never')) },
    {
      title: t('governance.rotation.dueAt'),
      key: 'due',
      render: (_, r) => (
        <Space size={4}>
          <span className="governance-nowrap">{formatDate(r.dueAt, i18n.language)}</span>
          {r.overdue && <Tag color="error">{t('governance.overdue')}</Tag>}
        </Space>
      ),
    },
    { title: t('governance.rotation.note'), dataIndex: 'note' },
  ];
  if (isAdmin) {
    columns.push({
      key: 'remove',
      align: 'right',
      render: (_, r) => (
        <Popconfirm title={t('governance.rotation.deleteConfirm')} onConfirm={() => act(deleteRotation(r.id))}>
          <Button size="small" type="link" danger>
            {t('governance.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Card
      extra={
        isAdmin && (
          <Button icon={<PlusOutlined />} onClick={() => setIsAdding(true)}>
            {t('governance.rotation.add')}
          </Button>
        )
      }
      title={<Typography.Text type="secondary" style={{ fontWeight: 400, whiteSpace: 'normal' }}>{t('governance.rotation.help')}</Typography.Text>}
    >
      {rotations.error && <LoadError error={rotations.error} onRetry={rotations.reload} />}
      <Table<Rotation>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rotations.data ?? []}
        loading={rotations.isLoading}
        pagination={false}
        rowClassName={(r) => (r.overdue ? 'governance-row--overdue' : '')}
        // An employee reads only their own entries: an empty list says they are not on it, not that nobody is.
        locale={{ emptyText: t(role === 'employee' ? 'governance.rotation.notOnRotation' : 'governance.rotation.noRotation') }}
      />
      <FormModal
        open={isAdding}
        title={t('governance.rotation.add')}
        form={form}
        initialValues={{ kind: 'customer_call', everyWeeks: 4 }}
        onCancel={() => setIsAdding(false)}
        onSubmit={async (values) => {
          await createRotation({ ...values, note: values.note ?? '' });
          setIsAdding(false);
          rotations.reload();
        }}
      >
        <Form.Item name="employeeId" label={t('governance.listening.person')} rules={[{ required: true, message: t('governance.listening.personRequired') }]}>
          <Select showSearch optionFilterProp="label" options={(employees.data ?? []).map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('governance.listening.kind')}>
          <Select options={LISTENING_KINDS.map((k) => ({ value: k, label: t(`governance.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="everyWeeks" label={t('governance.rotation.everyWeeks')}>
          <InputNumber min={1} max={52} precision={0} />
        </Form.Item>
        <Form.Item name="note" label={t('governance.rotation.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
