import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { ModelCard } from './ModelCard.tsx';
import { ReviewCard } from './ReviewCard.tsx';
import { getAdapterStatus } from './text-analytics.api.ts';
import './text-analytics.css';

/** Text analytics settings: the organisation's own sentiment model, and the comments whose labels an admin may correct. Admins only. */
export function TextAnalyticsPage() {
  const { t } = useTranslation();
  const status = useApiQuery((signal) => getAdapterStatus(signal), []);
  return (
    <>
      <PageHeader title={t('textAnalytics.title')} subtitle={t('textAnalytics.subtitle')} />
      <Flex vertical gap={16}>
        <ModelCard status={status} onTrained={status.reload} />
        <ReviewCard onCorrected={status.reload} />
      </Flex>
    </>
  );
}
