import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../shared/session.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { DashboardBody } from './DashboardBody.tsx';
import { PeriodSelect, usePeriodDays } from './PeriodSelect.tsx';
import './dashboards.css';

/** The executive dashboard: the whole organisation (a manager's subtree, as the server scopes), with the strategic goals. */
export function ExecutiveDashboardPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const [days, setDays] = usePeriodDays();
  return (
    <>
      <PageHeader title={t('dashboards.executive.title')} subtitle={t('dashboards.executive.subtitle')} extra={<PeriodSelect value={days} onChange={setDays} />} />
      {user.role !== 'admin' && <Alert className="dash-toolbar" type="info" showIcon title={t(user.role === 'manager' ? 'dashboards.scope.units' : 'dashboards.scope.self')} />}
      <DashboardBody days={days} showGoals />
    </>
  );
}
