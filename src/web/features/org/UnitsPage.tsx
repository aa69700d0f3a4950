import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Row, Skeleton, Tree, type TreeDataNode } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useIsAdmin } from '../../shared/session.tsx';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import type { Unit } from './org.api.ts';
import { UnitDetails } from './UnitDetails.tsx';
import { UnitFormModal, type UnitFormTarget } from './UnitFormModal.tsx';
import { UnitKindTag } from './UnitKindTag.tsx';
import { buildUnitTree, initiallyExpandedIds, type UnitNode } from './unit-tree.ts';
import { useById, useUnits } from './use-org-data.ts';
import './org.css';

/** The unit tree on the left; the selected unit's details and employees on the right. */
export function UnitsPage() {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const localizedName = useLocalizedName();
  const units = useUnits();
  const unitsById = useById(units.data);
  const [searchParams, setSearchParams] = useSearchParams();
  const [formTarget, setFormTarget] = useState<UnitFormTarget | null>(null);
  const [expandedKeys, setExpandedKeys] = useState<string[] | null>(null);

  const forest = useMemo(() => buildUnitTree(units.data ?? []), [units.data]);
  const treeData = useMemo(() => {
    const toNode = (node: UnitNode): TreeDataNode => ({
      key: node.unit.id,
      title: (
        <span className="unit-tree__title">
          <span>{localizedName(node.unit)}</span>
          <UnitKindTag kind={node.unit.kind} />
        </span>
      ),
      children: node.children.map(toNode),
    });
    return forest.map(toNode);
  }, [forest, localizedName]);

  // Without a (known) unit in the URL the first root is shown. The default is not written into the URL:
  // a late write from this page once pulled a user who had already moved on back here.
  const requested = searchParams.get('unit');
  const selected = (requested ? unitsById.get(requested) : undefined) ?? (forest[0] ? unitsById.get(forest[0].unit.id) : undefined);
  const select = (id: string) => setSearchParams({ unit: id }, { replace: true });

  const onSaved = (unit: Unit) => {
    setFormTarget(null);
    units.reload();
    const parentId = unit.parentId;
    if (parentId) setExpandedKeys((keys) => [...(keys ?? initiallyExpandedIds(forest)), parentId]);
    select(unit.id);
  };

  return (
    <>
      <PageHeader
        title={t('units.title')}
        subtitle={t('units.subtitle')}
        extra={
          isAdmin && forest.length === 0 && !units.isLoading ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create', parentId: null })}>
              {t('units.addRoot')}
            </Button>
          ) : null
        }
      />
      {units.error && <LoadError error={units.error} onRetry={units.reload} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xxl={7}>
          <Card title={t('units.tree')} className="unit-tree__card" data-testid="unit-tree">
            {units.isLoading && !units.data ? (
              <Skeleton active />
            ) : treeData.length === 0 ? (
              <Empty description={t('units.empty')} />
            ) : (
              <Tree
                treeData={treeData}
                blockNode
                showLine
                expandedKeys={expandedKeys ?? initiallyExpandedIds(forest)}
                onExpand={(keys) => setExpandedKeys(keys.map(String))}
                selectedKeys={selected ? [selected.id] : []}
                onSelect={(keys) => keys[0] !== undefined && select(String(keys[0]))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15} xxl={17}>
          {selected ? (
            <UnitDetails
              unit={selected}
              unitsById={unitsById}
              onSelect={select}
              onEdit={isAdmin ? () => setFormTarget({ mode: 'edit', unit: selected }) : undefined}
              onAddChild={isAdmin ? () => setFormTarget({ mode: 'create', parentId: selected.id }) : undefined}
            />
          ) : (
            <Card>
              <Empty description={units.isLoading ? null : t('units.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
      <UnitFormModal target={formTarget} units={units.data ?? []} onCancel={() => setFormTarget(null)} onSaved={onSaved} />
    </>
  );
}
