import { useMemo } from 'react';
import { Alert, Button, Empty, Grid, Skeleton, Space, Tabs, TreeSelect, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { ActionPlans } from './ActionPlans.tsx';
import { CommentsPanel } from './CommentsPanel.tsx';
import { unitTreeData } from './culture-format.ts';
import { getAssessment, getHeatmap } from './culture.api.ts';
import { LifecycleActions } from './LifecycleActions.tsx';
import { ResponseRates } from './ResponseRates.tsx';
import { ResultsDashboard } from './ResultsDashboard.tsx';
import { useCultureRole, useUnits } from './use-culture.ts';
import './culture.css';

type TabKey = 'results' | 'rates' | 'comments' | 'plans';

/**
 * One assessment: results, live response rate (admins), comments and action plans, within a unit scope that
 * admins choose freely and managers within their own units. Employees see the organisation-wide tabs only, after close.
 */
export function AssessmentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { role } = useCultureRole();
  const { units, nameOf, unitName } = useUnits();
  const wide = Grid.useBreakpoint().md ?? true;
  const assessment = useApiQuery((signal) => getAssessment(id, signal), [id]);
  const a = assessment.data;
  const isAdmin = role === 'admin';
  const released = a !== undefined && (isAdmin ? a.status !== 'draft' : a.status === 'closed');
  // A manager's scope: the units the heat map shows them (their subtree); admins may pick any unit.
  const managerScope = useApiQuery(
    (signal) => (role === 'manager' && released ? getHeatmap(id, undefined, signal).catch(() => undefined) : Promise.resolve(undefined)),
    [id, role, released],
  );
  const scopeUnits = useMemo(() => {
    if (!units) return [];
    if (role !== 'manager') return units;
    const allowed = new Set(managerScope.data?.rows.map((r) => r.unitId));
    return units.filter((u) => allowed.has(u.id));
  }, [units, role, managerScope.data]);
  const scopeIds = new Set(scopeUnits.map((u) => u.id));
  const managerRoot = scopeUnits.find((u) => !u.parentId || !scopeIds.has(u.parentId));

  const unitId = params.get('unit') ?? undefined;
  const tabs: TabKey[] = !released ? [] : isAdmin ? ['results', 'rates', 'comments', 'plans'] : ['results', 'comments', 'plans'];
  const requested = params.get('tab') as TabKey | null;
  const tab = requested && tabs.includes(requested) ? requested : 'results';
  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );

  const canScope = (role === 'admin' || role === 'manager') && (tab === 'results' || tab === 'comments');
  const scopeSelect = canScope && (
    <Space size={8}>
      <Typography.Text type="secondary">{t('culture.results.scope')}</Typography.Text>
      <TreeSelect
        value={unitId}
        onChange={(value?: string) => setParam('unit', value)}
        allowClear
        treeDefaultExpandAll
        placeholder={role === 'admin' ? t('culture.results.wholeOrg') : managerRoot ? unitName(managerRoot) : ''}
        treeData={unitTreeData(scopeUnits, unitName)}
        showSearch={{ treeNodeFilterProp: 'title' }}
        style={{ minWidth: wide ? 220 : 180 }}
        aria-label={t('culture.results.scope')}
        data-testid="culture-scope"
      />
    </Space>
  );

  const body = (key: TabKey) => {
    if (!a || !role) return null;
    if (key === 'results') return <ResultsDashboard assessment={a} role={role} unitId={unitId} nameOf={nameOf} />;
    if (key === 'rates') return <ResponseRates assessment={a} nameOf={nameOf} />;
    if (key === 'comments') return <CommentsPanel assessment={a} unitId={unitId} />;
    return <ActionPlans assessment={a} role={role} />;
  };

  const subtitle = a
    ? t('culture.detailLine', {
        status: t(`culture.terms.status.${a.status}`),
        date: dayjs(a.closedAt ?? a.closesAt).format('YYYY-MM-DD'),
        thresholds: t('culture.thresholdsValue', { min: a.minGroupSize, comments: a.minCommentGroupSize }),
      })
    : undefined;

  return (
    <>
      <PageHeader
        title={a?.name ?? t('culture.title')}
        subtitle={subtitle}
        extra={
          <>
            <Link to="/culture">
              <Button icon={<ArrowLeftOutlined />}>{t('culture.back')}</Button>
            </Link>
            {a && isAdmin && <LifecycleActions assessment={a} onChanged={assessment.reload} />}
          </>
        }
      />
      {assessment.error && <LoadError error={assessment.error} onRetry={assessment.reload} />}
      {(assessment.isLoading || !role) && !assessment.error && !a && <Skeleton active />}
      {a && role && (
        <>
          {a.status === 'draft' && <Alert type="info" showIcon title={t('culture.draft')} />}
          {!isAdmin && a.status === 'open' && <Empty description={t('culture.notYet', { date: dayjs(a.closesAt).format('YYYY-MM-DD') })} />}
          {released && !wide && scopeSelect && <div className="culture-scope-row">{scopeSelect}</div>}
          {released && (
            <Tabs
              activeKey={tab}
              onChange={(key) => setParam('tab', key === 'results' ? undefined : key)}
              tabBarExtraContent={(wide && scopeSelect) || undefined}
              items={tabs.map((key) => ({ key, label: <span data-testid={`culture-tab-${key}`}>{t(`culture.tabs.${key}`)}</span>, children: tab === key ? body(key) : null }))}
            />
          )}
        </>
      )}
    </>
  );
}
