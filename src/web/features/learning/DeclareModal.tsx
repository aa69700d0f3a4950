import { Alert, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { recordCompletion, type LearningItem } from './learning.api.ts';
import { useBilingual, useLearningError } from './learning-format.ts';

interface Values {
  completedOn: Dayjs;
  evidence?: string;
}

/** The employee records that they have done an item: the day (never in the future) and optional evidence. */
export function DeclareModal({ item, onClose, onDeclared }: { item: LearningItem | null; onClose: () => void; onDeclared: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const bilingual = useBilingual();
  const learningError = useLearningError();
  const submit = async (values: Values) => {
    try {
      await recordCompletion({ itemId: item!.id, completedOn: values.completedOn.format('YYYY-MM-DD'), evidence: values.evidence?.trim() || undefined });
    } catch (caught) {
      throw new Error(learningError(caught));
    }
    onDeclared();
  };
  return (
    <FormModal<Values> open={item !== null} title={`${t('learning.declare.title')}: ${bilingual(item?.name)}`} form={form} initialValues={{ completedOn: dayjs() }} onCancel={onClose} onSubmit={submit}>
      <Alert type="info" showIcon title={t('learning.declare.help')} style={{ marginBottom: 16 }} />
      <Form.Item name="completedOn" label={t('learning.declare.completedOn')} rules={[{ required: true, message: t('learning.itemForm.required') }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="declare-date" />
      </Form.Item>
      <Form.Item name="evidence" label={t('learning.declare.evidence')}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('learning.declare.evidencePlaceholder')} data-testid="declare-evidence" />
      </Form.Item>
    </FormModal>
  );
}
