import { Button, Flex } from 'antd';
import type { CursorPages } from '../api/use-cursor-pages.ts';

/** The "load more" button under a cursor-paged list, shown only while the API says further pages remain. */
export function LoadMore({ pages, label, testId }: { pages: Pick<CursorPages<unknown>, 'hasMore' | 'loadMore' | 'isLoadingMore'>; label: string; testId?: string }) {
  if (!pages.hasMore) return null;
  return (
    <Flex justify="center" style={{ marginTop: 12 }}>
      <Button onClick={pages.loadMore} loading={pages.isLoadingMore} data-testid={testId}>
        {label}
      </Button>
    </Flex>
  );
}
