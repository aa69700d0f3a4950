import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { RewardCatalogueCard } from './RewardCatalogueCard.tsx';
import { SettingsPointsRulesCard } from './SettingsPointsRulesCard.tsx';
import './recognition.css';
import './SettingsAndPromotion.css';

/** Recognition settings (admins): the points rules and the reward catalogue. */
export function RecognitionSettingsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('recognition.settings.title')} subtitle={t('recognition.settings.subtitle')} />
      <Flex vertical gap={16}>
        <SettingsPointsRulesCard />
        <RewardCatalogueCard />
      </Flex>
    </>
  );
}
