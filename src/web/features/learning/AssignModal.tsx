import { Alert, DatePicker, Form, Radio, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { usePositionOptions, usePositions } from '../org/index.ts';
import { createAssignment, listItems, type Assignment } from './learning.api.ts';
import { useBilingual, useLearningError } from './learning-format.ts';
import { useScopedUnitTree } from './use-scoped-units.ts';

type Kind = 'position' | 'unit' | 'positionInUnit' | 'employee';
interface Values {
  itemId: string;
  kind: Kind;
  positionId?: string;
  unitId?: string;
  employeeId?: string;
  dueAt?: Dayjs;
}

/** Assigns an item to a position, a unit and below, a position within a unit, or one person. A manager picks only units of their subtree. */
export function AssignModal({ open, onClose, onAssigned }: { open: boolean; onClose: () => void; onAssigned: (created: Assignment) => void }) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const isAdmin = user.role === 'admin';
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const bilingual = useBilingual();
  const learningError = useLearningError();
  const items = useApiQuery((signal) => (open ? listItems({}, signal) : Promise.resolve(undefined)), [open]);
  const { treeData: unitTree, employees } = useScopedUnitTree();
  const positions = usePositions();
  const positionOptions = usePositionOptions(positions.data);
  const kinds: Kind[] = isAdmin ? ['position', 'unit', 'positionInUnit', 'employee'] : ['unit', 'positionInUnit', 'employee'];
  const required = [{ required: true, message: t('learning.itemForm.required') }];

  const submit = async (v: Values) => {
    const withPosition = v.kind === 'position' || v.kind === 'positionInUnit';
    const withUnit = v.kind === 'unit' || v.kind === 'positionInUnit';
    try {
      const created = await createAssignment({
        itemId: v.itemId,
        ...(withPosition ? { positionId: v.positionId } : {}),
        ...(withUnit ? { unitId: v.unitId } : {}),
        ...(v.kind === 'employee' ? { employeeId: v.employeeId } : {}),
        ...(v.dueAt ? { dueAt: v.dueAt.format('YYYY-MM-DD') } : {}),
      });
      onAssigned(created);
    } catch (caught) {
      throw new Error(learningError(caught));
    }
  };

  return (
    <FormModal<Values> open={open} title={t('learning.assignForm.title')} form={form} initialValues={{ kind: kinds[0] }} onCancel={onClose} onSubmit={submit}>
      <Alert type="info" showIcon title={isAdmin ? t('learning.assignForm.joiners') : `${t('learning.assignForm.managerScope')} ${t('learning.assignForm.joiners')}`} style={{ marginBottom: 16 }} />
      <Form.Item name="itemId" label={t('learning.assignForm.item')} rules={required}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={items.isLoading}
          options={(items.data ?? []).map((i) => ({ value: i.id, label: `${t(`learning.layers.${i.layer}`)} · ${bilingual(i.name)}` }))}
          data-testid="assign-item"
        />
      </Form.Item>
      <Form.Item name="kind" label={t('learning.assignForm.kind')}>
        <Radio.Group optionType="button" options={kinds.map((k) => ({ value: k, label: t(`learning.assignForm.kinds.${k}`) }))} />
      </Form.Item>
      {(kind === 'position' || kind === 'positionInUnit') && (
        <Form.Item name="positionId" label={t('learning.assignForm.position')} rules={required}>
          <Select showSearch optionFilterProp="label" options={positionOptions} data-testid="assign-position" />
        </Form.Item>
      )}
      {(kind === 'unit' || kind === 'positionInUnit') && (
        <Form.Item name="unitId" label={t('learning.assignForm.unit')} rules={required}>
          <TreeSelect treeData={unitTree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" data-testid="assign-unit" />
        </Form.Item>
      )}
      {kind === 'employee' && (
        <Form.Item name="employeeId" label={t('learning.assignForm.employee')} rules={required}>
          <Select showSearch optionFilterProp="label" options={(employees.data ?? []).filter((e) => !e.leftAt).map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
      )}
      <Form.Item name="dueAt" label={t('learning.assignForm.dueAt')}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
      </Form.Item>
    </FormModal>
  );
}
