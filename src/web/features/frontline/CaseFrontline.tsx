import { useState } from 'react';
import { App, Button, Descriptions, Form, Radio, Typography } from 'antd';
import { HeartOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { useSignedIn } from '../../shared/session.tsx';
import { flagHardCase, type CaseDetail, type HardFlagReason } from './frontline.api.ts';
import { HandOverModal } from './HandOverModal.tsx';

const REASONS: HardFlagReason[] = ['abusive_customer', 'long_escalation', 'distressing'];

/** What the employee who captured a case wrote, where, and their photo; the customer to contact. */
export function CapturedDetails({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered data-testid="captured-details">
      {c.customer && (
        <Descriptions.Item label={t('workbench.customer')}>{[c.customer.name, c.customer.phone].filter(Boolean).join(' · ') || t('common.none')}</Descriptions.Item>
      )}
      {c.description && (
        <Descriptions.Item label={t('frontline.capture.description')}>
          <Typography.Text className="frontline-note">{c.description}</Typography.Text>
        </Descriptions.Item>
      )}
      {c.touchpoint && <Descriptions.Item label={t('workbench.touchpoint')}>{c.touchpoint}</Descriptions.Item>}
      {c.hasPhoto && (
        <Descriptions.Item label={t('frontline.capture.photoShort')}>
          <img className="frontline-case-photo" src={`/api/v1/cases/${c.id}/photo`} alt="" />
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/**
 * Hand-over (owner or manager, open cases) and care: flag the case as hard on oneself, or go and ask
 * for support about it. Care needs a person signed in as themself.
 */
export function CaseFrontlineActions({ c, isOpen, onChanged }: { c: CaseDetail; isOpen: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSignedIn();
  const [form] = Form.useForm<{ reason: HardFlagReason }>();
  const [isHandingOver, setIsHandingOver] = useState(false);
  const [isFlagging, setIsFlagging] = useState(false);
  const mayHandOver = isOpen && (user.role !== 'employee' || c.ownerId === user.employeeId);
  if (!user.employeeId && !mayHandOver) return null;
  return (
    <>
      {mayHandOver && (
        <Button icon={<SwapOutlined />} onClick={() => setIsHandingOver(true)} data-testid="action-hand-over">
          {t('frontline.handOver.button')}
        </Button>
      )}
      {user.employeeId && (
        <>
          <Button icon={<HeartOutlined />} onClick={() => setIsFlagging(true)} data-testid="action-hard">
            {t('frontline.care.flag')}
          </Button>
          <Link to={`/support?caseId=${c.id}`}>
            <Button type="link">{t('frontline.care.askSupport')}</Button>
          </Link>
        </>
      )}
      <HandOverModal
        caseId={c.id}
        open={isHandingOver}
        onClose={() => setIsHandingOver(false)}
        onDone={() => {
          setIsHandingOver(false);
          message.success(t('frontline.handOver.done'));
          onChanged();
        }}
      />
      <FormModal<{ reason: HardFlagReason }>
        open={isFlagging}
        title={t('frontline.care.flagTitle')}
        form={form}
        initialValues={{ reason: 'abusive_customer' }}
        onCancel={() => setIsFlagging(false)}
        onSubmit={async (v) => {
          await flagHardCase(c.id, v.reason);
          setIsFlagging(false);
          message.success(t('frontline.care.flagged'));
        }}
      >
        <Typography.Paragraph type="secondary">{t('frontline.care.flagHelp')}</Typography.Paragraph>
        <Form.Item name="reason" label={t('frontline.care.reason')}>
          <Radio.Group options={REASONS.map((r) => ({ value: r, label: t(`frontline.care.reasons.${r}`) }))} />
        </Form.Item>
      </FormModal>
    </>
  );
}
