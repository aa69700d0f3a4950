import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fitBandOf } from '../../../contracts/partners.ts';
import { BAND_COLOR } from './partner-colors.ts';

/** A CX-fit score (0–100) with its band as a coloured tag; a dash before the first review. */
export function FitScoreTag({ score, size = 'default' }: { score: number | null; size?: 'default' | 'large' }) {
  const { t } = useTranslation();
  if (score === null) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const band = fitBandOf(score);
  return (
    <Space size={6} align="center" data-testid="fit-score">
      <Typography.Text strong className={size === 'large' ? 'partner-fit-big' : undefined}>
        {score}
      </Typography.Text>
      <Tag color={BAND_COLOR[band]} style={{ marginInlineEnd: 0 }}>
        {t(`partners.fit.bands.${band}`)}
      </Tag>
    </Space>
  );
}
