import { useMemo, useState } from 'react';
import { Card, Col, Empty, Progress, Row, Skeleton, Statistic, Table, Tooltip, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { EChart } from '../../shared/charts/EChart.tsx';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { coverageOption } from './coverage-chart.ts';
import { getCoverage, LEARNING_LAYERS, type CoverageFigures, type CoverageRow, type LearningLayer } from './learning.api.ts';
import { useScopedUnitTree } from './use-scoped-units.ts';
import './learning.css';

type TreeRow = CoverageRow & { children?: TreeRow[] };

const pct = (value: number | null) => (value === null ? '—' : `${value.toFixed(value % 1 === 0 ? 0 : 1)} %`);

/** Per unit of the chosen view (each counting its subtree): assigned, completed and confirmed, overall and per layer; a chart of the units one level down. */
export function CoveragePage() {
  const { t } = useTranslation();
  const localizedName = useLocalizedName();
  const { treeData } = useScopedUnitTree();
  const [unitId, setUnitId] = useState<string>();
  const coverage = useApiQuery((signal) => getCoverage(unitId, signal), [unitId]);
  const rows = coverage.data?.rows ?? [];
  const layerNames = Object.fromEntries(LEARNING_LAYERS.map((l) => [l, t(`learning.layers.${l}`)])) as Record<LearningLayer, string>;

  const tree = useMemo(() => {
    const byId = new Map<string, TreeRow>(rows.map((r) => [r.unitId, { ...r }]));
    const tops: TreeRow[] = [];
    for (const r of byId.values()) {
      const parent = r.parentId ? byId.get(r.parentId) : undefined;
      if (parent) (parent.children ??= []).push(r);
      else tops.push(r);
    }
    return tops;
  }, [rows]);
  // The chart compares the view's top with the units one level below it.
  const charted = rows.filter((r) => r.depth <= 1);
  const hasAssigned = charted.some((r) => r.assigned > 0);
  const progress = (f: CoverageFigures) =>
    f.assigned === 0 ? (
      <Typography.Text type="secondary">{t('learning.coverage.noneAssigned')}</Typography.Text>
    ) : (
      <Tooltip title={`${t('learning.coverage.completed')} ${f.completed} / ${f.assigned} · ${t('learning.coverage.confirmed')} ${f.confirmed}`}>
        <Progress percent={f.completedPercent ?? 0} success={{ percent: f.confirmedPercent ?? 0 }} size={[140, 8]} format={() => pct(f.completedPercent)} />
      </Tooltip>
    );

  const columns = [
    { key: 'unit', title: t('learning.coverage.unit'), render: (_: unknown, r: TreeRow) => localizedName({ name: r.name, nameEn: r.nameEn }) },
    { key: 'people', title: t('learning.coverage.people'), dataIndex: 'employees', align: 'right' as const },
    { key: 'assigned', title: t('learning.coverage.assigned'), dataIndex: 'assigned', align: 'right' as const },
    { key: 'completed', title: `${t('learning.coverage.completed')} / ${t('learning.coverage.confirmed')}`, render: (_: unknown, r: TreeRow) => progress(r), width: 220 },
    ...LEARNING_LAYERS.map((l) => ({
      key: l,
      title: layerNames[l],
      align: 'right' as const,
      render: (_: unknown, r: TreeRow) => (r.byLayer[l].assigned === 0 ? <Typography.Text type="secondary">—</Typography.Text> : `${pct(r.byLayer[l].completedPercent)} (${r.byLayer[l].completed}/${r.byLayer[l].assigned})`),
    })),
  ];

  return (
    <>
      <PageHeader title={t('learning.coverage.title')} subtitle={t('learning.coverage.subtitle')} />
      <div className="learning-toolbar">
        <Typography.Text type="secondary">{t('learning.coverage.view')}</Typography.Text>
        <TreeSelect
          allowClear
          placeholder={t('learning.coverage.wholeScope')}
          value={unitId}
          onChange={setUnitId}
          treeData={treeData}
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          style={{ minWidth: 260 }}
          data-testid="coverage-unit"
        />
      </div>
      {coverage.error && <LoadError error={coverage.error} onRetry={coverage.reload} />}
      {coverage.isLoading && !coverage.data && <Skeleton active />}
      {coverage.data && (
        <>
          <Row gutter={[16, 16]} className="learning-card">
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('learning.coverage.people')} value={coverage.data.total.employees} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('learning.coverage.assigned')} value={coverage.data.total.assigned} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" data-testid="coverage-completed">
                <Statistic title={t('learning.coverage.completed')} value={pct(coverage.data.total.completedPercent)} suffix={<Typography.Text type="secondary">({coverage.data.total.completed})</Typography.Text>} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('learning.coverage.confirmed')} value={pct(coverage.data.total.confirmedPercent)} suffix={<Typography.Text type="secondary">({coverage.data.total.confirmed})</Typography.Text>} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('learning.coverage.chartTitle')} className="learning-card" data-testid="coverage-chart">
            {hasAssigned ? (
              <EChart
                height={Math.max(200, 60 + charted.length * 56)}
                option={coverageOption(charted, {
                  unit: (r) => localizedName({ name: r.name, nameEn: r.nameEn }),
                  layers: layerNames,
                  tooltip: (r, l) => `${localizedName({ name: r.name, nameEn: r.nameEn })}<br/>${layerNames[l]}: ${pct(r.byLayer[l].completedPercent)} (${r.byLayer[l].completed}/${r.byLayer[l].assigned})`,
                })}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('learning.coverage.chartEmpty')} />
            )}
          </Card>
          <Table<TreeRow>
            key={unitId ?? 'scope'}
            rowKey="unitId"
            size="small"
            className="learning-coverage-table"
            columns={columns}
            dataSource={tree}
            pagination={false}
            expandable={{ defaultExpandAllRows: true }}
            scroll={{ x: true }}
            data-testid="coverage-table"
          />
          <Typography.Paragraph type="secondary" className="learning-help">
            {t('learning.coverage.help')}
          </Typography.Paragraph>
        </>
      )}
    </>
  );
}
