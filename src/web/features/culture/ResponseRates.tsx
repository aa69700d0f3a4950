import { useEffect } from 'react';
import { Card, Progress, Skeleton, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { getResponseRates, type AssessmentSummary, type ResponseRates as Rates } from './culture.api.ts';

type Row = Rates['rows'][number];
interface Node extends Row {
  children?: Node[];
}

/** The API's rate as a percentage, whether it arrives as a share (0–1) or already as a percentage. */
const percentOf = (row: { rate?: number; invited?: number; answered?: number }) =>
  row.invited && row.answered !== undefined ? (100 * row.answered) / row.invited : row.rate === undefined ? undefined : row.rate <= 1 ? row.rate * 100 : row.rate;

function toTree(rows: readonly Row[], nameOf: (id: string) => string): Node[] {
  const ids = new Set(rows.map((r) => r.unitId));
  const nodes = new Map<string, Node>(rows.map((r) => [r.unitId, { ...r }]));
  const roots: Node[] = [];
  for (const row of rows) {
    const node = nodes.get(row.unitId)!;
    const parent = row.parentId && ids.has(row.parentId) ? nodes.get(row.parentId)! : null;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sort = (list: Node[]) => {
    list.sort((a, b) => nameOf(a.unitId).localeCompare(nameOf(b.unitId)));
    for (const n of list) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Live response rate per unit (each unit with everything below it); units under the threshold show no numbers at all. */
export function ResponseRates({ assessment, nameOf }: { assessment: AssessmentSummary; nameOf: (id: string) => string }) {
  const { t } = useTranslation();
  const rates = useApiQuery((signal) => getResponseRates(assessment.id, signal), [assessment.id]);
  const { reload } = rates;
  useEffect(() => {
    if (assessment.status !== 'open') return;
    const timer = window.setInterval(reload, 30_000);
    return () => window.clearInterval(timer);
  }, [assessment.status, reload]);

  const min = rates.data?.minGroupSize ?? assessment.minGroupSize;
  const hidden = t('culture.rates.hidden', { min });
  const hiddenSpan = (row: Node) => ({ colSpan: row.suppressed ? 0 : 1 });
  const columns = [
    { key: 'unit', title: t('culture.rates.unit'), render: (_: unknown, row: Node) => nameOf(row.unitId) },
    {
      key: 'invited',
      title: t('culture.rates.invited'),
      align: 'right' as const,
      width: 110,
      onCell: (row: Node) => (row.suppressed ? { colSpan: 3, style: { textAlign: 'start' as const } } : {}),
      render: (_: unknown, row: Node) =>
        row.suppressed ? (
          <Typography.Text type="secondary" className="culture-hidden" data-testid="culture-rate-hidden">
            {hidden}
          </Typography.Text>
        ) : (
          row.invited
        ),
    },
    { key: 'answered', title: t('culture.rates.answered'), align: 'right' as const, width: 110, onCell: hiddenSpan, render: (_: unknown, row: Node) => row.answered ?? '—' },
    {
      key: 'rate',
      title: t('culture.rates.rate'),
      width: 220,
      onCell: hiddenSpan,
      render: (_: unknown, row: Node) => {
        const p = percentOf(row);
        return p === undefined ? '—' : <Progress percent={Math.round(p)} size="small" status="normal" />;
      },
    },
  ];
  const total = rates.data?.total;
  const totalPct = total ? percentOf(total) : undefined;

  return (
    <Card size="small" className="culture-card" title={t('culture.rates.title')} data-testid="culture-rates">
      {rates.error && <LoadError error={rates.error} onRetry={rates.reload} />}
      {rates.isLoading && !rates.data && <Skeleton active paragraph={{ rows: 6 }} />}
      {total && total.answered !== undefined && (
        <Typography.Paragraph strong data-testid="culture-rate-total">
          {t('culture.rates.total', { answered: total.answered, invited: total.invited, rate: totalPct === undefined ? '—' : `${Math.round(totalPct)}%` })}
        </Typography.Paragraph>
      )}
      {rates.data && (
        <Table<Node>
          rowKey="unitId"
          size="small"
          columns={columns}
          dataSource={toTree(rates.data.rows, nameOf)}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          rowClassName={(row) => (row.suppressed ? 'culture-row--hidden' : '')}
          scroll={{ x: true }}
        />
      )}
      <Typography.Paragraph type="secondary" className="culture-help">
        {t('culture.rates.help')}
      </Typography.Paragraph>
    </Card>
  );
}
