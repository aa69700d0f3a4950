import { Checkbox, Form, Input, Radio, Select, Space, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { useUnits, useUnitTreeSelectData } from '../org/index.ts';
import {
  CHAT_ROBOT_EVENTS,
  CHAT_ROBOT_KINDS,
  createChatRobot,
  eventKey,
  SIGNING_KINDS,
  updateChatRobot,
  type ChatRobot,
  type ChatRobotKind,
  type UpdateChatRobot,
} from './chat-robots.api.ts';

interface RobotFormValues {
  kind: ChatRobotKind;
  name: string;
  url?: string;
  secret?: string;
  removeSecret?: boolean;
  unitId?: string | null;
  events: string[];
  language: 'zh-CN' | 'en';
}

/** Where each app shows the robot's address, as a hint of what to paste. */
const URL_PLACEHOLDERS: Record<ChatRobotKind, string> = {
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
  slack: 'https://hooks.slack.com/services/…',
};

interface RobotFormModalProps {
  /** The robot being edited; null to add one. */
  robot: ChatRobot | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

/** Adds or edits a robot. The address and secret are write-only: when editing, empty fields keep what is stored. */
export function RobotFormModal({ robot, open, onClose, onSaved }: RobotFormModalProps) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<RobotFormValues>();
  const units = useUnits();
  const unitTree = useUnitTreeSelectData(units.data);
  const kind = Form.useWatch('kind', form) ?? robot?.kind ?? 'wecom';
  const removeSecret = Form.useWatch('removeSecret', form);
  const isEditing = robot !== null;
  const canSign = SIGNING_KINDS.includes(kind);

  const initialValues: RobotFormValues = robot
    ? { kind: robot.kind, name: robot.name, unitId: robot.unitId, events: robot.events, language: robot.language }
    : { kind: 'wecom', name: '', unitId: null, events: ['praise.received', 'case.created'], language: i18n.language === 'en' ? 'en' : 'zh-CN' };

  const save = async (v: RobotFormValues) => {
    // The checkboxes offer CHAT_ROBOT_EVENTS only.
    const events = v.events as NonNullable<UpdateChatRobot['events']>;
    const url = v.url?.trim() || undefined;
    const secret = canSign ? v.secret?.trim() || undefined : undefined;
    try {
      if (robot) {
        const change: UpdateChatRobot = { name: v.name.trim(), unitId: v.unitId ?? null, events, language: v.language };
        if (url) change.url = url;
        if (v.removeSecret) change.secret = null;
        else if (secret) change.secret = secret;
        await updateChatRobot(robot.id, change);
      } else {
        await createChatRobot({ kind: v.kind, name: v.name.trim(), url: url ?? '', secret, unitId: v.unitId ?? null, events, language: v.language });
      }
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'webhook_url_forbidden') throw new Error(t('chatRobots.urlForbidden'));
      throw caught;
    }
    form.resetFields();
    onSaved();
  };

  return (
    <FormModal<RobotFormValues>
      key={robot?.id ?? 'new'}
      open={open}
      title={isEditing ? t('chatRobots.edit') : t('chatRobots.add')}
      form={form}
      initialValues={initialValues}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      onSubmit={save}
    >
      <Form.Item name="kind" label={t('chatRobots.kind')}>
        <Radio.Group optionType="button" buttonStyle="solid" disabled={isEditing} options={CHAT_ROBOT_KINDS.map((k) => ({ value: k, label: t(`chatRobots.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('chatRobots.name')} rules={[{ required: true, whitespace: true, message: t('chatRobots.nameRequired') }]}>
        <Input maxLength={100} placeholder={t('chatRobots.namePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="url"
        label={t('chatRobots.url')}
        extra={isEditing ? t('chatRobots.urlKeep', { hint: robot.urlHint }) : t('chatRobots.urlHelp')}
        rules={[{ required: !isEditing, type: 'url', message: t('chatRobots.urlRequired') }]}
      >
        <Input maxLength={1000} placeholder={URL_PLACEHOLDERS[kind]} autoComplete="off" />
      </Form.Item>
      {canSign && (
        <Form.Item label={t('chatRobots.secret')} extra={isEditing && robot.hasSecret ? t('chatRobots.secretKeep') : t('chatRobots.secretHelp')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Form.Item name="secret" noStyle>
              <Input.Password maxLength={200} autoComplete="new-password" disabled={removeSecret} placeholder={kind === 'dingtalk' ? 'SEC…' : ''} aria-label={t('chatRobots.secret')} />
            </Form.Item>
            {isEditing && robot.hasSecret && (
              <Form.Item name="removeSecret" valuePropName="checked" noStyle>
                <Checkbox>{t('chatRobots.removeSecret')}</Checkbox>
              </Form.Item>
            )}
          </Space>
        </Form.Item>
      )}
      <Form.Item name="unitId" label={t('chatRobots.scope')}>
        <TreeSelect treeData={unitTree} allowClear showSearch treeNodeFilterProp="title" treeDefaultExpandAll placeholder={t('chatRobots.scopePlaceholder')} loading={units.isLoading} />
      </Form.Item>
      <Form.Item name="events" label={t('chatRobots.events')} rules={[{ required: true, type: 'array', min: 1, message: t('chatRobots.eventsRequired') }]}>
        <Checkbox.Group>
          <Space direction="vertical" size={2}>
            {CHAT_ROBOT_EVENTS.map((e) => (
              <Checkbox key={e} value={e}>
                {t(`chatRobots.eventNames.${eventKey(e)}` as never)} <Typography.Text type="secondary">({e})</Typography.Text>
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="language" label={t('chatRobots.language')}>
        <Select options={(['zh-CN', 'en'] as const).map((l) => ({ value: l, label: t(`chatRobots.languages.${l}`) }))} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}
