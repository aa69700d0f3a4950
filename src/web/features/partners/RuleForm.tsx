import { useMemo, useState } from 'react';
import { App, AutoComplete, Button, Card, Checkbox, Col, Flex, Form, Row, TreeSelect, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useUnitTreeSelectData, type Unit } from '../org/index.ts';
import { useCodeLabel } from '../responses/index.ts';
import { createPartnerRule, listKnownTouchpoints, type CreatedPartnerRule } from './partners.api.ts';
import { usePartnerErrorMessage } from './use-partner-error.ts';

interface RuleFormValues {
  touchpoint?: string;
  unitId?: string;
  applyToPast: boolean;
}

/** An admin's new attribution rule: a touchpoint (picked from those the data names, or typed), a unit, or both. */
export function RuleForm({ partnerId, units, onAdded }: { partnerId: string; units: readonly Unit[] | undefined; onAdded: (rule: CreatedPartnerRule, applyToPast: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const codeLabel = useCodeLabel();
  const errorText = usePartnerErrorMessage();
  const [form] = Form.useForm<RuleFormValues>();
  const [isSaving, setIsSaving] = useState(false);
  const unitTree = useUnitTreeSelectData(units);
  const known = useApiQuery((signal) => listKnownTouchpoints(signal), []);
  const options = useMemo(
    () =>
      (known.data ?? []).map((k) => {
        const label = codeLabel('touchpoints', k.touchpoint);
        return {
          value: k.touchpoint,
          search: `${k.touchpoint} ${label}`.toLowerCase(),
          label: (
            <Flex justify="space-between" gap={12}>
              <span>
                {label}
                {label !== k.touchpoint && <Typography.Text type="secondary">{` · ${k.touchpoint}`}</Typography.Text>}
              </span>
              <Typography.Text type="secondary">{t('partners.rules.touchpointCounts', { interactions: k.interactions, answers: k.answers })}</Typography.Text>
            </Flex>
          ),
        };
      }),
    [known.data, codeLabel, t],
  );

  const add = async (values: RuleFormValues) => {
    setIsSaving(true);
    try {
      const touchpoint = values.touchpoint?.trim() || undefined;
      const created = await createPartnerRule(partnerId, { touchpoint, unitId: values.unitId || undefined, applyToPast: values.applyToPast });
      form.resetFields();
      onAdded(created, values.applyToPast);
    } catch (caught) {
      message.error(errorText(caught));
    } finally {
      setIsSaving(false);
    }
  };
  // A rule needs a touchpoint, a unit or both: the touchpoint field carries the message.
  const needOne = ({ getFieldValue }: { getFieldValue: (name: keyof RuleFormValues) => unknown }) => ({
    validator: async () => {
      const touchpoint = getFieldValue('touchpoint');
      if ((typeof touchpoint === 'string' && touchpoint.trim()) || getFieldValue('unitId')) return;
      throw new Error(t('partners.rules.needOne'));
    },
  });

  return (
    <Card size="small" title={t('partners.rules.add')} style={{ marginBottom: 16 }} data-testid="rule-form">
      <Form<RuleFormValues> form={form} layout="vertical" initialValues={{ applyToPast: false }} onFinish={(v) => void add(v)} disabled={isSaving}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="touchpoint" label={t('partners.rules.touchpoint')} dependencies={['unitId']} rules={[needOne]}>
              <AutoComplete
                options={options}
                allowClear
                placeholder={t('partners.rules.touchpointPlaceholder')}
                showSearch={{ filterOption: (input, option) => !!option?.search.includes(input.trim().toLowerCase()) }}
                popupMatchSelectWidth={380}
                maxLength={100}
                data-testid="rule-touchpoint"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="unitId" label={t('partners.rules.unit')}>
              <TreeSelect
                treeData={unitTree}
                allowClear
                treeDefaultExpandAll
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder={t('partners.rules.anyUnit')}
                data-testid="rule-unit"
              />
            </Form.Item>
          </Col>
        </Row>
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Form.Item name="applyToPast" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox data-testid="rule-past">
              {t('partners.rules.applyToPast')}
              <Typography.Text type="secondary" className="partner-rule-past-help">
                {t('partners.rules.applyToPastHelp')}
              </Typography.Text>
            </Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={isSaving} data-testid="rule-add">
            {t('partners.rules.add')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
