import { Alert, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { createActionPlan, PILLARS, startPlanPulse, type ActionPlan, type Employee, type Pillar } from './culture.api.ts';

interface PlanValues {
  pillar?: Pillar;
  title: string;
  ownerId?: string;
  dueAt?: Dayjs | null;
}

/** A new action plan for a gap: the pillar, what will be done, an owner and a due date. */
export function PlanModal({ assessmentId, pillar, employees, onClose, onCreated }: { assessmentId: string; pillar: Pillar | null | undefined; employees: Employee[]; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PlanValues>();
  const submit = async (v: PlanValues) => {
    await createActionPlan(assessmentId, {
      ...(v.pillar ? { pillar: v.pillar } : {}),
      title: v.title.trim(),
      ...(v.ownerId ? { ownerId: v.ownerId } : {}),
      ...(v.dueAt ? { dueAt: v.dueAt.format('YYYY-MM-DD') } : {}),
    });
    onCreated();
  };
  return (
    <FormModal<PlanValues>
      open={pillar !== undefined}
      title={t('culture.plans.formTitle')}
      form={form}
      initialValues={{ pillar: pillar ?? undefined, dueAt: dayjs().add(90, 'day') }}
      onCancel={onClose}
      onSubmit={submit}
    >
      <Form.Item name="pillar" label={t('culture.plans.pillar')}>
        <Select allowClear options={PILLARS.map((p) => ({ value: p, label: t(`culture.terms.pillars.${p}`) }))} />
      </Form.Item>
      <Form.Item name="title" label={t('culture.plans.what')} rules={[{ required: true, whitespace: true, max: 200, message: t('culture.plans.titleRequired') }]}>
        <Input.TextArea rows={2} data-testid="culture-plan-title" />
      </Form.Item>
      <Form.Item name="ownerId" label={t('culture.plans.owner')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={employees.map((e) => ({ value: e.id, label: e.name }))} />
      </Form.Item>
      <Form.Item name="dueAt" label={t('culture.plans.dueAt')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

/** Re-measures a plan's pillar: opens a pulse for the same audience, closing on the chosen date. */
export function PulseModal({ plan, onClose, onStarted }: { plan: ActionPlan | null; onClose: () => void; onStarted: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ closesAt: Dayjs }>();
  const submit = async (v: { closesAt: Dayjs }) => {
    await startPlanPulse(plan!.id, v.closesAt.endOf('day').toISOString());
    onStarted();
  };
  return (
    <FormModal<{ closesAt: Dayjs }> open={plan !== null} title={t('culture.plans.pulseTitle')} form={form} initialValues={{ closesAt: dayjs().add(14, 'day') }} onCancel={onClose} onSubmit={submit}>
      <Alert type="info" showIcon title={t('culture.plans.pulseHelp')} style={{ marginBottom: 16 }} />
      <Form.Item name="closesAt" label={t('culture.plans.pulseCloses')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
      </Form.Item>
    </FormModal>
  );
}
