import { useState } from 'react';
import { Alert, Card, Flex, Result, Typography } from 'antd';
import { ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { OwnIdeas } from './OwnIdeas.tsx';
import { OwnReplies } from './OwnReplies.tsx';
import { ReportPreview } from './ReportPreview.tsx';
import './partners.css';

/**
 * A partner account's home page, its only page. A login bound to a partner (`partnerId` in the session) reads its
 * partner's report here, answers the period on screen and sends ideas, through the partner-only API (the server knows
 * the partner, so nothing here names it). A login bound to none cannot, and is told kindly where the report is.
 */
export function PartnerHomePage() {
  const { user, org } = useSignedIn();
  const localizedName = useLocalizedName();
  return user.partnerId ? <OwnPartnerHome org={localizedName(org)} /> : <UnboundPartnerHome />;
}

function OwnPartnerHome({ org }: { org: string }) {
  const { t } = useTranslation();
  // Held here so that a reply answers the period the partner is reading.
  const [days, setDays] = useState(90);
  return (
    <>
      <PageHeader title={t('partners.home.nav')} subtitle={t('partners.home.subtitle', { org })} />
      <Flex vertical gap={16} className="partner-own" data-testid="partner-home">
        <Card title={t('partners.home.report')}>
          <ReportPreview days={days} onDaysChange={setDays} />
        </Card>
        <OwnReplies days={days} org={org} />
        <OwnIdeas org={org} />
      </Flex>
    </>
  );
}

/** A partner login made before logins were tied to partners: the report opens from the share link only. */
function UnboundPartnerHome() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('partners.home.title')} />
      <Result
        className="partner-home"
        icon={<ShopOutlined className="partner-home__icon" />}
        title={t('partners.home.lead')}
        subTitle={
          <>
            <Alert type="info" showIcon title={t('partners.home.unbound')} style={{ textAlign: 'start', marginBottom: 16 }} data-testid="partner-unbound" />
            <Typography.Paragraph type="secondary">{t('partners.home.howTo')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('partners.home.scope')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('partners.home.lost')}</Typography.Paragraph>
          </>
        }
        data-testid="partner-home"
      />
    </>
  );
}
