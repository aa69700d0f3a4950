import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { BOARD_DEFAULT_METRICS, BOARD_MAX_METRICS } from '../../../contracts/dashboards.ts';
import { MetricNameSchema, type MetricName } from '../../../contracts/metrics.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { useById, useUnits, useUnitTreeSelectData } from '../org/index.ts';
import { createBoard, listBoards, revokeBoard, updateBoard, type Board, type CreatedBoard } from './dashboards.api.ts';
import './dashboards.css';

interface BoardFormValues {
  name: string;
  unitId?: string;
  unitIds?: string[];
  periodDays: number;
  metrics: MetricName[];
}

/** Public boards for office screens (admins): create one (its link is shown once), choose its metrics, see when each was last viewed, edit, revoke. */
export function BoardsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const localizedName = useLocalizedName();
  const boards = useApiQuery((signal) => listBoards(signal), []);
  const units = useUnits();
  const unitsById = useById(units.data);
  const treeData = useUnitTreeSelectData(units.data);
  const [form] = Form.useForm<BoardFormValues>();
  const [isOpen, setIsOpen] = useState(false);
  /** The board being edited; null while creating one. */
  const [editing, setEditing] = useState<Board | null>(null);
  const [created, setCreated] = useState<CreatedBoard | null>(null);
  const linkOf = (path: string) => `${window.location.origin}${path}`;
  const metricOptions = MetricNameSchema.options.map((m) => ({ value: m, label: t(`dashboards.metrics.${m}`) }));
  // The values are set on the form before it opens: a form instance keeps its values across openings, so
  // `initialValues` would show the previous board's metrics when another one is edited.
  const openForm = (board: Board | null) => {
    setEditing(board);
    form.resetFields();
    form.setFieldsValue(
      board
        ? { name: board.name, unitId: board.unitId, unitIds: board.unitIds, periodDays: board.periodDays, metrics: board.metrics }
        : { name: undefined, unitId: undefined, unitIds: undefined, periodDays: 30, metrics: [...BOARD_DEFAULT_METRICS] },
    );
    setIsOpen(true);
  };

  const columns: TableColumnsType<Board> = [
    { title: t('dashboards.boards.name'), dataIndex: 'name' },
    { title: t('dashboards.boards.scope'), key: 'scope', render: (_, b) => (b.unitIds.length ? b.unitIds.map((id) => localizedName(unitsById.get(id))).join('、') : t('dashboards.boards.childrenOf', { unit: localizedName(unitsById.get(b.unitId)) })) },
    { title: t('dashboards.boards.metrics'), dataIndex: 'metrics', render: (ms: MetricName[]) => ms.map((m) => <Tag key={m}>{t(`dashboards.metrics.${m}`)}</Tag>) },
    { title: t('dashboards.boards.period'), dataIndex: 'periodDays', width: 100, render: (d: number) => t('dashboards.period.lastDays', { count: d }) },
    { title: t('dashboards.boards.lastViewed'), dataIndex: 'lastViewedAt', width: 170, render: (v: string | null) => (v ? new Date(v).toLocaleString() : t('dashboards.boards.never')) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, b) =>
        b.revokedAt ? (
          <Tag>{t('dashboards.boards.revoked')}</Tag>
        ) : (
          <Space>
            <Button size="small" onClick={() => openForm(b)} data-testid="board-edit">{t('common.edit')}</Button>
            <Popconfirm title={t('dashboards.boards.confirmRevoke')} onConfirm={() => revokeBoard(b.id).then(boards.reload, (e: unknown) => void message.error(errorMessage(e)))}>
              <Button size="small" danger>{t('dashboards.boards.revoke')}</Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];
  const submit = async (v: BoardFormValues) => {
    if (editing) {
      // Cleared fields mean the defaults, as when creating: the whole organisation, the units directly below it.
      const root = units.data?.find((u) => u.parentId === null)?.id;
      await updateBoard(editing.id, { name: v.name, unitId: v.unitId ?? root, unitIds: v.unitIds ?? [], periodDays: v.periodDays, metrics: v.metrics });
      void message.success(t('dashboards.boards.saved'));
    } else {
      setCreated(await createBoard({ name: v.name, unitId: v.unitId, unitIds: v.unitIds?.length ? v.unitIds : undefined, periodDays: v.periodDays, metrics: v.metrics }));
    }
    setIsOpen(false);
    form.resetFields();
    boards.reload();
  };
  return (
    <>
      <PageHeader title={t('dashboards.boards.title')} subtitle={t('dashboards.boards.subtitle')} extra={<Button type="primary" onClick={() => openForm(null)} data-testid="board-new">{t('dashboards.boards.new')}</Button>} />
      {boards.error && <LoadError error={boards.error} onRetry={boards.reload} />}
      {created && (
        <Alert
          className="dash-toolbar"
          type="success"
          showIcon
          closable={{ onClose: () => setCreated(null) }}
          title={t('dashboards.boards.created')}
          description={
            <Space orientation="vertical">
              <Typography.Text copyable={{ text: linkOf(created.path) }} className="dash-token" data-testid="board-link">
                {linkOf(created.path)}
              </Typography.Text>
              <a href={created.path} target="_blank" rel="noreferrer">{t('dashboards.boards.open')}</a>
            </Space>
          }
        />
      )}
      <Card size="small">
        <Table<Board> rowKey="id" size="middle" columns={columns} dataSource={boards.data} loading={boards.isLoading} pagination={false} />
      </Card>
      <FormModal<BoardFormValues>
        open={isOpen}
        title={t(editing ? 'dashboards.boards.edit' : 'dashboards.boards.new')}
        form={form}
        onCancel={() => setIsOpen(false)}
        onSubmit={submit}
      >
        <Form.Item name="name" label={t('dashboards.boards.name')} rules={[{ required: true, whitespace: true, max: 120 }]}>
          <Input placeholder={t('dashboards.boards.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="unitId" label={t('dashboards.boards.unit')} tooltip={t('dashboards.boards.unitHelp')}>
          <TreeSelect allowClear treeData={treeData} treeDefaultExpandAll />
        </Form.Item>
        <Form.Item name="unitIds" label={t('dashboards.boards.teams')} tooltip={t('dashboards.boards.teamsHelp')}>
          <TreeSelect multiple allowClear treeData={treeData} treeDefaultExpandAll />
        </Form.Item>
        <Form.Item name="periodDays" label={t('dashboards.boards.period')} rules={[{ required: true }]}>
          <InputNumber min={1} max={366} suffix={t('dashboards.boards.days')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="metrics" label={t('dashboards.boards.metrics')} tooltip={t('dashboards.boards.metricsHelp', { max: BOARD_MAX_METRICS })} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select mode="multiple" options={metricOptions} maxCount={BOARD_MAX_METRICS} optionFilterProp="label" data-testid="board-metrics" />
        </Form.Item>
      </FormModal>
    </>
  );
}
