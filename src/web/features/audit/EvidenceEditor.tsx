import { useEffect, useState } from 'react';
import { Button, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AUDIT_LIMITS, type AuditItem, type UpdateAuditItem } from './audit.api.ts';

/**
 * An item's evidence: text and links, edited in place and saved together while the audit is open, shown as
 * plain text and links once it is completed.
 */
export function EvidenceEditor({ item, locked, busy, onSave }: { item: AuditItem; locked: boolean; busy: boolean; onSave: (patch: UpdateAuditItem) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(item.evidence.text);
  const [links, setLinks] = useState(item.evidence.links);
  const savedLinks = item.evidence.links.join('\n');
  // What was saved replaces the draft; edits not yet saved survive a score change (the saved evidence is then unchanged).
  useEffect(() => {
    setText(item.evidence.text);
    setLinks(savedLinks ? savedLinks.split('\n') : []);
  }, [item.evidence.text, savedLinks]);
  const changed = text !== item.evidence.text || links.join('\n') !== savedLinks;

  const label = (
    <Typography.Text type="secondary" className="audit-small">
      {t('audit.audit.evidence')}
    </Typography.Text>
  );
  if (locked) {
    if (!item.evidence.text && !item.evidence.links.length) return null;
    return (
      <div>
        {label}
        {item.evidence.text && <Typography.Paragraph className="audit-evidence">{item.evidence.text}</Typography.Paragraph>}
        {item.evidence.links.length > 0 && (
          <ul className="audit-links">
            {item.evidence.links.map((l) => (
              <li key={l}>
                <a href={l} target="_blank" rel="noreferrer noopener">
                  {l}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div>
      {label}
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={AUDIT_LIMITS.maxEvidence} placeholder={t('audit.audit.evidencePlaceholder')} />
      <Select
        mode="tags"
        value={links}
        onChange={(v: string[]) => setLinks(v)}
        tokenSeparators={[' ', '\n']}
        placeholder={`${t('audit.audit.links')}: ${t('audit.audit.linksPlaceholder')}`}
        style={{ width: '100%', marginTop: 8 }}
        open={false}
        suffixIcon={null}
        aria-label={t('audit.audit.links')}
      />
      {changed && (
        <Button size="small" type="primary" loading={busy} style={{ marginTop: 8 }} onClick={() => onSave({ evidence: { text, links } })}>
          {t('audit.audit.saveEvidence')}
        </Button>
      )}
    </div>
  );
}
