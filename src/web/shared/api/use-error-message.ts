import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { en } from '../i18n/en.ts';
import { ApiError } from './client.ts';

type KnownCode = keyof typeof en.errors;
const isKnownCode = (code: string): code is KnownCode => Object.hasOwn(en.errors, code);

/**
 * Turns an error into text for the user: our own translation for the API's well-known codes,
 * else the API's message (e.g. which fields failed validation).
 */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && isKnownCode(error.code)) return t(`errors.${error.code}`);
      return error instanceof Error ? error.message : String(error);
    },
    [t],
  );
}
