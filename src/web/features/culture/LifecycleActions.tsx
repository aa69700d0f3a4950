import { useState } from 'react';
import { App, Button, Modal, Popconfirm, Space, Typography } from 'antd';
import { BellOutlined, DownloadOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { closeAssessment, invitationsCsvUrl, openAssessment, remindAssessment, type AssessmentSummary } from './culture.api.ts';
import { useCultureErrorMessage } from './use-culture.ts';

/** The link that downloads every unanswered invitee's personal link as CSV (admins; the session cookie authorises it). */
export function DownloadLinksButton({ id, size, primary }: { id: string; size?: 'small' | 'middle'; primary?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button href={invitationsCsvUrl(id)} download size={size} type={primary ? 'primary' : 'default'} icon={<DownloadOutlined />} data-testid="culture-download-links">
      {t('culture.lifecycle.download')}
    </Button>
  );
}

/**
 * Open, remind and close for administrators, each behind a confirmation; after opening without an e-mail server
 * a dialog offers the invitation links for download. Render only for admins: other roles get no buttons at all.
 */
export function LifecycleActions({ assessment, onChanged, size = 'middle' }: { assessment: AssessmentSummary; onChanged: () => void; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useCultureErrorMessage();
  const [busy, setBusy] = useState(false);
  const [downloadFor, setDownloadFor] = useState<{ invited: number } | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
      onChanged();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  const open = () =>
    run(async () => {
      const result = await openAssessment(assessment.id);
      if (result.delivery === 'download') setDownloadFor({ invited: result.invited });
      else message.success(`${t('culture.lifecycle.opened', { count: result.invited })} ${t('culture.lifecycle.emailed', { count: result.emailed })}`);
    });
  const remind = () =>
    run(async () => {
      const result = await remindAssessment(assessment.id);
      message.success(t('culture.lifecycle.reminded', { count: result.reminded }));
    });
  const close = () =>
    run(async () => {
      await closeAssessment(assessment.id);
      message.success(t('culture.lifecycle.closed'));
    });
  const name = assessment.name;

  return (
    <Space wrap size={8}>
      {assessment.status === 'draft' && (
        <Popconfirm title={t('culture.lifecycle.openConfirm', { name })} onConfirm={() => void open()} okText={t('culture.lifecycle.open')} cancelText={t('common.cancel')}>
          <Button type="primary" size={size} icon={<PlayCircleOutlined />} loading={busy} data-testid="culture-open">
            {t('culture.lifecycle.open')}
          </Button>
        </Popconfirm>
      )}
      {assessment.status === 'open' && (
        <>
          <DownloadLinksButton id={assessment.id} size={size} />
          <Popconfirm title={t('culture.lifecycle.remindConfirm')} onConfirm={() => void remind()} okText={t('culture.lifecycle.remind')} cancelText={t('common.cancel')}>
            <Button size={size} icon={<BellOutlined />} loading={busy} data-testid="culture-remind">
              {t('culture.lifecycle.remind')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t('culture.lifecycle.closeConfirm', { name })}
            onConfirm={() => void close()}
            okText={t('culture.lifecycle.close')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
          >
            <Button size={size} danger icon={<StopOutlined />} loading={busy} data-testid="culture-close">
              {t('culture.lifecycle.close')}
            </Button>
          </Popconfirm>
        </>
      )}
      <Modal
        open={downloadFor !== null}
        title={t('culture.lifecycle.downloadTitle')}
        onCancel={() => setDownloadFor(null)}
        footer={<Button onClick={() => setDownloadFor(null)}>{t('culture.lifecycle.done')}</Button>}
      >
        <Typography.Paragraph strong>{t('culture.lifecycle.opened', { count: downloadFor?.invited ?? 0 })}</Typography.Paragraph>
        <Typography.Paragraph>{t('culture.lifecycle.downloadBody')}</Typography.Paragraph>
        <DownloadLinksButton id={assessment.id} primary />
      </Modal>
    </Space>
  );
}
