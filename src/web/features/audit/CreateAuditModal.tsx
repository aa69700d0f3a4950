import { useEffect, useMemo } from 'react';
import { Alert, AutoComplete, DatePicker, Form, Input, Select, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLanguage, useLocalizedName } from '../../shared/i18n/use-language.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { subtreeOf, unitTreeData } from './audit-format.ts';
import { createAudit, type Audit, type AuditKind, type AuditSummary, type AuditTemplate } from './audit.api.ts';
import { useAuditNames, usePeopleAndUnits, useTouchpointName } from './use-audit.ts';

interface Values {
  templateKey: string;
  title?: string;
  unitId?: string;
  touchpoint?: string;
  ownerId?: string;
  dueAt?: Dayjs;
}

interface Props {
  open: boolean;
  kind: AuditKind;
  /** Re-audit this completed audit: its checklist, unit and touchpoint are kept. */
  baseline?: AuditSummary;
  onClose: () => void;
  onCreated: (audit: Audit) => void;
}

/** Plans an experience audit (or re-audit) or a mystery-shopping visit; a manager picks from their own subtree. */
export function CreateAuditModal({ open, kind, baseline, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const [form] = Form.useForm<Values>();
  const session = useSignedIn();
  const { units, employees } = usePeopleAndUnits();
  const { templates, titleOf } = useAuditNames();
  const touchpointName = useTouchpointName();
  const localized = useLocalizedName();
  const isMystery = kind === 'mystery';
  const choices = templates.filter((tpl) => tpl.kind === kind);
  const templateKey = Form.useWatch('templateKey', form);

  // A manager audits their own unit's subtree; an admin any unit (or, for an audit, the whole organisation).
  const pickable = useMemo(() => {
    if (session.user.role === 'admin') return units;
    const own = employees.find((e) => e.id === session.user.employeeId)?.unitId;
    return own ? subtreeOf(units, own) : [];
  }, [session.user, units, employees]);

  useEffect(() => {
    const tpl = templates.find((x: AuditTemplate) => x.key === templateKey);
    if (isMystery && tpl?.touchpoint) form.setFieldValue('touchpoint', tpl.touchpoint);
  }, [templateKey, templates, isMystery, form]);

  const submit = async (v: Values) => {
    const created = await createAudit({
      templateKey: (baseline?.templateKey ?? v.templateKey) as AuditTemplate['key'],
      ...(v.title?.trim() ? { title: v.title.trim() } : {}),
      ...(baseline ? { baselineAuditId: baseline.id } : v.unitId ? { unitId: v.unitId } : {}),
      ...(!baseline && v.touchpoint?.trim() ? { touchpoint: v.touchpoint.trim() } : {}),
      ...(v.ownerId ? { ownerId: v.ownerId } : {}),
      ...(v.dueAt ? { dueAt: v.dueAt.format('YYYY-MM-DD') } : {}),
    });
    form.resetFields();
    onCreated(created);
  };

  const title = baseline ? t('audit.create.reauditTitle') : isMystery ? t('audit.mystery.planTitle') : t('audit.create.title');
  return (
    <FormModal<Values>
      open={open}
      title={title}
      form={form}
      initialValues={{ templateKey: isMystery ? 'mystery-store' : 'experience-audit', ownerId: session.user.employeeId ?? undefined }}
      onCancel={onClose}
      onSubmit={submit}
    >
      {baseline ? (
        <Alert type="info" showIcon title={t('audit.create.reauditHelp', { name: titleOf(baseline) })} style={{ marginBottom: 16 }} />
      ) : (
        <>
          <Form.Item name="templateKey" label={isMystery ? t('audit.mystery.checklist') : t('audit.create.template')} rules={[{ required: true }]}>
            <Select options={choices.map((tpl) => ({ value: tpl.key, label: tpl.name[language] }))} data-testid="audit-template" />
          </Form.Item>
          <Form.Item
            name="unitId"
            label={isMystery ? t('audit.mystery.unit') : t('audit.create.unit')}
            extra={isMystery || session.user.role !== 'admin' ? undefined : t('audit.create.unitHelp')}
            rules={isMystery || session.user.role !== 'admin' ? [{ required: true, message: t('audit.mystery.unitRequired') }] : []}
          >
            <TreeSelect allowClear treeDefaultExpandAll treeData={unitTreeData(pickable, localized)} showSearch={{ treeNodeFilterProp: 'title' }} data-testid="audit-unit" />
          </Form.Item>
          {isMystery && (
            <Form.Item name="touchpoint" label={t('audit.mystery.touchpoint')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <AutoComplete options={['store', 'hotline', 'home_delivery'].map((tp) => ({ value: tp, label: touchpointName(tp) }))} />
            </Form.Item>
          )}
        </>
      )}
      {!isMystery && (
        <Form.Item name="title" label={t('audit.create.name')} rules={[{ max: 200 }]}>
          <Input placeholder={t('audit.create.namePlaceholder')} data-testid="audit-title" />
        </Form.Item>
      )}
      <Form.Item name="ownerId" label={isMystery ? t('audit.mystery.leader') : t('audit.create.owner')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={employees.map((e) => ({ value: e.id, label: e.name }))} />
      </Form.Item>
      <Form.Item name="dueAt" label={isMystery ? t('audit.mystery.due') : t('audit.create.due')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
