import { Space, Tag } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MessageChannels } from '../../../contracts/channels.ts';
import { apiGet } from '../../shared/api/client.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';

const getMessageChannels = (signal?: AbortSignal) => apiGet<MessageChannels>('/message-channels', undefined, signal);

/** Whether queued e-mail and SMS actually leave (SMTP, SMS gateway configured by the operator) or wait in the outbox. */
export function MessageChannelsStatus() {
  const { t } = useTranslation();
  const channels = useApiQuery((signal) => getMessageChannels(signal), []);
  if (!channels.data) return null;
  const { email, sms } = channels.data;
  const state = (isOn: boolean, host: string | null = null) =>
    isOn ? (host ? t('distribution.channelState.sendingVia', { host }) : t('distribution.channelState.sending')) : t('distribution.channelState.waiting');
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="message-channels">
      <Tag icon={email.isConfigured ? <CheckCircleOutlined /> : <ClockCircleOutlined />} color={email.isConfigured ? 'success' : 'default'}>
        {t('distribution.channels.email')} · {state(email.isConfigured)}
      </Tag>
      <Tag icon={sms.isConfigured ? <CheckCircleOutlined /> : <ClockCircleOutlined />} color={sms.isConfigured ? 'success' : 'default'}>
        {t('distribution.channels.sms')} · {state(sms.isConfigured, sms.gatewayHost)}
      </Tag>
    </Space>
  );
}
