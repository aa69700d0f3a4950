import { useState } from 'react';
import { App, Button, Card, Form, Input, Popconfirm, Select, Switch, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { listSurveys } from '../surveys/index.ts';
import { createTrigger, deleteTrigger, listTriggers, setTriggerEnabled, type SurveyTrigger, type TriggerInput } from './distribution.api.ts';

interface TriggerFormValues {
  surveyId: string;
  interactionType?: string;
  touchpoint?: string;
  channel: TriggerInput['channel'];
  lang: TriggerInput['lang'];
}

/** Automatic invitations: each recorded interaction that matches a trigger gets a personal link and an invitation. */
export function TriggersCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const triggers = useApiQuery((signal) => listTriggers(signal), []);
  const surveys = useApiQuery((signal) => listSurveys(signal), []);
  const [isAdding, setIsAdding] = useState(false);
  const [form] = Form.useForm<TriggerFormValues>();
  const surveyName = (id: string) => surveys.data?.find((s) => s.id === id)?.name ?? '…';

  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      triggers.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };

  const columns: TableColumnsType<SurveyTrigger> = [
    { title: t('distribution.triggers.survey'), key: 'survey', render: (_, x) => <Typography.Text strong>{surveyName(x.surveyId)}</Typography.Text> },
    {
      title: t('distribution.triggers.when'),
      key: 'when',
      render: (_, x) =>
        t('distribution.triggers.whenValue', {
          type: x.interactionType ?? t('distribution.triggers.anyType'),
          touchpoint: x.touchpoint ?? t('distribution.triggers.anyTouchpoint'),
        }),
    },
    { title: t('distribution.triggers.channel'), key: 'channel', render: (_, x) => t(`distribution.channels.${x.channel}`) },
    { title: t('distribution.triggers.lang'), key: 'lang', render: (_, x) => t(`distribution.langs.${x.lang}`) },
    { title: t('distribution.triggers.invited'), key: 'invited', align: 'right', render: (_, x) => x.invited },
    {
      title: t('distribution.triggers.skipped'),
      key: 'skipped',
      align: 'right',
      render: (_, x) => (
        <Tooltip title={t('distribution.triggers.skippedDetail', { fatigue: x.skippedFatigue, noContact: x.skippedNoContact })}>
          <span>{x.skippedFatigue + x.skippedNoContact}</span>
        </Tooltip>
      ),
    },
    {
      title: t('distribution.triggers.enabled'),
      key: 'enabled',
      render: (_, x) => (
        <Switch
          checked={x.enabled}
          aria-label={t('distribution.triggers.enabled')}
          onChange={(on) => void act(() => setTriggerEnabled(x.id, on))}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, x) => (
        <Popconfirm title={t('distribution.triggers.confirmDelete')} onConfirm={() => act(() => deleteTrigger(x.id))}>
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('distribution.triggers.delete')} />
        </Popconfirm>
      ),
    },
  ];

  const add = async (values: TriggerFormValues) => {
    await createTrigger({
      surveyId: values.surveyId,
      interactionType: values.interactionType?.trim() || null,
      touchpoint: values.touchpoint?.trim() || null,
      channel: values.channel,
      lang: values.lang,
    });
    setIsAdding(false);
    message.success(t('common.created'));
    triggers.reload();
  };

  return (
    <Card
      title={t('distribution.triggers.title')}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setIsAdding(true)}>
          {t('distribution.triggers.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('distribution.triggers.help')}</Typography.Paragraph>
      {triggers.error && <LoadError error={triggers.error} onRetry={triggers.reload} />}
      <Table<SurveyTrigger>
        rowKey="id"
        columns={columns}
        dataSource={triggers.data ?? []}
        loading={triggers.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('distribution.triggers.empty') }}
        data-testid="triggers-table"
      />
      <FormModal<TriggerFormValues>
        open={isAdding}
        title={t('distribution.triggers.add')}
        form={form}
        initialValues={{ channel: 'email', lang: 'zh-CN' }}
        onCancel={() => setIsAdding(false)}
        onSubmit={add}
      >
        <Form.Item name="surveyId" label={t('distribution.triggers.survey')} rules={[{ required: true, message: t('distribution.triggers.surveyRequired') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(surveys.data ?? []).filter((s) => s.status === 'active').map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="interactionType" label={t('distribution.triggers.interactionType')} extra={t('distribution.triggers.emptyMatchesAny')}>
          <Input maxLength={80} placeholder="delivery" />
        </Form.Item>
        <Form.Item name="touchpoint" label={t('distribution.triggers.touchpoint')} extra={t('distribution.triggers.emptyMatchesAny')}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="channel" label={t('distribution.triggers.channel')}>
          <Select options={(['email', 'sms'] as const).map((c) => ({ value: c, label: t(`distribution.channels.${c}`) }))} />
        </Form.Item>
        <Form.Item name="lang" label={t('distribution.triggers.lang')} extra={t('distribution.triggers.langHelp')}>
          <Select options={(['zh-CN', 'en'] as const).map((l) => ({ value: l, label: t(`distribution.langs.${l}`) }))} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
