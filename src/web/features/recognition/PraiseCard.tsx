import { HeartFilled, HeartOutlined } from '@ant-design/icons';
import { Avatar, Button, Flex, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Praise } from './recognition.api.ts';

dayjs.extend(relativeTime);

/** One customer's praise: their words, the score they gave, who served them and where, and the staff's likes. */
export function PraiseCard({ praise, isNew, isFeatured, onLike }: { praise: Praise; isNew?: boolean; isFeatured?: boolean; onLike?: () => void }) {
  const { t, i18n } = useTranslation();
  const who = praise.employeeName ?? praise.unitName ?? t('recognition.praise.team');
  // A touchpoint the UI knows (the demo's) is named in the UI language; an integrator's own is shown as stored.
  const touchpoint = praise.touchpoint && i18n.exists(`responses.touchpoints.${praise.touchpoint}`) ? t(`responses.touchpoints.${praise.touchpoint}` as ParseKeys) : praise.touchpoint;
  const where = [praise.employeeName ? praise.unitName : null, touchpoint].filter(Boolean).join(' · ');
  const when = isFeatured ? dayjs(praise.submittedAt).format('YYYY-MM-DD HH:mm') : dayjs(praise.submittedAt).fromNow();
  const classes = ['praise-card', isNew && 'praise-card--new', isFeatured && 'praise-card--featured'].filter(Boolean).join(' ');
  return (
    <article className={classes} data-testid="praise-card" data-response-id={praise.responseId}>
      <Typography.Paragraph className="praise-card__text">{praise.text}</Typography.Paragraph>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex align="center" gap={10} className="praise-card__who">
          <Avatar className="praise-card__avatar">{who.slice(0, 1)}</Avatar>
          <div>
            <div className="praise-card__name">{who}</div>
            <Typography.Text type="secondary" className="praise-card__meta">
              {[where, when].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        </Flex>
        <Flex align="center" gap={4}>
          {praise.nps !== null && <Tag color="gold">NPS {praise.nps}</Tag>}
          {praise.csat !== null && <Tag color="gold">CSAT {praise.csat}</Tag>}
          <Tooltip title={praise.isLikedByMe ? t('recognition.praise.liked') : t('recognition.praise.like')}>
            <Button
              type="text"
              size="small"
              className={praise.isLikedByMe ? 'praise-card__like praise-card__like--on' : 'praise-card__like'}
              icon={praise.isLikedByMe ? <HeartFilled /> : <HeartOutlined />}
              onClick={onLike}
              disabled={!onLike || praise.isLikedByMe}
              aria-label={t('recognition.praise.like')}
            >
              {praise.likes}
            </Button>
          </Tooltip>
        </Flex>
      </Flex>
    </article>
  );
}
