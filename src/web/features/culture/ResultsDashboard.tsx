import { Alert, Col, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { getBenchmarks, getHeatmap, getOverview, getResults, getSegments, type AssessmentSummary, type Role } from './culture.api.ts';
import { BenchmarksTable } from './BenchmarksTable.tsx';
import { DriversChart, MaturityRadar } from './InsightCharts.tsx';
import { PillarHeatmap } from './PillarHeatmap.tsx';
import { SegmentScatter } from './SegmentScatter.tsx';
import { AlignmentChart, GuidanceChart } from './VisionCharts.tsx';
import { VisionHeadline } from './VisionHeadline.tsx';

interface Props {
  assessment: AssessmentSummary;
  role: Role;
  /** The unit whose subtree the figures cover; undefined: the caller's default (organisation, or a manager's own units). */
  unitId: string | undefined;
  nameOf: (id: string) => string;
}

/**
 * The results of one assessment within one scope: headline, guidance by level, maturity radar, alignment and
 * embedding against the report, the units × pillars heat map, drivers, segmentation and the benchmark table.
 * Employees get the organisation-wide figures only (no unit breakdowns are asked for).
 */
export function ResultsDashboard({ assessment, role, unitId, nameOf }: Props) {
  const { t } = useTranslation();
  const id = assessment.id;
  const seesUnits = role === 'admin' || role === 'manager';
  const overview = useApiQuery((signal) => getOverview(id, unitId, signal), [id, unitId]);
  const benchmarks = useApiQuery((signal) => getBenchmarks(id, signal).catch(() => undefined), [id]);
  const heatmap = useApiQuery((signal) => (seesUnits ? getHeatmap(id, unitId, signal) : Promise.resolve(undefined)), [id, unitId, seesUnits]);
  const byUnit = useApiQuery((signal) => (seesUnits ? getResults(id, 'unit', unitId, signal) : Promise.resolve(undefined)), [id, unitId, seesUnits]);
  const segments = useApiQuery((signal) => (seesUnits ? getSegments(id, signal).catch(() => undefined) : Promise.resolve(undefined)), [id, seesUnits]);

  const data = overview.data;
  const loading = overview.isLoading;
  const refs = benchmarks.data?.rows;
  const min = data?.minGroupSize ?? assessment.minGroupSize;
  const rows = heatmap.data?.rows ?? [];
  const managerRoot = rows.find((r) => !rows.some((p) => p.unitId === r.parentId));
  const scopeName = unitId ? nameOf(unitId) : role === 'manager' && managerRoot ? nameOf(managerRoot.unitId) : t('culture.results.wholeOrg');
  const common = { overview: data, benchmarks: refs, isLoading: loading };

  return (
    <div data-testid="culture-dashboard">
      {assessment.status === 'open' && <Alert type="warning" showIcon title={t('culture.results.liveNote')} className="culture-row" />}
      {role === 'employee' && <Alert type="info" showIcon title={t('culture.results.employeeScope')} className="culture-row" />}
      {role === 'manager' && <Alert type="info" showIcon title={t('culture.results.managerScope')} className="culture-row" />}
      {overview.error && <LoadError error={overview.error} onRetry={overview.reload} />}
      {loading && !data && <Skeleton active paragraph={{ rows: 10 }} />}
      {data?.suppressed && <Alert type="warning" showIcon title={t('culture.results.suppressedAll', { min })} className="culture-row" data-testid="culture-suppressed" />}
      {data && !data.suppressed && (
        <>
          <VisionHeadline {...common} thresholds={{ min, comments: assessment.minCommentGroupSize }} />
          <Row gutter={[16, 16]} className="culture-row">
            <Col xs={24} xl={12}>
              <GuidanceChart {...common} />
            </Col>
            <Col xs={24} xl={12}>
              <MaturityRadar overview={data} scopeName={scopeName} orgValues={unitId || role === 'manager' ? heatmap.data?.orgValues : undefined} isLoading={loading} />
            </Col>
            <Col xs={24} xl={12}>
              <AlignmentChart section="strategies" {...common} />
            </Col>
            <Col xs={24} xl={12}>
              <AlignmentChart section="embedding" {...common} />
            </Col>
          </Row>
          {seesUnits && (
            <div className="culture-row">
              {heatmap.error ? <LoadError error={heatmap.error} onRetry={heatmap.reload} /> : <PillarHeatmap heatmap={heatmap.data} minGroupSize={min} nameOf={nameOf} isLoading={heatmap.isLoading} />}
            </div>
          )}
          <Row gutter={[16, 16]} className="culture-row">
            <Col xs={24} xl={data.drivers ? 12 : 24}>
              <AlignmentChart section="ecosystem" {...common} />
            </Col>
            {data.drivers && (
              <Col xs={24} xl={12}>
                <DriversChart overview={data} isLoading={loading} />
              </Col>
            )}
            {seesUnits && (
              <Col xs={24}>
                <SegmentScatter rows={byUnit.data?.rows} segments={segments.data} nameOf={nameOf} isLoading={byUnit.isLoading || segments.isLoading} />
              </Col>
            )}
            <Col xs={24}>
              <BenchmarksTable rows={refs} isLoading={benchmarks.isLoading} wholeOrg={Boolean(unitId) || role === 'manager'} />
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
