import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IdeaStatus } from './recognition.api.ts';

export const IDEA_STATUSES: IdeaStatus[] = ['open', 'under_review', 'accepted', 'in_progress', 'implemented', 'declined', 'duplicate'];

export const IDEA_STATUS_COLORS: Record<IdeaStatus, string> = {
  open: 'blue',
  under_review: 'purple',
  accepted: 'gold',
  in_progress: 'cyan',
  implemented: 'green',
  declined: 'default',
  duplicate: 'default',
};

/** Where a reviewer may move an idea next (mirrors the server's IDEA_TRANSITIONS; the last three are final). */
export const NEXT_IDEA_STATUSES: Record<IdeaStatus, IdeaStatus[]> = {
  open: ['under_review', 'accepted', 'declined', 'duplicate'],
  under_review: ['open', 'accepted', 'declined', 'duplicate'],
  accepted: ['in_progress', 'implemented', 'declined'],
  in_progress: ['implemented', 'declined'],
  implemented: [],
  declined: [],
  duplicate: [],
};

export function IdeaStatusTag({ status }: { status: IdeaStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={IDEA_STATUS_COLORS[status]} data-testid="idea-status">
      {t(`recognition.ideas.statuses.${status}`)}
    </Tag>
  );
}
