import { Alert, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api/client.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { CoveragePanel } from './CoveragePanel.tsx';
import { RotationPanel } from './RotationPanel.tsx';
import { SessionsPanel } from './SessionsPanel.tsx';
import { listRotations } from './governance.api.ts';
import './governance.css';

const TABS = ['sessions', 'rotation', 'coverage'] as const;
type Tab = (typeof TABS)[number];

/** Executive listening: sessions (planned and held), the rotation plan, and coverage per person and quarter. */
export function ListeningPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'sessions';
  const rotations = useApiQuery((signal) => listRotations(signal), []);

  if (rotations.error instanceof ApiError && rotations.error.status === 403) {
    return (
      <>
        <PageHeader title={t('governance.listening.title')} />
        <Alert type="info" showIcon title={t('governance.noAccess')} />
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('governance.listening.title')} subtitle={t('governance.listening.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'sessions' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'sessions', label: t('governance.listening.tabs.sessions'), children: <SessionsPanel /> },
          { key: 'rotation', label: t('governance.listening.tabs.rotation'), children: <RotationPanel rotations={rotations} /> },
          { key: 'coverage', label: t('governance.listening.tabs.coverage'), children: <CoveragePanel /> },
        ]}
      />
    </>
  );
}
