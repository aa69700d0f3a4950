/**
 * The HTML of the mystery shopper's page: the whole checklist on one phone-sized page, each score spelled
 * out by its guidance, an optional note per point, and one submit. No script at all; the only stylesheet
 * is allowed by its hash, and the form posts only to this origin (the same policy as the culture page).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { ChecklistItem } from '../../../contracts/audit.ts';
import type { Lang } from '../../../contracts/surveys.ts';
import { CSS, TEXT } from './public-page.text.ts';
import { NOTE_LIMITS, type VisitAnswers, type VisitProblem, type VisitView } from './shopper.service.ts';

const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
export const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'zh-CN' : 'en');
const dayIn = (timeZone: string, at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

export function sendShopperPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex')
    .send(html);
}

function htmlPage(lang: Lang, title: string, top: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style>${CSS}</style></head><body><main>
<div class="top"><span class="kicker">${TEXT[lang].kicker}</span>${top}</div>
${body}
<p class="foot">${TEXT[lang].footer}</p></main></body></html>`;
}

export interface VisitPage {
  view: VisitView;
  token: string;
  lang: Lang;
  answers: VisitAnswers;
  errors?: Record<string, string>;
}

/** The checklist form, filled with what was already chosen (after a language switch or a refused submit). */
export function renderVisit(p: VisitPage): string {
  const t = TEXT[p.lang];
  const { view } = p;
  const errors = p.errors ?? {};
  const bad = view.checklist.items.filter((i) => i.key in errors);
  const touchpoint = t.touchpoints[view.touchpoint] ?? view.touchpoint;
  const facts = `<dl><dt>${t.facts.unit}</dt><dd>${esc(view.unitName[p.lang])}</dd><dt>${t.facts.touchpoint}</dt><dd>${esc(touchpoint)}</dd>${
    view.dueAt ? `<dt>${t.facts.due}</dt><dd>${view.dueAt}</dd>` : ''
  }<dt>${t.facts.expires}</dt><dd>${dayIn(view.timeZone, view.expiresAt)}</dd></dl>`;
  const summary = bad.length
    ? `<div class="sum" role="alert"><p>${t.errorSummary}</p><ul>${bad.map((i) => `<li><a href="#i-${i.key}">${esc(i.title[p.lang])}</a></li>`).join('')}</ul></div>`
    : '';
  const areas = view.checklist.areas
    .map((area) => {
      const items = view.checklist.items.filter((i) => i.area === area.key);
      return items.length ? `<h2>${esc(area.title[p.lang])}</h2>${items.map((i) => renderItem(i, p, errors[i.key])).join('\n')}` : '';
    })
    .join('\n');
  const switcher = `<button class="lnk" form="visit" name="nav" value="lang" formnovalidate lang="${t.otherLang.lang}">${t.otherLang.label}</button>`;
  const body = `<h1>${esc(view.name[p.lang])}</h1>${facts}
<p class="lead">${t.lead}</p><p class="hint">${t.scaleHint}</p>${summary}
<form id="visit" method="post" action="/ms/${esc(p.token)}" accept-charset="UTF-8"><input type="hidden" name="lang" value="${p.lang}">
${areas}
<div class="q"><label class="n" for="notes">${t.visitNotes}</label><textarea id="notes" name="notes" rows="4" maxlength="${NOTE_LIMITS.visit}" aria-describedby="notes-hint">${esc(p.answers.visitNotes)}</textarea><p class="hint" id="notes-hint">${t.notesHint(NOTE_LIMITS.visit)}</p></div>
<p class="once">${t.once}</p>
<button type="submit" name="nav" value="submit">${t.submit}</button>
</form>`;
  return htmlPage(p.lang, view.name[p.lang], switcher, body);
}

function renderItem(item: ChecklistItem, p: VisitPage, error: string | undefined): string {
  const t = TEXT[p.lang];
  const chosen = p.answers.scores[item.key];
  const errId = `${item.key}-err`;
  const options = item.guidance
    .map((g, score) => `<label class="opt"><input type="radio" name="s_${item.key}" value="${score}" required${chosen === score ? ' checked' : ''}><b>${score}</b><span>${esc(g[p.lang])}</span></label>`)
    .join('');
  const note = `<label class="n" for="n-${item.key}">${t.noteLabel}</label><textarea id="n-${item.key}" name="n_${item.key}" rows="2" maxlength="${NOTE_LIMITS.item}">${esc(p.answers.notes[item.key] ?? '')}</textarea>`;
  const err = error ? `<p class="err" id="${errId}">${t.errorItem}</p>` : '';
  return `<fieldset class="q${error ? ' bad' : ''}" id="i-${item.key}"${error ? ` aria-describedby="${errId}"` : ''}><legend>${esc(item.title[p.lang])}</legend>${options}${err}${note}</fieldset>`;
}

export function renderThanks(lang: Lang, token: string): string {
  const t = TEXT[lang];
  const o = TEXT[otherLang(lang)];
  const link = `<a class="lnk" href="/ms/${esc(token)}/thanks?lang=${otherLang(lang)}" lang="${t.otherLang.lang}">${t.otherLang.label}</a>`;
  return htmlPage(lang, t.thanksTitle, link, `<div class="card"><h1>${t.thanksTitle}</h1><p>${t.thanksBody}</p></div><p class="alt" lang="${t.otherLang.lang}">${o.thanksTitle}</p>`);
}

/** A page for a link that cannot be used, in the chosen language with the other beneath. */
export function renderProblem(kind: VisitProblem, lang: Lang): string {
  const [title, text] = TEXT[lang].problems[kind];
  const o = otherLang(lang);
  const [otherTitle, otherText] = TEXT[o].problems[kind];
  return htmlPage(lang, title, '', `<div class="card"><h1>${title}</h1><p>${text}</p><p class="alt" lang="${o}"><strong>${otherTitle}</strong><br>${otherText}</p></div>`);
}
