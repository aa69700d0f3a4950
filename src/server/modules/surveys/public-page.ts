import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { pageOf, pipeText, questionsOnPage, shownKeys, shownPages, type PipeValues } from '../../../contracts/survey-logic.ts';
import type { Answers, Lang, Question } from '../../../contracts/surveys.ts';
import { systemClock } from '../../platform/clock.ts';
import type { ResolvedLink } from './links.service.ts';
import { CSS, TEXT, TOUCHPOINT_NAMES, type LinkProblem } from './public-page.text.ts';
import type { SurveyVersion } from './surveys.service.ts';

export type { LinkProblem } from './public-page.text.ts';

/** The status each link problem is answered with. */
export const LINK_PROBLEM_STATUS: Record<LinkProblem, number> = { unknown: 404, expired: 410, answered: 409, closed: 410 };

// No script may run on these pages at all; the one inline stylesheet is allowed by its hash.
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
const SCALES: Partial<Record<Question['type'], { min: number; max: number }>> = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface SurveyPageInput {
  survey: SurveyVersion;
  link: ResolvedLink;
  lang: Lang;
  /** From validateAnswers: question key → problem. */
  errors?: Record<string, string>;
  /** Answers so far (saved pages, answers to show again after errors) and hidden fields' values: they decide which questions show. */
  values?: Answers;
  /** Stamped into `renderedAt` for the too-fast-to-be-human check; the clock's now. */
  now?: Date;
  /** The page to show (default: the first with a question shown). */
  page?: number;
  /** Whether a Back button leads to an earlier page. */
  hasBack?: boolean;
  /** An anonymous link's draft secret, carried by the form so only this respondent continues it. */
  draftToken?: string | null;
  /** What titles pipe: the link's serving employee, unit and touchpoint. */
  pipe?: PipeContextValues;
}

/** The bound context a title may pipe (`{{employee.name}}`, `{{unit.name}}`, `{{touchpoint}}`). */
export interface PipeContextValues {
  employeeName: string | null;
  unitName: Record<Lang, string> | null;
  touchpoint: string | null;
}

/** The pipe values in one language (a touchpoint code by its name where known). */
export function pipeValues(pipe: PipeContextValues | undefined, lang: Lang): PipeValues {
  const tp = pipe?.touchpoint ?? null;
  return {
    'employee.name': pipe?.employeeName ?? null,
    'unit.name': pipe?.unitName?.[lang] ?? null,
    touchpoint: tp ? (TOUCHPOINT_NAMES[tp]?.[lang] ?? tp.replace(/_/g, ' ')) : null,
  };
}

/**
 * One page of the survey as server-rendered HTML: a plain form that POSTs to
 * /s/:token and works with JavaScript off, every control labelled, scales as
 * radio groups in fieldsets, a honeypot and a `renderedAt` stamp. Only the
 * page's questions whose conditions hold on the answers so far are shown;
 * titles pipe the link's context.
 */
export function renderSurveyPage(input: SurveyPageInput): string {
  const { survey, link, lang, errors = {}, values = {}, now = systemClock.now(), hasBack = false, draftToken = null } = input;
  const t = TEXT[lang];
  const pages = [...new Set(survey.questions.filter((q) => q.type !== 'hidden').map(pageOf))].sort((a, b) => a - b);
  const page = input.page ?? shownPages(survey.questions, values)[0] ?? 1;
  const shown = shownKeys(survey.questions, values);
  const visible = questionsOnPage(survey.questions, values, page);
  const before = survey.questions.filter((q) => q.type !== 'hidden' && shown.has(q.key) && pageOf(q) < page).length;
  const isLast = !pages.some((p) => p > page);
  const hidden = survey.questions.filter((q) => q.type === 'hidden' && typeof values[q.key] === 'string');
  const bad = visible.filter((q) => errors[q.key]);
  const pipe = pipeValues(input.pipe, lang);
  const title = (q: Question) => esc(pipeText(q.title[lang], pipe, lang));
  const other = t.otherLang.lang;
  const switchQuery = new URLSearchParams([['lang', other], ...hidden.map((q): [string, string] => [q.key, String(values[q.key])])]);
  // An anonymous link's later pages switch language by a post that carries the draft (a plain link would start over).
  const langSwitch = draftToken
    ? `<form method="post" action="/s/${esc(link.token)}"><input type="hidden" name="nav" value="lang"><input type="hidden" name="lang" value="${other}"><input type="hidden" name="page" value="${page}"><input type="hidden" name="draft" value="${esc(draftToken)}"><button class="lnk" lang="${other}">${t.otherLang.label}</button></form>`
    : `<a href="?${esc(switchQuery.toString())}${link.personal && page !== pages[0] ? `&amp;page=${page}` : ''}" lang="${other}" hreflang="${other}">${t.otherLang.label}</a>`;
  const summary = bad.length
    ? `<div class="sum" role="alert"><p>${t.errorSummary}</p><ul>${bad.map((q) => `<li><a href="#q-${q.key}">${title(q)}</a></li>`).join('')}</ul></div>`
    : '';
  const index = pages.indexOf(page) + 1;
  const progress = pages.length > 1 ? `<div class="prog"><span>${t.progress(index, pages.length)}</span><progress max="${pages.length}" value="${index}" aria-hidden="true"></progress></div>` : '';
  const intro = page === pages[0] ? `<p class="lead">${t.intro}${visible.some((q) => q.required) ? `<br>${t.requiredHint}` : ''}${pages.length > 1 && link.personal ? `<br>${t.savedHint}` : ''}</p>` : '';
  const back = hasBack ? `<button type="submit" name="nav" value="back" class="back" formnovalidate>${t.back}</button>` : '';
  const body = `<div class="top">${langSwitch}</div>
<h1>${esc(survey.name)}</h1>${intro}${progress}${summary}
<form method="post" action="/s/${esc(link.token)}" accept-charset="UTF-8">
${visible.map((q, i) => renderQuestion(q, title(q), before + i + 1, lang, errors[q.key], values[q.key])).join('\n')}
${hidden.map((q) => `<input type="hidden" name="${q.key}" value="${esc(String(values[q.key]))}">`).join('')}<input type="hidden" name="lang" value="${lang}"><input type="hidden" name="page" value="${page}"><input type="hidden" name="renderedAt" value="${now.getTime()}">${draftToken ? `<input type="hidden" name="draft" value="${esc(draftToken)}">` : ''}
<div class="hp" aria-hidden="true"><label for="website">Leave empty / 请留空</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<div class="nav"><button type="submit" name="nav" value="next">${isLast ? t.submit : t.next}</button>${back}</div>
</form><p class="foot">${t.footer}</p>`;
  return htmlPage(lang, survey.name, body);
}

/** The page after a successful submit. */
export function renderThankYouPage(lang: Lang, { surveyName }: { surveyName: string }): string {
  const t = TEXT[lang];
  return htmlPage(lang, t.thanksTitle, `<div class="card"><h1>${t.thanksTitle}</h1><p>${t.thanksBody}</p><p class="lead">${esc(surveyName)}</p></div>`);
}

/** A friendly page for a link that cannot be answered, in the chosen language with the other beneath; send it with LINK_PROBLEM_STATUS[kind]. */
export function renderLinkProblemPage(kind: LinkProblem, lang: Lang): string {
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
  const [title, text] = TEXT[lang].problems[kind];
  const [otherTitle, otherText] = TEXT[other].problems[kind];
  return htmlPage(lang, title, `<div class="card"><h1>${title}</h1><p>${text}</p><p class="alt" lang="${other}"><strong>${otherTitle}</strong><br>${otherText}</p></div>`);
}

/**
 * The respondent's language: an explicit `?lang=` (the switch link), else the
 * link's, else the browser's first supported Accept-Language (zh* → zh-CN), else en.
 */
export function chooseLanguage(requested: unknown, linkLang: Lang | null, acceptLanguage: string | undefined): Lang {
  const asked = typeof requested === 'string' ? toLang(requested) : null;
  if (asked) return asked;
  if (linkLang) return linkLang;
  const ranked = (acceptLanguage ?? '')
    .slice(0, 500)
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean) ?? 1);
      return { lang: toLang(tag.trim()), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.lang && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.lang ?? 'en';
}

export interface SurveyForm {
  answers: Answers;
  /** The honeypot's content: anything but '' means a bot filled the form. */
  honeypot: string;
  renderedAt: Date | null;
  lang: Lang | null;
}

/** Reads a posted survey form back into answers (the inverse of renderSurveyPage): scales become numbers, checkboxes lists, blanks are left out. */
export function readSurveyForm(questions: Question[], form: Record<string, unknown>): SurveyForm {
  const answers: Answers = {};
  for (const q of questions) {
    const raw = form[q.key];
    const given = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    const filled = given.map((v) => (q.type === 'text' ? v.trim() : v)).filter((v) => v !== '');
    if (filled.length === 0) continue;
    const [first] = filled as [string];
    const isScale = q.type === 'rating' || q.type in SCALES;
    // Several values for a one-value question stay a list, which validateAnswers refuses.
    answers[q.key] = q.type === 'multi' || filled.length > 1 ? filled : isScale && /^\d{1,2}$/.test(first) ? Number(first) : first;
  }
  const stamp = typeof form.renderedAt === 'string' && /^\d{1,15}$/.test(form.renderedAt) ? new Date(Number(form.renderedAt)) : null;
  return {
    answers,
    honeypot: typeof form.website === 'string' ? form.website : '',
    renderedAt: stamp,
    lang: typeof form.lang === 'string' ? toLang(form.lang) : null,
  };
}

/** Sends a public page: HTML, a CSP that allows no script, never cached (a personal link's page is personal). */
export function sendPublicPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .send(html);
}

function toLang(tag: string): Lang | null {
  const lower = tag.toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
}

function htmlPage(lang: Lang, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${CSS}</style></head><body><main>
${body}
</main></body></html>`;
}

function renderQuestion(q: Question, piped: string, n: number, lang: Lang, error: string | undefined, value: Answers[string] | undefined): string {
  const id = `q-${q.key}`;
  const title = `${n}. ${piped}${q.required ? ' <span class="req" aria-hidden="true">*</span>' : ''}`;
  const req = q.required ? ' required' : '';
  const errId = `${q.key}-err`;
  const err = error ? `<p class="err" id="${errId}">${error === 'an answer is required' ? TEXT[lang].errorRequired : TEXT[lang].errorInvalid}</p>` : '';
  const cls = error ? 'q bad' : 'q';
  if (q.type === 'text') {
    const described = error ? ` aria-describedby="${errId}" aria-invalid="true"` : '';
    return `<div class="${cls}"><label class="t" for="${id}">${title}</label><textarea id="${id}" name="${q.key}" rows="4" maxlength="5000"${req}${described}>${esc(typeof value === 'string' ? value : '')}</textarea>${err}</div>`;
  }
  const chosen = new Set((Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String));
  const checked = (v: string) => (chosen.has(v) ? ' checked' : '');
  if (q.type === 'single' || q.type === 'multi') {
    const [type, attrs] = q.type === 'single' ? ['radio', req] : ['checkbox', ''];
    const options = q.options!.map(
      (o) => `<label class="opt"><input type="${type}" name="${q.key}" value="${esc(o.value)}"${attrs}${checked(o.value)}>${esc(o.label[lang])}</label>`,
    );
    return `<fieldset class="${cls}" id="${id}"${error ? ` aria-describedby="${errId}"` : ''}><legend class="t">${title}</legend>${options.join('')}${err}</fieldset>`;
  }
  const { min, max } = SCALES[q.type] ?? q.scale ?? { min: 1, max: 5 };
  const [low, high] = TEXT[lang].ends[q.type as keyof (typeof TEXT)[Lang]['ends']];
  const points = Array.from({ length: max - min + 1 }, (_, i) => String(min + i));
  const buttons = points.map((p) => `<label><input type="radio" name="${q.key}" value="${p}"${req}${checked(p)}><span>${p}</span></label>`);
  const described = [`${q.key}-ends`, ...(error ? [errId] : [])].join(' ');
  return `<fieldset class="${cls}" id="${id}" aria-describedby="${described}"><legend class="t">${title}</legend><div class="scale s${points.length}">${buttons.join('')}</div><div class="ends" id="${q.key}-ends"><span>${min} ${low}</span><span>${max} ${high}</span></div>${err}</fieldset>`;
}
