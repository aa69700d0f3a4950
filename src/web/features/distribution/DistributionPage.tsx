import { Alert, App as AntApp, Button, Card, Flex, Form, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { getSettings, saveSettings } from './distribution.api.ts';
import { MessagesCard } from './MessagesCard.tsx';
import { TriggersCard } from './TriggersCard.tsx';
import './distribution.css';

/** How surveys reach customers: the contact-fatigue rule, automatic invitations after interactions, and the message outbox. Admins only. */
export function DistributionPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('distribution.title')} subtitle={t('distribution.subtitle')} />
      <Flex vertical gap={16}>
        <FatigueCard />
        <TriggersCard />
        <MessagesCard />
      </Flex>
    </>
  );
}

function FatigueCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const settings = useApiQuery((signal) => getSettings(signal), []);
  const [days, setDays] = useState<number | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  useEffect(() => setDays(settings.data?.contactFatigueDays ?? null), [settings.data]);

  const save = async () => {
    if (days === null) return;
    setIsSaving(true);
    try {
      await saveSettings({ contactFatigueDays: days });
      message.success(t('common.saved'));
      settings.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Card title={t('distribution.fatigue.title')} loading={settings.isLoading && !settings.data}>
      {settings.error && <LoadError error={settings.error} onRetry={settings.reload} />}
      <Typography.Paragraph type="secondary">{t('distribution.fatigue.help')}</Typography.Paragraph>
      <Form layout="inline" onFinish={() => void save()}>
        <Form.Item label={t('distribution.fatigue.days')}>
          <Space>
            <InputNumber
              min={0}
              max={3650}
              precision={0}
              value={days}
              onChange={setDays}
              aria-label={t('distribution.fatigue.days')}
              data-testid="fatigue-days"
            />
            <span>{t('distribution.fatigue.unit')}</span>
          </Space>
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={isSaving} disabled={days === settings.data?.contactFatigueDays}>
            {t('common.save')}
          </Button>
        </Form.Item>
      </Form>
      {days === 0 && <Alert className="distribution__off" type="warning" showIcon title={t('distribution.fatigue.off')} />}
    </Card>
  );
}
