import { ArrowRightOutlined, CommentOutlined } from '@ant-design/icons';
import { Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mayOpen } from '../../shared/page-access.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { getResponse, ScoreTags } from '../responses/index.ts';
import { getCase, StatusTag } from '../workbench/index.ts';
import { useIdeaDates } from './IdeaDates.ts';
import type { Idea } from './recognition.api.ts';

/**
 * The customer feedback that inspired an idea: the linked case and the customer's words, with a link to the
 * response. It is read with the viewer's own rights, so someone outside that customer's area sees only that a link exists.
 */
export function IdeaSource({ idea }: { idea: Idea }) {
  const { t } = useTranslation();
  const dates = useIdeaDates();
  const { user } = useSignedIn();
  const canRead = user.role !== 'partner';
  const linkedCase = useApiQuery((signal) => (canRead && idea.caseId ? getCase(idea.caseId, signal) : Promise.resolve(null)), [canRead, idea.caseId]);
  const responseId = idea.responseId ?? linkedCase.data?.responseId ?? null;
  const response = useApiQuery((signal) => (canRead && responseId ? getResponse(responseId, signal) : Promise.resolve(null)), [canRead, responseId]);
  const isHidden = !canRead || Boolean(linkedCase.error) || Boolean(response.error);
  const isLoading = !isHidden && (linkedCase.isLoading || response.isLoading);

  return (
    <div className="idea-source" data-testid="idea-source">
      <Typography.Text strong className="idea-source__title">
        <CommentOutlined /> {t('recognition.ideas.detail.source')}
      </Typography.Text>
      {isLoading && <Skeleton active title={false} paragraph={{ rows: 2 }} />}
      {linkedCase.data && (
        <Flex gap={8} align="center" wrap>
          <span>{t('recognition.ideas.detail.fromCase', { title: linkedCase.data.title })}</span>
          <StatusTag status={linkedCase.data.status} />
        </Flex>
      )}
      {response.data && (
        <>
          <blockquote className="idea-source__quote">{response.data.comment || t('recognition.ideas.detail.noComment')}</blockquote>
          <Flex gap={12} align="center" wrap>
            <ScoreTags response={response.data} />
            <Typography.Text type="secondary">{dates.date(response.data.submittedAt)}</Typography.Text>
            {mayOpen(user.role, '/responses') && (
              <Link to={`/responses/${response.data.id}`}>
                {t('recognition.ideas.detail.openResponse')} <ArrowRightOutlined />
              </Link>
            )}
          </Flex>
        </>
      )}
      {isHidden && <Typography.Text type="secondary">{t('recognition.ideas.detail.sourceHidden')}</Typography.Text>}
    </div>
  );
}
