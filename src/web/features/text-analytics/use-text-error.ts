import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { en } from './strings.ts';

/** This feature's error codes in the user's language, else the shared translation or the API's message. */
export function useTextErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  const shared = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && Object.hasOwn(en.errors, error.code)) return t(`textAnalytics.errors.${error.code as keyof typeof en.errors}`);
      return shared(error);
    },
    [t, shared],
  );
}
