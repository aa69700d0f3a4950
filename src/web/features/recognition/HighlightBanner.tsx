import { StarFilled } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { getHighlight } from './recognition.api.ts';
import './praise-wall.css';

/** Yesterday's most touching praise as a slim banner (the workbench's morning greeting); nothing when there is none. */
export function HighlightBanner() {
  const { t } = useTranslation();
  const highlight = useApiQuery((signal) => getHighlight(signal), []);
  const praise = highlight.data?.praise;
  // A morning greeting: an older highlight (nobody was praised since) is news no more.
  const isFresh = !!highlight.data?.day && dayjs().diff(dayjs(highlight.data.day), 'day') <= 2;
  if (!praise || !isFresh) return null;
  const who = [praise.employeeName, praise.unitName].filter(Boolean).join(' · ') || t('recognition.praise.team');
  return (
    <section className="praise-wall__highlight highlight-banner" data-testid="highlight-banner">
      <Flex align="center" justify="space-between" gap={8} wrap className="praise-wall__highlight-title">
        <Flex align="center" gap={8}>
          <StarFilled />
          <span>{t('recognition.praise.highlight')}</span>
        </Flex>
        <Link to="/recognition/praise">{t('recognition.praise.toWall')}</Link>
      </Flex>
      <Typography.Paragraph className="highlight-banner__text" ellipsis={{ rows: 2 }}>
        “{praise.text}”
      </Typography.Paragraph>
      <Typography.Text type="secondary">— {who}</Typography.Text>
    </section>
  );
}
