import { useMemo } from 'react';
import { Alert, Space, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSignedIn } from '../../shared/session.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { subtreeIds, useEmployees, useUnits, useUnitTreeSelectData } from '../org/index.ts';
import { DashboardBody } from './DashboardBody.tsx';
import { PeriodSelect, usePeriodDays } from './PeriodSelect.tsx';
import { ScorecardCard } from './ScorecardCard.tsx';
import './dashboards.css';

/**
 * One unit's dashboard and scorecard. A manager picks among their own subtree
 * (the units API lists only those) and starts at their own unit; the server
 * refuses any other unit, so the picker is a convenience, not the guard.
 */
export function UnitDashboardPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const [days, setDays] = usePeriodDays();
  const units = useUnits();
  const employees = useEmployees();
  const me = employees.data?.find((e) => e.id === user.employeeId);
  // Every unit is listed to everyone (the tree is no secret); a manager's dashboard offers their own subtree.
  const pickable = useMemo(() => {
    if (!units.data || user.role === 'admin') return units.data;
    if (!me) return undefined;
    const mine = subtreeIds(units.data, me.unitId);
    return units.data.filter((u) => mine.has(u.id));
  }, [units.data, me, user.role]);
  const treeData = useUnitTreeSelectData(pickable);
  const fallback = user.role === 'admin' ? units.data?.find((u) => u.parentId === null)?.id : me?.unitId;
  const picked = params.get('unit');
  const unitId = useMemo(() => (picked && pickable?.some((u) => u.id === picked) ? picked : fallback), [picked, pickable, fallback]);
  const pick = (id: string) =>
    setParams(
      (p) => {
        p.set('unit', id);
        return p;
      },
      { replace: true },
    );
  return (
    <>
      <PageHeader
        title={t('dashboards.unit.title')}
        subtitle={t('dashboards.unit.subtitle')}
        extra={
          <Space>
            <TreeSelect value={unitId} onChange={pick} treeData={treeData} treeDefaultExpandAll style={{ width: 240 }} aria-label={t('dashboards.unit.pick')} data-testid="unit-select" showSearch={{ treeNodeFilterProp: 'title' }} />
            <PeriodSelect value={days} onChange={setDays} />
          </Space>
        }
      />
      {user.role === 'manager' && <Alert className="dash-toolbar" type="info" showIcon title={t('dashboards.scope.units')} />}
      {unitId && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <ScorecardCard unitId={unitId} />
          <DashboardBody unitId={unitId} days={days} />
        </Space>
      )}
    </>
  );
}
