import { Alert, Col, DatePicker, Form, Input, InputNumber, Row, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { unitTreeData } from './culture-format.ts';
import { ASSESSMENT_LIMITS, createAssessment, listTemplates, type Assessment } from './culture.api.ts';
import { useUnits } from './use-culture.ts';

interface Values {
  templateKey: string;
  name: string;
  closesAt: Dayjs;
  unitIds?: string[];
  minGroupSize: number;
  minCommentGroupSize: number;
}

/** Creates a draft assessment (admins): template, name, closing date, audience and the anonymity thresholds, explained. */
export function CreateAssessmentModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (assessment: Assessment) => void }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const [form] = Form.useForm<Values>();
  const templates = useApiQuery((signal) => (open ? listTemplates(signal) : Promise.resolve(undefined)), [open]);
  const { units, unitName } = useUnits();

  const submit = async (v: Values) => {
    const created = await createAssessment({
      templateKey: v.templateKey,
      name: v.name.trim(),
      closesAt: v.closesAt.endOf('day').toISOString(),
      minGroupSize: v.minGroupSize,
      minCommentGroupSize: v.minCommentGroupSize,
      ...(v.unitIds?.length ? { audience: { unitIds: v.unitIds } } : {}),
    });
    onCreated(created);
  };

  return (
    <FormModal<Values>
      open={open}
      title={t('culture.create.title')}
      form={form}
      initialValues={{
        templateKey: 'vision-culture',
        closesAt: dayjs().add(14, 'day'),
        minGroupSize: ASSESSMENT_LIMITS.defaultMinGroup,
        minCommentGroupSize: ASSESSMENT_LIMITS.defaultMinCommentGroup,
      }}
      onCancel={onClose}
      onSubmit={submit}
    >
      <Form.Item name="templateKey" label={t('culture.create.template')} rules={[{ required: true }]}>
        <Select loading={templates.isLoading} options={(templates.data ?? []).map((tpl) => ({ value: tpl.key, label: tpl.name[language] }))} data-testid="culture-template" />
      </Form.Item>
      <Form.Item name="name" label={t('culture.create.name')} rules={[{ required: true, whitespace: true, max: 200, message: t('culture.create.nameRequired') }]}>
        <Input data-testid="culture-name" />
      </Form.Item>
      <Form.Item name="closesAt" label={t('culture.create.closesAt')} rules={[{ required: true, message: t('culture.create.closesAtRequired') }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="unitIds" label={t('culture.create.audience')} extra={t('culture.create.audienceHelp')}>
        <TreeSelect
          multiple
          allowClear
          treeDefaultExpandAll
          placeholder={t('culture.create.audienceAll')}
          treeData={units ? unitTreeData(units, unitName) : []}
          showSearch={{ treeNodeFilterProp: 'title' }}
        />
      </Form.Item>
      <Alert type="info" showIcon title={t('culture.create.thresholdsTitle')} description={t('culture.create.thresholdsHelp')} style={{ marginBottom: 16 }} />
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="minGroupSize" label={t('culture.create.minGroup')} rules={[{ required: true }]}>
            <InputNumber min={ASSESSMENT_LIMITS.minGroupFloor} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="minCommentGroupSize"
            label={t('culture.create.minComments')}
            dependencies={['minGroupSize']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value: number | null) =>
                  value === null || value === undefined || value >= (getFieldValue('minGroupSize') as number)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('culture.create.commentsAtLeast'))),
              }),
            ]}
          >
            <InputNumber min={ASSESSMENT_LIMITS.minGroupFloor} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
