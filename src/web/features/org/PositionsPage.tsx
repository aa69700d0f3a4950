import { useMemo, useState } from 'react';
import { Button, Card, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckCircleFilled, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIsAdmin } from '../../shared/session.tsx';
import { useLanguage, useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { formatMoney } from './money.ts';
import type { Position } from './org.api.ts';
import { PositionFormModal } from './PositionFormModal.tsx';
import { usePositions } from './use-org-data.ts';
import './org.css';

const TYPE_COLORS = { refund: 'volcano', voucher: 'gold', upgrade: 'geekblue', gift: 'magenta' } as const;

/** Positions and their authority: how much, in what form, and whether a process may be waived. */
export function PositionsPage() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const localizedName = useLocalizedName();
  const isAdmin = useIsAdmin();
  const positions = usePositions();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Position | 'new' | null>(null);

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const all = positions.data ?? [];
    return needle ? all.filter((p) => `${p.name} ${p.nameEn ?? ''}`.toLowerCase().includes(needle)) : all;
  }, [positions.data, search]);

  const columns: TableColumnsType<Position> = [
    {
      title: t('positions.name'),
      key: 'name',
      sorter: (a, b) => localizedName(a).localeCompare(localizedName(b), language),
      render: (_, p) => <Typography.Text strong>{localizedName(p)}</Typography.Text>,
    },
    {
      title: t('positions.compensationLimit'),
      key: 'limit',
      align: 'right',
      sorter: (a, b) => a.authority.compensationLimit - b.authority.compensationLimit,
      defaultSortOrder: 'ascend',
      render: (_, p) => formatMoney(p.authority.compensationLimit, p.authority.currency, language),
    },
    {
      title: t('positions.compensationTypes'),
      key: 'types',
      render: (_, p) =>
        p.authority.compensationTypes.length ? (
          <Space size={[4, 4]} wrap>
            {p.authority.compensationTypes.map((type) => (
              <Tag key={type} color={TYPE_COLORS[type]} variant="filled">
                {t(`positions.types.${type}`)}
              </Tag>
            ))}
          </Space>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('positions.exemptionAllowed'),
      key: 'exemption',
      render: (_, p) =>
        p.authority.exemptionAllowed ? (
          <Typography.Text type="success">
            <CheckCircleFilled /> {t('positions.allowed')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">
            <MinusCircleOutlined /> {t('positions.notAllowed')}
          </Typography.Text>
        ),
    },
  ];
  if (isAdmin) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, p) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(p)}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('positions.title')}
        subtitle={t('positions.subtitle')}
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('positions.create')}
            </Button>
          )
        }
      />
      {positions.error && <LoadError error={positions.error} onRetry={positions.reload} />}
      <Card>
        <Input.Search
          allowClear
          placeholder={t('common.searchByName')}
          className="org-toolbar"
          style={{ maxWidth: 320 }}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Table<Position>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={positions.isLoading}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('common.total', { count }) }}
          scroll={{ x: 'max-content' }}
          data-testid="positions-table"
        />
      </Card>
      <PositionFormModal
        position={editing}
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          positions.reload();
        }}
      />
    </>
  );
}
