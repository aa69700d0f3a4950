import { Card, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { getSupportSummary, type SupportSummary } from './frontline.api.ts';

type LoadRow = SupportSummary['caseLoad'][number];
type UnitRow = SupportSummary['units'][number];

/** Managers: who carries the heaviest open case load, and support requests per unit where the group is big enough. */
export function CaseLoadCard() {
  const { t } = useTranslation();
  const localized = useLocalizedName();
  const summary = useApiQuery((signal) => getSupportSummary(signal), []);
  const s = summary.data;
  const number = (key: keyof LoadRow, title: string): TableColumnsType<LoadRow>[number] => ({ title, dataIndex: key, align: 'right', width: 92 });
  const loadColumns: TableColumnsType<LoadRow> = [
    {
      title: t('frontline.load.employee'),
      key: 'employee',
      render: (_, r) => (
        <>
          <Typography.Text strong>{r.name}</Typography.Text>
          <div className="frontline-muted">{localized({ name: r.unitName ?? '', nameEn: r.unitNameEn })}</div>
        </>
      ),
    },
    number('openCases', t('frontline.load.openCases')),
    number('urgentOrHigh', t('frontline.load.urgentOrHigh')),
    number('escalated', t('frontline.load.escalated')),
    number('hardCases', t('frontline.load.hardCases')),
    { title: t('frontline.load.oldest'), key: 'oldest', align: 'right', width: 92, render: (_, r) => t('frontline.load.days', { count: r.oldestOpenDays }) },
    { title: t('frontline.load.load'), dataIndex: 'load', align: 'right', width: 92, render: (load: number) => <Typography.Text strong>{load}</Typography.Text> },
  ];
  const unitColumns: TableColumnsType<UnitRow> = [
    { title: t('frontline.load.unit'), key: 'unit', render: (_, u) => localized({ name: u.unitName, nameEn: u.unitNameEn }) },
    {
      title: t('frontline.load.requests'),
      key: 'count',
      align: 'right',
      width: 220,
      render: (_, u) => (u.suppressed ? <Tag>{t('frontline.load.hidden', { min: s?.minGroupSize })}</Tag> : <Typography.Text strong>{u.count}</Typography.Text>),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Card title={t('frontline.load.title')} data-testid="case-load">
        {summary.error && <LoadError error={summary.error} onRetry={summary.reload} />}
        <Typography.Paragraph type="secondary">{t('frontline.load.help')}</Typography.Paragraph>
        <Table<LoadRow>
          rowKey="employeeId"
          size="small"
          columns={loadColumns}
          dataSource={s?.caseLoad ?? []}
          loading={summary.isLoading && !s}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('frontline.load.empty')} /> }}
        />
      </Card>
      <Card title={t('frontline.load.unitsTitle', { days: s?.windowDays ?? 90 })} data-testid="support-units">
        <Typography.Paragraph type="secondary">{t('frontline.load.unitsHelp', { min: s?.minGroupSize ?? 5 })}</Typography.Paragraph>
        <Table<UnitRow> rowKey="unitId" size="small" columns={unitColumns} dataSource={s?.units ?? []} loading={summary.isLoading && !s} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
      </Card>
    </Flex>
  );
}
