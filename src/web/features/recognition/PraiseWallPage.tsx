import { StarFilled } from '@ant-design/icons';
import { App as AntApp, Badge, Button, Empty, Flex, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PraiseCard } from './PraiseCard.tsx';
import { getHighlight, likePraise, listPraise, type Praise, type PraiseReceived } from './recognition.api.ts';
import { useStream } from './use-stream.ts';
import './praise-wall.css';

/** How long a new praise keeps its glow. */
const NEW_GLOW_MS = 6000;

/** The praise wall: customer praise for all staff, live as it arrives, with yesterday's most touching praise on top. */
export function PraiseWallPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const [items, setItems] = useState<Praise[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const first = useApiQuery((signal) => listPraise(null, signal), []);
  const highlight = useApiQuery((signal) => getHighlight(signal), []);

  useEffect(() => {
    if (!first.data) return;
    setItems(first.data.items);
    setCursor(first.data.nextCursor);
  }, [first.data]);

  const isLive = useStream<PraiseReceived>(['praise.received'], (frame) => {
    const p = frame.payload;
    const praise: Praise = { ...p, likes: 0, isLikedByMe: false };
    setItems((current) => (current.some((i) => i.responseId === p.responseId) ? current : [praise, ...current]));
    setFresh((current) => new Set(current).add(p.responseId));
    setTimeout(() => setFresh((current) => {
      const next = new Set(current);
      next.delete(p.responseId);
      return next;
    }), NEW_GLOW_MS);
  });

  const like = useCallback(
    async (responseId: string) => {
      try {
        const updated = await likePraise(responseId);
        setItems((current) => current.map((i) => (i.responseId === responseId ? updated : i)));
        if (highlight.data?.praise?.responseId === responseId) highlight.reload();
      } catch (caught) {
        message.error(errorMessage(caught));
      }
    },
    [errorMessage, message, highlight],
  );

  const loadMore = async () => {
    if (!cursor) return;
    setIsLoadingMore(true);
    try {
      const page = await listPraise(cursor);
      setItems((current) => [...current, ...page.items.filter((p) => !current.some((c) => c.responseId === p.responseId))]);
      setCursor(page.nextCursor);
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setIsLoadingMore(false);
    }
  };

  const featured = highlight.data?.praise ?? null;
  return (
    <div className="praise-wall">
      <PageHeader
        title={t('recognition.praise.title')}
        subtitle={t('recognition.praise.subtitle')}
        extra={<Badge status={isLive ? 'processing' : 'default'} text={isLive ? t('recognition.praise.live') : t('recognition.praise.connecting')} data-testid="praise-live" />}
      />
      {featured && (
        <section className="praise-wall__highlight" data-testid="praise-highlight">
          <Flex align="center" gap={8} className="praise-wall__highlight-title">
            <StarFilled />
            <span>{t('recognition.praise.highlight')}</span>
          </Flex>
          <PraiseCard praise={featured} isFeatured onLike={() => void like(featured.responseId)} />
        </section>
      )}
      {first.error && <LoadError error={first.error} onRetry={first.reload} />}
      {first.isLoading && !first.data ? (
        <Flex justify="center" className="praise-wall__loading">
          <Spin />
        </Flex>
      ) : items.length === 0 ? (
        <Empty description={t('recognition.praise.empty')} />
      ) : (
        <div className="praise-wall__grid" data-testid="praise-grid">
          {items.map((p) => (
            <PraiseCard key={p.responseId} praise={p} isNew={fresh.has(p.responseId)} onLike={() => void like(p.responseId)} />
          ))}
        </div>
      )}
      {cursor && (
        <Flex justify="center" className="praise-wall__more">
          <Button onClick={() => void loadMore()} loading={isLoadingMore}>
            {t('recognition.more')}
          </Button>
        </Flex>
      )}
      <Typography.Paragraph type="secondary" className="praise-wall__footnote">
        {t('recognition.praise.footnote')}
      </Typography.Paragraph>
    </div>
  );
}
