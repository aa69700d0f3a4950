import { App as AntApp, Button, Card, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Employee } from '../../../contracts/org.ts';
import { apiGet, type Page } from '../../shared/api/client.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { awardPoints, decideRedemption, getRules, listRedemptions, type Redemption } from './recognition.api.ts';

/** A manager's award by hand: who, how many points, and why (capped per month by the rules). */
export function AwardCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<{ employeeId: string; points: number; reason: string }>();
  const [isSaving, setIsSaving] = useState(false);
  const employees = useApiQuery((signal) => apiGet<Page<Employee>>('/employees', { limit: 500 }, signal), []);
  const rules = useApiQuery((signal) => getRules(signal), []);

  const submit = async (values: { employeeId: string; points: number; reason: string }) => {
    setIsSaving(true);
    try {
      await awardPoints(values);
      message.success(t('recognition.award.done'));
      form.resetFields();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Card title={t('recognition.award.title')}>
      {employees.error && <LoadError error={employees.error} onRetry={employees.reload} />}
      <Typography.Paragraph type="secondary">{t('recognition.award.help', { count: rules.data?.manualMonthlyCap ?? 0 })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="employeeId" label={t('recognition.award.employee')} rules={[{ required: true, message: t('recognition.award.employeeRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={employees.isLoading}
            options={employees.data?.items.map((e) => ({ value: e.id, label: e.name }))}
            placeholder={t('recognition.award.employeePlaceholder')}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="points" label={t('recognition.award.points')} rules={[{ required: true, message: t('recognition.award.pointsRequired') }]}>
            <InputNumber min={1} max={10000} precision={0} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="reason" label={t('recognition.award.reason')} rules={[{ required: true, whitespace: true, message: t('recognition.award.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('recognition.award.reasonPlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isSaving}>
          {t('recognition.award.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** Redemptions waiting for this manager (their subtree's people, never their own). */
export function PendingRedemptionsCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const localized = useLocalizedName();
  const pending = useApiQuery((signal) => listRedemptions({ status: 'pending' }, signal), []);
  const decide = async (id: string, decision: 'approve' | 'reject') => {
    try {
      await decideRedemption(id, decision);
      message.success(t(decision === 'approve' ? 'recognition.rewards.approved' : 'recognition.rewards.rejected'));
      pending.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };
  return (
    <Card title={t('recognition.rewards.pending')}>
      {pending.error && <LoadError error={pending.error} onRetry={pending.reload} />}
      <Table<Redemption>
        size="small"
        rowKey="id"
        loading={pending.isLoading}
        dataSource={pending.data?.items}
        pagination={false}
        locale={{ emptyText: t('recognition.rewards.nonePending') }}
        columns={[
          { title: t('recognition.rewards.employee'), dataIndex: 'employeeName', width: 100 },
          { title: t('recognition.rewards.reward'), render: (_, r) => localized({ name: r.rewardName, nameEn: r.rewardNameEn }) },
          { title: t('recognition.rewards.cost'), dataIndex: 'cost', width: 70, align: 'right' },
          { title: t('recognition.points.at'), dataIndex: 'requestedAt', width: 110, render: (at: string) => dayjs(at).format('YYYY-MM-DD') },
          {
            title: '',
            width: 150,
            render: (_, r) => (
              <Space>
                <Button size="small" type="primary" onClick={() => void decide(r.id, 'approve')}>
                  {t('recognition.rewards.approve')}
                </Button>
                <Button size="small" onClick={() => void decide(r.id, 'reject')}>
                  {t('recognition.rewards.reject')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
