import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Empty, Flex, Segmented, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSignedIn } from '../../shared/session.tsx';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { ChallengeFormModal } from './ChallengeFormModal.tsx';
import { ChallengeStrip } from './ChallengeStrip.tsx';
import { IdeaCard } from './IdeaCard.tsx';
import { useIdeaDates } from './IdeaDates.ts';
import { IdeaDrawer } from './IdeaDrawer.tsx';
import { IdeaFormModal } from './IdeaFormModal.tsx';
import { IDEA_STATUSES } from './IdeaStatus.tsx';
import { listChallenges, listIdeas, unvote, vote, type Challenge, type IdeaStatus } from './recognition.api.ts';
import './recognition.css';
import './ideas.css';

/**
 * The idea board (C8): everyone suggests, votes and comments; managers review and start challenges that gather
 * ideas on a theme until a deadline. `?challenge=` filters the board, `?idea=` opens an idea's detail (deep-linkable).
 */
export function IdeasPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const { user } = useSignedIn();
  const canManage = user.role === 'admin' || user.role === 'manager';
  const [params, setParams] = useSearchParams();
  const challengeId = params.get('challenge') ?? undefined;
  const ideaId = params.get('idea');
  const [sort, setSort] = useState<'new' | 'top'>('top');
  const [status, setStatus] = useState<IdeaStatus | undefined>();
  const [isSuggesting, setIsSuggesting] = useState(false);
  const [isStartingChallenge, setIsStartingChallenge] = useState(false);
  const ideas = useApiQuery((signal) => listIdeas({ sort, status, challengeId }, signal), [sort, status, challengeId]);
  const challenges = useApiQuery((signal) => listChallenges(signal), []);
  const allChallenges = challenges.data ?? [];
  const openChallenges = allChallenges.filter((c) => c.isOpen);
  const selected = allChallenges.find((c) => c.id === challengeId);

  /** The board's address with one parameter set or removed. */
  const withParam = (key: 'idea' | 'challenge', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    return next;
  };
  const reloadBoard = () => {
    ideas.reload();
    challenges.reload();
  };
  const toggleVote = async (id: string, hasMyVote: boolean) => {
    try {
      await (hasMyVote ? unvote(id) : vote(id));
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
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsSuggesting(true)}>
            {t('recognition.ideas.new')}
          </Button>
        }
      />
      {challenges.error && <LoadError error={challenges.error} onRetry={challenges.reload} />}
      {challenges.data && (
        <ChallengeStrip
          challenges={allChallenges}
          selectedId={challengeId}
          canManage={canManage}
          onSelect={(id) => setParams(withParam('challenge', id))}
          onCreate={() => setIsStartingChallenge(true)}
        />
      )}
      {selected && <SelectedChallenge challenge={selected} onSuggest={() => setIsSuggesting(true)} onShowAll={() => setParams(withParam('challenge', undefined))} />}
      <Flex gap={12} align="center" wrap className="ideas__filters">
        <Segmented<'new' | 'top'> value={sort} onChange={setSort} options={[{ value: 'top', label: t('recognition.ideas.top') }, { value: 'new', label: t('recognition.ideas.newest') }]} />
        <Select<IdeaStatus>
          allowClear
          style={{ width: 180 }}
          placeholder={t('recognition.ideas.allStatuses')}
          value={status}
          onChange={setStatus}
          options={IDEA_STATUSES.map((s) => ({ value: s, label: t(`recognition.ideas.statuses.${s}`) }))}
        />
      </Flex>
      {ideas.error && <LoadError error={ideas.error} onRetry={ideas.reload} />}
      {ideas.isLoading && !ideas.data && <Skeleton active paragraph={{ rows: 6 }} />}
      {ideas.data?.items.length === 0 && (
        <Empty description={status ? t('recognition.ideas.noMatch') : challengeId ? t('recognition.challenges.noIdeas') : t('recognition.ideas.empty')} />
      )}
      <Flex vertical gap={12} data-testid="idea-list">
        {ideas.data?.items.map((idea) => (
          <IdeaCard
            key={idea.id}
            idea={idea}
            challengeTheme={idea.challengeId && idea.challengeId !== challengeId ? allChallenges.find((c) => c.id === idea.challengeId)?.theme : undefined}
            href={`?${withParam('idea', idea.id).toString()}`}
            onOpen={() => setParams(withParam('idea', idea.id))}
            onVote={() => void toggleVote(idea.id, idea.hasMyVote)}
          />
        ))}
      </Flex>
      <IdeaDrawer ideaId={ideaId} challenges={allChallenges} onClose={() => setParams(withParam('idea', undefined), { replace: true })} onChanged={reloadBoard} />
      <IdeaFormModal
        open={isSuggesting}
        openChallenges={openChallenges}
        challengeId={challengeId}
        onClose={() => setIsSuggesting(false)}
        onCreated={() => {
          setIsSuggesting(false);
          reloadBoard();
        }}
      />
      <ChallengeFormModal
        open={isStartingChallenge}
        onClose={() => setIsStartingChallenge(false)}
        onCreated={(challenge) => {
          setIsStartingChallenge(false);
          challenges.reload();
          setParams(withParam('challenge', challenge.id));
        }}
      />
    </>
  );
}

/** Above a filtered board: the challenge in full, its countdown, and a way to add to it or go back to every idea. */
function SelectedChallenge({ challenge, onSuggest, onShowAll }: { challenge: Challenge; onSuggest: () => void; onShowAll: () => void }) {
  const { t } = useTranslation();
  const dates = useIdeaDates();
  return (
    <div className="selected-challenge" data-testid="selected-challenge">
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div className="selected-challenge__text">
          <Typography.Text strong>{t('recognition.challenges.showing', { theme: challenge.theme })}</Typography.Text>
          {challenge.description && <Typography.Paragraph className="selected-challenge__description">{challenge.description}</Typography.Paragraph>}
          <Typography.Text type="secondary">
            {challenge.isOpen
              ? [t('recognition.challenges.until', { date: dates.dateTime(challenge.deadline) }), t('recognition.challenges.ideas', { count: challenge.ideas })].join(' · ')
              : t('recognition.challenges.closed')}
          </Typography.Text>
        </div>
        <Flex gap={8} wrap>
          {challenge.isOpen && (
            <Button type="primary" ghost icon={<PlusOutlined />} onClick={onSuggest}>
              {t('recognition.challenges.suggest')}
            </Button>
          )}
          <Button onClick={onShowAll}>{t('recognition.challenges.showAll')}</Button>
        </Flex>
      </Flex>
    </div>
  );
}
