/**
 * The HTML of the assessment answer page: an introduction that explains anonymity and shows the fixed
 * thresholds, then one section per page. Plain forms posting to the same address, no script at all; the
 * answers of other sections ride along in hidden fields, so nothing is stored before the final submit.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { ASSESSMENT_LIMITS, type AssessmentItem } from '../../../contracts/culture.ts';
import type { Lang } from '../../../contracts/surveys.ts';
import type { Answers, InvitationProblem, InvitationView } from './answers.service.ts';
import { dayIn } from './invitations.mail.ts';
import { CSS, TEXT } from './public-page.text.ts';

// No script may run; the one inline stylesheet is allowed by its hash; forms post only to this origin.
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'zh-CN' : 'en');

export function sendAnswerPage(reply: FastifyReply, status: number, html: string): FastifyReply {
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

const langLink = (lang: Lang, href: string) => {
  const o = TEXT[lang].otherLang;
  return `<a href="${esc(href)}" lang="${o.lang}" hreflang="${o.lang}">${o.label}</a>`;
};

/** The first page: what is kept, the thresholds, the closing day, and the way in. */
export function renderIntro(view: InvitationView, token: string, lang: Lang): string {
  const t = TEXT[lang];
  const a = view.assessment;
  const items = a.template.reduce((n, s) => n + s.items.length, 0);
  const minutes = Math.max(2, Math.ceil(items / 5));
  const [kept, three, hidden, comments, fixed, once] = t.anon;
  const facts = `<dl><dt>${t.facts.unit}</dt><dd>${esc(view.unitName[lang])}</dd><dt>${t.facts.level}</dt><dd>${t.levels[view.level]}</dd><dt>${t.facts.tenure}</dt><dd>${view.tenureBand ? t.tenure[view.tenureBand] : t.tenureUnknown}</dd></dl>`;
  const body = `<h1>${esc(a.name)}</h1><p class="lead">${t.lead(minutes, a.template.length)}</p>
<section class="card" aria-labelledby="anon"><h2 id="anon">${t.anonTitle}</h2>
<div class="thr"><div><b>${a.min_group_size}</b>${t.thresholdGroup}</div><div><b>${a.min_comment_group_size}</b>${t.thresholdComment}</div></div>
<ul><li>${kept}</li><li>${three}${facts}</li><li>${hidden}</li><li>${comments}</li><li>${fixed}</li><li>${once}</li></ul></section>
<p>${t.closes(dayIn(view.timeZone, a.closes_at))}</p>
<a class="btn" href="/a/${esc(token)}?lang=${lang}&amp;page=1">${t.start}</a>`;
  return htmlPage(lang, a.name, langLink(lang, `/a/${token}?lang=${otherLang(lang)}`), body);
}

export interface SectionPage {
  view: InvitationView;
  token: string;
  lang: Lang;
  /** 1-based section number. */
  page: number;
  answers: Answers;
  errors?: Record<string, string>;
}

/** One section of items, with every other section's answers carried in hidden fields. */
export function renderSection(p: SectionPage): string {
  const t = TEXT[p.lang];
  const sections = p.view.assessment.template;
  const section = sections[p.page - 1]!;
  const here = new Set(section.items.map((i) => i.key));
  const errors = p.errors ?? {};
  const bad = Object.keys(errors);
  const isLast = p.page === sections.length;
  const carried = Object.entries(p.answers)
    .filter(([k]) => !here.has(k))
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(String(v))}">`)
    .join('');
  const action = `/a/${esc(p.token)}`;
  const state = `<input type="hidden" name="page" value="${p.page}">`;
  const summary = bad.length
    ? `<div class="sum" role="alert"><p>${t.errorSummary}</p><ul>${bad.map((k) => `<li><a href="#i-${esc(k)}">${esc(itemTitle(sections, k, p.lang))}</a></li>`).join('')}</ul></div>`
    : '';
  const switcher = `<form method="post" action="${action}">${state}${Object.entries(p.answers)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(String(v))}">`)
    .join('')}<input type="hidden" name="lang" value="${otherLang(p.lang)}"><button class="lnk" name="nav" value="lang" lang="${t.otherLang.lang}">${t.otherLang.label}</button></form>`;
  const body = `<h1>${esc(section.title[p.lang])}</h1>
<div class="prog"><span>${t.progress(p.page, sections.length)}</span><progress max="${sections.length}" value="${p.page}" aria-hidden="true"></progress></div>
${section.intro ? `<p class="lead">${esc(section.intro[p.lang])}</p>` : ''}${p.page === 1 ? `<p class="lead">${t.skipHint}</p>` : ''}${summary}
<form method="post" action="${action}" accept-charset="UTF-8">
${section.items.map((item) => renderItem(item, p.lang, p.answers[item.key], errors[item.key])).join('\n')}
${carried}${state}<input type="hidden" name="lang" value="${p.lang}">
<div class="nav"><button type="submit" name="nav" value="${isLast ? 'submit' : 'next'}">${isLast ? t.submit : t.next}</button>${p.page > 1 ? `<button type="submit" name="nav" value="back" class="back" formnovalidate>${t.back}</button>` : ''}</div>
</form>`;
  return htmlPage(p.lang, section.title[p.lang], switcher, body);
}

function itemTitle(sections: InvitationView['assessment']['template'], key: string, lang: Lang): string {
  for (const s of sections) for (const i of s.items) if (i.key === key) return i.text[lang];
  return key;
}

function renderItem(item: AssessmentItem, lang: Lang, value: number | string | undefined, error: string | undefined): string {
  const t = TEXT[lang];
  const id = `i-${item.key}`;
  const cls = error ? 'q bad' : 'q';
  const errId = `${item.key}-err`;
  const err = error ? `<p class="err" id="${errId}">${t.errorItem}</p>` : '';
  if (item.type === 'text') {
    const described = ` aria-describedby="${item.key}-hint${error ? ` ${errId}` : ''}"`;
    return `<div class="${cls}"><label class="t" for="${id}">${esc(item.text[lang])}</label><textarea id="${id}" name="${item.key}" rows="5" maxlength="${ASSESSMENT_LIMITS.maxComment}"${described}>${esc(typeof value === 'string' ? value : '')}</textarea><p class="hint" id="${item.key}-hint">${t.textHint(ASSESSMENT_LIMITS.maxComment)}</p>${err}</div>`;
  }
  const checked = (v: string) => (String(value ?? '') === v ? ' checked' : '');
  if (item.type === 'single') {
    const options = item.options!.map((o) => `<label class="opt"><input type="radio" name="${item.key}" value="${esc(o.value)}" required${checked(o.value)}>${esc(o.label[lang])}</label>`);
    return `<fieldset class="${cls}" id="${id}"${error ? ` aria-describedby="${errId}"` : ''}><legend class="t">${esc(item.text[lang])}</legend>${options.join('')}${err}</fieldset>`;
  }
  const points = ['1', '2', '3', '4', '5'].map((v) => `<label><input type="radio" name="${item.key}" value="${v}" required${checked(v)}><span>${v}</span></label>`);
  const described = `${item.key}-ends${error ? ` ${errId}` : ''}`;
  return `<fieldset class="${cls}" id="${id}" aria-describedby="${described}"><legend class="t">${esc(item.text[lang])}</legend><div class="scale">${points.join('')}</div><div class="ends" id="${item.key}-ends"><span>1 ${t.ends[0]}</span><span>5 ${t.ends[1]}</span></div>${err}</fieldset>`;
}

export function renderThanks(lang: Lang, token: string): string {
  const t = TEXT[lang];
  return htmlPage(lang, t.thanksTitle, langLink(lang, `/a/${token}/thanks?lang=${otherLang(lang)}`), `<div class="card"><h1>${t.thanksTitle}</h1><p>${t.thanksBody}</p></div>`);
}

/** A page for a link that cannot be answered, in the chosen language with the other beneath. */
export function renderProblem(kind: InvitationProblem, lang: Lang): string {
  const [title, text] = TEXT[lang].problems[kind];
  const o = otherLang(lang);
  const [otherTitle, otherText] = TEXT[o].problems[kind];
  return htmlPage(lang, title, '', `<div class="card"><h1>${title}</h1><p>${text}</p><p class="alt" lang="${o}"><strong>${otherTitle}</strong><br>${otherText}</p></div>`);
}
