import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SurveyStatus } from './surveys.api.ts';

const COLORS: Record<SurveyStatus, string> = { draft: 'default', active: 'green', closed: 'red' };

/** A survey's status as a coloured tag. */
export function SurveyStatusTag({ status }: { status: SurveyStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} variant="filled">
      {t(`surveys.statuses.${status}`)}
    </Tag>
  );
}
