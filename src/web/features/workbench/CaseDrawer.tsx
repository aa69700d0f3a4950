import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { CapturedDetails, CaseFrontlineActions } from '../frontline/index.ts';
import { getResponse, ScoreTags } from '../responses/index.ts';
import { DueTag, PriorityTag, StatusTag } from './CaseTags.tsx';
import { actOnCase, getCase, listRootCauses, OPEN_STATUSES, type CaseAction, type CaseDetail } from './workbench.api.ts';

type FormAction = 'note' | 'compensate' | 'exempt' | 'resolve' | 'close';

interface ActionValues {
  text?: string;
  amount?: number;
  currency?: string;
  kind?: 'refund' | 'voucher' | 'upgrade' | 'gift';
  rule?: string;
  reason?: string;
  rootCause?: string;
  note?: string;
}

/** One case: what the customer said, the SLA, the actions within the employee's authority, and the timeline. */
export function CaseDrawer({ caseId, onClose, onChanged }: { caseId: string | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [language] = useLanguage();
  const [form] = Form.useForm<ActionValues>();
  const [action, setAction] = useState<FormAction | null>(null);
  const detail = useApiQuery((signal) => (caseId ? getCase(caseId, signal) : Promise.resolve(null)), [caseId]);
  const c = detail.data;
  const response = useApiQuery((signal) => (c?.responseId ? getResponse(c.responseId, signal) : Promise.resolve(null)), [c?.responseId]);
  const rootCauses = useApiQuery((signal) => listRootCauses(signal), []);
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });

  const run = async (payload: CaseAction) => {
    if (!c) return;
    const result = await actOnCase(c.id, payload);
    if (result.status === 'pending') message.info(t('workbench.actions.pendingApproval'));
    else message.success(t('workbench.actions.done'));
    setAction(null);
    detail.reload();
    onChanged();
  };

  const submit = (v: ActionValues) => {
    switch (action) {
      case 'note':
        return run({ type: 'note', text: v.text!, contact: false });
      case 'compensate':
        return run({ type: 'compensate', amount: v.amount!, currency: v.currency ?? 'CNY', kind: v.kind!, note: v.note });
      case 'exempt':
        return run({ type: 'exempt', rule: v.rule!, reason: v.reason! });
      case 'resolve':
        return run({ type: 'resolve', rootCause: v.rootCause, note: v.note });
      default:
        return run({ type: 'close', rootCause: v.rootCause, note: v.note });
    }
  };

  const isOpen = c ? OPEN_STATUSES.includes(c.status) : false;
  const rootCauseOptions = (rootCauses.data ?? []).map((r) => ({ value: r.code, label: r.name[language === 'en' ? 'en' : 'zh-CN'] }));
  const required = [{ required: true, message: t('workbench.actions.required') }];

  return (
    <Drawer open={caseId !== null} onClose={onClose} size={640} title={c?.title ?? t('workbench.case')} destroyOnHidden data-testid="case-drawer">
      {detail.isLoading && !c && <Spin />}
      {detail.error && <Alert type="error" showIcon title={t('workbench.loadFailed')} />}
      {c && (
        <Space orientation="vertical" size={16} className="workbench__drawer">
          <Space wrap>
            <PriorityTag priority={c.priority} />
            <StatusTag status={c.status} />
            <DueTag dueAt={c.dueAt} now={new Date()} />
          </Space>
          {response.data && (
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('workbench.customer')}>{response.data.customer?.name ?? t('common.none')}</Descriptions.Item>
              <Descriptions.Item label={t('workbench.scores')}>
                <ScoreTags response={response.data} />
              </Descriptions.Item>
              {response.data.comment && (
                <Descriptions.Item label={t('workbench.comment')}>
                  <Typography.Text italic>“{response.data.comment}”</Typography.Text>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('workbench.touchpoint')}>{response.data.touchpoint ?? t('common.none')}</Descriptions.Item>
            </Descriptions>
          )}
          {c.source === 'employee' && <CapturedDetails c={c} />}
          <Space wrap>
            {c.status === 'new' && (
              <Button type="primary" onClick={() => void run({ type: 'acknowledge' })}>
                {t('workbench.actions.acknowledge')}
              </Button>
            )}
            {isOpen && (
              <>
                <Button onClick={() => setAction('compensate')} data-testid="action-compensate">
                  {t('workbench.actions.compensate')}
                </Button>
                <Button onClick={() => setAction('exempt')}>{t('workbench.actions.exempt')}</Button>
                <Button onClick={() => setAction('note')}>{t('workbench.actions.note')}</Button>
                <Button type="primary" ghost onClick={() => setAction('resolve')}>
                  {t('workbench.actions.resolve')}
                </Button>
              </>
            )}
            {c.status === 'resolved' && <Button onClick={() => setAction('close')}>{t('workbench.actions.close')}</Button>}
            <CaseFrontlineActions
              c={c}
              isOpen={isOpen}
              onChanged={() => {
                detail.reload();
                onChanged();
              }}
            />
          </Space>
          <Typography.Title level={5}>{t('workbench.timeline')}</Typography.Title>
          <Timeline
            items={[...c.timeline].reverse().map((e) => ({
              key: e.id,
              content: (
                <>
                  <Typography.Text strong>{t(`workbench.events.${e.type}`, { defaultValue: e.type })}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{dateTime.format(new Date(e.at))}</Typography.Text>
                  {timelineDetail(e.data) && <div className="workbench__event-detail">{timelineDetail(e.data)}</div>}
                </>
              ),
            }))}
          />
        </Space>
      )}
      <FormModal<ActionValues>
        open={action !== null}
        title={action ? t(`workbench.actions.${action}`) : ''}
        form={form}
        initialValues={{ currency: 'CNY', kind: 'voucher' }}
        onCancel={() => setAction(null)}
        onSubmit={submit}
      >
        {action === 'note' && (
          <Form.Item name="text" label={t('workbench.actions.noteText')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {action === 'compensate' && (
          <>
            <Alert type="info" showIcon className="workbench__hint" title={t('workbench.actions.compensateHint')} />
            <Space.Compact block>
              <Form.Item name="amount" label={t('workbench.actions.amount')} rules={required} className="workbench__amount">
                <InputNumber min={0.01} max={10_000_000} precision={2} className="workbench__full" aria-label={t('workbench.actions.amount')} />
              </Form.Item>
              <Form.Item name="currency" label={t('workbench.actions.currency')}>
                <Select options={['CNY', 'HKD', 'USD', 'EUR'].map((x) => ({ value: x, label: x }))} />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="kind" label={t('workbench.actions.kind')} rules={required}>
              <Select options={(['refund', 'voucher', 'upgrade', 'gift'] as const).map((k) => ({ value: k, label: t(`workbench.kinds.${k}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('workbench.actions.noteOptional')}>
              <Input maxLength={2000} />
            </Form.Item>
          </>
        )}
        {action === 'exempt' && (
          <>
            <Alert type="warning" showIcon className="workbench__hint" title={t('workbench.actions.exemptHint')} />
            <Form.Item name="rule" label={t('workbench.actions.rule')} rules={required}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="reason" label={t('workbench.actions.reason')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {(action === 'resolve' || action === 'close') && (
          <>
            <Form.Item name="rootCause" label={t('workbench.actions.rootCause')} rules={action === 'close' ? required : []}>
              <Select showSearch optionFilterProp="label" options={rootCauseOptions} allowClear />
            </Form.Item>
            <Form.Item name="note" label={t('workbench.actions.noteOptional')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Drawer>
  );
}

/** The few timeline fields worth a line: amounts, notes, reasons. */
function timelineDetail(data: CaseDetail['timeline'][number]['data']): string | null {
  const parts = [
    typeof data.amount === 'number' ? `${data.amount} ${String(data.currency ?? '')}` : null,
    typeof data.text === 'string' ? data.text : null,
    typeof data.note === 'string' ? data.note : null,
    typeof data.reason === 'string' ? data.reason : null,
    typeof data.rootCause === 'string' ? data.rootCause : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}
