import { useMemo, useState } from 'react';
import { Button, Card, Flex, Input, Table, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useIsAdmin } from '../../shared/session.tsx';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { EmployeeFormModal } from './EmployeeFormModal.tsx';
import { listEmployees, type Employee } from './org.api.ts';
import { useById, useEmployees, usePositions, useUnits, useUnitTreeSelectData } from './use-org-data.ts';
import './org.css';

/** Everyone in the organisation (or one unit's subtree), with unit, position and manager by name. */
export function EmployeesPage() {
  const { t } = useTranslation();
  const localizedName = useLocalizedName();
  const isAdmin = useIsAdmin();
  const [searchParams, setSearchParams] = useSearchParams();
  const unitFilter = searchParams.get('unit') ?? undefined;

  const units = useUnits();
  const positions = usePositions();
  const everyone = useEmployees();
  // The whole list serves the unfiltered table and the manager names; a unit filter asks the server for the subtree.
  const subtree = useApiQuery(
    (signal) => (unitFilter ? listEmployees(unitFilter, signal) : Promise.resolve(null)),
    [unitFilter],
  );
  const shown = unitFilter ? subtree.data : everyone.data;
  const unitsById = useById(units.data);
  const positionsById = useById(positions.data);
  const employeesById = useById(everyone.data);
  const unitTree = useUnitTreeSelectData(units.data);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Employee | 'new' | null>(null);

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const all = shown ?? [];
    return needle ? all.filter((e) => `${e.name} ${e.email ?? ''}`.toLowerCase().includes(needle)) : all;
  }, [shown, search]);

  const none = t('common.none');
  const columns: TableColumnsType<Employee> = [
    {
      title: t('employees.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      defaultSortOrder: 'ascend',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    { title: t('employees.email'), dataIndex: 'email', key: 'email', render: (email: string | null) => email ?? none },
    { title: t('employees.unit'), key: 'unit', render: (_, e) => localizedName(unitsById.get(e.unitId)) || none },
    {
      title: t('employees.position'),
      key: 'position',
      render: (_, e) => localizedName(positionsById.get(e.positionId)) || none,
    },
    {
      title: t('employees.manager'),
      key: 'manager',
      render: (_, e) => (e.managerId ? (employeesById.get(e.managerId)?.name ?? none) : none),
    },
  ];
  if (isAdmin) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, e) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(e)}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  const error = units.error ?? positions.error ?? everyone.error ?? subtree.error;
  const retry = () => [units, positions, everyone, subtree].forEach((q) => q.error && q.reload());

  return (
    <>
      <PageHeader
        title={t('employees.title')}
        subtitle={t('employees.subtitle')}
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('employees.create')}
            </Button>
          )
        }
      />
      {error && <LoadError error={error} onRetry={retry} />}
      <Card>
        <Flex gap={12} wrap className="org-toolbar">
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeData={unitTree}
            treeDefaultExpandAll
            value={unitFilter}
            placeholder={t('employees.filterByUnit')}
            onChange={(value?: string) => setSearchParams(value ? { unit: value } : {}, { replace: true })}
            style={{ minWidth: 280 }}
            data-testid="employee-unit-filter"
          />
          <Input.Search allowClear placeholder={t('common.searchByName')} style={{ maxWidth: 280 }} onChange={(e) => setSearch(e.target.value)} />
        </Flex>
        <Table<Employee>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={everyone.isLoading || subtree.isLoading}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('common.total', { count }) }}
          scroll={{ x: 'max-content' }}
          data-testid="employees-table"
        />
      </Card>
      <EmployeeFormModal
        employee={editing}
        defaultUnitId={unitFilter}
        units={units.data}
        positions={positions.data}
        employees={everyone.data}
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          everyone.reload();
          subtree.reload();
        }}
      />
    </>
  );
}
