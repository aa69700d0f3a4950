import { Button, Card, Descriptions, Flex, Space, Table, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import type { Employee, Unit } from './org.api.ts';
import { UnitKindTag } from './UnitKindTag.tsx';
import { useById, useEmployees, usePositions } from './use-org-data.ts';

interface UnitDetailsProps {
  unit: Unit;
  unitsById: Map<string, Unit>;
  onSelect: (unitId: string) => void;
  /** Absent for users who may not change units. */
  onEdit?: () => void;
  onAddChild?: () => void;
}

/** One unit: its fields, and the employees of the unit and its sub-units. */
export function UnitDetails({ unit, unitsById, onSelect, onEdit, onAddChild }: UnitDetailsProps) {
  const { t } = useTranslation();
  const localizedName = useLocalizedName();
  const employees = useEmployees(unit.id);
  const positionsById = useById(usePositions().data);
  const parent = unit.parentId ? unitsById.get(unit.parentId) : undefined;

  const columns: TableColumnsType<Employee> = [
    { title: t('employees.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('employees.position'),
      key: 'position',
      render: (_, e) => localizedName(positionsById.get(e.positionId)) || t('common.none'),
    },
    {
      title: t('employees.unit'),
      key: 'unit',
      render: (_, e) => localizedName(unitsById.get(e.unitId)) || t('common.none'),
    },
    { title: t('employees.email'), dataIndex: 'email', key: 'email', render: (email: string | null) => email ?? t('common.none') },
  ];

  return (
    <Flex vertical gap={16} className="unit-details">
      <Card
        title={t('units.details')}
        data-testid="unit-details"
        extra={
          <Space>
            {onEdit && (
              <Button icon={<EditOutlined />} onClick={onEdit}>
                {t('common.edit')}
              </Button>
            )}
            {onAddChild && (
              <Button type="primary" icon={<PlusOutlined />} onClick={onAddChild}>
                {t('units.addChild')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="middle">
          <Descriptions.Item label={t('units.name')}>{unit.name}</Descriptions.Item>
          <Descriptions.Item label={t('units.nameEn')}>{unit.nameEn ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('units.kind')}>
            <UnitKindTag kind={unit.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('units.parent')}>
            {parent ? (
              <Typography.Link onClick={() => onSelect(parent.id)}>{localizedName(parent)}</Typography.Link>
            ) : (
              t('common.none')
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('units.employees')}
        extra={employees.data && <Typography.Text type="secondary">{t('common.total', { count: employees.data.length })}</Typography.Text>}
      >
        {employees.error ? (
          <LoadError error={employees.error} onRetry={employees.reload} />
        ) : (
          <Table<Employee>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={employees.data}
            loading={employees.isLoading}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
          />
        )}
      </Card>
    </Flex>
  );
}
