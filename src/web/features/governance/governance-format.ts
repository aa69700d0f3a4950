import dayjs from 'dayjs';

/** A date as the reader's language writes it (2025-07-04 or 2025年7月4日 …). */
export const formatDate = (iso: string | null | undefined, language: string) => (iso ? new Date(iso).toLocaleDateString(language) : '—');
/** A date and time, without seconds. */
export const formatDateTime = (iso: string | null | undefined, language: string) =>
  iso ? new Date(iso).toLocaleString(language, { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '—';
/** A signed change with one decimal: +12.5, −3.0. */
export const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(1)}`;

/** The start of the quarter `back` quarters before the current one, as YYYY-MM-DD (local time). */
export const quarterStart = (back: number) => {
  const now = dayjs();
  const month = Math.floor(now.month() / 3) * 3 - back * 3;
  return dayjs(new Date(now.year(), month, 1)).format('YYYY-MM-DD');
};
