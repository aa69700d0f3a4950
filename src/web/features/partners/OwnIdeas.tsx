import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IdeaStatus } from '../../../contracts/recognition.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { listOwnIdeas, sendOwnIdea, type PartnerIdea, type PartnerIdeaInput } from './partners.api.ts';
import { usePartnerErrorMessage } from './use-partner-error.ts';
import { IDEA_STATUS_COLORS } from '../recognition/index.ts';

/** The longest title and details the server takes (contracts/partners.ts). */
const MAX_TITLE = 200;
const MAX_BODY = 5000;
const PAGE = 5;
/** A signed-in partner files an improvement idea on the organisation's idea board and follows its own ideas' status. */
export function OwnIdeas({ org }: { org: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = usePartnerErrorMessage();
  const ideas = useApiQuery((signal) => listOwnIdeas(signal), []);
  const [form] = Form.useForm<PartnerIdeaInput>();
  const [isSending, setIsSending] = useState(false);
  const [isSent, setIsSent] = useState(false);

  const send = async (values: PartnerIdeaInput) => {
    setIsSending(true);
    try {
      await sendOwnIdea({ title: values.title, body: values.body ?? '' });
      form.resetFields();
      setIsSent(true);
      ideas.reload();
    } catch (caught) {
      message.error(errorText(caught));
    } finally {
      setIsSending(false);
    }
  };

  return (
    <Card title={t('partners.home.ideas.title')} data-testid="own-ideas">
      <Typography.Paragraph type="secondary">{t('partners.home.ideas.lead', { org })}</Typography.Paragraph>
      <Form<PartnerIdeaInput> form={form} layout="vertical" onFinish={(v) => void send(v)} onValuesChange={() => setIsSent(false)} requiredMark={false}>
        <Form.Item name="title" label={t('partners.home.ideas.name')} rules={[{ required: true, whitespace: true, message: t('partners.home.ideas.missing') }]}>
          <Input maxLength={MAX_TITLE} data-testid="idea-title" />
        </Form.Item>
        <Form.Item name="body" label={t('partners.home.ideas.body')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={MAX_BODY} data-testid="idea-body" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isSending} className="partner-own__send" data-testid="idea-send">
          {t('partners.home.ideas.send')}
        </Button>
      </Form>
      {isSent && <Alert type="success" showIcon style={{ marginTop: 16 }} title={t('partners.home.ideas.sent')} data-testid="idea-sent" />}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('partners.home.ideas.yours')}
      </Typography.Title>
      {ideas.error && <LoadError error={ideas.error} onRetry={ideas.reload} />}
      <List<PartnerIdea>
        size="small"
        loading={ideas.isLoading}
        dataSource={ideas.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('partners.home.ideas.empty')} /> }}
        pagination={(ideas.data?.length ?? 0) > PAGE ? { pageSize: PAGE, size: 'small' } : false}
        renderItem={(idea) => {
          const status = idea.status as IdeaStatus;
          return (
            <List.Item>
              <Flex vertical gap={4} className="partner-own__item">
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <Typography.Text strong>{idea.title}</Typography.Text>
                  <Tag color={IDEA_STATUS_COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="idea-status">
                    {t(`recognition.ideas.statuses.${status}`)}
                  </Tag>
                </Flex>
                {idea.body && <Typography.Paragraph className="partner-reply-body" style={{ marginBottom: 0 }}>{idea.body}</Typography.Paragraph>}
                <Typography.Text type="secondary">{new Date(idea.createdAt).toLocaleDateString(i18n.language)}</Typography.Text>
              </Flex>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
