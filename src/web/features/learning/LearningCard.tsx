import type { ReactNode } from 'react';
import { Card, Space, Tag, Typography } from 'antd';
import { ClockCircleOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { LearningItem } from './learning.api.ts';
import { LAYER_COLOURS, useBilingual, useDuration } from './learning-format.ts';

/** One learning item as a card: layer, format and duration, name, description, trainer; `footer` carries status and actions. */
export function LearningCard({ item, extra, footer, testId }: { item: LearningItem; extra?: ReactNode; footer?: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const bilingual = useBilingual();
  const duration = useDuration();
  return (
    <Card size="small" className="learning-item" data-testid={testId} extra={extra} title={
      <Space size={4} wrap>
        <Tag color={LAYER_COLOURS[item.layer]}>{t(`learning.layers.${item.layer}`)}</Tag>
        <Tag>{t(`learning.formats.${item.format}`)}</Tag>
        {!item.active && <Tag color="default">{t('learning.catalogue.retired')}</Tag>}
      </Space>
    }>
      <Typography.Title level={5} className="learning-item__name">
        {bilingual(item.name)}
      </Typography.Title>
      {bilingual(item.description) && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, tooltip: bilingual(item.description) }} className="learning-item__description">
          {bilingual(item.description)}
        </Typography.Paragraph>
      )}
      <Space size={16} wrap className="learning-item__meta">
        <Typography.Text type="secondary">
          <ClockCircleOutlined /> {duration(item.durationMinutes)}
        </Typography.Text>
        <Typography.Text type="secondary">
          <UserOutlined /> {t('learning.trainer', { name: item.ownerName })}
        </Typography.Text>
      </Space>
      {footer && <div className="learning-item__footer">{footer}</div>}
    </Card>
  );
}
