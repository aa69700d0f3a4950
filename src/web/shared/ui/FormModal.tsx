import { useState, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../api/use-error-message.ts';

interface FormModalProps<Values> {
  open: boolean;
  title: string;
  form: FormInstance<Values>;
  initialValues?: Partial<Values>;
  onCancel: () => void;
  /** Saves the validated values; a thrown error's message is shown in the dialog, which stays open. */
  onSubmit: (values: Values) => Promise<void>;
  children: ReactNode;
}

/** A modal with a vertical form: validates, saves, shows the API's error message, closes on success. */
export function FormModal<Values extends object>(props: FormModalProps<Values>) {
  const { open, title, form, initialValues, onCancel, onSubmit, children } = props;
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd shows the field errors
    }
    setIsSaving(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void save()}
      onCancel={onCancel}
      confirmLoading={isSaving}
      afterClose={() => setError(null)}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        preserve={false}
        disabled={isSaving}
        onFinish={() => void save()}
      >
        {children}
      </Form>
    </Modal>
  );
}
