import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { getSession, listUnits, type Role, type Unit } from './culture.api.ts';
import { en } from './strings.ts';

/** The signed-in user's role, or undefined while it loads. */
export function useCultureRole(): { role: Role | undefined; employeeId: string | null } {
  const session = useApiQuery((signal) => getSession(signal), []);
  return { role: session.data?.user.role, employeeId: session.data?.user.employeeId ?? null };
}

/** This feature's error codes in the user's language, else the shared translation or the API's message. */
export function useCultureErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  const shared = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && Object.hasOwn(en.errors, error.code)) return t(`culture.errors.${error.code as keyof typeof en.errors}`);
      return shared(error);
    },
    [t, shared],
  );
}

/** Every unit, with a lookup of names in the UI language. */
export function useUnits(): { units: Unit[] | undefined; nameOf: (id: string) => string; unitName: (u: Unit) => string } {
  const query = useApiQuery((signal) => listUnits(signal), []);
  const localized = useLocalizedName();
  const byId = useMemo(() => new Map((query.data ?? []).map((u) => [u.id, u])), [query.data]);
  const nameOf = useCallback((id: string) => localized(byId.get(id)) || '…', [byId, localized]);
  return { units: query.data, nameOf, unitName: localized };
}
