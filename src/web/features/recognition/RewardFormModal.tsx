import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { LearningItemSelect } from '../learning/index.ts';
import { createReward, updateReward, type Reward, type RewardInput } from './recognition.api.ts';
import { useShowFieldIssues } from './SettingsFormErrors.ts';

export const REWARD_KINDS: Reward['kind'][] = ['leave', 'training', 'innovation_fund', 'gift', 'other'];

const EMPTY: Partial<RewardInput> = { name: '', nameEn: '', description: '', descriptionEn: '', kind: 'gift', active: true };

/** Adds a reward, or edits one: bilingual name and description, type, cost in points, and whether it can be redeemed. */
export function RewardFormModal({ reward, onClose, onSaved }: { reward: Reward | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RewardInput>();
  const showFieldIssues = useShowFieldIssues();
  const isNew = reward === 'new';
  const kind = Form.useWatch('kind', form);

  const submit = async (values: RewardInput) => {
    const input = { ...values, learningItemId: values.kind === 'training' ? (values.learningItemId ?? null) : null, name: values.name.trim(), nameEn: values.nameEn.trim(), description: values.description?.trim() ?? '', descriptionEn: values.descriptionEn?.trim() ?? '' };
    try {
      if (reward === 'new' || reward === null) await createReward(input);
      else await updateReward(reward.id, input);
      onSaved();
    } catch (caught) {
      if (!showFieldIssues(form, caught)) throw caught;
    }
  };

  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <FormModal<RewardInput>
      open={reward !== null}
      title={t(isNew ? 'recognition.settings.rewards.addTitle' : 'recognition.settings.rewards.editTitle')}
      form={form}
      initialValues={reward === null || reward === 'new' ? EMPTY : reward}
      onCancel={onClose}
      onSubmit={submit}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="name" label={t('recognition.settings.rewards.nameZh')} rules={required(t('recognition.settings.rewards.nameRequired'))}>
            <Input maxLength={120} placeholder="带薪休假一天" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="nameEn" label={t('recognition.settings.rewards.nameEn')} rules={required(t('recognition.settings.rewards.nameRequired'))}>
            <Input maxLength={120} placeholder="A day of paid leave" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="description" label={t('recognition.settings.rewards.descriptionZh')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="descriptionEn" label={t('recognition.settings.rewards.descriptionEn')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="kind" label={t('recognition.settings.rewards.kind')} rules={[{ required: true, message: t('recognition.settings.rewards.kindRequired') }]}>
            <Select options={REWARD_KINDS.map((kind) => ({ value: kind, label: t(`recognition.settings.rewards.kinds.${kind}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="cost" label={t('recognition.settings.rewards.cost')} rules={[{ required: true, message: t('recognition.settings.rewards.costRequired') }]}>
            <InputNumber min={1} max={1_000_000} precision={0} step={10} suffix={t('recognition.settings.rules.unit')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      {kind === 'training' && (
        <Form.Item name="learningItemId" label={t('recognition.settings.rewards.learningItem')} tooltip={t('recognition.settings.rewards.learningItemHelp')}>
          <LearningItemSelect />
        </Form.Item>
      )}
      <Form.Item name="active" label={t('recognition.settings.rewards.availableLabel')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
