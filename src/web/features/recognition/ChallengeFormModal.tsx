import { App as AntApp, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { createChallenge, type Challenge } from './recognition.api.ts';

interface ChallengeValues {
  theme: string;
  description?: string;
  deadline: Dayjs;
}

/** Managers and admins start a challenge: a theme, what it is about, and the last day for ideas. */
export function ChallengeFormModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (challenge: Challenge) => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ChallengeValues>();

  const save = async (values: ChallengeValues) => {
    const challenge = await createChallenge({
      theme: values.theme.trim(),
      description: values.description?.trim() ?? '',
      deadline: values.deadline.endOf('day').toISOString(),
    });
    message.success(t('recognition.challenges.created'));
    onCreated(challenge);
  };

  return (
    <FormModal<ChallengeValues>
      open={open}
      title={t('recognition.challenges.new')}
      form={form}
      initialValues={{ deadline: dayjs().add(14, 'day') }}
      onCancel={onClose}
      onSubmit={save}
    >
      <Form.Item name="theme" label={t('recognition.challenges.theme')} rules={[{ required: true, whitespace: true, message: t('recognition.challenges.themeRequired') }]}>
        <Input maxLength={200} placeholder={t('recognition.challenges.themePlaceholder')} />
      </Form.Item>
      <Form.Item name="description" label={t('recognition.challenges.description')}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('recognition.challenges.descriptionPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="deadline"
        label={t('recognition.challenges.deadline')}
        extra={t('recognition.challenges.deadlineHelp')}
        rules={[{ required: true, message: t('recognition.challenges.deadlineRequired') }]}
      >
        <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(day) => day.isBefore(dayjs(), 'day')} />
      </Form.Item>
    </FormModal>
  );
}
