import { App as AntApp, Button, Card, Col, Divider, Form, InputNumber, Radio, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { getRules, saveRules, type PointsRules } from './recognition.api.ts';
import { useShowFieldIssues } from './SettingsFormErrors.ts';

type PointsField = 'praise' | 'ideaAccepted' | 'majorCaseResolved' | 'insightCaptured' | 'manualMonthlyCap';

/** Points per event stay well below what one award by hand may give (10,000); the monthly cap allows ten such awards. */
const EARNING_FIELDS: { name: PointsField; max: number }[] = [
  { name: 'praise', max: 10_000 },
  { name: 'ideaAccepted', max: 10_000 },
  { name: 'majorCaseResolved', max: 10_000 },
  { name: 'insightCaptured', max: 10_000 },
];
const GOLDEN_EAR_RULES: PointsRules['goldenEarRule'][] = ['customer_ideas', 'praise', 'points'];

/** The organisation's points rules: points per achievement, the monthly cap on awards by hand, and the Golden Ear rule. */
export function SettingsPointsRulesCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const showFieldIssues = useShowFieldIssues();
  const [form] = Form.useForm<PointsRules>();
  const [isSaving, setIsSaving] = useState(false);
  const rules = useApiQuery((signal) => getRules(signal), []);

  useEffect(() => {
    if (rules.data) form.setFieldsValue(rules.data);
  }, [rules.data, form]);

  const save = async (values: PointsRules) => {
    setIsSaving(true);
    try {
      form.setFieldsValue(await saveRules(values));
      message.success(t('recognition.settings.rules.saved'));
    } catch (caught) {
      if (!showFieldIssues(form, caught)) message.error(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };

  const pointsInput = (name: PointsField, max: number) => (
    <Form.Item
      name={name}
      label={t(`recognition.settings.rules.${name}`)}
      extra={t(`recognition.settings.rules.${name}Help` as ParseKeys)}
      rules={[{ required: true, message: t('recognition.settings.rules.required') }]}
    >
      <InputNumber min={0} max={max} precision={0} step={5} suffix={t('recognition.settings.rules.unit')} style={{ width: 180 }} />
    </Form.Item>
  );

  return (
    <Card title={t('recognition.settings.rules.title')} loading={rules.isLoading && !rules.data} data-testid="points-rules">
      {rules.error && <LoadError error={rules.error} onRetry={rules.reload} />}
      <Typography.Paragraph type="secondary">{t('recognition.settings.rules.help')}</Typography.Paragraph>
      <Form<PointsRules> form={form} layout="vertical" requiredMark={false} disabled={isSaving || !rules.data} onFinish={(v) => void save(v)}>
        <Divider titlePlacement="start">{t('recognition.settings.rules.earning')}</Divider>
        <Row gutter={24}>
          {EARNING_FIELDS.map((f) => (
            <Col key={f.name} xs={24} md={8}>
              {pointsInput(f.name, f.max)}
            </Col>
          ))}
        </Row>
        <Divider titlePlacement="start">{t('recognition.settings.rules.limits')}</Divider>
        <Row gutter={24}>
          <Col xs={24} md={8}>
            {pointsInput('manualMonthlyCap', 100_000)}
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="goldenEarRule" label={t('recognition.settings.rules.goldenEarRule')} extra={t('recognition.settings.rules.goldenEarHelp')}>
              <Radio.Group
                orientation="vertical"
                options={GOLDEN_EAR_RULES.map((rule) => ({ value: rule, label: t(`recognition.settings.rules.goldenEar.${rule}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={isSaving}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
