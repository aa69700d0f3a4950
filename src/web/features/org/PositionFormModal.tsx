import { useMemo } from 'react';
import { App, Checkbox, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import {
  COMPENSATION_TYPES,
  createPosition,
  updatePosition,
  type CompensationType,
  type Position,
  type PositionInput,
} from './org.api.ts';

interface PositionFormValues {
  name: string;
  nameEn?: string;
  compensationLimit: number;
  currency: string;
  compensationTypes: CompensationType[];
  exemptionAllowed: boolean;
}

const CURRENCIES = ['CNY', 'HKD', 'USD', 'EUR'];

interface PositionFormModalProps {
  /** The position to edit, 'new' for a new one, null when closed. */
  position: Position | 'new' | null;
  onCancel: () => void;
  onSaved: (position: Position) => void;
}

/** Creates or edits a position and its authority limit (admins only). */
export function PositionFormModal({ position, onCancel, onSaved }: PositionFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PositionFormValues>();
  const isEdit = position !== null && position !== 'new';

  const initialValues = useMemo<Partial<PositionFormValues>>(() => {
    if (position === null || position === 'new') {
      return { currency: 'CNY', compensationLimit: 0, compensationTypes: ['voucher'], exemptionAllowed: false };
    }
    return { name: position.name, nameEn: position.nameEn ?? undefined, ...position.authority };
  }, [position]);

  const submit = async (values: PositionFormValues) => {
    const input: PositionInput = {
      name: values.name.trim(),
      nameEn: values.nameEn?.trim() || null,
      authority: {
        compensationLimit: values.compensationLimit,
        currency: values.currency,
        compensationTypes: COMPENSATION_TYPES.filter((type) => values.compensationTypes.includes(type)),
        exemptionAllowed: values.exemptionAllowed,
      },
    };
    const saved = isEdit ? await updatePosition(position.id, input) : await createPosition(input);
    void message.success(isEdit ? t('common.saved') : t('common.created'));
    onSaved(saved);
  };

  return (
    <FormModal<PositionFormValues>
      open={position !== null}
      title={isEdit ? t('positions.edit') : t('positions.create')}
      form={form}
      initialValues={initialValues}
      onCancel={onCancel}
      onSubmit={submit}
    >
      <Form.Item name="name" label={t('positions.name')} rules={[{ required: true, whitespace: true, message: t('positions.nameRequired') }]}>
        <Input maxLength={120} autoFocus />
      </Form.Item>
      <Form.Item name="nameEn" label={t('positions.nameEn')}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item label={t('positions.compensationLimit')} required htmlFor="compensationLimit">
        <Space.Compact block>
          <Form.Item name="currency" noStyle>
            <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="compensationLimit" noStyle rules={[{ required: true, message: t('positions.limitRequired') }]}>
            <InputNumber min={0} max={10_000_000} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="compensationTypes" label={t('positions.compensationTypes')}>
        <Checkbox.Group options={COMPENSATION_TYPES.map((type) => ({ value: type, label: t(`positions.types.${type}`) }))} />
      </Form.Item>
      <Form.Item
        name="exemptionAllowed"
        label={t('positions.exemptionAllowed')}
        tooltip={t('positions.exemptionAllowedHelp')}
        valuePropName="checked"
      >
        <Switch checkedChildren={t('positions.allowed')} unCheckedChildren={t('positions.notAllowed')} />
      </Form.Item>
    </FormModal>
  );
}
