import { useState } from 'react';
import { App, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { eraseCustomer } from './privacy.api.ts';
import { usePrivacyErrorMessage } from './use-privacy-error.ts';

/** Erasure behind a typed confirmation word: what goes, what stays, and the word to type. */
export function EraseModal({ customerId, name, onClose, onErased }: { customerId: string; name: string; onClose: () => void; onErased: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = usePrivacyErrorMessage();
  const [typed, setTyped] = useState('');
  const [isErasing, setIsErasing] = useState(false);
  const word = t('privacy.customer.eraseWord');

  const erase = async () => {
    setIsErasing(true);
    try {
      const result = await eraseCustomer(customerId);
      const count = Object.values(result.counts).reduce((a, b) => a + b, 0);
      if (result.repeated) message.info(t('privacy.customer.alreadyErased'));
      else message.success(t('privacy.customer.erased', { name, count }));
      onClose();
      onErased();
    } catch (caught) {
      message.error(errorText(caught));
      setIsErasing(false);
    }
  };

  return (
    <Modal
      open
      title={t('privacy.customer.eraseTitle', { name })}
      okText={t('privacy.customer.eraseConfirm')}
      okButtonProps={{ danger: true, disabled: typed.trim() !== word, loading: isErasing, id: 'privacy-erase-confirm' }}
      cancelText={t('common.cancel')}
      onOk={() => void erase()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('privacy.customer.eraseWhat')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('privacy.customer.eraseKeeps')}</Typography.Paragraph>
      <Typography.Paragraph strong>{t('privacy.customer.eraseType', { word })}</Typography.Paragraph>
      <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={word} autoFocus data-testid="erase-word" />
    </Modal>
  );
}
