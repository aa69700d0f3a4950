import { useCallback } from 'react';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from './client.ts';

/**
 * Turns an error into text for the user: our own translation for the API's well-known codes,
 * else the API's message (e.g. which fields failed validation).
 */
export function useErrorMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && i18n.exists(`errors.${error.code}`)) return t(`errors.${error.code}` as ParseKeys);
      return error instanceof Error ? error.message : String(error);
    },
    [t, i18n],
  );
}
