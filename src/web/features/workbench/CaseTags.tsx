import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import type { Case } from './workbench.api.ts';

const PRIORITY_COLOURS: Record<Case['priority'], string> = { urgent: 'red', high: 'volcano', medium: 'gold', low: 'default' };
const STATUS_COLOURS: Record<Case['status'], string> = { new: 'blue', acknowledged: 'cyan', in_progress: 'geekblue', resolved: 'green', closed: 'default' };

export function PriorityTag({ priority }: { priority: Case['priority'] }) {
  const { t } = useTranslation();
  return <Tag color={PRIORITY_COLOURS[priority]}>{t(`workbench.priorities.${priority}`)}</Tag>;
}

export function StatusTag({ status }: { status: Case['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`workbench.statuses.${status}`)}</Tag>;
}

/** The next SLA deadline as "in 3 h" / "2 h overdue", red once passed. */
export function DueTag({ dueAt, now }: { dueAt: string | null; now: Date }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  if (!dueAt) return <>{t('common.none')}</>;
  const due = new Date(dueAt);
  const minutes = Math.round((due.getTime() - now.getTime()) / 60_000);
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const text = Math.abs(minutes) < 90 ? relative.format(minutes, 'minute') : relative.format(Math.round(minutes / 60), 'hour');
  const absolute = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(due);
  return (
    <Tooltip title={absolute}>
      <Tag color={minutes < 0 ? 'red' : minutes < 60 ? 'orange' : 'default'} icon={<ClockCircleOutlined />}>
        {minutes < 0 ? t('workbench.overdue', { when: text }) : text}
      </Tag>
    </Tooltip>
  );
}
