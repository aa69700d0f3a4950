import { useEffect, useState } from 'react';
import { Alert, AutoComplete, Button, Card, Drawer, Flex, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DEFAULT_JOURNEY_TARGETS } from '../../../contracts/journeys.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useJourneyErrorMessage } from './use-journey-error.ts';
import { createJourney, listKnownTouchpoints, updateJourney, type Journey, type JourneyInput } from './journeys.api.ts';

const STAGE_KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** A new journey's starting point: one stage to fill in. */
const blank = (): JourneyInput => ({
  name: { 'zh-CN': '', en: '' },
  stages: [{ key: 'stage-1', name: { 'zh-CN': '', en: '' }, touchpoints: [] }],
  targets: DEFAULT_JOURNEY_TARGETS,
});

/**
 * The admin's journey editor in a drawer: names, stages in order (moved with
 * arrows), their touchpoints (picked from those the data names, or typed) with
 * class and label, and the targets per class. Saves the whole journey at once.
 */
export function JourneyEditor({ journey, open, onClose, onSaved }: { journey: Journey | null; open: boolean; onClose: () => void; onSaved: (saved: Journey) => void }) {
  const { t } = useTranslation();
  const errorMessage = useJourneyErrorMessage();
  const [form] = Form.useForm<JourneyInput>();
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const known = useApiQuery((signal) => (open ? listKnownTouchpoints(signal) : Promise.resolve([])), [open]);
  const options = (known.data ?? []).map((k) => ({
    value: k.touchpoint,
    label: (
      <Flex justify="space-between" gap={8}>
        <span>{k.touchpoint}</span>
        <Typography.Text type="secondary">{t('journeys.editor.touchpointCounts', { interactions: k.interactions, answers: k.answers })}</Typography.Text>
      </Flex>
    ),
  }));

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue(journey ? { name: journey.name, stages: journey.stages, targets: journey.targets } : blank());
  }, [open, journey, form]);

  const save = async () => {
    let values: JourneyInput;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      // An empty label means "show the touchpoint itself".
      const stages = values.stages.map((s) => ({
        ...s,
        touchpoints: (s.touchpoints ?? []).map(({ label, ...tp }) => (label?.['zh-CN']?.trim() || label?.en?.trim() ? { ...tp, label: { 'zh-CN': label['zh-CN'] ?? '', en: label.en ?? '' } } : tp)),
      }));
      const input = { ...values, stages };
      onSaved(journey ? await updateJourney(journey.id, input) : await createJourney(input));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };

  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={840}
      title={journey ? t('journeys.edit') : t('journeys.add')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={isSaving} onClick={() => void save()} data-testid="journey-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" disabled={isSaving} requiredMark={false}>
        <Flex gap={12}>
          <Form.Item name={['name', 'zh-CN']} label={t('journeys.editor.nameZh')} rules={required(t('journeys.editor.nameRequired'))} style={{ flex: 1 }}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item name={['name', 'en']} label={t('journeys.editor.nameEn')} rules={required(t('journeys.editor.nameRequired'))} style={{ flex: 1 }}>
            <Input maxLength={120} />
          </Form.Item>
        </Flex>
        <Typography.Title level={5}>{t('journeys.editor.stages')}</Typography.Title>
        <Form.List name="stages">
          {(stages, { add, remove, move }) => (
            <>
              {stages.map((stage, i) => (
                <Card
                  key={stage.key}
                  size="small"
                  className="journey-editor__stage"
                  title={`${i + 1}`}
                  extra={
                    <Space size={0}>
                      <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('journeys.editor.moveUp')} />
                      <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === stages.length - 1} onClick={() => move(i, i + 1)} aria-label={t('journeys.editor.moveDown')} />
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={stages.length === 1} onClick={() => remove(i)} aria-label={t('journeys.editor.remove')} />
                    </Space>
                  }
                >
                  <Flex gap={8}>
                    <Form.Item name={[stage.name, 'key']} label={t('journeys.editor.stageKey')} tooltip={t('journeys.editor.stageKeyHelp')} rules={[{ pattern: STAGE_KEY, required: true, message: t('journeys.editor.stageKeyRequired') }]} style={{ width: 150 }}>
                      <Input maxLength={40} />
                    </Form.Item>
                    <Form.Item name={[stage.name, 'name', 'zh-CN']} label={t('journeys.editor.nameZh')} rules={required(t('journeys.editor.nameRequired'))} style={{ flex: 1 }}>
                      <Input maxLength={120} />
                    </Form.Item>
                    <Form.Item name={[stage.name, 'name', 'en']} label={t('journeys.editor.nameEn')} rules={required(t('journeys.editor.nameRequired'))} style={{ flex: 1 }}>
                      <Input maxLength={120} />
                    </Form.Item>
                  </Flex>
                  <Form.List name={[stage.name, 'touchpoints']}>
                    {(touchpoints, tp) => (
                      <>
                        {touchpoints.map((field) => (
                          <Flex key={field.key} gap={8} align="flex-start" className="journey-editor__touchpoint">
                            <Form.Item name={[field.name, 'touchpoint']} rules={required(t('journeys.editor.touchpointRequired'))} style={{ flex: 1.3 }}>
                              <AutoComplete options={options} placeholder={t('journeys.editor.touchpoint')} filterOption={(input, o) => String(o?.value ?? '').includes(input)} popupMatchSelectWidth={360} />
                            </Form.Item>
                            <Form.Item name={[field.name, 'kind']} initialValue="moment" style={{ width: 130 }}>
                              <Select options={(['moment', 'routine'] as const).map((k) => ({ value: k, label: t(`journeys.kinds.${k}`) }))} aria-label={t('journeys.editor.kind')} />
                            </Form.Item>
                            <Form.Item name={[field.name, 'label', 'zh-CN']} style={{ flex: 1 }}>
                              <Input placeholder={t('journeys.editor.labelZh')} maxLength={120} />
                            </Form.Item>
                            <Form.Item name={[field.name, 'label', 'en']} style={{ flex: 1 }}>
                              <Input placeholder={t('journeys.editor.labelEn')} maxLength={120} />
                            </Form.Item>
                            <Button type="text" danger icon={<DeleteOutlined />} onClick={() => tp.remove(field.name)} aria-label={t('journeys.editor.remove')} />
                          </Flex>
                        ))}
                        <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => tp.add({ touchpoint: '', kind: 'moment' })}>
                          {t('journeys.editor.addTouchpoint')}
                        </Button>
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} disabled={stages.length >= 12} onClick={() => add({ key: `stage-${stages.length + 1}`, name: { 'zh-CN': '', en: '' }, touchpoints: [] })}>
                {t('journeys.editor.addStage')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t('journeys.editor.targets')}
        </Typography.Title>
        <Flex gap={12} wrap>
          <Form.Item name={['targets', 'moment', 'nps']} label={t('journeys.editor.targetNps')} rules={[{ required: true }]}>
            <InputNumber min={-100} max={100} />
          </Form.Item>
          <Form.Item name={['targets', 'moment', 'sentiment']} label={t('journeys.editor.targetSentiment')} rules={[{ required: true }]}>
            <InputNumber min={-1} max={1} step={0.05} />
          </Form.Item>
          <Form.Item name={['targets', 'routine', 'ces']} label={t('journeys.editor.targetCes')} rules={[{ required: true }]}>
            <InputNumber min={1} max={7} step={0.1} />
          </Form.Item>
          <Form.Item name={['targets', 'routine', 'resolutionMinutes']} label={t('journeys.editor.targetResolution')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100000} />
          </Form.Item>
          <Form.Item name={['targets', 'routine', 'repeatContactRate']} label={t('journeys.editor.targetRepeat')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Flex>
      </Form>
    </Drawer>
  );
}
