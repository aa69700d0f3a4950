import { useState } from 'react';
import { App, Button, Card, ConfigProvider, Empty, Flex, Radio, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { UndoOutlined, UserOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { ScoreTags, useCodeLabel } from '../responses/index.ts';
import { clearCommentLabel, setCommentLabel, type ReviewComment, type ReviewFilter, type SentimentLabel } from './text-analytics.api.ts';
import { useReviewPages } from './use-review-pages.ts';
import { useTextErrorMessage } from './use-text-error.ts';

export const SENTIMENT_COLOURS: Record<SentimentLabel, string> = { positive: 'green', neutral: 'default', negative: 'red' };
const LABELS: SentimentLabel[] = ['positive', 'neutral', 'negative'];
/** The chosen label's button takes the sentiment's colour, so a column of labels reads at a glance. */
const PICKED_COLOURS: Record<SentimentLabel, string> = { positive: '#389e0d', neutral: '#8c8c8c', negative: '#cf1322' };

/** Three buttons, the comment's label chosen. */
function LabelPicker({ value, disabled, onChange }: { value: SentimentLabel; disabled: boolean; onChange: (label: SentimentLabel) => void }) {
  const { t } = useTranslation();
  const colour = PICKED_COLOURS[value];
  return (
    <ConfigProvider theme={{ components: { Radio: { buttonSolidCheckedBg: colour, buttonSolidCheckedHoverBg: colour, buttonSolidCheckedActiveBg: colour } } }}>
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        size="small"
        value={value}
        disabled={disabled}
        options={LABELS.map((l) => ({ value: l, label: t(`textAnalytics.sentiment.${l}`) }))}
        onChange={(e) => onChange(e.target.value as SentimentLabel)}
        data-testid="label-picker"
      />
    </ConfigProvider>
  );
}
const FILTERS: ReviewFilter[] = ['disagreeing', 'corrected', 'all'];

/** Comments for an admin to review, the likeliest mistakes first in view, each with a label picker. */
export function ReviewCard({ onCorrected }: { onCorrected: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useTextErrorMessage();
  const codeLabel = useCodeLabel();
  const [filter, setFilter] = useState<ReviewFilter>('disagreeing');
  const pages = useReviewPages(filter);
  const [saving, setSaving] = useState<string | null>(null);

  const change = async (comment: ReviewComment, work: () => Promise<ReviewComment>, done: string) => {
    setSaving(comment.responseId);
    try {
      pages.replace(await work());
      message.success(done);
      onCorrected();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setSaving(null);
    }
  };

  const columns: TableColumnsType<ReviewComment> = [
    {
      title: t('textAnalytics.review.comment'),
      key: 'comment',
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: c.text }} className="text-analytics__comment">
            {c.text}
          </Typography.Paragraph>
          <Typography.Text type="secondary" className="text-analytics__meta">
            {dayjs(c.submittedAt).format('YYYY-MM-DD HH:mm')}
            {c.touchpoint && ` · ${codeLabel('touchpoints', c.touchpoint)}`}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('textAnalytics.review.scores'), key: 'scores', width: 200, render: (_, c) => <ScoreTags response={c} /> },
    {
      title: t('textAnalytics.review.suggested'),
      key: 'suggested',
      width: 130,
      render: (_, c) =>
        c.scoreLabel ? (
          <Tag color={SENTIMENT_COLOURS[c.scoreLabel]}>{t(`textAnalytics.sentiment.${c.scoreLabel}`)}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('textAnalytics.review.noSuggestion')}</Typography.Text>
        ),
    },
    {
      title: t('textAnalytics.review.shown'),
      key: 'label',
      width: 250,
      render: (_, c) => (
        <Space direction="vertical" size={4}>
          <LabelPicker
            value={c.sentiment}
            disabled={saving === c.responseId}
            onChange={(label) => void change(c, () => setCommentLabel(c.responseId, label), t('textAnalytics.review.saved'))}
          />
          {c.correction && (
            <Space size={8}>
              <Typography.Text type="secondary" className="text-analytics__meta">
                <UserOutlined /> {t('textAnalytics.review.byAdmin')}
              </Typography.Text>
              <Button
                type="link"
                size="small"
                icon={<UndoOutlined />}
                className="text-analytics__undo"
                onClick={() => void change(c, () => clearCommentLabel(c.responseId), t('textAnalytics.review.cleared'))}
              >
                {t('textAnalytics.review.undo')}
              </Button>
            </Space>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('textAnalytics.review.title')}
      extra={
        <Segmented<ReviewFilter>
          value={filter}
          onChange={setFilter}
          options={FILTERS.map((f) => ({ value: f, label: t(`textAnalytics.review.filters.${f}`) }))}
          data-testid="review-filter"
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('textAnalytics.review.help')}</Typography.Paragraph>
      {pages.error && <LoadError error={pages.error} onRetry={pages.reload} />}
      <Table<ReviewComment>
        rowKey="responseId"
        size="middle"
        columns={columns}
        dataSource={pages.items}
        loading={pages.isLoading}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: 860 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`textAnalytics.review.empty.${filter}`)} /> }}
        data-testid="review-table"
      />
      {pages.hasMore && (
        <Flex justify="center" className="text-analytics__more">
          <Button onClick={pages.loadMore} loading={pages.isLoadingMore}>
            {t('textAnalytics.review.more')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
