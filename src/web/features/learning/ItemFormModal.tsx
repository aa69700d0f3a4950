import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { useEmployees } from '../org/index.ts';
import { createItem, LEARNING_FORMATS, LEARNING_LAYERS, updateItem, type LearningFormat, type LearningItem, type LearningLayer } from './learning.api.ts';
import { useLearningError } from './learning-format.ts';

interface Values {
  layer: LearningLayer;
  format: LearningFormat;
  nameZh: string;
  nameEn: string;
  descriptionZh?: string;
  descriptionEn?: string;
  durationMinutes: number;
  ownerId: string;
  active: boolean;
}

const toValues = (item: LearningItem): Values => ({
  layer: item.layer,
  format: item.format,
  nameZh: item.name['zh-CN'],
  nameEn: item.name.en,
  descriptionZh: item.description['zh-CN'],
  descriptionEn: item.description.en,
  durationMinutes: item.durationMinutes,
  ownerId: item.ownerId,
  active: item.active,
});

/** Admins add or edit a catalogue item: layer, format, names and descriptions in both languages, duration and trainer. */
export function ItemFormModal({ item, onClose, onSaved }: { item: LearningItem | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const employees = useEmployees();
  const learningError = useLearningError();
  const required = [{ required: true, whitespace: true, message: t('learning.itemForm.required') }];

  const submit = async (v: Values) => {
    const input = {
      layer: v.layer,
      format: v.format,
      name: { 'zh-CN': v.nameZh.trim(), en: v.nameEn.trim() },
      description: { 'zh-CN': v.descriptionZh?.trim() ?? '', en: v.descriptionEn?.trim() ?? '' },
      durationMinutes: v.durationMinutes,
      ownerId: v.ownerId,
      active: v.active,
    };
    try {
      if (item === 'new') await createItem(input);
      else if (item) await updateItem(item.id, input);
    } catch (caught) {
      throw new Error(learningError(caught));
    }
    onSaved();
  };

  return (
    <FormModal<Values>
      open={item !== null}
      title={t(item === 'new' ? 'learning.itemForm.titleNew' : 'learning.itemForm.titleEdit')}
      form={form}
      initialValues={item === null || item === 'new' ? { layer: 'all_staff', format: 'workshop', durationMinutes: 60, active: true } : toValues(item)}
      onCancel={onClose}
      onSubmit={submit}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="layer" label={t('learning.itemForm.layer')} rules={[{ required: true }]}>
            <Select options={LEARNING_LAYERS.map((l) => ({ value: l, label: t(`learning.layers.${l}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="format" label={t('learning.itemForm.format')} rules={[{ required: true }]}>
            <Select options={LEARNING_FORMATS.map((f) => ({ value: f, label: t(`learning.formats.${f}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="nameZh" label={t('learning.itemForm.nameZh')} rules={required}>
            <Input maxLength={160} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="nameEn" label={t('learning.itemForm.nameEn')} rules={required}>
            <Input maxLength={160} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="descriptionZh" label={t('learning.itemForm.descriptionZh')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="descriptionEn" label={t('learning.itemForm.descriptionEn')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="durationMinutes" label={t('learning.itemForm.duration')} rules={[{ required: true, message: t('learning.itemForm.required') }]}>
            <InputNumber min={5} max={14_400} step={15} precision={0} suffix={t('learning.itemForm.durationUnit')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="ownerId" label={t('learning.itemForm.owner')} tooltip={t('learning.itemForm.ownerHelp')} rules={[{ required: true, message: t('learning.itemForm.required') }]}>
            <Select showSearch optionFilterProp="label" loading={employees.isLoading} options={(employees.data ?? []).map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="active" label={t('learning.itemForm.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
