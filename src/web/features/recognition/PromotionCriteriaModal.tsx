import { Col, Form, InputNumber, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { putPromotionCriteria, type CriteriaInput, type PromotionCriteria } from './recognition.api.ts';
import { useShowFieldIssues } from './SettingsFormErrors.ts';

const DEFAULTS: CriteriaInput = { minImplementedIdeas: 1, minNps: 40, minResponses: 20, minPraise: 3, minInsights: 0 };

/** Sets a position's promotion criteria (admins); an empty NPS means no NPS requirement. */
export function PromotionCriteriaModal(props: {
  open: boolean;
  positionId: string;
  positionName: string;
  criteria: PromotionCriteria | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { open, positionId, positionName, criteria, onClose, onSaved } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<CriteriaInput>();
  const showFieldIssues = useShowFieldIssues();
  const required = [{ required: true, message: t('recognition.promotion.criteria.required') }];

  const submit = async (values: CriteriaInput) => {
    try {
      await putPromotionCriteria(positionId, { ...values, minNps: values.minNps ?? null });
      onSaved();
    } catch (caught) {
      if (!showFieldIssues(form, caught)) throw caught;
    }
  };

  return (
    <FormModal<CriteriaInput>
      open={open}
      title={t('recognition.promotion.criteria.editTitle', { position: positionName })}
      form={form}
      initialValues={criteria ?? DEFAULTS}
      onCancel={onClose}
      onSubmit={submit}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="minImplementedIdeas" label={t('recognition.promotion.criteria.minImplementedIdeas')} rules={required}>
            <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="minNps" label={t('recognition.promotion.criteria.minNps')} extra={t('recognition.promotion.criteria.minNpsHelp')}>
            <InputNumber min={-100} max={100} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="minResponses" label={t('recognition.promotion.criteria.minResponses')} extra={t('recognition.promotion.criteria.minResponsesHelp')} rules={required}>
            <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="minPraise" label={t('recognition.promotion.criteria.minPraise')} rules={required}>
            <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="minInsights" label={t('recognition.promotion.criteria.minInsights')} rules={required}>
            <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text type="secondary">{t('recognition.promotion.criteria.window')}</Typography.Text>
    </FormModal>
  );
}
