import { useCallback } from 'react';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';

/** The API's error as text: this feature's words for its own codes, else the app's. */
export function usePrivacyErrorMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const fallback = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      const key = error instanceof ApiError ? `privacy.errors.${error.code}` : '';
      return key && i18n.exists(key) ? t(key as ParseKeys) : fallback(error);
    },
    [t, i18n, fallback],
  );
}
