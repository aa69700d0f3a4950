import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLanguage, useLocalizedName } from '../../shared/i18n/use-language.ts';
import { listEmployees, listTemplates, listUnits, type AuditSummary, type Employee, type Unit } from './audit.api.ts';
import { en } from './strings.ts';

/** This feature's error codes in the user's language, else the shared translation or the API's message. */
export function useAuditErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  const shared = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && Object.hasOwn(en.errors, error.code)) return t(`audit.errors.${error.code as keyof typeof en.errors}`);
      return shared(error);
    },
    [t, shared],
  );
}

/** The units and employees the user may pick (a manager's subtree), with names in the UI language. */
export function usePeopleAndUnits(): { units: Unit[]; employees: Employee[]; unitName: (id: string | null) => string } {
  const { t } = useTranslation();
  const units = useApiQuery((signal) => listUnits(signal).catch(() => [] as Unit[]), []);
  const employees = useApiQuery((signal) => listEmployees(signal).catch(() => [] as Employee[]), []);
  const localized = useLocalizedName();
  const byId = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u])), [units.data]);
  const unitName = useCallback((id: string | null) => (id ? localized(byId.get(id)) || '…' : t('audit.wholeOrg')), [byId, localized, t]);
  return { units: units.data ?? [], employees: employees.data ?? [], unitName };
}

/** The templates, and an audit's display name: its own title, else its checklist's name in the UI language. */
export function useAuditNames() {
  const [language] = useLanguage();
  const templates = useApiQuery((signal) => listTemplates(signal), []);
  const titleOf = useCallback((a: Pick<AuditSummary, 'title' | 'templateName'>) => a.title ?? a.templateName[language], [language]);
  return { templates: templates.data ?? [], titleOf };
}

/** A touchpoint key in the UI language when it is one of the checklists' own, else as recorded. */
export function useTouchpointName(): (touchpoint: string | null) => string {
  const { t, i18n } = useTranslation();
  return useCallback((tp) => (tp === null ? '—' : i18n.exists(`audit.touchpoints.${tp}`) ? t(`audit.touchpoints.${tp}` as 'audit.touchpoints.store') : tp), [t, i18n]);
}
