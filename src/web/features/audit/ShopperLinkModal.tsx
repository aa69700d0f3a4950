import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AUDIT_LIMITS, issueShopperLink, type AuditSummary, type ShopperLink } from './audit.api.ts';
import { useAuditErrorMessage } from './use-audit.ts';

/** Issues a one-time link for an external shopper and shows it once, to copy; a new link stops the old one. */
export function ShopperLinkModal({ visit, onClose }: { visit: AuditSummary | null; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useAuditErrorMessage();
  const [days, setDays] = useState<number>(AUDIT_LIMITS.defaultLinkDays);
  const [link, setLink] = useState<ShopperLink | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    const changed = link !== null;
    setLink(null);
    onClose(changed);
  };
  const issue = async () => {
    if (!visit) return;
    setBusy(true);
    try {
      setLink(await issueShopperLink(visit.id, days));
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!link) return;
    await navigator.clipboard?.writeText(link.url).catch(() => undefined);
    void message.success(t('audit.mystery.copied'));
  };

  return (
    <Modal open={visit !== null} title={t('audit.mystery.linkTitle')} onCancel={close} footer={<Button onClick={close}>{t('audit.mystery.close')}</Button>} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('audit.mystery.linkHelp')}</Typography.Paragraph>
      {link ? (
        <>
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={link.url} data-testid="shopper-link" onFocus={(e) => e.target.select()} />
            <Button icon={<CopyOutlined />} onClick={() => void copy()}>
              {t('audit.mystery.copy')}
            </Button>
          </Space.Compact>
          <Alert type="success" showIcon style={{ marginTop: 12 }} title={t('audit.mystery.linkExpires', { date: dayjs(link.expiresAt).format('YYYY-MM-DD HH:mm') })} />
        </>
      ) : (
        <Form layout="inline" onFinish={() => void issue()}>
          <Form.Item label={t('audit.mystery.linkDays')}>
            <InputNumber min={1} max={AUDIT_LIMITS.maxLinkDays} precision={0} value={days} onChange={(v) => setDays(v ?? AUDIT_LIMITS.defaultLinkDays)} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="shopper-link-issue">
            {t('audit.mystery.linkIssue')}
          </Button>
        </Form>
      )}
    </Modal>
  );
}
