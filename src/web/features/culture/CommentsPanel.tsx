import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { getComments, type AssessmentSummary } from './culture.api.ts';

const PAGE = 24;

/** The open question's answers in the scope: shuffled and redacted by the server; a plain message when the group is too small. */
export function CommentsPanel({ assessment, unitId }: { assessment: AssessmentSummary; unitId: string | undefined }) {
  const { t } = useTranslation();
  const comments = useApiQuery((signal) => getComments(assessment.id, unitId, signal), [assessment.id, unitId]);
  const data = comments.data;
  const [showAll, setShowAll] = useState(false);
  // The same words from several people show once, with how many wrote them (the server's shuffled order is kept).
  const grouped = useMemo(() => {
    const counts = new Map<string, number>();
    for (const c of data?.items ?? []) counts.set(c.text, (counts.get(c.text) ?? 0) + 1);
    return [...counts];
  }, [data]);
  const shown = showAll ? grouped : grouped.slice(0, PAGE);
  return (
    <Card
      size="small"
      className="culture-card"
      title={t('culture.comments.title')}
      extra={data && !data.suppressed ? <Typography.Text type="secondary">{t('culture.comments.count', { count: data.items.length })}</Typography.Text> : undefined}
      data-testid="culture-comments"
    >
      {comments.error && <LoadError error={comments.error} onRetry={comments.reload} />}
      {comments.isLoading && !data && <Skeleton active paragraph={{ rows: 6 }} />}
      {data?.suppressed && <Alert type="info" showIcon title={t('culture.comments.hidden', { min: assessment.minCommentGroupSize })} data-testid="culture-comments-hidden" />}
      {data && !data.suppressed && data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('culture.comments.none')} />}
      {data && !data.suppressed && data.items.length > 0 && (
        <>
          <Typography.Paragraph type="secondary" className="culture-help">
            {t('culture.comments.help')}
          </Typography.Paragraph>
          <ul className="culture-comments">
            {shown.map(([text, count]) => (
              <li key={text} className="culture-comment" data-testid="culture-comment">
                {text}
                {count > 1 && (
                  <Tag className="culture-comment__count" bordered={false}>
                    ×{count}
                  </Tag>
                )}
              </li>
            ))}
          </ul>
          {grouped.length > PAGE && (
            <Button type="link" onClick={() => setShowAll((v) => !v)} className="culture-comments__more">
              {showAll ? t('culture.comments.fewer') : t('culture.comments.all', { count: grouped.length })}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
