import { useMemo } from 'react';
import { App, Form, Input, Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { createEmployee, updateEmployee, type Employee, type EmployeeInput, type Position, type Unit } from './org.api.ts';
import { useById, useManagerOptions, usePositionOptions, useUnitTreeSelectData } from './use-org-data.ts';

interface EmployeeFormValues {
  name: string;
  email?: string;
  unitId: string;
  positionId: string;
  managerId?: string | null;
}

interface EmployeeFormModalProps {
  /** The employee to edit, 'new' for a new one, null when closed. */
  employee: Employee | 'new' | null;
  /** Preselected unit for a new employee (the page's unit filter). */
  defaultUnitId?: string;
  units: Unit[] | undefined;
  positions: Position[] | undefined;
  employees: Employee[] | undefined;
  onCancel: () => void;
  onSaved: (employee: Employee) => void;
}

/** Creates or edits an employee: unit, position and manager (admins only). */
export function EmployeeFormModal(props: EmployeeFormModalProps) {
  const { employee, defaultUnitId, units, positions, employees, onCancel, onSaved } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EmployeeFormValues>();
  const isEdit = employee !== null && employee !== 'new';
  const unitTree = useUnitTreeSelectData(units);
  const positionOptions = usePositionOptions(positions);
  const managerOptions = useManagerOptions(employees, useById(positions), isEdit ? employee.id : undefined);

  const initialValues = useMemo<Partial<EmployeeFormValues>>(() => {
    if (employee === null || employee === 'new') return { unitId: defaultUnitId };
    const { name, email, unitId, positionId, managerId } = employee;
    return { name, email: email ?? undefined, unitId, positionId, managerId };
  }, [employee, defaultUnitId]);

  const submit = async (values: EmployeeFormValues) => {
    const input: EmployeeInput = {
      name: values.name.trim(),
      email: values.email?.trim() || null,
      unitId: values.unitId,
      positionId: values.positionId,
      managerId: values.managerId ?? null,
    };
    const saved = isEdit ? await updateEmployee(employee.id, input) : await createEmployee(input);
    void message.success(isEdit ? t('common.saved') : t('common.created'));
    onSaved(saved);
  };

  return (
    <FormModal<EmployeeFormValues>
      open={employee !== null}
      title={isEdit ? t('employees.edit') : t('employees.create')}
      form={form}
      initialValues={initialValues}
      onCancel={onCancel}
      onSubmit={submit}
    >
      <Form.Item name="name" label={t('employees.name')} rules={[{ required: true, whitespace: true, message: t('employees.nameRequired') }]}>
        <Input maxLength={120} autoFocus />
      </Form.Item>
      <Form.Item name="email" label={t('employees.email')} rules={[{ type: 'email', message: t('employees.emailInvalid') }]}>
        <Input maxLength={254} type="email" />
      </Form.Item>
      <Form.Item name="unitId" label={t('employees.unit')} rules={[{ required: true, message: t('employees.unitRequired') }]}>
        <TreeSelect treeData={unitTree} showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll />
      </Form.Item>
      <Form.Item name="positionId" label={t('employees.position')} rules={[{ required: true, message: t('employees.positionRequired') }]}>
        <Select options={positionOptions} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="managerId" label={t('employees.manager')}>
        <Select options={managerOptions} showSearch={{ optionFilterProp: 'label' }} allowClear placeholder={t('employees.noManager')} />
      </Form.Item>
    </FormModal>
  );
}
