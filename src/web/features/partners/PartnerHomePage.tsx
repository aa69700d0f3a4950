import { Result, Typography } from 'antd';
import { ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import './partners.css';

/**
 * A partner account's home page. A partner reads its report through the passcode link its contact shares (the
 * server-rendered `/partner/:token`) or a partner API key; the web app's own pages are the organisation's, so this
 * page says where the report is instead of showing a menu of closed doors.
 */
export function PartnerHomePage() {
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
