import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { useEmployees } from '../org/index.ts';
import { createGoal, type Kpi } from './dashboards.api.ts';

interface GoalFormValues {
  title: string;
  titleEn?: string;
  ownerId?: string;
  period: [Dayjs, Dayjs];
  progress?: number | null;
  kpiIds?: string[];
}

/** Adds a strategic goal (admins): measured by linked KPIs, or by a progress set by hand. */
export function GoalFormModal({ open, kpis, onClose, onSaved }: { open: boolean; kpis: Kpi[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const localizedName = useLocalizedName();
  const [form] = Form.useForm<GoalFormValues>();
  const employees = useEmployees();
  const submit = async (v: GoalFormValues) => {
    await createGoal({
      title: v.title,
      titleEn: v.titleEn || null,
      ownerId: v.ownerId ?? null,
      startDate: v.period[0].format('YYYY-MM-DD'),
      deadline: v.period[1].format('YYYY-MM-DD'),
      progress: v.progress ?? null,
      kpiIds: v.kpiIds ?? [],
    });
    form.resetFields();
    onSaved();
  };
  return (
    <FormModal<GoalFormValues> open={open} title={t('dashboards.goals.new')} form={form} initialValues={{ period: [dayjs(), dayjs().add(3, 'year')] }} onCancel={onClose} onSubmit={submit}>
      <Form.Item name="title" label={t('dashboards.goals.goalTitle')} rules={[{ required: true, whitespace: true, max: 300 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="titleEn" label={t('dashboards.goals.goalTitleEn')} rules={[{ max: 300 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="ownerId" label={t('dashboards.kpi.owner')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(employees.data ?? []).map((e) => ({ value: e.id, label: e.name }))} />
      </Form.Item>
      <Form.Item name="period" label={t('dashboards.goals.period')} rules={[{ required: true }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="kpiIds" label={t('dashboards.goals.kpis')}>
        <Select mode="multiple" options={kpis.map((k) => ({ value: k.id, label: localizedName(k) }))} />
      </Form.Item>
      <Form.Item name="progress" label={t('dashboards.goals.manualProgress')} tooltip={t('dashboards.goals.manualProgressHelp')}>
        <InputNumber min={0} max={100} suffix="%" style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
