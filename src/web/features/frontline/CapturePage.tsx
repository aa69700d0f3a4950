import { useCallback, useRef, useState } from 'react';
import { Alert, AutoComplete, Button, Card, Form, Input, Radio, Result, Segmented, TreeSelect } from 'antd';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { idempotencyKeys } from '../../shared/api/client.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { useUnits, useUnitTreeSelectData } from '../org/index.ts';
import { ColleagueSelect } from './ColleagueSelect.tsx';
import { captureCase, searchCustomers, type CaseDetail } from './frontline.api.ts';
import { PhotoField } from './PhotoField.tsx';
import { RemoteSelect } from './RemoteSelect.tsx';
import './frontline.css';

type Priority = 'low' | 'medium' | 'high' | 'urgent';
type FollowUp = 'me' | 'colleague' | 'unit';

interface Values {
  customerId?: string;
  name?: string;
  phone?: string;
  description: string;
  touchpoint?: string;
  priority: Priority;
  followUp: FollowUp;
  ownerId?: string;
  unitId?: string;
  photo?: string;
}

const TOUCHPOINTS = ['store', 'delivery', 'phone', 'online', 'checkout'] as const;
const PRIORITIES: Priority[] = ['low', 'medium', 'high', 'urgent'];

/** A phone-sized form: any employee opens a case for a customer they met, owned by them or handed on. */
export function CapturePage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<Values>();
  const [isNew, setIsNew] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CaseDetail | null>(null);
  const followUp = Form.useWatch('followUp', form);
  // A second tap after a lost answer sends the same key, so the customer's case is opened once.
  const keys = useRef(idempotencyKeys());
  const units = useUnits();
  const unitTree = useUnitTreeSelectData(units.data);
  const loadCustomers = useCallback(
    async (q: string, signal: AbortSignal) =>
      q ? (await searchCustomers(q, signal)).map((c) => ({ value: c.id, label: [c.name ?? '—', c.phone, c.externalId].filter(Boolean).join(' · ') })) : [],
    [],
  );

  const submit = async (v: Values) => {
    setIsSaving(true);
    setError(null);
    try {
      const input = {
        ...(isNew ? { customer: { name: v.name?.trim() || undefined, phone: v.phone?.trim() || undefined } } : { customerId: v.customerId }),
        description: v.description,
        touchpoint: v.touchpoint?.trim() || undefined,
        priority: v.priority,
        ownerId: v.followUp === 'colleague' ? v.ownerId : undefined,
        unitId: v.followUp === 'unit' ? v.unitId : undefined,
        photo: v.photo,
      };
      setCreated(await captureCase(input, keys.current(input)));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };
  const again = () => {
    keys.current = idempotencyKeys(); // the next case is a new one, even if it reads the same
    form.resetFields();
    setCreated(null);
  };
  const required = (key: ParseKeys) => [{ required: true, message: t(key) }];

  return (
    <div className="frontline-narrow">
      <PageHeader title={t('frontline.capture.title')} subtitle={t('frontline.capture.subtitle')} />
      {created ? (
        <Card>
          <Result
            status="success"
            title={t('frontline.capture.done')}
            subTitle={t(created.ownerId && created.ownerId === created.employeeId ? 'frontline.capture.doneMine' : 'frontline.capture.doneHanded')}
            extra={[
              <Link key="workbench" to="/workbench">
                <Button type="primary">{t('frontline.capture.openWorkbench')}</Button>
              </Link>,
              <Button key="again" onClick={again} data-testid="capture-another">
                {t('frontline.capture.another')}
              </Button>,
            ]}
            data-testid="capture-done"
          />
        </Card>
      ) : (
        <Card>
          <Form<Values> form={form} layout="vertical" initialValues={{ priority: 'medium', followUp: 'me' }} onFinish={(v) => void submit(v)} requiredMark={false}>
            <Form.Item label={t('frontline.capture.customer')} required>
              <Segmented block value={isNew ? 'new' : 'find'} onChange={(v) => setIsNew(v === 'new')} options={[
                { value: 'find', label: t('frontline.capture.find') },
                { value: 'new', label: t('frontline.capture.newCustomer') },
              ]} data-testid="customer-mode" />
            </Form.Item>
            {isNew ? (
              <>
                <Form.Item name="name" label={t('frontline.capture.name')} dependencies={['phone']} rules={[({ getFieldValue }) => ({
                  validator: (_, name?: string) => (name?.trim() || getFieldValue('phone')?.trim() ? Promise.resolve() : Promise.reject(new Error(t('frontline.capture.newRequired')))),
                })]}>
                  <Input maxLength={200} autoComplete="off" />
                </Form.Item>
                <Form.Item name="phone" label={t('frontline.capture.phone')}>
                  <Input maxLength={40} inputMode="tel" autoComplete="off" />
                </Form.Item>
              </>
            ) : (
              <Form.Item name="customerId" extra={t('frontline.capture.searchHint')} rules={required('frontline.capture.customerRequired')}>
                <RemoteSelect load={loadCustomers} placeholder={t('frontline.capture.search')} notFound={t('frontline.capture.noMatch')} testId="customer-search" />
              </Form.Item>
            )}
            <Form.Item name="description" label={t('frontline.capture.description')} rules={required('frontline.capture.descriptionRequired')}>
              <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('frontline.capture.descriptionPlaceholder')} />
            </Form.Item>
            <Form.Item name="touchpoint" label={t('frontline.capture.touchpoint')}>
              <AutoComplete options={TOUCHPOINTS.map((k) => ({ value: t(`frontline.capture.touchpoints.${k}`) }))} maxLength={120} />
            </Form.Item>
            <Form.Item name="priority" label={t('frontline.capture.priority')}>
              <Radio.Group className="frontline-choice" options={PRIORITIES.map((p) => ({ value: p, label: t(`workbench.priorities.${p}`) }))} data-testid="capture-priority" />
            </Form.Item>
            <Form.Item name="followUp" label={t('frontline.capture.followUp')}>
              <Radio.Group className="frontline-choice" options={[
                { value: 'me', label: t('frontline.capture.followMe') },
                { value: 'colleague', label: t('frontline.capture.followColleague') },
                { value: 'unit', label: t('frontline.capture.followUnit') },
              ]} />
            </Form.Item>
            {followUp === 'colleague' && (
              <Form.Item name="ownerId" label={t('frontline.capture.colleague')} rules={required('frontline.capture.colleagueRequired')}>
                <ColleagueSelect testId="capture-colleague" />
              </Form.Item>
            )}
            {followUp === 'unit' && (
              <Form.Item name="unitId" label={t('frontline.capture.unit')} extra={t('frontline.capture.unitHelp')} rules={required('frontline.capture.unitRequired')}>
                <TreeSelect treeData={unitTree} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} />
              </Form.Item>
            )}
            <Form.Item name="photo" label={t('frontline.capture.photo')} extra={t('frontline.capture.photoHelp')}>
              <PhotoField />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} className="frontline-gap" />}
            <Button type="primary" htmlType="submit" block size="large" loading={isSaving} data-testid="capture-submit">
              {t('frontline.capture.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
