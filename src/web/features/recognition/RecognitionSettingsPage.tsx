import { Alert, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsAdmin } from '../../shared/session.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { RewardCatalogueCard } from './RewardCatalogueCard.tsx';
import { SettingsPointsRulesCard } from './SettingsPointsRulesCard.tsx';
import './recognition.css';
import './SettingsAndPromotion.css';

/** Recognition settings (admins): the points rules and the reward catalogue. */
export function RecognitionSettingsPage() {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  return (
    <>
      <PageHeader title={t('recognition.settings.title')} subtitle={isAdmin ? t('recognition.settings.subtitle') : undefined} />
      {isAdmin ? (
        <Flex vertical gap={16}>
          <SettingsPointsRulesCard />
          <RewardCatalogueCard />
        </Flex>
      ) : (
        <Alert type="info" showIcon title={t('recognition.settings.adminOnly')} />
      )}
    </>
  );
}
