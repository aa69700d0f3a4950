/**
 * The monthly review as a document: HTML, or that HTML printed to an A4 PDF
 * with a running header (organisation, title, month, scope) and page numbers.
 * One PDF renderer per running server, shared by requests and the e-mail job.
 */
import type { MonthlyReportQuery } from '../../../contracts/reports.ts';
import type { Lang } from '../../../contracts/surveys.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Logger } from '../../platform/logger.ts';
import { CJK_FACE_CSS, FONT_STACK, PAGE_MARGIN } from './review.css.ts';
import { esc } from './review.format.ts';
import { renderReviewHtml, reviewCaption } from './review.html.ts';
import { buildMonthlyReview, type MonthlyReview } from './review.service.ts';
import { REVIEW_TEXT } from './review.text.ts';
import { PdfRenderer } from './pdf-renderer.ts';

const renderers = new WeakMap<AppContext, PdfRenderer>();

/** The server's PDF renderer, made on first use (the browser itself starts on the first PDF). */
export function pdfRendererOf(ctx: AppContext, logger?: Logger): PdfRenderer {
  let renderer = renderers.get(ctx);
  if (!renderer) {
    renderer = new PdfRenderer({ executablePath: ctx.config.LODESTAR_CHROMIUM_PATH, logger });
    renderers.set(ctx, renderer);
  }
  return renderer;
}

export async function closePdfRenderer(ctx: AppContext): Promise<void> {
  await renderers.get(ctx)?.close();
}

export interface ReviewDocument {
  body: string | Buffer;
  contentType: string;
  filename: string;
}

/** The file name a download gets: `monthly-review-2026-01-en.pdf`. */
export const reviewFileName = (month: string, lang: Lang, format: 'html' | 'pdf') => `monthly-review-${month}-${lang}.${format}`;

export async function renderMonthlyReview(ctx: AppContext, actor: Actor, q: MonthlyReportQuery): Promise<ReviewDocument> {
  const review = await buildMonthlyReview(ctx, actor, q.month);
  const html = renderReviewHtml(review, q.lang);
  if (q.format === 'html') return { body: html, contentType: 'text/html; charset=utf-8', filename: reviewFileName(q.month, q.lang, 'html') };
  return { body: await printReview(ctx, review, html, q.lang), contentType: 'application/pdf', filename: reviewFileName(q.month, q.lang, 'pdf') };
}

/** Prints the review's HTML to A4 with the running header and footer. */
export function printReview(ctx: AppContext, review: MonthlyReview, html: string, lang: Lang): Promise<Buffer> {
  const caption = reviewCaption(review, lang);
  const t = REVIEW_TEXT[lang];
  // Header and footer templates render apart from the page: they need their own font and size.
  const style = `font-family:${esc(FONT_STACK)};font-synthesis:none;font-size:7.5pt;color:#8c8c8c;width:100%;margin:0 14mm;display:flex;justify-content:space-between;`;
  const headerTemplate = `<style>${CJK_FACE_CSS}</style><div style="${style}"><span>${esc(`${caption.org} · ${caption.title} · ${caption.month}`)}</span><span>${esc(caption.scope)}</span></div>`;
  // The footer's words are our own constants; Chromium fills the two spans with page numbers.
  const footerTemplate = `<div style="${style}"><span>Lodestar</span><span>${t.pageFooter('<span class="pageNumber"></span>', '<span class="totalPages"></span>')}</span></div>`;
  return pdfRendererOf(ctx).render({ html, headerTemplate, footerTemplate, margin: PAGE_MARGIN });
}
