import { Alert, App as AntApp, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { createIdea, type Challenge, type Idea } from './recognition.api.ts';

interface IdeaValues {
  title: string;
  body?: string;
  challengeId?: string;
}

interface IdeaFormModalProps {
  open: boolean;
  /** Challenges still taking ideas. */
  openChallenges: Challenge[];
  /** The challenge the board is filtered by, chosen in advance when it is open. */
  challengeId?: string;
  onClose: () => void;
  onCreated: (idea: Idea) => void;
}

/** Anyone suggests an idea, optionally for an open challenge; an error stays in the dialog with what was typed. */
export function IdeaFormModal({ open, openChallenges, challengeId, onClose, onCreated }: IdeaFormModalProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<IdeaValues>();
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const preset = openChallenges.some((c) => c.id === challengeId) ? challengeId : undefined;

  const submit = async () => {
    let values: IdeaValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd shows the field errors
    }
    setIsSaving(true);
    setError(null);
    try {
      const idea = await createIdea({ title: values.title.trim(), body: values.body?.trim() ?? '', challengeId: values.challengeId });
      message.success(t('recognition.ideas.created'));
      onCreated(idea);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('recognition.ideas.new')}
      okText={t('recognition.ideas.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={isSaving}
      afterClose={() => setError(null)}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<IdeaValues> form={form} layout="vertical" requiredMark={false} preserve={false} initialValues={{ challengeId: preset }} disabled={isSaving}>
        <Form.Item name="title" label={t('recognition.ideas.ideaTitle')} rules={[{ required: true, whitespace: true, message: t('recognition.ideas.titleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('recognition.ideas.body')}>
          <Input.TextArea rows={4} maxLength={5000} placeholder={t('recognition.ideas.bodyPlaceholder')} />
        </Form.Item>
        {openChallenges.length > 0 && (
          <Form.Item name="challengeId" label={t('recognition.ideas.challenge')}>
            <Select allowClear placeholder={t('recognition.ideas.challengePlaceholder')} options={openChallenges.map((c) => ({ value: c.id, label: c.theme }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
