/** Small helpers the review's HTML shares: escaping, numbers with their precision, dates in the organisation's time zone. */
import type { Lang } from '../../../contracts/surveys.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A name in the review's language (English when the record has one). */
export const localName = (lang: Lang, x: { name: string; nameEn?: string | null }): string => (lang === 'en' && x.nameEn ? x.nameEn : x.name);

/** Escapes text for HTML content and attribute values. */
export const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Digits shown per metric: scores on a 1–5 or 1–7 scale and sentiment need two, counts none. */
export const DIGITS: Record<string, number> = { nps: 1, csat: 2, ces: 2, fcr: 1, resolution_time: 0, response_rate: 1, sentiment: 2, praise: 0, manual: 1 };

export function formatNumber(value: number | null | undefined, digits: number, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: Math.abs(value) >= 10_000 });
}

/** A change with its sign (+3.2, −1.5, ±0). */
export function formatChange(value: number | null, digits: number, lang: Lang): string {
  if (value === null) return '—';
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return `±${formatNumber(0, digits, lang)}`;
  return `${rounded > 0 ? '+' : '−'}${formatNumber(Math.abs(rounded), digits, lang)}`;
}

/** A day in the organisation's time zone, written the language's way. */
export function formatDate(at: Date | string, timeZone: string, lang: Lang): string {
  return new Date(at).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone, year: 'numeric', month: lang === 'en' ? 'short' : 'long', day: 'numeric' });
}

/** A whole percentage from a 0–1 share. */
export const percent = (share: number | null | undefined, lang: Lang): string => (share === null || share === undefined ? '—' : `${formatNumber(share * 100, 0, lang)} %`);

/** A simple horizontal bar (0–100) for progress and attainment, with an optional marker for where it should be. */
export function progressBar(value: number | null, expected?: number | null): string {
  const width = value === null ? 0 : Math.max(0, Math.min(100, value));
  const marker = expected === null || expected === undefined ? '' : `<i class="expected" style="left:${Math.max(0, Math.min(100, expected)).toFixed(1)}%"></i>`;
  return `<span class="bar"><b style="width:${width.toFixed(1)}%"></b>${marker}</span>`;
}

/** A table with a header row; cells are HTML already escaped by the caller. */
export function table(headers: string[], rows: string[][], numericFrom = Number.POSITIVE_INFINITY): string {
  const th = headers.map((h, i) => `<th${i >= numericFrom ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${i >= numericFrom ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}
