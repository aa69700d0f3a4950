import { Alert, App, Button, Flex, Input, Modal, Space, Spin, Typography } from 'antd';
import { CopyOutlined, LinkOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { createAnonymousLink, qrCodeUrl } from './surveys.api.ts';

/** Makes an anonymous link for a saved survey and shows it with a copy button and its QR code. */
export function ShareModal({ surveyId, name, open, onClose }: { surveyId: string; name: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const link = useApiQuery(async () => (open ? createAnonymousLink(surveyId) : null), [surveyId, open]);
  const url = link.data ? new URL(link.data.url, window.location.origin).toString() : '';
  const copy = async () => {
    await navigator.clipboard.writeText(url);
    void message.success(t('surveys.share.copied'));
  };

  return (
    <Modal open={open} title={t('surveys.share.title', { name })} footer={null} onCancel={onClose} destroyOnHidden width={560}>
      {link.error && <Alert type="error" showIcon title={errorMessage(link.error)} />}
      {link.isLoading && !link.error && (
        <Flex gap={8} align="center">
          <Spin size="small" /> {t('surveys.share.creating')}
        </Flex>
      )}
      {link.data && (
        <Space orientation="vertical" size="large" className="survey-share">
          <div>
            <Typography.Text strong>{t('surveys.share.link')}</Typography.Text>
            <Space.Compact block className="survey-share__link">
              <Input readOnly value={url} aria-label={t('surveys.share.link')} data-testid="share-url" onFocus={(e) => e.target.select()} />
              <Button icon={<CopyOutlined />} onClick={() => void copy()}>
                {t('surveys.share.copy')}
              </Button>
              <Button icon={<LinkOutlined />} href={url} target="_blank" rel="noopener">
                {t('surveys.share.open')}
              </Button>
            </Space.Compact>
            <Typography.Text type="secondary">{t('surveys.share.linkHelp')}</Typography.Text>
          </div>
          <div>
            <Typography.Text strong>{t('surveys.share.qr')}</Typography.Text>
            <div className="survey-share__qr">
              <img src={qrCodeUrl(surveyId)} alt={t('surveys.share.qrAlt')} width={200} height={200} data-testid="share-qr" />
            </div>
            <Typography.Text type="secondary">{t('surveys.share.qrHelp')}</Typography.Text>
          </div>
        </Space>
      )}
    </Modal>
  );
}
