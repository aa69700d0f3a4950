import { BulbOutlined, LikeFilled, LikeOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Avatar, Button, Drawer, Flex, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../shared/session.tsx';
import { ApiError } from '../../shared/api/client.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { IdeaComments } from './IdeaComments.tsx';
import { useIdeaDates } from './IdeaDates.ts';
import { IdeaReview } from './IdeaReview.tsx';
import { IdeaSource } from './IdeaSource.tsx';
import { IdeaStatusTag } from './IdeaStatus.tsx';
import { IdeaTimeline } from './IdeaTimeline.tsx';
import { getIdea, unvote, vote, type Challenge, type IdeaDetail } from './recognition.api.ts';
import './ideas.css';

interface IdeaDrawerProps {
  /** The idea in the address (`?idea=`); null closes the drawer. */
  ideaId: string | null;
  challenges: Challenge[];
  onClose: () => void;
  /** Something on the idea changed (vote, status, comment): the board reloads its cards. */
  onChanged: () => void;
}

/** One idea in full: text, author, votes, the feedback behind it, its progress, the review (managers) and comments. */
export function IdeaDrawer({ ideaId, challenges, onClose, onChanged }: IdeaDrawerProps) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  // Keeps the closing idea on screen while the drawer slides away.
  const [shownId, setShownId] = useState(ideaId);
  if (ideaId && ideaId !== shownId) setShownId(ideaId);
  const detail = useApiQuery((signal) => (shownId ? getIdea(shownId, signal) : Promise.resolve(null)), [shownId]);
  const idea = detail.data && detail.data.id === shownId ? detail.data : null;
  const isMissing = detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400);
  const isReviewer = user.role === 'admin' || user.role === 'manager';
  const authorOf = useAuthorOf();
  const changed = () => {
    detail.reload();
    onChanged();
  };

  return (
    <Drawer
      open={ideaId !== null}
      size={640}
      title={idea?.title ?? t('recognition.ideas.title')}
      extra={idea && <IdeaStatusTag status={idea.status} />}
      onClose={onClose}
      afterOpenChange={(opened) => {
        if (!opened) setShownId(null);
      }}
      closable={{ 'aria-label': t('recognition.ideas.detail.close') }}
      data-testid="idea-drawer"
    >
      {isMissing && <Alert type="warning" showIcon title={t('recognition.ideas.detail.notFound')} data-testid="idea-not-found" />}
      {detail.error && !isMissing && <LoadError error={detail.error} onRetry={detail.reload} />}
      {!idea && !detail.error && <Skeleton active paragraph={{ rows: 10 }} />}
      {idea && (
        <Flex vertical gap={24}>
          <IdeaSummary idea={idea} challenge={challenges.find((c) => c.id === idea.challengeId)} onChanged={changed} />
          {(idea.responseId || idea.caseId) && <IdeaSource idea={idea} />}
          <Section title={t('recognition.ideas.detail.progress')}>
            <IdeaTimeline idea={idea} author={authorOf(idea)} />
          </Section>
          {isReviewer && (
            <Section title={t('recognition.ideas.detail.review')}>
              <IdeaReview key={idea.id} idea={idea} onChanged={changed} />
            </Section>
          )}
          <Section title={`${t('recognition.ideas.detail.comments')} · ${idea.commentList.length}`}>
            <IdeaComments idea={idea} onChanged={changed} />
          </Section>
        </Flex>
      )}
    </Drawer>
  );
}

/** The author as shown: their name, "Partner", or "Colleague" when the account has no employee. */
function useAuthorOf(): (idea: IdeaDetail) => string {
  const { t } = useTranslation();
  return (idea) => (idea.authorKind === 'partner' ? t('recognition.ideas.partner') : (idea.authorName ?? t('recognition.ideas.anonymous')));
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="idea-drawer__section">
      <Typography.Title level={5} className="idea-drawer__heading">
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/** Who wrote it and when, the challenge it answers, the vote button and the full text. */
function IdeaSummary({ idea, challenge, onChanged }: { idea: IdeaDetail; challenge: Challenge | undefined; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const dates = useIdeaDates();
  const [isVoting, setIsVoting] = useState(false);
  const author = useAuthorOf()(idea);

  const toggleVote = async () => {
    setIsVoting(true);
    try {
      await (idea.hasMyVote ? unvote(idea.id) : vote(idea.id));
      onChanged();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setIsVoting(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Flex align="center" gap={10}>
          <Avatar className="idea-drawer__avatar">{author.slice(0, 1)}</Avatar>
          <div>
            <Flex gap={6} align="center">
              <Typography.Text strong>{author}</Typography.Text>
              {idea.authorKind === 'partner' && <Tag>{t('recognition.ideas.partner')}</Tag>}
            </Flex>
            <Typography.Text type="secondary" className="idea-drawer__when">
              {dates.dateTime(idea.createdAt)}
            </Typography.Text>
          </div>
        </Flex>
        <Tooltip title={t('recognition.ideas.detail.voteHelp')}>
          <Button
            type={idea.hasMyVote ? 'primary' : 'default'}
            icon={idea.hasMyVote ? <LikeFilled /> : <LikeOutlined />}
            aria-pressed={idea.hasMyVote}
            loading={isVoting}
            onClick={() => void toggleVote()}
            data-testid="idea-vote"
          >
            {idea.hasMyVote ? t('recognition.ideas.detail.voted') : t('recognition.ideas.detail.vote')} · {t('recognition.ideas.detail.votes', { count: idea.votes })}
          </Button>
        </Tooltip>
      </Flex>
      {challenge && (
        <Typography.Text className="idea-drawer__challenge">
          <BulbOutlined /> {t('recognition.ideas.challenge')} · {challenge.theme}
        </Typography.Text>
      )}
      {idea.body ? (
        <Typography.Paragraph className="idea-drawer__body">{idea.body}</Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">{t('recognition.ideas.detail.noBody')}</Typography.Text>
      )}
    </Flex>
  );
}
