import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { mayOpen } from '../../shared/page-access.ts';
import { useViewer } from '../../shared/session.tsx';
import { formatDate, formatDateTime } from './governance-format.ts';
import { getMyListeningDue } from './governance.api.ts';
import './governance.css';

/** The workbench's reminder of my overdue listening: planned sessions not logged, rotation entries past their cadence. Nothing when all is done. */
export function ListeningDueBanner() {
  const { t, i18n } = useTranslation();
  const viewer = useViewer();
  const due = useApiQuery((signal) => getMyListeningDue(signal), []);
  const d = due.data;
  if (!d || (d.sessions.length === 0 && d.rotations.length === 0)) return null;
  const every = (weeks: number) => t('governance.rotation.every', { count: weeks });
  return (
    <Alert
      className="governance-due"
      type="warning"
      showIcon
      data-testid="listening-due"
      title={t('governance.due.title')}
      description={
        <ul>
          {d.sessions.map((s) => (
            <li key={s.id}>{t('governance.due.session', { kind: t(`governance.kinds.${s.kind}`), date: formatDateTime(s.scheduledAt, i18n.language) })}</li>
          ))}
          {d.rotations.map((r) => (
            <li key={r.id}>
              {t('governance.due.rotation', { kind: t(`governance.kinds.${r.kind}`), every: every(r.everyWeeks), last: r.lastAt ? formatDate(r.lastAt, i18n.language) : t('governance.due.never') })}
            </li>
          ))}
        </ul>
      }
      // An employee on the committee or the rotation opens the page by membership, where they log the session.
      action={mayOpen(viewer, '/governance/listening') && <Link to="/governance/listening">{t('governance.due.open')}</Link>}
    />
  );
}
