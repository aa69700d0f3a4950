import { useRef, useState } from 'react';
import { App, Button, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { idempotencyKeys } from '../../shared/api/client.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { ColleagueSelect } from './ColleagueSelect.tsx';
import { askForSupport, getCaseTitle, listHardFlags, listMyCases, type SupportRequest } from './frontline.api.ts';

interface Values {
  kind: SupportRequest['kind'];
  supporterId?: string;
  caseId?: string;
  note?: string;
}

const KINDS: SupportRequest['kind'][] = ['talk', 'break', 'counselling'];

/** Asks a colleague or manager of one's choice for a talk, a break or counselling, optionally about a case. */
export function AskSupportForm({ caseId, onSent }: { caseId?: string; onSent: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const { user } = useSignedIn();
  const [form] = Form.useForm<Values>();
  const [isSaving, setIsSaving] = useState(false);
  // A retry after a lost answer sends the same key: one request reaches the colleague, not two.
  const keys = useRef(idempotencyKeys());
  // Cases to name: those I own, those I flagged as hard, and the one I came from.
  const cases = useApiQuery(async (signal) => {
    const [mine, flags, linked] = await Promise.all([
      user.employeeId ? listMyCases(user.employeeId, signal) : [],
      listHardFlags(signal).catch(() => []),
      caseId ? getCaseTitle(caseId, signal).catch(() => null) : null,
    ]);
    const options = new Map<string, string>();
    if (caseId && linked) options.set(caseId, linked);
    for (const f of flags) options.set(f.caseId, f.caseTitle);
    for (const c of mine) options.set(c.id, c.title);
    return [...options].map(([value, label]) => ({ value, label }));
  }, [caseId, user.employeeId]);

  const send = async (v: Values) => {
    setIsSaving(true);
    try {
      const input = { kind: v.kind, supporterId: v.supporterId, caseId: v.caseId, note: v.note?.trim() || undefined };
      await askForSupport(input, keys.current(input));
      keys.current = idempotencyKeys();
      message.success(t('frontline.support.sent'));
      form.resetFields();
      onSent();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'talk', caseId }} onFinish={(v) => void send(v)} requiredMark={false} data-testid="ask-support">
      <Form.Item name="kind" label={t('frontline.support.kind')}>
        <Radio.Group className="frontline-full">
          <Space orientation="vertical">
            {KINDS.map((k) => (
              <Radio key={k} value={k}>
                {t(`frontline.support.kinds.${k}`)} <Typography.Text type="secondary">· {t(`frontline.support.kindHelp.${k}`)}</Typography.Text>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="supporterId" label={t('frontline.support.supporter')} extra={t('frontline.support.supporterHelp')}>
        <ColleagueSelect testId="supporter-select" />
      </Form.Item>
      <Form.Item name="caseId" label={t('frontline.support.caseLabel')}>
        <Select allowClear options={cases.data ?? []} loading={cases.isLoading} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="note" label={t('frontline.support.note')}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('frontline.support.notePlaceholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={isSaving} block data-testid="support-send">
        {t('frontline.support.send')}
      </Button>
    </Form>
  );
}
