import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import type { LearningLayer, MyLearningStatus } from './learning.api.ts';

export const LAYER_COLOURS: Record<LearningLayer, string> = { all_staff: '#1677ff', specialist: '#13a8a8', manager: '#722ed1' };
export const STATUS_COLOURS: Record<MyLearningStatus, string> = { overdue: 'error', to_do: 'processing', declared: 'warning', confirmed: 'success' };
const LEARNING_CODES = new Set(['already_recorded', 'already_assigned', 'already_confirmed', 'item_retired']);

/** "90 min", "2 h", "1 h 30 min" in the UI language. */
export function useDuration(): (minutes: number) => string {
  const { t } = useTranslation();
  return useCallback(
    (minutes: number) => {
      if (minutes < 60) return t('learning.minutes', { count: minutes });
      const hours = Math.floor(minutes / 60);
      const rest = minutes % 60;
      return rest === 0 ? t('learning.hours', { hours }) : t('learning.hoursMinutes', { hours, minutes: rest });
    },
    [t],
  );
}

/** The text of a bilingual {zh-CN, en} value in the UI language (the other one when it is empty). */
export function useBilingual(): (text: { 'zh-CN': string; en: string } | null | undefined) => string {
  const [language] = useLanguage();
  return useCallback((text) => (text ? (language === 'en' ? text.en || text['zh-CN'] : text['zh-CN'] || text.en) : ''), [language]);
}

/** The learning API's own conflict codes in the user's language, other errors as the app shows them. */
export function useLearningError(): (error: unknown) => string {
  const { t } = useTranslation();
  const fallback = useErrorMessage();
  return useCallback(
    (error: unknown) => (error instanceof ApiError && LEARNING_CODES.has(error.code) ? t(`learning.errors.${error.code as 'already_recorded'}`) : fallback(error)),
    [t, fallback],
  );
}
