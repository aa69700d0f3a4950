import { DatePicker, Form, Input, InputNumber, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { useEmployees, usePositionOptions, usePositions, useUnits, useUnitTreeSelectData } from '../org/index.ts';
import { createKpi, type Kpi } from './dashboards.api.ts';

const METRICS = ['nps', 'csat', 'ces', 'fcr', 'resolution_time', 'churn_rate', 'conversion_rate', 'response_rate', 'sentiment', 'praise', 'audit_score', 'manual'] as const;

interface KpiFormValues {
  level: Kpi['level'];
  name: string;
  nameEn?: string;
  parentId?: string;
  unitId?: string;
  positionId?: string;
  ownerId?: string;
  metric: Kpi['metric'];
  target: number;
  baseline?: number | null;
  weight: number;
  periodDays?: number;
  deadline?: Dayjs | null;
  note?: string;
}

/** Adds a KPI to the metric tree (admins). */
export function KpiFormModal({ open, kpis, onClose, onSaved }: { open: boolean; kpis: Kpi[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const localizedName = useLocalizedName();
  const [form] = Form.useForm<KpiFormValues>();
  const level = Form.useWatch('level', form);
  const units = useUnits();
  const unitTree = useUnitTreeSelectData(units.data);
  const positions = usePositions();
  const positionOptions = usePositionOptions(positions.data);
  const employees = useEmployees();
  const submit = async (v: KpiFormValues) => {
    await createKpi({ ...v, nameEn: v.nameEn || null, note: v.note || null, deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null });
    form.resetFields();
    onSaved();
  };
  return (
    <FormModal<KpiFormValues> open={open} title={t('dashboards.kpi.new')} form={form} initialValues={{ level: 'department', metric: 'nps', weight: 20, periodDays: 90, deadline: dayjs().endOf('year') }} onCancel={onClose} onSubmit={submit}>
      <Form.Item name="level" label={t('dashboards.kpi.level')} rules={[{ required: true }]}>
        <Select options={(['company', 'department', 'position'] as const).map((l) => ({ value: l, label: t(`dashboards.kpi.levels.${l}` as ParseKeys) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('dashboards.kpi.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="nameEn" label={t('dashboards.kpi.nameEn')} rules={[{ max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="parentId" label={t('dashboards.kpi.parent')}>
        <Select allowClear options={kpis.map((k) => ({ value: k.id, label: localizedName(k) }))} />
      </Form.Item>
      {level !== 'company' && (
        <Form.Item name="unitId" label={t('dashboards.kpi.unit')} rules={[{ required: true }]}>
          <TreeSelect treeData={unitTree} treeDefaultExpandAll />
        </Form.Item>
      )}
      {level === 'position' && (
        <Form.Item name="positionId" label={t('dashboards.kpi.position')} rules={[{ required: true }]}>
          <Select options={positionOptions} />
        </Form.Item>
      )}
      <Form.Item name="ownerId" label={t('dashboards.kpi.owner')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(employees.data ?? []).map((e) => ({ value: e.id, label: e.name }))} />
      </Form.Item>
      <Form.Item name="metric" label={t('dashboards.kpi.metric')} rules={[{ required: true }]}>
        <Select options={METRICS.map((m) => ({ value: m, label: t(`dashboards.metrics.${m}` as ParseKeys) }))} />
      </Form.Item>
      <Form.Item name="target" label={t('dashboards.kpi.target')} rules={[{ required: true }]}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="baseline" label={t('dashboards.kpi.baseline')} tooltip={t('dashboards.kpi.baselineHelp')}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="weight" label={t('dashboards.kpi.weight')} rules={[{ required: true }]}>
        <InputNumber min={0} max={100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="periodDays" label={t('dashboards.kpi.periodDays')}>
        <InputNumber min={1} max={3660} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="deadline" label={t('dashboards.kpi.deadline')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('dashboards.kpi.note')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}
