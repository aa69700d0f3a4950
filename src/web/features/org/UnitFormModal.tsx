import { useMemo } from 'react';
import { App, Form, Input, Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { createUnit, updateUnit, UNIT_KINDS, type Unit, type UnitInput, type UnitKind } from './org.api.ts';
import { likelyChildKind, subtreeIds } from './unit-tree.ts';
import { useUnitTreeSelectData } from './use-org-data.ts';

/** What the dialog is for: a new unit under a parent (null: top level), or changing an existing one. */
export type UnitFormTarget = { mode: 'create'; parentId: string | null } | { mode: 'edit'; unit: Unit };

interface UnitFormValues {
  name: string;
  nameEn?: string;
  kind: UnitKind;
  parentId?: string | null;
}

interface UnitFormModalProps {
  target: UnitFormTarget | null;
  units: readonly Unit[];
  onCancel: () => void;
  onSaved: (unit: Unit) => void;
}

/** Adds a child unit or edits a unit (admins only). */
export function UnitFormModal({ target, units, onCancel, onSaved }: UnitFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitFormValues>();
  const editedId = target?.mode === 'edit' ? target.unit.id : undefined;
  const blocked = useMemo(() => (editedId ? subtreeIds(units, editedId) : undefined), [units, editedId]);
  const parentTree = useUnitTreeSelectData(units, blocked);

  const initialValues = useMemo<Partial<UnitFormValues>>(() => {
    if (!target) return {};
    if (target.mode === 'edit') {
      const { name, nameEn, kind, parentId } = target.unit;
      return { name, nameEn: nameEn ?? undefined, kind, parentId };
    }
    const parent = units.find((u) => u.id === target.parentId);
    return { parentId: target.parentId, kind: likelyChildKind(parent?.kind) };
  }, [target, units]);

  const submit = async (values: UnitFormValues) => {
    const input: UnitInput = {
      name: values.name.trim(),
      nameEn: values.nameEn?.trim() || null,
      kind: values.kind,
      parentId: values.parentId ?? null,
    };
    const saved = target?.mode === 'edit' ? await updateUnit(target.unit.id, input) : await createUnit(input);
    void message.success(target?.mode === 'edit' ? t('common.saved') : t('common.created'));
    onSaved(saved);
  };

  return (
    <FormModal<UnitFormValues>
      open={target !== null}
      title={target?.mode === 'edit' ? t('units.edit') : t('units.addChild')}
      form={form}
      initialValues={initialValues}
      onCancel={onCancel}
      onSubmit={submit}
    >
      <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, message: t('units.nameRequired') }]}>
        <Input maxLength={120} autoFocus />
      </Form.Item>
      <Form.Item name="nameEn" label={t('units.nameEn')}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true, message: t('units.kindRequired') }]}>
        <Select options={UNIT_KINDS.map((kind) => ({ value: kind, label: t(`units.kinds.${kind}`) }))} />
      </Form.Item>
      <Form.Item name="parentId" label={t('units.parent')}>
        <TreeSelect
          treeData={parentTree}
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder={t('units.noParent')}
          treeDefaultExpandAll
        />
      </Form.Item>
    </FormModal>
  );
}
