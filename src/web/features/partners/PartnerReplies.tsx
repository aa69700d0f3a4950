import { Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { listPartnerReplies, type PartnerReply } from './partners.api.ts';

const PAGE = 10;
const VIA_COLOR: Record<PartnerReply['via'], string> = { link: 'blue', key: 'purple', user: 'cyan' };

/** What the partner says it will change after reading a report period, newest first (partners write them, the organisation reads). */
export function PartnerReplies({ partnerId }: { partnerId: string }) {
  const { t, i18n } = useTranslation();
  const replies = useApiQuery((signal) => listPartnerReplies(partnerId, signal), [partnerId]);
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);
  return (
    <div data-testid="partner-replies">
      <Typography.Paragraph type="secondary">{t('partners.replies.help')}</Typography.Paragraph>
      {replies.error && <LoadError error={replies.error} onRetry={replies.reload} />}
      <List<PartnerReply>
        bordered
        loading={replies.isLoading}
        dataSource={replies.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('partners.replies.empty')} /> }}
        pagination={(replies.data?.length ?? 0) > PAGE ? { pageSize: PAGE, size: 'small' } : false}
        renderItem={(r) => (
          <List.Item>
            <Flex vertical gap={6} style={{ width: '100%' }}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Typography.Text strong>{t('partners.replies.period', { days: r.period.days, from: date(r.period.from), to: date(r.period.to) })}</Typography.Text>
                <Flex align="center" gap={8}>
                  <Tag color={VIA_COLOR[r.via]} style={{ marginInlineEnd: 0 }}>
                    {t(`partners.replies.via.${r.via}`)}
                  </Tag>
                  <Typography.Text type="secondary">{new Date(r.createdAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })}</Typography.Text>
                </Flex>
              </Flex>
              <Typography.Paragraph className="partner-reply-body" style={{ marginBottom: 0 }}>
                {r.body}
              </Typography.Paragraph>
            </Flex>
          </List.Item>
        )}
      />
    </div>
  );
}
