import { CheckCircleFilled } from '@ant-design/icons';
import { Card, Flex, Input, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { getReadiness, type PromotionCriteria, type Readiness } from './recognition.api.ts';

type Candidate = Readiness['candidates'][number];
type Criterion = Candidate['missing'][number]['criterion'];
type Filter = 'all' | 'ready' | 'close';

const formatNps = (nps: number | null) => (nps === null ? '—' : String(Math.round(nps * 10) / 10));

/** Everyone in the caller's teams measured against a position's criteria: ready ones first, and in plain words what the others still need. */
export function PromotionReadinessCard({ criteria }: { criteria: PromotionCriteria }) {
  const { t } = useTranslation();
  const localized = useLocalizedName();
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const readiness = useApiQuery((signal) => getReadiness(criteria.positionId, signal), [criteria]);
  const candidates = useMemo(() => readiness.data?.candidates ?? [], [readiness.data]);

  const counts = {
    all: candidates.length,
    ready: candidates.filter((c) => c.isReady).length,
    close: candidates.filter((c) => c.missing.length === 1).length,
  };
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return candidates.filter(
      (c) =>
        (filter === 'all' || (filter === 'ready' ? c.isReady : c.missing.length === 1)) &&
        (!needle || `${c.employeeName} ${c.unitName ?? ''} ${c.unitNameEn ?? ''}`.toLowerCase().includes(needle)),
    );
  }, [candidates, filter, search]);

  const missingText = (m: Candidate['missing'][number]) => {
    if (m.criterion === 'nps') {
      return m.have === null
        ? t('recognition.promotion.readiness.missing.npsNone', { need: formatNps(m.need) })
        : t('recognition.promotion.readiness.missing.nps', { have: formatNps(m.have), need: formatNps(m.need) });
    }
    return t(`recognition.promotion.readiness.missing.${m.criterion}`, { count: m.need - (m.have ?? 0) });
  };
  const metric = (criterion: Criterion, title: string, value: (c: Candidate) => number | null, hasRequirement: boolean): TableColumnsType<Candidate>[number] => ({
    title,
    key: criterion,
    align: 'right',
    width: criterion === 'implementedIdeas' ? 150 : 110,
    sorter: (a, b) => (value(a) ?? -Infinity) - (value(b) ?? -Infinity),
    render: (_, c) => {
      const short = c.missing.some((m) => m.criterion === criterion);
      const type = !hasRequirement ? undefined : short ? 'danger' : 'success';
      const shown = criterion === 'nps' ? formatNps(value(c)) : String(value(c));
      return <Typography.Text type={type}>{shown}</Typography.Text>;
    },
  });

  const columns: TableColumnsType<Candidate> = [
    {
      title: t('recognition.promotion.readiness.employee'),
      key: 'employee',
      width: 230,
      render: (_, c) => (
        <div>
          <Typography.Text strong>{c.employeeName}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{localized({ name: c.unitName ?? '', nameEn: c.unitNameEn })}</Typography.Text>
          </div>
        </div>
      ),
    },
    metric('implementedIdeas', t('recognition.promotion.readiness.ideas'), (c) => c.implementedIdeas, criteria.minImplementedIdeas > 0),
    metric('nps', t('recognition.promotion.readiness.nps'), (c) => c.nps, criteria.minNps !== null),
    metric('responses', t('recognition.promotion.readiness.responses'), (c) => c.responses, criteria.minResponses > 0),
    metric('praise', t('recognition.promotion.readiness.praise'), (c) => c.praise, criteria.minPraise > 0),
    metric('insights', t('recognition.promotion.readiness.insights'), (c) => c.insights, criteria.minInsights > 0),
    {
      title: t('recognition.promotion.readiness.status'),
      key: 'missing',
      render: (_, c) =>
        c.isReady ? (
          <Tag color="success" icon={<CheckCircleFilled />}>
            {t('recognition.promotion.readiness.isReady')}
          </Tag>
        ) : (
          <Space size={[4, 4]} wrap>
            {c.missing.map((m) => (
              <Tag key={m.criterion} color="orange" data-testid="readiness-missing">
                {missingText(m)}
              </Tag>
            ))}
          </Space>
        ),
    },
  ];

  const filters: Filter[] = ['all', 'ready', 'close'];
  return (
    <Card
      title={
        <Space size={12}>
          {t('recognition.promotion.readiness.title')}
          {readiness.data && (
            <Typography.Text type="secondary" className="promotion-summary">
              {t('recognition.promotion.readiness.summary', { ready: counts.ready, total: counts.all })}
            </Typography.Text>
          )}
        </Space>
      }
      data-testid="promotion-readiness"
    >
      {readiness.error && <LoadError error={readiness.error} onRetry={readiness.reload} />}
      <Flex justify="space-between" gap={12} wrap style={{ marginBottom: 16 }}>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={filters.map((f) => ({ value: f, label: `${t(`recognition.promotion.readiness.${f}`)} (${counts[f]})` }))}
        />
        <Input.Search allowClear placeholder={t('common.searchByName')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 240 }} />
      </Flex>
      <Table<Candidate>
        size="middle"
        rowKey="employeeId"
        loading={readiness.isLoading}
        dataSource={rows}
        columns={columns}
        rowClassName={(c) => (c.isReady ? 'promotion-row--ready' : '')}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t(candidates.length === 0 ? 'recognition.promotion.readiness.empty' : 'recognition.promotion.readiness.emptyFilter') }}
        scroll={{ x: 1000 }}
      />
    </Card>
  );
}
