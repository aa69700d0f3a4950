import { Suspense, useMemo } from 'react';
import { Alert, Button, Card, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSignedIn } from '../../shared/session.tsx';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { subtreeIds, useById, useEmployees, useUnits } from '../org/index.ts';
import { listSurveys } from '../surveys/index.ts';
import { excerpt } from './answers.ts';
import { ResponseFilterBar } from './ResponseFilterBar.tsx';
import type { ResponseRecord } from './responses.api.ts';
import { filtersFromSearch, filtersToApiQuery, filtersToSearch, hasFilters, type ResponseFilters } from './response-filters.ts';
import { ScoreTags } from './ScoreTags.tsx';
import { useCodeLabel } from './use-code-label.ts';
import { useResponsePages } from './use-response-pages.ts';
import './responses.css';

/**
 * Responses newest first, filtered by what the address says (so a link reproduces the view),
 * with "load more" paging; a row opens its detail in a drawer at /responses/:id.
 * The server limits managers to their subtree and employees to themselves; the filters follow.
 */
export function ResponsesPage() {
  const { t } = useTranslation();
  const localizedName = useLocalizedName();
  const codeLabel = useCodeLabel();
  const navigate = useNavigate();
  const { id: openId } = useParams();
  const { user } = useSignedIn();
  const [searchParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(searchParams), [searchParams]);
  const query = useMemo(() => filtersToApiQuery(filters), [filters]);
  const pages = useResponsePages(query);

  const surveys = useApiQuery((signal) => listSurveys(signal), []);
  const units = useUnits();
  const employees = useEmployees();
  const surveysById = useById(surveys.data);
  const unitsById = useById(units.data);

  // A manager picks among their own subtree; an employee only ever sees themself, so needs neither filter.
  const isEmployee = user.role === 'employee';
  const pickableUnits = useMemo(() => {
    if (!units.data || user.role === 'admin') return units.data;
    const me = employees.data?.find((e) => e.id === user.employeeId);
    if (!me) return undefined;
    const mine = subtreeIds(units.data, me.unitId);
    return units.data.filter((u) => mine.has(u.id));
  }, [units.data, employees.data, user.role, user.employeeId]);

  const seen = (pick: (r: ResponseRecord) => string | null) => [...new Set(pages.items.map(pick).filter((v): v is string => !!v))];
  const setFilters = (next: ResponseFilters) => void navigate({ pathname: '/responses', search: filtersToSearch(next).toString() }, { replace: true });
  const open = (r: ResponseRecord) => void navigate({ pathname: `/responses/${r.id}`, search: searchParams.toString() });

  const none = t('common.none');
  const columns: TableColumnsType<ResponseRecord> = [
    {
      title: t('responses.columns.submittedAt'),
      key: 'submittedAt',
      width: 140,
      render: (_, r) => (
        <Typography.Link>
          {dayjs(r.submittedAt).format('YYYY-MM-DD HH:mm')}
          {r.status === 'partial' && <Tag className="responses-partial">{t('responses.filters.partial')}</Tag>}
        </Typography.Link>
      ),
    },
    {
      title: t('responses.columns.survey'),
      key: 'survey',
      ellipsis: true,
      width: 132,
      render: (_, r) => surveysById.get(r.surveyId)?.name ?? none,
    },
    { title: t('responses.columns.score'), key: 'score', width: 186, render: (_, r) => <ScoreTags response={r} /> },
    {
      title: t('responses.columns.comment'),
      key: 'comment',
      render: (_, r) =>
        r.comment ? (
          <span className="responses-table__comment" title={r.comment}>
            {excerpt(r.comment, 80)}
          </span>
        ) : (
          <Typography.Text type="secondary">{none}</Typography.Text>
        ),
    },
    { title: t('responses.columns.employee'), key: 'employee', width: 100, ellipsis: true, render: (_, r) => r.employeeName ?? none },
    {
      title: t('responses.columns.unit'),
      key: 'unit',
      width: 160,
      ellipsis: true,
      render: (_, r) => localizedName(unitsById.get(r.unitId ?? '')) || none,
    },
    {
      title: t('responses.columns.touchpoint'),
      key: 'touchpoint',
      width: 190,
      render: (_, r) => (
        <>
          {codeLabel('touchpoints', r.touchpoint)}
          {r.channel && <Typography.Text type="secondary"> · {codeLabel('channels', r.channel)}</Typography.Text>}
        </>
      ),
    },
  ];

  const filtered = hasFilters(filters);
  const count = pages.items.length;
  return (
    <>
      <PageHeader title={t('responses.title')} subtitle={t('responses.subtitle')} />
      {user.role === 'manager' && <Alert className="responses-scope" type="info" showIcon title={t('responses.scope.units')} />}
      {isEmployee && <Alert className="responses-scope" type="info" showIcon title={t('responses.scope.self')} />}
      {pages.error && <LoadError error={pages.error} onRetry={pages.reload} />}
      <Card>
        <ResponseFilterBar
          filters={filters}
          onChange={setFilters}
          surveys={surveys.data}
          units={isEmployee ? undefined : pickableUnits}
          employees={isEmployee ? undefined : employees.data}
          seenTouchpoints={seen((r) => r.touchpoint)}
          seenChannels={seen((r) => r.channel)}
        />
        <Table<ResponseRecord>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={pages.items}
          loading={pages.isLoading}
          pagination={false}
          tableLayout="fixed"
          scroll={{ x: 1100 }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('responses.emptyFiltered') : t('responses.empty')}>
                {filtered && <Button onClick={() => setFilters({})}>{t('responses.filters.clear')}</Button>}
              </Empty>
            ),
          }}
          rowClassName={(r) => (r.id === openId ? 'responses-table__row responses-table__row--open' : 'responses-table__row')}
          onRow={(r) => ({
            onClick: () => open(r),
            onKeyDown: (e) => {
              if (e.key === 'Enter') open(r);
            },
            tabIndex: 0,
          })}
          data-testid="responses-table"
        />
        {count > 0 && (
          <Flex justify="center" align="center" gap={16} className="responses-more">
            <Typography.Text type="secondary" data-testid="responses-count">
              {pages.hasMore ? t('responses.shown', { count }) : t('responses.allShown', { count })}
            </Typography.Text>
            {pages.hasMore && (
              <Button onClick={pages.loadMore} loading={pages.isLoadingMore} data-testid="responses-load-more">
                {t('responses.loadMore')}
              </Button>
            )}
          </Flex>
        )}
      </Card>
      {/* The drawer's code loads on first open; the list stays on screen meanwhile. */}
      <Suspense fallback={null}>
        <Outlet />
      </Suspense>
    </>
  );
}
