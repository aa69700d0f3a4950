import { CommentOutlined, EditOutlined, FormOutlined, HeartOutlined, LikeOutlined, BulbOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromotionCriteria } from './recognition.api.ts';

/** A position's criteria at a glance, with Edit (or Set, when it has none) for admins. */
export function PromotionCriteriaCard(props: { positionName: string; criteria: PromotionCriteria | undefined; canEdit: boolean; onEdit: () => void }) {
  const { positionName, criteria, canEdit, onEdit } = props;
  const { t } = useTranslation();
  const editButton = canEdit && (
    <Button icon={<EditOutlined />} type={criteria ? 'default' : 'primary'} onClick={onEdit}>
      {t(criteria ? 'recognition.promotion.criteria.edit' : 'recognition.promotion.criteria.set')}
    </Button>
  );
  if (!criteria) {
    return (
      <Card>
        <Empty description={t('recognition.promotion.criteria.none')}>
          {canEdit && (
            <>
              <Typography.Paragraph type="secondary">{t('recognition.promotion.criteria.noneAdmin')}</Typography.Paragraph>
              {editButton}
            </>
          )}
        </Empty>
      </Card>
    );
  }
  const atLeast = (value: number | null) => (value === null ? t('recognition.promotion.criteria.noRequirement') : `≥ ${value}`);
  return (
    <Card title={t('recognition.promotion.criteria.title', { position: positionName })} extra={editButton} data-testid="promotion-criteria">
      <div className="promotion-criteria">
        <Criterion icon={<BulbOutlined />} label={t('recognition.promotion.criteria.minImplementedIdeas')} value={atLeast(criteria.minImplementedIdeas)} />
        <Criterion icon={<LikeOutlined />} label={t('recognition.promotion.criteria.minNps')} value={atLeast(criteria.minNps)} muted={criteria.minNps === null} />
        <Criterion icon={<CommentOutlined />} label={t('recognition.promotion.criteria.minResponses')} value={atLeast(criteria.minResponses)} />
        <Criterion icon={<HeartOutlined />} label={t('recognition.promotion.criteria.minPraise')} value={atLeast(criteria.minPraise)} />
        <Criterion icon={<FormOutlined />} label={t('recognition.promotion.criteria.minInsights')} value={atLeast(criteria.minInsights)} />
      </div>
      <Typography.Text type="secondary" className="promotion-criteria__window">
        {t('recognition.promotion.criteria.window')}
      </Typography.Text>
    </Card>
  );
}

function Criterion({ icon, label, value, muted = false }: { icon: ReactNode; label: string; value: string; muted?: boolean }) {
  return (
    <div className="promotion-criterion">
      <span className="promotion-criterion__icon">{icon}</span>
      <div>
        <div className="promotion-criterion__label">{label}</div>
        <div className={muted ? 'promotion-criterion__value promotion-criterion__value--muted' : 'promotion-criterion__value'}>{value}</div>
      </div>
    </div>
  );
}
