import { useState } from 'react';
import { App, Button, Card, Form, Popconfirm, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { listEmployees } from '../org/index.ts';
import { addMember, changeMemberRole, COMMITTEE_ROLES, listMembers, removeMember, type CommitteeMember, type CommitteeRole } from './governance.api.ts';

const ROLE_COLOR: Record<CommitteeRole, string> = { chair: 'gold', cxo: 'blue', member: 'default' };

/** The committee's members; admins seat people, change roles and take them off. */
export function CommitteeMembers({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const localized = useLocalizedName();
  const members = useApiQuery((signal) => listMembers(signal), []);
  const employees = useApiQuery((signal) => (isAdmin ? listEmployees(undefined, signal) : Promise.resolve([])), [isAdmin]);
  const [isAdding, setIsAdding] = useState(false);
  const [form] = Form.useForm<{ employeeId: string; role: CommitteeRole }>();

  const act = async (work: Promise<unknown>) => {
    try {
      await work;
      members.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };
  const seated = new Set((members.data ?? []).map((m) => m.employeeId));

  const columns: TableColumnsType<CommitteeMember> = [
    { title: t('governance.committee.employee'), dataIndex: 'name' },
    {
      title: t('governance.committee.role'),
      key: 'role',
      render: (_, m) =>
        isAdmin ? (
          <Select
            size="small"
            value={m.role}
            style={{ minWidth: 120 }}
            aria-label={t('governance.committee.role')}
            options={COMMITTEE_ROLES.map((r) => ({ value: r, label: t(`governance.roles.${r}`) }))}
            onChange={(role) => void act(changeMemberRole(m.employeeId, role))}
          />
        ) : (
          <Tag color={ROLE_COLOR[m.role]}>{t(`governance.roles.${m.role}`)}</Tag>
        ),
    },
    { title: t('governance.committee.unit'), key: 'unit', render: (_, m) => localized({ name: m.unitName, nameEn: m.unitNameEn }) },
  ];
  if (isAdmin) {
    columns.push({
      key: 'remove',
      align: 'right',
      render: (_, m) => (
        <Popconfirm title={t('governance.committee.removeConfirm', { name: m.name })} onConfirm={() => act(removeMember(m.employeeId))}>
          <Button size="small" type="link" danger>
            {t('governance.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Card
      title={t('governance.committee.members')}
      extra={
        isAdmin && (
          <Button icon={<PlusOutlined />} onClick={() => setIsAdding(true)}>
            {t('governance.committee.addMember')}
          </Button>
        )
      }
    >
      {members.error && <LoadError error={members.error} onRetry={members.reload} />}
      <Table<CommitteeMember> rowKey="employeeId" size="small" columns={columns} dataSource={members.data ?? []} loading={members.isLoading} pagination={false} locale={{ emptyText: t('governance.committee.noMembers') }} />
      <FormModal
        open={isAdding}
        title={t('governance.committee.addMember')}
        form={form}
        initialValues={{ role: 'member' }}
        onCancel={() => setIsAdding(false)}
        onSubmit={async (values) => {
          await addMember(values.employeeId, values.role);
          setIsAdding(false);
          members.reload();
        }}
      >
        <Form.Item name="employeeId" label={t('governance.committee.employee')} rules={[{ required: true, message: t('governance.committee.employeeRequired') }]}>
          <Select showSearch optionFilterProp="label" options={(employees.data ?? []).filter((e) => !seated.has(e.id)).map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
        <Form.Item name="role" label={t('governance.committee.role')}>
          <Select options={COMMITTEE_ROLES.map((r) => ({ value: r, label: t(`governance.roles.${r}`) }))} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
