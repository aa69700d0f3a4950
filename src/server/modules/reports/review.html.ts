/**
 * The monthly review as one self-contained HTML document: inline style sheet,
 * charts as inline SVG, no script, no external resource. The PDF is this same
 * document printed by Chromium, so the two cannot disagree.
 */
import type { Lang } from '../../../contracts/surveys.ts';
import { barChart, trendCharts } from './review.charts.ts';
import { REVIEW_CSS } from './review.css.ts';
import { DIGITS, esc, formatChange, formatDate, formatNumber, localName } from './review.format.ts';
import { shiftMonth } from './review.month.ts';
import { auditSection, cultureSection, goalsSection, improvementsSection, listeningSection, recognitionSection, rootCausesSection, targetsSection } from './review.sections.ts';
import { MIN_UNIT_ANSWERS, type HeadlineMetric, type MonthlyReview } from './review.service.ts';
import { REVIEW_TEXT, type ReviewText } from './review.text.ts';

/** Metrics where a fall is the improvement. */
const LOWER_IS_BETTER = new Set<HeadlineMetric>(['resolution_time']);
/** Units shown in the by-unit chart at most (the best and the worst when there are more). */
const MAX_UNITS = 12;

/** What the page header and the PDF's running header say: organisation, scope and month. */
export function reviewCaption(review: MonthlyReview, lang: Lang): { org: string; scope: string; month: string; title: string } {
  const t = REVIEW_TEXT[lang];
  return {
    org: localName(lang, review.org),
    scope: review.scopeUnit ? t.scopeUnit(localName(lang, review.scopeUnit)) : t.scopeAll,
    month: t.month(review.period.month),
    title: t.title,
  };
}

export function renderReviewHtml(review: MonthlyReview, lang: Lang): string {
  const t = REVIEW_TEXT[lang];
  const caption = reviewCaption(review, lang);
  // Four chapters, each from a new page; inside one, a block moves to the next page whole rather than split.
  const chapter = (blocks: string[], first = false) => `<section${first ? '' : ' class="chapter"'}>${blocks.map((b) => `<div class="block">${b}</div>`).join('')}</section>`;
  const chapters = [
    chapter([headline(review, t, lang), trend(review, t)], true),
    chapter([byUnit(review, t, lang), targetsSection(review, t, lang), goalsSection(review, t, lang)]),
    chapter([rootCausesSection(review, t, lang), improvementsSection(review, t, lang), recognitionSection(review, t, lang), cultureSection(review, t, lang)]),
    chapter([listeningSection(review, t, lang), auditSection(review, t, lang)]),
  ];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${caption.title} · ${caption.org} · ${caption.month}`)}</title>
<style>${REVIEW_CSS}</style>
</head>
<body>
<main class="sheet">
<header class="cover">
  <div class="org">${esc(caption.org)}</div>
  <h1>${esc(t.title)} <span class="month">${esc(caption.month)}</span></h1>
  <div class="meta"><span>${esc(caption.scope)}</span><span>${esc(t.generated(formatDate(review.generatedAt, review.period.timeZone, lang)))}</span></div>
</header>
${review.period.isPartial ? `<div class="notice">${esc(t.partial)}</div>` : ''}
${chapters.join('\n')}
</main>
</body>
</html>`;
}

function headline(review: MonthlyReview, t: ReviewText, lang: Lang): string {
  const cards = review.headline.map(({ metric, result }) => {
    const row = result.rows[0];
    const cmp = result.comparison;
    const digits = DIGITS[metric] ?? 1;
    const value = row?.value ?? null;
    const change = cmp?.change ?? null;
    const better = change === null || change === 0 ? 'flat' : (change > 0) !== LOWER_IS_BETTER.has(metric) ? 'up' : 'down';
    const sig = cmp && change !== null ? `<span class="sig ${cmp.significant ? 'yes' : 'no'}">${esc(cmp.significant ? t.significant : t.notSignificant)}</span>` : '';
    return `<div class="card" data-metric="${metric}" data-value="${value ?? ''}" data-n="${row?.n ?? 0}" data-change="${change ?? ''}" data-p="${cmp?.pValue ?? ''}">
  <div class="label">${esc(t.metrics[metric])}</div>
  <div class="value">${value === null ? `<small>${esc(t.noData)}</small>` : `${esc(formatNumber(value, digits, lang))}<small>${esc(t.suffix[metric])}</small>`}</div>
  <div class="change ${better}">${esc(t.changeVsBefore)} ${esc(formatChange(change, digits, lang))}${sig}</div>
  <div class="n">${esc(t.basedOn(row?.n ?? 0))}</div>
</div>`;
  });
  return `<h2>${esc(t.sections.headline)}</h2><div class="cards">${cards.join('')}</div><p class="note">${esc(t.comparisonNote)}</p>`;
}

function trend(review: MonthlyReview, t: ReviewText): string {
  const months = Array.from({ length: 6 }, (_, i) => shiftMonth(review.period.month, i - 5));
  const [nps, csat] = trendCharts(months, review.trend.nps, review.trend.csat, t);
  return `<h3>${esc(t.sections.trend)}</h3><div class="charts"><figure>${nps}</figure><figure>${csat}</figure></div>`;
}

function byUnit(review: MonthlyReview, t: ReviewText, lang: Lang): string {
  const all = review.npsByUnit;
  if (all.length === 0) return `<h2>${esc(t.sections.byUnit)}</h2><p class="empty">${esc(t.noUnits)}</p>`;
  const shown = all.length <= MAX_UNITS ? all : [...all.slice(0, MAX_UNITS / 2), ...all.slice(-MAX_UNITS / 2)];
  const chart = barChart(
    shown.map((u) => ({ name: localName(lang, u), value: u.value })),
    { min: Math.min(0, ...shown.map((u) => Math.floor(u.value / 20) * 20)), max: 100 },
  );
  return `<h2>${esc(t.sections.byUnit)}</h2><figure>${chart}</figure><p class="note">${esc(t.byUnitNote(MIN_UNIT_ANSWERS))}</p>`;
}
