import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { listOwnReplies, sendOwnReply, type PartnerReply, type PartnerReplyInput } from './partners.api.ts';
import { usePartnerErrorMessage } from './use-partner-error.ts';

/** The longest reply the server takes (contracts/partners.ts). */
const MAX_BODY = 2000;
const PAGE = 5;

/**
 * A signed-in partner answers the report period on screen (`days`, held by the home page) with what it will change,
 * and reads its earlier answers, newest first. The organisation reads them on the partner's Replies tab.
 */
export function OwnReplies({ days, org }: { days: number; org: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = usePartnerErrorMessage();
  const replies = useApiQuery((signal) => listOwnReplies(signal), []);
  const [form] = Form.useForm<{ body: string }>();
  const [isSending, setIsSending] = useState(false);
  // Stays until the partner writes again, so the thanks is not gone before it is read (a toast would be).
  const [isSent, setIsSent] = useState(false);
  const on = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);

  const send = async ({ body }: { body: string }) => {
    setIsSending(true);
    try {
      await sendOwnReply({ body, days: days as PartnerReplyInput['days'] });
      form.resetFields();
      setIsSent(true);
      replies.reload();
    } catch (caught) {
      message.error(errorText(caught));
    } finally {
      setIsSending(false);
    }
  };

  return (
    <Card title={t('partners.home.reply.title')} data-testid="own-replies">
      <Typography.Paragraph type="secondary">{t('partners.home.reply.lead', { org })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void send(v)} onValuesChange={() => setIsSent(false)} requiredMark={false}>
        <Form.Item
          name="body"
          label={t('partners.home.reply.body')}
          extra={t('partners.home.reply.forPeriod', { days })}
          rules={[{ required: true, whitespace: true, message: t('partners.home.reply.missing') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={MAX_BODY} data-testid="reply-body" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isSending} className="partner-own__send" data-testid="reply-send">
          {t('partners.home.reply.send')}
        </Button>
      </Form>
      {isSent && <Alert type="success" showIcon style={{ marginTop: 16 }} title={t('partners.home.reply.sent')} data-testid="reply-sent" />}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('partners.home.reply.earlier')}
      </Typography.Title>
      {replies.error && <LoadError error={replies.error} onRetry={replies.reload} />}
      <List<PartnerReply>
        size="small"
        loading={replies.isLoading}
        dataSource={replies.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('partners.home.reply.empty')} /> }}
        pagination={(replies.data?.length ?? 0) > PAGE ? { pageSize: PAGE, size: 'small' } : false}
        renderItem={(r) => (
          <List.Item>
            <Flex vertical gap={4} className="partner-own__item">
              <Typography.Text type="secondary">{t('partners.home.reply.period', { days: r.period.days, on: on(r.createdAt) })}</Typography.Text>
              <Typography.Paragraph className="partner-reply-body" style={{ marginBottom: 0 }}>
                {r.body}
              </Typography.Paragraph>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
