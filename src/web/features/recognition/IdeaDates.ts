import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useMemo } from 'react';
import { useLanguage } from '../../shared/i18n/use-language.ts';

dayjs.extend(relativeTime);

/** Dates on the idea board in the UI language: "2025年6月30日 14:05", "6月30日", "3 小时前". */
export function useIdeaDates() {
  const [language] = useLanguage();
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const day = new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric' });
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    return {
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      date: (iso: string) => date.format(new Date(iso)),
      day: (iso: string) => day.format(new Date(iso)),
      fromNow: (iso: string) => dayjs(iso).fromNow(),
    };
  }, [language]);
}
