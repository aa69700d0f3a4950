/**
 * The HTML of the partner report page: a passcode form, then the report (period switch, NPS and CSAT against
 * the period before, themes as sentiment bars, redacted verbatims or why they are withheld) and the idea form.
 * Plain forms posting to the same address, no script at all, printable.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { PARTNER_LIMITS, type PartnerReply, type PartnerReport } from '../../../contracts/partners.ts';
import type { Lang } from '../../../contracts/surveys.ts';
import { pagePath } from './link-cookies.ts';
import { CSS, TEXT } from './public-page.text.ts';

// No script may run; the one inline stylesheet is allowed by its hash; forms post only to this origin.
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'zh-CN' : 'en');
const day = (iso: string) => iso.slice(0, 10);

export function sendPartnerPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex')
    .send(html);
}

function htmlPage(lang: Lang, title: string, langHref: string | null, body: string): string {
  const t = TEXT[lang];
  const switcher = langHref ? `<a href="${esc(langHref)}" lang="${t.otherLang.lang}" hreflang="${t.otherLang.lang}">${t.otherLang.label}</a>` : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style>${CSS}</style></head><body><main>
<div class="top"><span class="kicker">${t.kicker}</span>${switcher}</div>
${body}
<p class="foot">${t.footer}</p></main></body></html>`;
}

export type LockedProblem = { kind: 'wrong'; attemptsLeft: number } | { kind: 'throttled'; retryAfterSeconds: number };

/** The passcode form, with what went wrong with the last attempt. */
export function renderLocked(token: string, lang: Lang, problem: LockedProblem | null = null): string {
  const t = TEXT[lang];
  const action = esc(pagePath(token));
  const message = !problem
    ? ''
    : `<p class="err" role="alert" id="pc-err">${problem.kind === 'wrong' ? t.wrongPasscode(problem.attemptsLeft) : t.tooMany(Math.ceil(problem.retryAfterSeconds / 60))}</p>`;
  const body = `<div class="card"><h1>${t.lockedTitle}</h1><p>${t.lockedLead}</p>${message}
<form method="post" action="${action}" accept-charset="UTF-8"><input type="hidden" name="lang" value="${lang}">
<label for="passcode">${t.passcode}</label><input type="password" id="passcode" name="passcode" required minlength="${PARTNER_LIMITS.minPasscode}" maxlength="${PARTNER_LIMITS.maxPasscode}" autocomplete="current-password"${problem ? ' aria-describedby="pc-err" aria-invalid="true"' : ''}>
<button type="submit">${t.unlock}</button></form></div>`;
  return htmlPage(lang, t.lockedTitle, `${pagePath(token)}?lang=${otherLang(lang)}`, body);
}

export interface ReportPage {
  token: string;
  lang: Lang;
  report: PartnerReport;
  ideas: Array<{ title: string; status: string }>;
  replies: PartnerReply[];
  /** After an idea or a reply was posted: sent, or refused for a missing title or text. */
  ideaState: 'sent' | 'missing' | null;
  replyState: 'sent' | 'missing' | null;
}

function change(current: number | null, previous: number | null, digits: number): string {
  if (current === null || previous === null) return '';
  const d = Math.round((current - previous) * 10 ** digits) / 10 ** digits;
  if (d === 0) return ' ±0';
  return ` <span class="${d > 0 ? 'up' : 'down'}">${d > 0 ? '▲' : '▼'} ${Math.abs(d).toFixed(digits)}</span>`;
}

function metricCard(label: string, m: PartnerReport['metrics']['nps'], digits: number, suffix: string, lang: Lang): string {
  const t = TEXT[lang];
  const value = m.value === null ? `<b>—</b><small>${t.tooFewAnswers(PARTNER_LIMITS.minAnswers)}</small>` : `<b>${m.value.toFixed(digits)}${suffix}</b>`;
  const before = m.previous === null ? '' : `<br><small>${t.previous(m.previous.toFixed(digits))}${change(m.value, m.previous, digits)}</small>`;
  return `<div class="card metric"><h2>${label}</h2>${value}<small>${t.answers(m.answers)}</small>${before}</div>`;
}

function themesCard(report: PartnerReport, lang: Lang): string {
  const t = TEXT[lang];
  if (!report.themes.length) return `<section class="card"><h2>${t.themes}</h2><p class="muted">${t.themesNone}</p></section>`;
  const most = Math.max(...report.themes.map((th) => th.mentions));
  // Widths come from classes in 5 % steps (the CSP allows no style attribute): the bar's length against the most
  // mentioned theme, its green, grey and red parts the positive, neutral and negative share of its mentions.
  const step = (part: number, whole: number) => `w${Math.round((20 * part) / whole) * 5}`;
  const rows = report.themes.map((th) => {
    const neutral = th.mentions - th.positive - th.negative;
    const share = (n: number) => step(n, th.mentions);
    return `<div class="theme"><strong>${esc(th.topic)}</strong><div class="bar ${step(th.mentions, most)}" aria-hidden="true"><i class="pos ${share(th.positive)}"></i><i class="neu ${share(neutral)}"></i><i class="neg ${share(th.negative)}"></i></div><small class="muted">${t.mentions(th.mentions, th.positive, th.negative)}</small></div>`;
  });
  return `<section class="card"><h2>${t.themes}</h2>${rows.join('')}</section>`;
}

function verbatimsCard(report: PartnerReport, lang: Lang): string {
  const t = TEXT[lang];
  if (!report.verbatimsShown) return `<section class="card" id="verbatims"><h2>${t.verbatims}</h2><p class="muted">${t.tooFewComments(report.comments, report.minComments)}</p></section>`;
  const quotes = report.verbatims.map((v) => `<blockquote class="${v.sentiment ?? 'neutral'}">${esc(v.text)}${v.sentiment ? `<span>${t.sentiment[v.sentiment]}</span>` : ''}</blockquote>`);
  return `<section class="card" id="verbatims"><h2>${t.verbatims}</h2><p class="muted">${t.verbatimsNote}</p>${quotes.join('')}</section>`;
}

function ideaCard(p: ReportPage): string {
  const t = TEXT[p.lang];
  const state = p.ideaState === 'sent' ? `<p class="ok" role="status">${t.ideaSent}</p>` : p.ideaState === 'missing' ? `<p class="err" role="alert">${t.ideaMissing}</p>` : '';
  const mine = p.ideas.length
    ? `<h2 class="noprint spaced">${t.yourIdeas}</h2><ul class="ideas">${p.ideas.map((i) => `<li>${esc(i.title)} <span class="tag">${t.ideaStatus[i.status] ?? esc(i.status)}</span></li>`).join('')}</ul>`
    : '';
  return `<section class="card" id="idea"><h2>${t.ideaTitle}</h2><p class="noprint">${t.ideaLead}</p>${state}
<form method="post" action="${esc(pagePath(p.token))}/ideas" accept-charset="UTF-8"><input type="hidden" name="lang" value="${p.lang}"><input type="hidden" name="days" value="${p.report.period.days}">
<label for="idea-title">${t.ideaName}</label><input type="text" id="idea-title" name="title" required maxlength="200">
<label for="idea-body">${t.ideaBody}</label><textarea id="idea-body" name="body" rows="4" maxlength="5000"></textarea>
<button type="submit">${t.ideaSubmit}</button></form>${mine}</section>`;
}

function replyCard(p: ReportPage): string {
  const t = TEXT[p.lang];
  const state = p.replyState === 'sent' ? `<p class="ok" role="status">${t.replySent}</p>` : p.replyState === 'missing' ? `<p class="err" role="alert">${t.replyMissing}</p>` : '';
  const earlier = p.replies.length
    ? `<h2 class="noprint spaced">${t.yourReplies}</h2>${p.replies.map((r) => `<blockquote>${esc(r.body)}<span>${t.replyPeriod(r.period.days, day(r.createdAt))}</span></blockquote>`).join('')}`
    : '';
  return `<section class="card" id="reply"><h2>${t.replyTitle}</h2><p class="noprint">${t.replyLead}</p>${state}
<form method="post" action="${esc(pagePath(p.token))}/replies" accept-charset="UTF-8"><input type="hidden" name="lang" value="${p.lang}"><input type="hidden" name="days" value="${p.report.period.days}">
<label for="reply-body">${t.replyBody}</label><textarea id="reply-body" name="body" rows="4" required maxlength="2000"></textarea>
<button type="submit">${t.replySubmit}</button></form>${earlier}</section>`;
}

/** The unlocked report. */
export function renderReport(p: ReportPage): string {
  const t = TEXT[p.lang];
  const r = p.report;
  const base = pagePath(p.token);
  const orgName = p.lang === 'en' ? (r.organisation.nameEn ?? r.organisation.name) : r.organisation.name;
  const periods = PARTNER_LIMITS.periods
    .map((d) => `<a href="${esc(`${base}?lang=${p.lang}&days=${d}`)}"${d === r.period.days ? ' aria-current="page"' : ''}>${t.periods(d)}</a>`)
    .join('');
  const body = `<h1>${esc(r.partner.name)}<span class="tag">${t.kinds[r.partner.kind]}</span></h1>
<p class="sub">${esc(t.reportFor(orgName))} · ${t.period(day(r.period.from), day(r.period.to))}</p>
<nav class="periods" aria-label="${t.periodLabel}">${periods}</nav>
<div class="metrics">${metricCard(t.nps, r.metrics.nps, 1, '', p.lang)}${metricCard(t.csat, r.metrics.csat, 2, ' / 5', p.lang)}</div>
${themesCard(r, p.lang)}${verbatimsCard(r, p.lang)}${replyCard(p)}${ideaCard(p)}<p class="muted noprint">${t.print}</p>`;
  return htmlPage(p.lang, `${r.partner.name} · ${t.kicker}`, `${base}?lang=${otherLang(p.lang)}&days=${r.period.days}`, body);
}

/** A link that leads nowhere (unknown or revoked, or expired), in the chosen language with the other beneath. */
export function renderProblem(kind: 'unknown' | 'expired', lang: Lang): string {
  const [title, text] = TEXT[lang].problems[kind];
  const o = otherLang(lang);
  const [otherTitle, otherText] = TEXT[o].problems[kind];
  return htmlPage(lang, title, null, `<div class="card"><h1>${title}</h1><p>${text}</p><p class="alt" lang="${o}"><strong>${otherTitle}</strong><br>${otherText}</p></div>`);
}
