import { useState } from 'react';
import { App, Button, Card, Form, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RETENTION_KINDS, RETENTION_MONTHS, type RetentionKind } from '../../../contracts/privacy.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { FullPageSpin } from '../../shared/ui/FullPageSpin.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { getRetention, saveRetention, type Retention } from './privacy.api.ts';
import { usePrivacyErrorMessage } from './use-privacy-error.ts';

type Limits = Record<RetentionKind, number | null>;

/** How long each kind of data is kept: one field per kind, each with what its limit does. */
export function RetentionCard({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const settings = useApiQuery((signal) => getRetention(signal), []);
  return (
    <Card title={t('privacy.retention.title')} data-testid="privacy-retention">
      <Typography.Paragraph type="secondary">{t('privacy.retention.help')}</Typography.Paragraph>
      {settings.error && !settings.data ? (
        <LoadError error={settings.error} onRetry={settings.reload} />
      ) : settings.data ? (
        <RetentionForm key={settings.data.updatedAt ?? 'new'} settings={settings.data} onSaved={onSaved} />
      ) : (
        <FullPageSpin />
      )}
    </Card>
  );
}

function RetentionForm({ settings, onSaved }: { settings: Retention; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = usePrivacyErrorMessage();
  const [form] = Form.useForm<Limits>();
  const [saved, setSaved] = useState(settings);
  const [isSaving, setIsSaving] = useState(false);
  const initial = Object.fromEntries(RETENTION_KINDS.map((k) => [k, settings[k]])) as Limits;

  const save = async (values: Limits) => {
    setIsSaving(true);
    try {
      const input = Object.fromEntries(RETENTION_KINDS.map((k) => [k, values[k] ?? null])) as Limits;
      setSaved(await saveRetention(input));
      message.success(t('privacy.retention.saved'));
      onSaved();
    } catch (caught) {
      message.error(errorText(caught));
    } finally {
      setIsSaving(false);
    }
  };
  const run = saved.lastRun;
  return (
    <Form<Limits> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} className="privacy-retention-form">
      {RETENTION_KINDS.map((kind) => (
        <Form.Item
          key={kind}
          name={kind}
          label={t(`privacy.retention.fields.${kind}`)}
          extra={t(`privacy.retention.explain.${kind}`)}
          rules={[{ type: 'integer', min: RETENTION_MONTHS.min, max: RETENTION_MONTHS.max, message: t('privacy.retention.range', RETENTION_MONTHS) }]}
        >
          <InputNumber
            min={RETENTION_MONTHS.min}
            max={RETENTION_MONTHS.max}
            precision={0}
            placeholder={t('privacy.retention.forever')}
            suffix={t('privacy.retention.months')}
            className="privacy-months"
            data-testid={`retention-${kind}`}
          />
        </Form.Item>
      ))}
      <Typography.Paragraph type="secondary" className="privacy-last-run" data-testid="retention-last-run">
        {run
          ? t('privacy.retention.lastRun', { ...run, at: new Date(run.at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) })
          : t('privacy.retention.neverRun')}
      </Typography.Paragraph>
      <Button type="primary" htmlType="submit" loading={isSaving} data-testid="retention-save">
        {t('privacy.retention.save')}
      </Button>
    </Form>
  );
}
