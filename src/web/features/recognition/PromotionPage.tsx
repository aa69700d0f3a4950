import { Alert, App as AntApp, Flex, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { mayDo } from '../../shared/page-access.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PromotionCriteriaCard } from './PromotionCriteriaCard.tsx';
import { PromotionCriteriaModal } from './PromotionCriteriaModal.tsx';
import { PromotionReadinessCard } from './PromotionReadinessCard.tsx';
import { listPositions, listPromotionCriteria } from './recognition.api.ts';
import './SettingsAndPromotion.css';

/** Promotion readiness (managers and admins): pick a position, see its criteria and who meets them; admins edit the criteria. */
export function PromotionPage() {
  const { user } = useSignedIn();
  return <Promotion canEdit={mayDo(user.role, 'promotion.configure')} />;
}

function Promotion({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const localized = useLocalizedName();
  const [params, setParams] = useSearchParams();
  const [isEditing, setIsEditing] = useState(false);
  const positions = useApiQuery((signal) => listPositions(signal), []);
  const criteria = useApiQuery((signal) => listPromotionCriteria(signal), []);

  const criteriaOf = useMemo(() => new Map((criteria.data ?? []).map((c) => [c.positionId, c])), [criteria.data]);
  // Positions with criteria first; admins also see the others, to set theirs.
  const options = useMemo(() => {
    const all = (positions.data ?? []).map((p) => ({ id: p.id, name: localized(p), hasCriteria: criteriaOf.has(p.id) }));
    return all.filter((p) => p.hasCriteria || canEdit).sort((a, b) => Number(b.hasCriteria) - Number(a.hasCriteria));
  }, [positions.data, criteriaOf, canEdit, localized]);
  const selectedId = params.get('position') ?? options.find((o) => o.hasCriteria)?.id ?? options[0]?.id;
  const selected = options.find((o) => o.id === selectedId);
  const selectedCriteria = selectedId ? criteriaOf.get(selectedId) : undefined;
  const isLoading = positions.isLoading || criteria.isLoading;

  return (
    <>
      <PageHeader
        title={t('recognition.promotion.title')}
        subtitle={t('recognition.promotion.subtitle')}
        extra={
          <Select
            aria-label={t('recognition.promotion.position')}
            data-testid="promotion-position"
            style={{ width: 280 }}
            loading={isLoading}
            value={selected ? selectedId : undefined}
            placeholder={t('recognition.promotion.positionPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(id: string) => setParams({ position: id }, { replace: true })}
            options={options.map((o) => ({ value: o.id, label: o.hasCriteria ? o.name : t('recognition.promotion.noCriteriaOption', { position: o.name }) }))}
          />
        }
      />
      {positions.error && <LoadError error={positions.error} onRetry={positions.reload} />}
      {criteria.error && <LoadError error={criteria.error} onRetry={criteria.reload} />}
      {!isLoading && options.length === 0 && <Alert type="info" showIcon title={t('recognition.promotion.noPositions')} />}
      {selected && (
        <Flex vertical gap={16}>
          <PromotionCriteriaCard positionName={selected.name} criteria={selectedCriteria} canEdit={canEdit} onEdit={() => setIsEditing(true)} />
          {selectedCriteria && <PromotionReadinessCard criteria={selectedCriteria} />}
          {canEdit && (
            <PromotionCriteriaModal
              open={isEditing}
              positionId={selected.id}
              positionName={selected.name}
              criteria={selectedCriteria}
              onClose={() => setIsEditing(false)}
              onSaved={() => {
                message.success(t('recognition.promotion.criteria.saved'));
                setIsEditing(false);
                criteria.reload();
              }}
            />
          )}
        </Flex>
      )}
    </>
  );
}
