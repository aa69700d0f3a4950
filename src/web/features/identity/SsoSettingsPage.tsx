import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { FullPageSpin } from '../../shared/ui/FullPageSpin.tsx';
import { getSsoOverview } from './identity.api.ts';
import { OidcCard } from './OidcCard.tsx';
import { PolicyCard } from './PolicyCard.tsx';
import { SamlCard } from './SamlCard.tsx';
import { ScimCard } from './ScimCard.tsx';
import './identity.css';

/** Single sign-on settings for admins: OIDC and SAML connections, the SSO policy, SCIM provisioning. */
export function SsoSettingsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('identity.title')} subtitle={t('identity.subtitle')} />
      <SsoSettings />
    </>
  );
}

function SsoSettings() {
  const { org } = useSignedIn();
  const overview = useApiQuery((signal) => getSsoOverview(signal), []);
  if (overview.error && !overview.data) return <LoadError error={overview.error} onRetry={overview.reload} />;
  if (!overview.data) return <FullPageSpin />;
  const { oidc, saml, policy, scim } = overview.data;
  // Before a connection exists, the URLs to register are derived from this page's address, as the server would.
  const base = scim.baseUrl.replace(/\/scim\/v2$/, '');
  const slug = encodeURIComponent(org.slug);
  const sp = { metadataUrl: `${base}/auth/saml/${slug}/metadata`, acsUrl: `${base}/auth/saml/${slug}/acs`, entityId: `${base}/auth/saml/${slug}/metadata` };
  return (
    <Row gutter={[16, 16]} className="identity-page">
      <Col xs={24} xl={12}>
        <OidcCard key={oidc?.updatedAt ?? 'new'} connection={oidc} redirectUri={`${base}/auth/oidc/${slug}/callback`} onSaved={overview.reload} />
      </Col>
      <Col xs={24} xl={12}>
        <SamlCard key={saml?.updatedAt ?? 'new'} connection={saml} sp={sp} onSaved={overview.reload} />
      </Col>
      <Col xs={24} xl={12}>
        <PolicyCard key={JSON.stringify(policy)} policy={policy} hasConnection={Boolean(oidc?.enabled || saml?.enabled)} onSaved={overview.reload} />
      </Col>
      <Col xs={24} xl={12}>
        <ScimCard scim={scim} onSaved={overview.reload} />
      </Col>
    </Row>
  );
}
