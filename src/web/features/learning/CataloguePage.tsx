import { useState } from 'react';
import { App, Button, Empty, Segmented, Select, Skeleton, Switch, Tag, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { DeclareModal } from './DeclareModal.tsx';
import { getMyLearning, LEARNING_FORMATS, LEARNING_LAYERS, listItems, type LearningFormat, type LearningItem, type LearningLayer } from './learning.api.ts';
import { STATUS_COLOURS } from './learning-format.ts';
import { ItemFormModal } from './ItemFormModal.tsx';
import { LearningCard } from './LearningCard.tsx';
import './learning.css';

/**
 * The catalogue, grouped by layer, filtered by layer and format. Admins add, edit and retire items; anyone linked
 * to an employee may record an item they have done, assigned or not.
 */
export function CataloguePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSignedIn();
  const isAdmin = user.role === 'admin';
  const [layer, setLayer] = useState<LearningLayer | 'all'>('all');
  const [format, setFormat] = useState<LearningFormat>();
  const [withRetired, setWithRetired] = useState(false);
  const [editing, setEditing] = useState<LearningItem | 'new' | null>(null);
  const [declaring, setDeclaring] = useState<LearningItem | null>(null);
  const items = useApiQuery((signal) => listItems({ format, includeInactive: withRetired }, signal), [format, withRetired]);
  const mine = useApiQuery((signal) => getMyLearning(signal), []);
  const statusOf = new Map((mine.data?.items ?? []).map((e) => [e.item.id, e.status]));

  const all = items.data ?? [];
  const layers = layer === 'all' ? LEARNING_LAYERS : [layer];
  const count = (l: LearningLayer) => all.filter((i) => i.layer === l).length;
  const action = (item: LearningItem) => {
    const status = statusOf.get(item.id);
    if (status) return <Tag color={STATUS_COLOURS[status]}>{t(`learning.status.${status}`)}</Tag>;
    if (!user.employeeId || !item.active) return null;
    return (
      <Button size="small" icon={<CheckCircleOutlined />} onClick={() => setDeclaring(item)} data-testid="catalogue-declare">
        {t('learning.catalogue.declare')}
      </Button>
    );
  };

  return (
    <>
      <PageHeader
        title={t('learning.catalogue.title')}
        subtitle={t('learning.catalogue.subtitle')}
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="catalogue-new">
              {t('learning.catalogue.new')}
            </Button>
          )
        }
      />
      <div className="learning-toolbar">
        <Segmented<LearningLayer | 'all'>
          value={layer}
          onChange={setLayer}
          options={[{ value: 'all', label: `${t('learning.catalogue.allLayers')} (${all.length})` }, ...LEARNING_LAYERS.map((l) => ({ value: l, label: `${t(`learning.layers.${l}`)} (${count(l)})` }))]}
          data-testid="catalogue-layers"
        />
        <Select<LearningFormat>
          allowClear
          placeholder={t('learning.catalogue.anyFormat')}
          value={format}
          onChange={setFormat}
          options={LEARNING_FORMATS.map((f) => ({ value: f, label: t(`learning.formats.${f}`) }))}
          style={{ width: 160 }}
        />
        {isAdmin && (
          <span>
            <Switch size="small" checked={withRetired} onChange={setWithRetired} /> <Typography.Text type="secondary">{t('learning.catalogue.showRetired')}</Typography.Text>
          </span>
        )}
      </div>
      {items.error && <LoadError error={items.error} onRetry={items.reload} />}
      {items.isLoading && !items.data && <Skeleton active />}
      {items.data && all.length === 0 && <Empty description={isAdmin ? t('learning.catalogue.emptyAdmin') : t('learning.catalogue.empty')} />}
      {all.length > 0 &&
        layers.map((l) => {
          const inLayer = all.filter((i) => i.layer === l);
          return (
            <section key={l} data-testid={`catalogue-layer-${l}`}>
              <Typography.Title level={5} className="learning-section-title">
                {t(`learning.layers.${l}`)} <Typography.Text type="secondary">· {t(`learning.layerHelp.${l}`)}</Typography.Text>
              </Typography.Title>
              {inLayer.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('learning.catalogue.empty')} />
              ) : (
                <div className="learning-grid">
                  {inLayer.map((item) => (
                    <LearningCard
                      key={item.id}
                      item={item}
                      testId="catalogue-item"
                      extra={isAdmin && <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('learning.catalogue.edit')} onClick={() => setEditing(item)} />}
                      footer={action(item)}
                    />
                  ))}
                </div>
              )}
            </section>
          );
        })}
      <ItemFormModal
        item={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('learning.itemForm.saved'));
          items.reload();
        }}
      />
      <DeclareModal
        item={declaring}
        onClose={() => setDeclaring(null)}
        onDeclared={() => {
          setDeclaring(null);
          message.success(t('learning.declare.done'));
          mine.reload();
        }}
      />
    </>
  );
}
