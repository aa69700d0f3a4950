import { useState } from 'react';
import { Button, Card, Col, Empty, Flex, Row, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { FitItems } from './FitItems.tsx';
import { FitReviewForm } from './FitReviewForm.tsx';
import { FitScoreTag } from './FitScoreTag.tsx';
import type { PartnerFit } from './partners.api.ts';

/** The partner's CX fit: the latest review (score, band, the five answers), the history, and for admins a new review. */
export function PartnerFitTab({ partnerId, fit, canReview, onReviewed }: { partnerId: string; fit: ApiQuery<PartnerFit[]>; canReview: boolean; onReviewed: () => void }) {
  const { t, i18n } = useTranslation();
  const [isReviewing, setIsReviewing] = useState(false);
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);
  const reviews = fit.data ?? [];
  const latest = reviews[0];

  const columns: TableColumnsType<PartnerFit> = [
    { title: t('partners.fit.date'), key: 'date', width: 120, render: (_, r) => date(r.createdAt) },
    { title: t('partners.fit.score'), key: 'score', width: 150, render: (_, r) => <FitScoreTag score={r.score} /> },
    { title: t('partners.fit.reviewer'), key: 'reviewer', width: 120, render: (_, r) => r.reviewedBy ?? t('common.none') },
    { title: t('partners.fit.note'), key: 'note', ellipsis: true, render: (_, r) => r.note ?? t('common.none') },
  ];

  return (
    <div data-testid="partner-fit">
      <Flex justify="space-between" align="flex-start" gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('partners.fit.help')}</Typography.Text>
        {canReview && !isReviewing && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsReviewing(true)} data-testid="fit-new">
            {t('partners.fit.newReview')}
          </Button>
        )}
      </Flex>
      {isReviewing && (
        <FitReviewForm
          partnerId={partnerId}
          onCancel={() => setIsReviewing(false)}
          onSaved={() => {
            setIsReviewing(false);
            fit.reload();
            onReviewed();
          }}
        />
      )}
      {fit.error && <LoadError error={fit.error} onRetry={fit.reload} />}
      {fit.data && !latest && !isReviewing && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('partners.fit.noneHelp')} />}
      {latest && (
        <Card size="small" title={t('partners.fit.latest')} style={{ marginBottom: 16 }} data-testid="fit-latest">
          <Row gutter={[24, 16]} align="middle">
            <Col xs={24} sm={9}>
              <FitScoreTag score={latest.score} size="large" />
              <div>
                <Typography.Text type="secondary">
                  {latest.reviewedBy ? t('partners.fit.reviewedBy', { name: latest.reviewedBy, date: date(latest.createdAt) }) : t('partners.fit.reviewed', { date: date(latest.createdAt) })}
                </Typography.Text>
              </div>
            </Col>
            <Col xs={24} sm={15}>
              <FitItems answers={latest.answers} />
            </Col>
          </Row>
          {latest.note && <Typography.Paragraph className="partner-fit-note">{latest.note}</Typography.Paragraph>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('partners.fit.scoreHelp')}
          </Typography.Text>
        </Card>
      )}
      {reviews.length > 0 && (
        <>
          <Typography.Title level={5}>{t('partners.fit.history')}</Typography.Title>
          <Table<PartnerFit>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={reviews}
            loading={fit.isLoading}
            pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
            expandable={{
              expandedRowRender: (r) => (
                <Flex vertical gap={8}>
                  <FitItems answers={r.answers} />
                  {r.note && <Typography.Paragraph className="partner-fit-note">{r.note}</Typography.Paragraph>}
                </Flex>
              ),
            }}
            data-testid="fit-history"
          />
        </>
      )}
    </div>
  );
}
