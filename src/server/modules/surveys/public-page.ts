import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Answers, Lang, Question } from '../../../contracts/surveys.ts';
import { systemClock } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { resolveLink, type ResolvedLink } from './links.service.ts';
import { CSS, TEXT, type LinkProblem } from './public-page.text.ts';
import { getSurveyVersion, type SurveyVersion } from './surveys.service.ts';

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
  /** Answers to show again (after errors) and hidden fields' values. */
  values?: Answers;
  /** Stamped into `renderedAt` for the too-fast-to-be-human check; the clock's now. */
  now?: Date;
}

/**
 * The survey as one server-rendered HTML page: a plain form that POSTs to
 * /s/:token and works with JavaScript off, every control labelled, scales as
 * radio groups in fieldsets, a honeypot and a `renderedAt` stamp.
 */
export function renderSurveyPage({ survey, link, lang, errors = {}, values = {}, now = systemClock.now() }: SurveyPageInput): string {
  const t = TEXT[lang];
  const visible = survey.questions.filter((q) => q.type !== 'hidden');
  const hidden = survey.questions.filter((q) => q.type === 'hidden' && typeof values[q.key] === 'string');
  const bad = visible.filter((q) => errors[q.key]);
  const switchQuery = new URLSearchParams([['lang', t.otherLang.lang], ...hidden.map((q): [string, string] => [q.key, String(values[q.key])])]);
  const summary = bad.length
    ? `<div class="sum" role="alert"><p>${t.errorSummary}</p><ul>${bad.map((q) => `<li><a href="#q-${q.key}">${esc(q.title[lang])}</a></li>`).join('')}</ul></div>`
    : '';
  const body = `<div class="top"><a href="?${esc(switchQuery.toString())}" lang="${t.otherLang.lang}" hreflang="${t.otherLang.lang}">${t.otherLang.label}</a></div>
<h1>${esc(survey.name)}</h1><p class="lead">${t.intro}${visible.some((q) => q.required) ? `<br>${t.requiredHint}` : ''}</p>${summary}
<form method="post" action="/s/${esc(link.token)}" accept-charset="UTF-8">
${visible.map((q, i) => renderQuestion(q, i + 1, lang, errors[q.key], values[q.key])).join('\n')}
${hidden.map((q) => `<input type="hidden" name="${q.key}" value="${esc(String(values[q.key]))}">`).join('')}<input type="hidden" name="lang" value="${lang}"><input type="hidden" name="renderedAt" value="${now.getTime()}">
<div class="hp" aria-hidden="true"><label for="website">Leave empty / 请留空</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${t.submit}</button>
</form><p class="foot">${t.footer}</p>`;
  return page(lang, survey.name, body);
}

/** The page after a successful submit. */
export function renderThankYouPage(lang: Lang, { surveyName }: { surveyName: string }): string {
  const t = TEXT[lang];
  return page(lang, t.thanksTitle, `<div class="card"><h1>${t.thanksTitle}</h1><p>${t.thanksBody}</p><p class="lead">${esc(surveyName)}</p></div>`);
}

/** A friendly page for a link that cannot be answered, in the chosen language with the other beneath; send it with LINK_PROBLEM_STATUS[kind]. */
export function renderLinkProblemPage(kind: LinkProblem, lang: Lang): string {
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
  const [title, text] = TEXT[lang].problems[kind];
  const [otherTitle, otherText] = TEXT[other].problems[kind];
  return page(lang, title, `<div class="card"><h1>${title}</h1><p>${text}</p><p class="alt" lang="${other}"><strong>${otherTitle}</strong><br>${otherText}</p></div>`);
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

/** `GET /s/:token`: the public response page (no login; rate-limited per address). */
export function registerPublicPageRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/s/:token',
    { config: { auth: false, rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (req, reply) => {
      const { token } = req.params as { token: string };
      const query = req.query as Record<string, string | string[] | undefined>;
      const link = await resolveLink(ctx, token);
      const lang = chooseLanguage(query.lang, link?.lang ?? null, req.headers['accept-language']);
      const problem = (kind: LinkProblem) => sendPublicPage(reply, LINK_PROBLEM_STATUS[kind], renderLinkProblemPage(kind, lang));
      if (!link) return problem('unknown');
      const now = ctx.clock.now();
      if (link.expiresAt && link.expiresAt <= now) return problem('expired');
      if (link.personal && link.usedAt) return problem('answered');
      const survey = await ctx.db.tenant(link.orgId, (tx) => getSurveyVersion(tx, link.orgId, link.surveyId));
      if (!survey || survey.status === 'closed') return problem('closed');
      // Hidden fields arrive in the link's query string (?order=123) and travel with the form.
      const values: Answers = {};
      for (const q of survey.questions) {
        const v = query[q.key];
        if (q.type === 'hidden' && typeof v === 'string' && v.length <= 500) values[q.key] = v;
      }
      return sendPublicPage(reply, 200, renderSurveyPage({ survey, link, lang, values, now }));
    },
  );
}

function toLang(tag: string): Lang | null {
  const lower = tag.toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
}

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${CSS}</style></head><body><main>
${body}
</main></body></html>`;
}

function renderQuestion(q: Question, n: number, lang: Lang, error: string | undefined, value: Answers[string] | undefined): string {
  const id = `q-${q.key}`;
  const title = `${n}. ${esc(q.title[lang])}${q.required ? ' <span class="req" aria-hidden="true">*</span>' : ''}`;
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
