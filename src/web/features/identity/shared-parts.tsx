import { useCallback, useState } from 'react';
import { App, Button, Col, Form, Input, Popconfirm, Row, Select, TreeSelect, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { usePositionOptions, usePositions, useUnits, useUnitTreeSelectData } from '../org/index.ts';
import { removeConnection, testConnection, type ConnectionTest, type Protocol } from './identity.api.ts';

/** Error text for this page: its own codes first (sso_domain_taken…), then the app's. */
export function useIdentityError(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const general = useErrorMessage();
  return useCallback(
    (error: unknown) => (error instanceof ApiError && i18n.exists(`identity.errors.${error.code}`) ? t(`identity.errors.${error.code}` as ParseKeys) : general(error)),
    [t, i18n, general],
  );
}

/** A URL to hand to the identity provider's admin, with a copy button. */
export function CopyableUrl({ label, url, testId }: { label: string; url: string; testId?: string }) {
  return (
    <div className="identity-url">
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Text code copyable data-testid={testId} className="identity-url__value">
        {url}
      </Typography.Text>
    </div>
  );
}

// No `partner`: a partner login acts for one partner, which no identity provider tells (contracts/identity.ts).
const ROLES = ['admin', 'manager', 'employee'] as const;

/** The role select: `null` means no automatic accounts (when `allowNone`). */
export function RoleSelect({ allowNone, value, onChange }: { allowNone?: boolean; value?: string | null; onChange?: (v: string | null) => void }) {
  const { t } = useTranslation();
  const options = [...(allowNone ? [{ value: '', label: t('identity.provisioning.noAutomatic') }] : []), ...ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))];
  return <Select value={value ?? ''} onChange={(v) => onChange?.(v === '' ? null : v)} options={options} />;
}

/** Role, unit and position for people who sign in for the first time (OIDC, SAML) or are provisioned (SCIM). */
export function ProvisioningFields({ claims }: { claims?: 'claim' | 'attribute' }) {
  const { t } = useTranslation();
  const units = useUnits();
  const positions = usePositions();
  const unitTree = useUnitTreeSelectData(units.data);
  const positionOptions = usePositionOptions(positions.data);
  const isClaim = claims === 'claim';
  return (
    <>
      <Form.Item name="defaultRole" label={t('identity.provisioning.defaultRole')}>
        <RoleSelect allowNone={claims !== undefined} />
      </Form.Item>
      {claims && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name={isClaim ? 'unitClaim' : 'unitAttribute'} label={t(isClaim ? 'identity.provisioning.unitClaim' : 'identity.provisioning.unitAttribute')} tooltip={t('identity.provisioning.claimHelp')}>
              <Input placeholder="department" allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={isClaim ? 'positionClaim' : 'positionAttribute'} label={t(isClaim ? 'identity.provisioning.positionClaim' : 'identity.provisioning.positionAttribute')} tooltip={t('identity.provisioning.claimHelp')}>
              <Input placeholder="job_title" allowClear />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="defaultUnitId" label={t('identity.provisioning.defaultUnit')} tooltip={t('identity.provisioning.defaultsHelp')}>
            <TreeSelect treeData={unitTree} allowClear treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="defaultPositionId" label={t('identity.provisioning.defaultPosition')} tooltip={t('identity.provisioning.defaultsHelp')}>
            <Select options={positionOptions} allowClear showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** Empty optional text fields go to the API as null. */
export const blankToNull = (value: string | null | undefined) => (value && value.trim() ? value.trim() : null);

/** Test and remove buttons of a saved connection, and the test's checks once run. */
export function ConnectionActions({ protocol, onRemoved }: { protocol: Protocol; onRemoved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useIdentityError();
  const [result, setResult] = useState<ConnectionTest | null>(null);
  const [isTesting, setIsTesting] = useState(false);
  const test = async () => {
    setIsTesting(true);
    try {
      setResult(await testConnection(protocol));
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setIsTesting(false);
    }
  };
  const remove = async () => {
    try {
      await removeConnection(protocol);
      message.success(t('identity.removed'));
      onRemoved();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };
  return (
    <>
      <Button onClick={() => void test()} loading={isTesting} data-testid={`${protocol}-test`}>
        {t('identity.testConnection')}
      </Button>
      <Popconfirm title={t('identity.confirmRemove')} onConfirm={() => void remove()} okText={t('identity.remove')} cancelText={t('common.cancel')}>
        <Button danger>{t('identity.remove')}</Button>
      </Popconfirm>
      {result && <TestResult result={result} />}
    </>
  );
}

function TestResult({ result }: { result: ConnectionTest }) {
  const { t } = useTranslation();
  return (
    <div className="identity-test" data-testid="connection-test">
      <Typography.Text strong type={result.ok ? 'success' : 'danger'}>
        {t(result.ok ? 'identity.testPassed' : 'identity.testFailed')}
      </Typography.Text>
      <ul className="identity-test__checks">
        {result.checks.map((check) => (
          <li key={check.key}>
            {check.ok ? <CheckCircleFilled className="identity-test__ok" /> : <CloseCircleFilled className="identity-test__fail" />}
            <span>
              {t(`identity.checks.${check.key}` as ParseKeys, { defaultValue: check.key })}
              {check.detail && <Typography.Text type="secondary" className="identity-test__detail">{check.detail}</Typography.Text>}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
