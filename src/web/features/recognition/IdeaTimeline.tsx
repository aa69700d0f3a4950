import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIdeaDates } from './IdeaDates.ts';
import type { IdeaDetail, IdeaStatus } from './recognition.api.ts';

const STEP_COLORS: Record<IdeaStatus, string> = {
  open: 'blue',
  under_review: 'blue',
  accepted: 'green',
  in_progress: 'blue',
  implemented: 'green',
  declined: 'red',
  duplicate: 'gray',
};

/** The idea's progress: submitted, then each review step with who moved it (when known) and their note. */
export function IdeaTimeline({ idea, author }: { idea: IdeaDetail; author: string }) {
  const { t } = useTranslation();
  const dates = useIdeaDates();
  const steps = [
    { key: 'submitted', color: 'gray', title: t('recognition.ideas.detail.submitted'), who: author, at: idea.createdAt, note: null as string | null },
    ...idea.history.map((h, i) => ({ key: `${i}`, color: STEP_COLORS[h.status], title: t(`recognition.ideas.statuses.${h.status}`), who: h.byName, at: h.at, note: h.note })),
  ];
  return (
    <Timeline
      className="idea-timeline"
      data-testid="idea-timeline"
      items={steps.map((s) => ({
        key: s.key,
        color: s.color,
        content: (
          <div>
            <Typography.Text strong>{s.title}</Typography.Text>
            <Typography.Text type="secondary" className="idea-timeline__meta">
              {[s.who, dates.dateTime(s.at)].filter(Boolean).join(' · ')}
            </Typography.Text>
            {s.note && <div className="idea-timeline__note">{s.note}</div>}
          </div>
        ),
      }))}
    />
  );
}
