import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiQuery } from '../../shared/api/use-api-query.ts';
import { FitScoreTag } from './FitScoreTag.tsx';
import type { PartnerFit } from './partners.api.ts';

/**
 * The latest CX-fit review in one line above the report preview, so the partner's fit is read beside what its
 * customers say; marked as the organisation's own, since the preview is otherwise exactly the partner's page.
 */
export function FitSummary({ fit, onDetails }: { fit: ApiQuery<PartnerFit[]>; onDetails: () => void }) {
  const { t, i18n } = useTranslation();
  if (fit.error || !fit.data) return null;
  const latest = fit.data[0];
  return (
    <Flex className="partner-fit-summary" align="center" gap={12} wrap data-testid="fit-summary">
      <Typography.Text strong>{t('partners.fit.summary')}</Typography.Text>
      {latest ? <FitScoreTag score={latest.score} /> : <Typography.Text type="secondary">{t('partners.fit.none')}</Typography.Text>}
      {latest && <Typography.Text type="secondary">{t('partners.fit.reviewed', { date: new Date(latest.createdAt).toLocaleDateString(i18n.language) })}</Typography.Text>}
      <Typography.Text type="secondary" className="partner-fit-summary__internal">
        {t('partners.fit.summaryInternal')}
      </Typography.Text>
      <Button type="link" size="small" onClick={onDetails} style={{ paddingInline: 0 }}>
        {t('partners.fit.details')}
      </Button>
    </Flex>
  );
}
