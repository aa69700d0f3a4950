import { useState } from 'react';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { DeleteOutlined, FileImageOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AUDIT_LIMITS, attachmentUrl, deleteAttachment, getAudit, uploadAttachment, type Audit, type AuditItem } from './audit.api.ts';
import { useAuditErrorMessage } from './use-audit.ts';

const kb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** An item's evidence files: download links, removal while the audit is open, and an upload checked again by the server. */
export function AttachmentList({ audit, item, onChange }: { audit: Audit; item: AuditItem; onChange: (audit: Audit) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useAuditErrorMessage();
  const [busy, setBusy] = useState(false);
  const locked = audit.status === 'completed';

  const act = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await work();
      onChange(await getAudit(audit.id));
      if (done) void message.success(done);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="audit-files">
      {item.attachments.map((f) => (
        <Flex key={f.id} align="center" gap={6} className="audit-file">
          {f.contentType === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />}
          <a href={attachmentUrl(audit.id, f.id)} download={f.fileName}>
            {f.fileName}
          </a>
          <Typography.Text type="secondary" className="audit-small">
            {kb(f.size)}
          </Typography.Text>
          {!locked && (
            <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('audit.audit.removeFile')} disabled={busy} onClick={() => void act(() => deleteAttachment(audit.id, f.id))} />
          )}
        </Flex>
      ))}
      {!locked && (
        <Flex align="center" gap={8} wrap>
          <Upload
            accept={AUDIT_LIMITS.attachmentTypes.join(',')}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              // The server checks the bytes again; this only spares a 5 MB round trip.
              if (file.size > AUDIT_LIMITS.maxAttachmentBytes) void message.error(t('audit.errors.file_too_large'));
              else void act(() => uploadAttachment(audit.id, item.key, file), t('audit.audit.uploaded'));
              return false;
            }}
          >
            <Button size="small" icon={<PaperClipOutlined />} loading={busy}>
              {t('audit.audit.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" className="audit-small">
            {t('audit.audit.uploadHint')}
          </Typography.Text>
        </Flex>
      )}
    </div>
  );
}
