import { BulbOutlined, CaretUpOutlined, MessageOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Empty, Flex, Form, Input, Modal, Segmented, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../app/session.tsx';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { createIdea, listChallenges, listIdeas, setIdeaStatus, unvote, vote, type Idea, type IdeaStatus } from './recognition.api.ts';
import './recognition.css';

const STATUS_COLORS: Record<IdeaStatus, string> = {
  open: 'blue',
  under_review: 'purple',
  accepted: 'gold',
  in_progress: 'cyan',
  implemented: 'green',
  declined: 'default',
  duplicate: 'default',
};
/** Where a reviewer may move an idea next (mirrors the server's workflow). */
const NEXT: Record<IdeaStatus, IdeaStatus[]> = {
  open: ['under_review', 'accepted', 'declined', 'duplicate'],
  under_review: ['open', 'accepted', 'declined', 'duplicate'],
  accepted: ['in_progress', 'implemented', 'declined'],
  in_progress: ['implemented', 'declined'],
  implemented: [],
  declined: [],
  duplicate: [],
};

/** The idea board (C8): everyone suggests and votes; managers review; challenges gather ideas on a theme until their deadline. */
export function IdeasPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const { user } = useSignedIn();
  const isReviewer = user.role === 'admin' || user.role === 'manager';
  const [sort, setSort] = useState<'new' | 'top'>('top');
  const [status, setStatus] = useState<IdeaStatus | undefined>();
  const [isCreating, setIsCreating] = useState(false);
  const ideas = useApiQuery((signal) => listIdeas({ sort, status }, signal), [sort, status]);
  const challenges = useApiQuery((signal) => listChallenges(signal), []);
  const open = challenges.data?.filter((c) => c.isOpen) ?? [];

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      ideas.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };

  return (
    <>
      <PageHeader
        title={t('recognition.ideas.title')}
        subtitle={t('recognition.ideas.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsCreating(true)}>
            {t('recognition.ideas.new')}
          </Button>
        }
      />
      {open.length > 0 && (
        <Flex gap={12} wrap className="ideas__challenges">
          {open.map((c) => (
            <Card key={c.id} size="small" className="challenge-card">
              <Typography.Text strong>
                <BulbOutlined /> {c.theme}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary">{t('recognition.ideas.challengeMeta', { date: dayjs(c.deadline).format('YYYY-MM-DD'), count: c.ideas })}</Typography.Text>
              </div>
            </Card>
          ))}
        </Flex>
      )}
      <Flex gap={12} align="center" wrap style={{ margin: '16px 0' }}>
        <Segmented<'new' | 'top'> value={sort} onChange={setSort} options={[{ value: 'top', label: t('recognition.ideas.top') }, { value: 'new', label: t('recognition.ideas.newest') }]} />
        <Select<IdeaStatus>
          allowClear
          style={{ width: 180 }}
          placeholder={t('recognition.ideas.allStatuses')}
          value={status}
          onChange={setStatus}
          options={Object.keys(STATUS_COLORS).map((s) => ({ value: s as IdeaStatus, label: t(`recognition.ideas.statuses.${s as IdeaStatus}`) }))}
        />
      </Flex>
      {ideas.error && <LoadError error={ideas.error} onRetry={ideas.reload} />}
      {ideas.data?.items.length === 0 && <Empty description={t('recognition.ideas.empty')} />}
      <Flex vertical gap={12}>
        {ideas.data?.items.map((idea) => (
          <IdeaCard
            key={idea.id}
            idea={idea}
            canReview={isReviewer}
            onVote={() => void act(() => (idea.hasMyVote ? unvote(idea.id) : vote(idea.id)))}
            onStatus={(s) => void act(() => setIdeaStatus(idea.id, s))}
          />
        ))}
      </Flex>
      <NewIdeaModal
        open={isCreating}
        challenges={open.map((c) => ({ value: c.id, label: c.theme }))}
        onClose={() => setIsCreating(false)}
        onCreated={() => {
          setIsCreating(false);
          ideas.reload();
          challenges.reload();
        }}
      />
    </>
  );
}

function IdeaCard({ idea, canReview, onVote, onStatus }: { idea: Idea; canReview: boolean; onVote: () => void; onStatus: (s: IdeaStatus) => void }) {
  const { t } = useTranslation();
  const author = idea.authorKind === 'partner' ? t('recognition.ideas.partner') : (idea.authorName ?? t('recognition.ideas.anonymous'));
  return (
    <Flex className="idea-card" gap={16} align="flex-start" data-testid="idea-card">
      <Button className="idea-card__vote" type={idea.hasMyVote ? 'primary' : 'default'} onClick={onVote} aria-label={t('recognition.ideas.vote')}>
        <CaretUpOutlined />
        <span>{idea.votes}</span>
      </Button>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Flex gap={8} align="center" wrap>
          <span className="idea-card__title">{idea.title}</span>
          <Tag color={STATUS_COLORS[idea.status]}>{t(`recognition.ideas.statuses.${idea.status}`)}</Tag>
          {(idea.responseId || idea.caseId) && <Tag color="magenta">{t('recognition.ideas.fromFeedback')}</Tag>}
        </Flex>
        {idea.body && <Typography.Paragraph className="idea-card__body" ellipsis={{ rows: 3, expandable: true }}>{idea.body}</Typography.Paragraph>}
        <Typography.Text type="secondary">
          {author} · {dayjs(idea.createdAt).format('YYYY-MM-DD')} · <MessageOutlined /> {idea.comments}
        </Typography.Text>
      </div>
      {canReview && NEXT[idea.status].length > 0 && (
        <Select<IdeaStatus>
          size="small"
          style={{ width: 140 }}
          placeholder={t('recognition.ideas.moveTo')}
          value={null}
          onChange={onStatus}
          options={NEXT[idea.status].filter((s) => s !== 'duplicate').map((s) => ({ value: s, label: t(`recognition.ideas.statuses.${s}`) }))}
        />
      )}
    </Flex>
  );
}

function NewIdeaModal({ open, challenges, onClose, onCreated }: { open: boolean; challenges: { value: string; label: string }[]; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<{ title: string; body: string; challengeId?: string }>();
  const [isSaving, setIsSaving] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setIsSaving(true);
    try {
      await createIdea({ title: values.title, body: values.body ?? '', challengeId: values.challengeId });
      message.success(t('recognition.ideas.created'));
      form.resetFields();
      onCreated();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Modal open={open} title={t('recognition.ideas.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={isSaving} okText={t('recognition.ideas.submit')} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="title" label={t('recognition.ideas.ideaTitle')} rules={[{ required: true, whitespace: true, message: t('recognition.ideas.titleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('recognition.ideas.body')}>
          <Input.TextArea rows={4} maxLength={5000} placeholder={t('recognition.ideas.bodyPlaceholder')} />
        </Form.Item>
        {challenges.length > 0 && (
          <Form.Item name="challengeId" label={t('recognition.ideas.challenge')}>
            <Select allowClear options={challenges} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
