import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { listColleagues } from './frontline.api.ts';
import { RemoteSelect } from './RemoteSelect.tsx';

/** Picks a colleague: one's manager and unit first, anyone in the organisation by name. */
export function ColleagueSelect(props: { value?: string; onChange?: (value: string | undefined) => void; id?: string; testId?: string }) {
  const { t } = useTranslation();
  const localized = useLocalizedName();
  const load = useCallback(
    async (q: string, signal: AbortSignal) =>
      (await listColleagues(q || undefined, signal)).map((c) => ({
        value: c.id,
        label: `${c.name} · ${localized({ name: c.unitName, nameEn: c.unitNameEn })}${c.relation === 'manager' ? ` (${t('frontline.support.myManager')})` : ''}`,
      })),
    [localized, t],
  );
  return <RemoteSelect {...props} load={load} placeholder={t('frontline.capture.colleagueSearch')} />;
}
