import { Form, Input, Radio, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { useUnits, useUnitTreeSelectData } from '../org/index.ts';
import { ColleagueSelect } from './ColleagueSelect.tsx';
import { handOver } from './frontline.api.ts';

interface Values {
  to: 'colleague' | 'unit';
  ownerId?: string;
  unitId?: string;
  note: string;
}

/** Hands a case to a colleague or to a unit's queue, with a note the timeline keeps. */
export function HandOverModal({ caseId, open, onClose, onDone }: { caseId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const to = Form.useWatch('to', form);
  const units = useUnits();
  const unitTree = useUnitTreeSelectData(units.data);
  const submit = async (v: Values) => {
    await handOver(caseId, { type: 'hand_over', note: v.note, ...(v.to === 'unit' ? { unitId: v.unitId } : { ownerId: v.ownerId }) });
    form.resetFields();
    onDone();
  };
  return (
    <FormModal<Values> open={open} title={t('frontline.handOver.title')} form={form} initialValues={{ to: 'colleague' }} onCancel={onClose} onSubmit={submit}>
      <Form.Item name="to" label={t('frontline.handOver.to')}>
        <Radio.Group optionType="button" buttonStyle="solid" options={[
          { value: 'colleague', label: t('frontline.capture.followColleague') },
          { value: 'unit', label: t('frontline.capture.followUnit') },
        ]} />
      </Form.Item>
      {to === 'unit' ? (
        <Form.Item name="unitId" label={t('frontline.capture.unit')} extra={t('frontline.capture.unitHelp')} rules={[{ required: true, message: t('frontline.capture.unitRequired') }]}>
          <TreeSelect treeData={unitTree} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} />
        </Form.Item>
      ) : (
        <Form.Item name="ownerId" label={t('frontline.capture.colleague')} rules={[{ required: true, message: t('frontline.capture.colleagueRequired') }]}>
          <ColleagueSelect testId="handover-colleague" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('frontline.handOver.note')} rules={[{ required: true, whitespace: true, message: t('frontline.handOver.noteRequired') }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
