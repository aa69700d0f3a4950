import { BulbOutlined, CaretUpOutlined, MessageOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useIdeaDates } from './IdeaDates.ts';
import { IdeaStatusTag } from './IdeaStatus.tsx';
import type { Idea } from './recognition.api.ts';

interface IdeaCardProps {
  idea: Idea;
  /** The theme of the idea's challenge, when the board is not already filtered by it. */
  challengeTheme?: string;
  /** Where the idea's detail opens (the board's address with `?idea=`). */
  href: string;
  onOpen: () => void;
  onVote: () => void;
}

/** One idea on the board: votes, title, status, a glimpse of the text; a click opens its detail. */
export function IdeaCard({ idea, challengeTheme, href, onOpen, onVote }: IdeaCardProps) {
  const { t } = useTranslation();
  const dates = useIdeaDates();
  const author = idea.authorKind === 'partner' ? t('recognition.ideas.partner') : (idea.authorName ?? t('recognition.ideas.anonymous'));
  return (
    <article className="idea-card idea-card--clickable" data-testid="idea-card" data-idea-id={idea.id} onClick={onOpen}>
      <Flex gap={16} align="flex-start">
        <Button
          className="idea-card__vote"
          type={idea.hasMyVote ? 'primary' : 'default'}
          aria-pressed={idea.hasMyVote}
          aria-label={t('recognition.ideas.vote')}
          onClick={(event) => {
            event.stopPropagation();
            onVote();
          }}
        >
          <CaretUpOutlined />
          <span>{idea.votes}</span>
        </Button>
        <div className="idea-card__main">
          <Flex gap={8} align="center" wrap>
            <Link className="idea-card__title" to={href} onClick={(event) => event.stopPropagation()} aria-label={t('recognition.ideas.open', { title: idea.title })}>
              {idea.title}
            </Link>
            <IdeaStatusTag status={idea.status} />
            {(idea.responseId || idea.caseId) && <Tag color="magenta">{t('recognition.ideas.fromFeedback')}</Tag>}
          </Flex>
          {idea.body && (
            <Typography.Paragraph className="idea-card__body" type="secondary" ellipsis={{ rows: 2 }}>
              {idea.body}
            </Typography.Paragraph>
          )}
          <Flex gap={12} align="center" wrap className="idea-card__meta">
            <span>{author}</span>
            <span>{dates.date(idea.createdAt)}</span>
            <span aria-label={t('recognition.ideas.comments', { count: idea.comments })}>
              <MessageOutlined /> {idea.comments}
            </span>
            {challengeTheme && (
              <span className="idea-card__challenge">
                <BulbOutlined /> {challengeTheme}
              </span>
            )}
          </Flex>
        </div>
        <RightOutlined className="idea-card__chevron" aria-hidden />
      </Flex>
    </article>
  );
}
