import { useMemo } from 'react';
import { Button, DatePicker, Flex, Select, TreeSelect } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { subtreeIds, useUnitTreeSelectData, type Employee, type Unit } from '../org/index.ts';
import type { Survey } from '../surveys/index.ts';
import type { NpsBand } from './responses.api.ts';
import { formatDay, hasFilters, type ResponseFilters } from './response-filters.ts';
import { knownCodes, useCodeLabel } from './use-code-label.ts';

interface ResponseFilterBarProps {
  filters: ResponseFilters;
  onChange: (next: ResponseFilters) => void;
  surveys: readonly Survey[] | undefined;
  /** Units the caller may pick (a manager: their subtree); undefined hides the unit filter. */
  units: readonly Unit[] | undefined;
  /** Employees the caller may pick; undefined hides the employee filter. */
  employees: readonly Employee[] | undefined;
  /** Touchpoints and channels seen in the loaded rows, offered beside the known ones. */
  seenTouchpoints: readonly string[];
  seenChannels: readonly string[];
}

const BANDS: NpsBand[] = ['detractor', 'passive', 'promoter'];

/** The list's filters; every change goes to the address (see response-filters.ts). */
export function ResponseFilterBar(props: ResponseFilterBarProps) {
  const { filters, onChange, surveys, units, employees } = props;
  const { t } = useTranslation();
  const codeLabel = useCodeLabel();
  const unitTree = useUnitTreeSelectData(units);
  const set = (patch: Partial<ResponseFilters>) => onChange({ ...filters, ...patch });

  const employeeOptions = useMemo(() => {
    const inUnit = filters.unitId && units ? subtreeIds(units, filters.unitId) : null;
    return (employees ?? [])
      .filter((e) => !inUnit || inUnit.has(e.unitId) || e.id === filters.employeeId)
      .map((e) => ({ value: e.id, label: e.name }))
      .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  }, [employees, units, filters.unitId, filters.employeeId]);

  const codeOptions = (group: 'touchpoints' | 'channels', seen: readonly string[], current: string | undefined) =>
    [...new Set([...knownCodes(group), ...seen, ...(current ? [current] : [])])].map((code) => ({ value: code, label: codeLabel(group, code) }));

  const range: [Dayjs | null, Dayjs | null] | null =
    filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null;
  const today = dayjs().startOf('day');
  const presets = [
    { label: t('responses.filters.last7Days'), value: [today.subtract(6, 'day'), today] as [Dayjs, Dayjs] },
    { label: t('responses.filters.last30Days'), value: [today.subtract(29, 'day'), today] as [Dayjs, Dayjs] },
    { label: t('responses.filters.last90Days'), value: [today.subtract(89, 'day'), today] as [Dayjs, Dayjs] },
  ];

  return (
    <Flex gap={12} wrap className="responses-filters" data-testid="responses-filters">
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        className="responses-filters__survey"
        placeholder={t('responses.filters.survey')}
        value={filters.surveyId}
        options={(surveys ?? []).map((s) => ({ value: s.id, label: s.name }))}
        onChange={(surveyId?: string) => set({ surveyId })}
        data-testid="filter-survey"
      />
      {units && (
        <TreeSelect
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          className="responses-filters__unit"
          treeData={unitTree}
          treeDefaultExpandAll
          placeholder={t('responses.filters.unit')}
          value={filters.unitId}
          onChange={(unitId?: string) => set({ unitId })}
          data-testid="filter-unit"
        />
      )}
      {employees && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          className="responses-filters__employee"
          placeholder={t('responses.filters.employee')}
          value={filters.employeeId}
          options={employeeOptions}
          onChange={(employeeId?: string) => set({ employeeId })}
          data-testid="filter-employee"
        />
      )}
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[t('responses.filters.from'), t('responses.filters.to')]}
        value={range}
        presets={presets}
        disabledDate={(d) => d.isAfter(today.endOf('day'))}
        onChange={(dates) =>
          set({ from: dates?.[0] ? formatDay(dates[0].toDate()) : undefined, to: dates?.[1] ? formatDay(dates[1].toDate()) : undefined })
        }
        data-testid="filter-dates"
      />
      <Select
        allowClear
        className="responses-filters__code"
        placeholder={t('responses.filters.touchpoint')}
        value={filters.touchpoint}
        options={codeOptions('touchpoints', props.seenTouchpoints, filters.touchpoint)}
        onChange={(touchpoint?: string) => set({ touchpoint })}
        data-testid="filter-touchpoint"
      />
      <Select
        allowClear
        className="responses-filters__code"
        placeholder={t('responses.filters.channel')}
        value={filters.channel}
        options={codeOptions('channels', props.seenChannels, filters.channel)}
        onChange={(channel?: string) => set({ channel })}
        data-testid="filter-channel"
      />
      <Select
        allowClear
        className="responses-filters__band"
        placeholder={t('responses.filters.npsBand')}
        value={filters.npsBand}
        options={BANDS.map((band) => ({ value: band, label: t(`responses.bands.${band}`) }))}
        onChange={(npsBand?: NpsBand) => set({ npsBand })}
        data-testid="filter-band"
      />
      <Select
        className="responses-filters__status"
        value={filters.status ?? 'complete'}
        options={[
          { value: 'complete', label: t('responses.filters.complete') },
          { value: 'partial', label: t('responses.filters.partial') },
        ]}
        onChange={(status: string) => set({ status: status === 'partial' ? 'partial' : undefined })}
        data-testid="filter-status"
      />
      {hasFilters(filters) && (
        <Button icon={<ClearOutlined />} onClick={() => onChange({})}>
          {t('responses.filters.clear')}
        </Button>
      )}
    </Flex>
  );
}
