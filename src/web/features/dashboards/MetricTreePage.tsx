import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Empty, Form, InputNumber, Modal, Popconfirm, Progress, Row, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, InfoCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../shared/session.tsx';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { useById, useUnits } from '../org/index.ts';
import { deleteKpi, listGoals, listKpis, recordKpiValue, type Kpi } from './dashboards.api.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { GoalFormModal } from './GoalFormModal.tsx';
import { GoalLine } from './GoalsCard.tsx';
import { formatKpiValue } from './kpi-format.ts';
import { KpiFormModal } from './KpiFormModal.tsx';
import './dashboards.css';

type Node = Kpi & { children?: Node[] };

/** KPIs as a forest by parent; a KPI whose parent the viewer cannot see becomes a root. */
export function kpiForest(kpis: Kpi[]): Node[] {
  const ids = new Set(kpis.map((k) => k.id));
  const nodes = new Map<string, Node>(kpis.map((k) => [k.id, { ...k }]));
  const roots: Node[] = [];
  for (const k of kpis) {
    const node = nodes.get(k.id)!;
    const parent = k.parentId && ids.has(k.parentId) ? nodes.get(k.parentId)! : null;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/**
 * The metric tree (company → department → position KPIs with owner, weight,
 * target, deadline and current value) and the strategic goals. Admins edit;
 * managers and owners record values of manual KPIs.
 */
export function MetricTreePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const localizedName = useLocalizedName();
  const { user } = useSignedIn();
  const isAdmin = user.role === 'admin';
  const kpis = useApiQuery((signal) => listKpis(signal), []);
  const goals = useApiQuery((signal) => listGoals(signal), []);
  const units = useUnits();
  const unitsById = useById(units.data);
  const [isKpiOpen, setIsKpiOpen] = useState(false);
  const [isGoalOpen, setIsGoalOpen] = useState(false);
  const [recording, setRecording] = useState<Kpi | null>(null);
  const [valueForm] = Form.useForm<{ value: number }>();
  const forest = useMemo(() => kpiForest(kpis.data ?? []), [kpis.data]);
  const metricLabel = (m: string) => t(`dashboards.metrics.${m}` as ParseKeys);
  const canRecord = (k: Kpi) => k.metric === 'manual' && (isAdmin || user.role === 'manager' || k.ownerId === user.employeeId);

  const columns: TableColumnsType<Node> = [
    {
      title: t('dashboards.kpi.name'),
      key: 'name',
      width: 300,
      render: (_, k) => (
        <>
          <Tag color={{ company: 'purple', department: 'blue', position: 'cyan' }[k.level]} className="dash-level">
            {t(`dashboards.kpi.levels.${k.level}` as ParseKeys)}
          </Tag>
          <Typography.Text strong>{localizedName(k)}</Typography.Text>
          {k.note && (
            <Tooltip title={k.note}>
              <InfoCircleOutlined className="dash-tree-note" aria-label={k.note} />
            </Tooltip>
          )}
        </>
      ),
    },
    { title: t('dashboards.kpi.unit'), key: 'unit', width: 130, ellipsis: true, render: (_, k) => (k.unitId ? localizedName(unitsById.get(k.unitId)) : t('dashboards.kpi.wholeOrg')) },
    { title: t('dashboards.kpi.owner'), key: 'owner', width: 80, render: (_, k) => k.ownerName ?? t('common.none') },
    { title: t('dashboards.kpi.metric'), key: 'metric', width: 120, render: (_, k) => metricLabel(k.metric) },
    { title: t('dashboards.kpi.weight'), dataIndex: 'weight', width: 56, align: 'right' },
    { title: t('dashboards.kpi.current'), key: 'current', width: 84, align: 'right', render: (_, k) => <Tooltip title={k.current.asOf ? t('dashboards.kpi.asOf', { date: k.current.asOf }) : k.current.n !== null ? `n = ${k.current.n}` : undefined}>{formatKpiValue(k.metric, k.current.value)}</Tooltip> },
    { title: t('dashboards.kpi.target'), key: 'target', width: 84, align: 'right', render: (_, k) => `${k.direction === 'lower' ? '≤' : '≥'} ${formatKpiValue(k.metric, k.target)}` },
    { title: t('dashboards.kpi.attainment'), key: 'attainment', width: 120, render: (_, k) => (k.current.attainment === null ? t('common.none') : <Progress percent={Math.round(k.current.attainment * 100)} size="small" status={k.current.met ? 'success' : 'normal'} />) },
    { title: t('dashboards.kpi.deadline'), dataIndex: 'deadline', width: 100, render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 72,
      fixed: 'right',
      render: (_, k) => (
        <Space size={0}>
          {canRecord(k) && (
            <Tooltip title={t('dashboards.kpi.record')}>
              <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setRecording(k)} aria-label={t('dashboards.kpi.record')} />
            </Tooltip>
          )}
          {isAdmin && (
            <Popconfirm title={t('dashboards.kpi.confirmDelete')} onConfirm={() => deleteKpi(k.id).then(kpis.reload, (e: unknown) => void message.error(errorMessage(e)))}>
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('dashboards.kpi.delete')} />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  const table = {
    name: t('dashboards.tree.title'),
    columns: [t('dashboards.kpi.name'), t('dashboards.kpi.level'), t('dashboards.kpi.unit'), t('dashboards.kpi.owner'), t('dashboards.kpi.metric'), t('dashboards.kpi.weight'), t('dashboards.kpi.current'), t('dashboards.kpi.target'), t('dashboards.kpi.attainment'), t('dashboards.kpi.deadline'), t('dashboards.kpi.note')],
    rows: (kpis.data ?? []).map((k) => [localizedName(k), t(`dashboards.kpi.levels.${k.level}` as ParseKeys), k.unitId ? localizedName(unitsById.get(k.unitId)) : '', k.ownerName, metricLabel(k.metric), k.weight, k.current.value, k.target, k.current.attainment, k.deadline, k.note]),
  };
  const saveValue = async () => {
    const { value } = await valueForm.validateFields();
    try {
      await recordKpiValue(recording!.id, { value });
      setRecording(null);
      valueForm.resetFields();
      kpis.reload();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('dashboards.tree.title')}
        subtitle={t('dashboards.tree.subtitle')}
        extra={
          isAdmin && (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setIsGoalOpen(true)}>{t('dashboards.goals.new')}</Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsKpiOpen(true)} data-testid="kpi-new">{t('dashboards.kpi.new')}</Button>
            </>
          )
        }
      />
      {(kpis.error || goals.error) && <LoadError error={(kpis.error ?? goals.error)!} onRetry={() => { kpis.reload(); goals.reload(); }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card size="small" title={t('dashboards.goals.title')} data-testid="goals-card">
            {goals.data?.length ? (
              <Row gutter={[24, 0]}>
                {goals.data.map((g) => (
                  <Col key={g.id} xs={24} lg={12}>
                    <GoalLine goal={g} />
                  </Col>
                ))}
              </Row>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.goals.empty')} />
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('dashboards.tree.kpis')} extra={<ExportButtons table={table} testId="kpi-export" />}>
            <Table<Node>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={forest}
              loading={kpis.isLoading}
              pagination={false}
              expandable={{ defaultExpandAllRows: true }}
              key={forest.length}
              scroll={{ x: 1150 }}
              data-testid="kpi-tree"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.tree.empty')} /> }}
            />
          </Card>
        </Col>
      </Row>
      <KpiFormModal open={isKpiOpen} kpis={kpis.data ?? []} onClose={() => setIsKpiOpen(false)} onSaved={() => { setIsKpiOpen(false); kpis.reload(); }} />
      <GoalFormModal open={isGoalOpen} kpis={kpis.data ?? []} onClose={() => setIsGoalOpen(false)} onSaved={() => { setIsGoalOpen(false); goals.reload(); }} />
      <Modal open={recording !== null} title={recording ? t('dashboards.kpi.recordFor', { name: localizedName(recording) }) : ''} onOk={() => void saveValue()} onCancel={() => setRecording(null)} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={valueForm} layout="vertical">
          <Form.Item name="value" label={t('dashboards.kpi.value')} rules={[{ required: true }]}>
            <InputNumber style={{ width: '100%' }} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
