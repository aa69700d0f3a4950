import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fitScoreOf, PARTNER_FIT_ITEMS, type PartnerFitItem } from '../../../contracts/partners.ts';
import { FitScoreTag } from './FitScoreTag.tsx';
import { createPartnerFit } from './partners.api.ts';
import { usePartnerErrorMessage } from './use-partner-error.ts';

interface FitForm {
  answers: Partial<Record<PartnerFitItem, number>>;
  note?: string;
}
const SCALE = [1, 2, 3, 4, 5] as const;

/** An admin's new CX-fit review: each statement scored 1–5, the score it makes shown as they go, and a note. */
export function FitReviewForm({ partnerId, onSaved, onCancel }: { partnerId: string; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = usePartnerErrorMessage();
  const [form] = Form.useForm<FitForm>();
  const [isSaving, setIsSaving] = useState(false);
  const answers = Form.useWatch('answers', form);
  const complete = answers && PARTNER_FIT_ITEMS.every((k) => answers[k] !== undefined) ? (answers as Record<PartnerFitItem, number>) : null;

  const save = async (values: FitForm) => {
    setIsSaving(true);
    try {
      const saved = await createPartnerFit(partnerId, { answers: values.answers as Record<PartnerFitItem, number>, note: values.note?.trim() || undefined });
      message.success(t('partners.fit.saved', { score: saved.score }));
      onSaved();
    } catch (caught) {
      message.error(errorText(caught));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Card size="small" title={t('partners.fit.newReview')} style={{ marginBottom: 16 }} data-testid="fit-form">
      <Typography.Paragraph type="secondary">{t('partners.fit.newReviewHelp')}</Typography.Paragraph>
      <Form<FitForm> form={form} layout="vertical" className="partner-fit-form" onFinish={(v) => void save(v)} disabled={isSaving} requiredMark={false}>
        {PARTNER_FIT_ITEMS.map((item) => (
          <Form.Item key={item} name={['answers', item]} label={t(`partners.fit.statements.${item}`)} rules={[{ required: true, message: t('partners.fit.answerRequired') }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="small"
              data-testid={`fit-${item}`}
              options={SCALE.map((n) => ({ value: n, label: `${n} ${t(`partners.fit.scale.s${n}`)}` }))}
            />
          </Form.Item>
        ))}
        <Form.Item name="note" label={t('partners.fit.note')}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('partners.fit.notePlaceholder')} data-testid="fit-note" />
        </Form.Item>
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Flex align="center" gap={8}>
            {complete && (
              <>
                <Typography.Text type="secondary">{t('partners.fit.score')}</Typography.Text>
                <FitScoreTag score={fitScoreOf(complete)} />
              </>
            )}
          </Flex>
          <Flex gap={8}>
            <Button onClick={onCancel}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={isSaving} data-testid="fit-save">
              {t('partners.fit.save')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </Card>
  );
}
