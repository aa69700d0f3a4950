import { GiftOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Form, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { NEXT_IDEA_STATUSES } from './IdeaStatus.tsx';
import { getIdea, getRules, listIdeas, reviewIdea, type Idea, type IdeaStatus } from './recognition.api.ts';

interface ReviewValues {
  status: IdeaStatus;
  note?: string;
  duplicateOf?: string;
}

/**
 * Managers and admins move an idea on: only the statuses its current one allows, an optional note, and for a
 * duplicate the idea it repeats. If someone else moved it meanwhile (409 invalid_transition), says so and shows the new state.
 */
export function IdeaReview({ idea, onChanged }: { idea: Idea; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<ReviewValues>();
  const chosen = Form.useWatch('status', form);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** What was asked for when the server answered that the idea had moved on, and where it is now. */
  const [stale, setStale] = useState<{ wanted: IdeaStatus; current: IdeaStatus } | null>(null);
  const rules = useApiQuery((signal) => getRules(signal), []);
  const isDuplicate = chosen === 'duplicate';
  const others = useApiQuery((signal) => (isDuplicate ? listIdeas({ sort: 'new' }, signal) : Promise.resolve(null)), [isDuplicate]);
  const next = NEXT_IDEA_STATUSES[idea.status];
  const label = (s: IdeaStatus) => t(`recognition.ideas.statuses.${s}`);
  const acceptPoints = rules.data?.ideaAccepted ?? 0;

  const submit = async (values: ReviewValues) => {
    setIsSaving(true);
    setError(null);
    try {
      await reviewIdea(idea.id, { status: values.status, note: values.note?.trim() || undefined, duplicateOf: values.duplicateOf });
      const earns = values.status === 'accepted' && idea.authorName && acceptPoints > 0;
      message.success(earns ? t('recognition.ideas.detail.acceptedEarns', { name: idea.authorName, count: acceptPoints }) : t('recognition.ideas.detail.changed', { status: label(values.status) }));
      setStale(null);
      form.resetFields();
      onChanged();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'invalid_transition') {
        const fresh = await getIdea(idea.id).catch(() => null);
        setStale({ wanted: values.status, current: fresh?.status ?? idea.status });
        form.resetFields(['status', 'duplicateOf']);
        onChanged();
      } else {
        setError(errorMessage(caught));
      }
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <div data-testid="idea-review">
      {stale && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setStale(null) }}
          className="idea-review__alert"
          title={t('recognition.ideas.detail.staleTitle')}
          description={
            stale.wanted === stale.current
              ? t('recognition.ideas.detail.staleSame', { current: label(stale.current) })
              : t('recognition.ideas.detail.staleText', { current: label(stale.current), wanted: label(stale.wanted) })
          }
          data-testid="idea-review-stale"
        />
      )}
      {error && <Alert type="error" showIcon title={error} className="idea-review__alert" />}
      {next.length === 0 ? (
        <Typography.Text type="secondary">{t('recognition.ideas.detail.finished')}</Typography.Text>
      ) : (
        <Form<ReviewValues> form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} disabled={isSaving}>
          <Typography.Paragraph type="secondary">{t('recognition.ideas.detail.reviewHelp')}</Typography.Paragraph>
          <Form.Item name="status" rules={[{ required: true, message: t('recognition.ideas.detail.statusRequired') }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={next.map((s) => ({ value: s, label: label(s) }))} />
          </Form.Item>
          {chosen === 'accepted' && idea.authorEmployeeId && acceptPoints > 0 && (
            <Typography.Paragraph className="idea-review__hint">
              <GiftOutlined /> {t('recognition.ideas.detail.acceptHint', { count: acceptPoints })}
            </Typography.Paragraph>
          )}
          {isDuplicate && (
            <Form.Item name="duplicateOf" label={t('recognition.ideas.detail.duplicateOf')} rules={[{ required: true, message: t('recognition.ideas.detail.duplicateRequired') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={others.isLoading}
                placeholder={t('recognition.ideas.detail.duplicateOfPlaceholder')}
                options={(others.data?.items ?? []).filter((o) => o.id !== idea.id).map((o) => ({ value: o.id, label: o.title }))}
              />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('recognition.ideas.detail.note')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} placeholder={t('recognition.ideas.detail.notePlaceholder')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={isSaving}>
            {t('recognition.ideas.detail.apply')}
          </Button>
        </Form>
      )}
    </div>
  );
}
