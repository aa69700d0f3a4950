import { BulbOutlined, ClockCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIdeaDates } from './IdeaDates.ts';
import type { Challenge } from './recognition.api.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Ended challenges stay on the strip for a while, most recent first, so their ideas remain one click away. */
const ENDED_SHOWN = 3;

interface ChallengeStripProps {
  challenges: Challenge[];
  selectedId: string | undefined;
  canManage: boolean;
  onSelect: (id: string | undefined) => void;
  onCreate: () => void;
}

/** The co-creation challenges above the board: open ones first with their countdown; a click filters the ideas. */
export function ChallengeStrip({ challenges, selectedId, canManage, onSelect, onCreate }: ChallengeStripProps) {
  const { t } = useTranslation();
  const ended = challenges.filter((c) => !c.isOpen);
  const shown = [...challenges.filter((c) => c.isOpen), ...ended.filter((c, i) => i < ENDED_SHOWN || c.id === selectedId)];
  if (shown.length === 0 && !canManage) return null;
  return (
    <section className="challenge-strip" aria-label={t('recognition.challenges.title')} data-testid="challenge-strip">
      <Flex justify="space-between" align="center" gap={12} className="challenge-strip__head">
        <Typography.Text strong className="challenge-strip__title">
          <BulbOutlined /> {t('recognition.challenges.title')}
        </Typography.Text>
        {canManage && (
          <Button size="small" icon={<PlusOutlined />} onClick={onCreate}>
            {t('recognition.challenges.new')}
          </Button>
        )}
      </Flex>
      {shown.length === 0 ? (
        <Typography.Text type="secondary">{t('recognition.challenges.empty')}</Typography.Text>
      ) : (
        <div className="challenge-strip__cards">
          {shown.map((c) => (
            <ChallengeCard key={c.id} challenge={c} isSelected={c.id === selectedId} onClick={() => onSelect(c.id === selectedId ? undefined : c.id)} />
          ))}
        </div>
      )}
    </section>
  );
}

function ChallengeCard({ challenge, isSelected, onClick }: { challenge: Challenge; isSelected: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  const classes = ['challenge-card', isSelected && 'challenge-card--selected', !challenge.isOpen && 'challenge-card--ended'].filter(Boolean).join(' ');
  return (
    <button type="button" className={classes} aria-pressed={isSelected} onClick={onClick} data-testid="challenge-card">
      <span className="challenge-card__theme">{challenge.theme}</span>
      {challenge.description && <span className="challenge-card__description">{challenge.description}</span>}
      <Flex justify="space-between" align="center" gap={8} className="challenge-card__footer">
        <ChallengeDeadline deadline={challenge.deadline} />
        <Typography.Text type="secondary">{t('recognition.challenges.ideas', { count: challenge.ideas })}</Typography.Text>
      </Flex>
    </button>
  );
}

/** "3 days left" (orange in the last two days), "5 hours left", or "Ended"; the exact deadline on hover. */
function ChallengeDeadline({ deadline }: { deadline: string }) {
  const { t } = useTranslation();
  const dates = useIdeaDates();
  const left = new Date(deadline).getTime() - Date.now();
  let label: string;
  if (left <= 0) label = t('recognition.challenges.ended');
  else if (left < DAY) label = t('recognition.challenges.hoursLeft', { count: Math.max(1, Math.ceil(left / HOUR)) });
  else label = t('recognition.challenges.daysLeft', { count: Math.floor(left / DAY) });
  const color = left <= 0 ? 'default' : left < 2 * DAY ? 'orange' : 'green';
  return (
    <Tooltip title={t('recognition.challenges.until', { date: dates.dateTime(deadline) })}>
      <Tag color={color} icon={<ClockCircleOutlined />} className="challenge-card__deadline" data-testid="challenge-deadline">
        {label}
      </Tag>
    </Tooltip>
  );
}
