/**
 * Survey logic in one place: display conditions (`showIf`), pages and piping.
 * Server validation, the public page (no JavaScript) and the builder's live
 * preview all call these functions, so a question is shown, skipped, required
 * or refused by the same rule everywhere.
 */
import { z } from 'zod';
import type { AnswerValue, Lang, Question } from './surveys.ts';

const QUESTION_KEY = /^[a-z][a-z0-9_]{0,39}$/;
const ConditionValueSchema = z.union([z.number(), z.string().max(100)]);

/** One test on an earlier answer: `lte`/`gte` compare a score, `eq` matches one value (or is one of a multi answer's), `in` any of a list. */
export const ConditionSchema = z
  .object({
    question: z.string().regex(QUESTION_KEY, 'the key of an earlier question'),
    op: z.enum(['lte', 'gte', 'eq', 'in']),
    value: z.union([ConditionValueSchema, z.array(ConditionValueSchema).min(1).max(30)]),
  })
  .refine((c) => (c.op === 'in') === Array.isArray(c.value), { message: '"in" takes a list of values; the other operators one value', path: ['value'] })
  .refine((c) => (c.op !== 'lte' && c.op !== 'gte') || typeof c.value === 'number', { message: 'lte and gte compare with a number', path: ['value'] });
export type Condition = z.infer<typeof ConditionSchema>;

/** A question's display condition: one condition, or all / any of several. Absent means always shown. */
export const ShowIfSchema = z.union([
  ConditionSchema,
  z.strictObject({ all: z.array(ConditionSchema).min(1).max(10) }),
  z.strictObject({ any: z.array(ConditionSchema).min(1).max(10) }),
]);
export type ShowIf = z.infer<typeof ShowIfSchema>;

export const MAX_PAGE = 20;
/** A question's page (1 when not set). */
export const pageOf = (q: Pick<Question, 'page'>): number => q.page ?? 1;

/** The conditions a `showIf` is made of, in order. */
export function conditionsOf(showIf: ShowIf | undefined): Condition[] {
  if (!showIf) return [];
  if ('all' in showIf) return showIf.all;
  if ('any' in showIf) return showIf.any;
  return [showIf];
}

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => a === b || ((typeof a === 'number' || typeof a === 'string') && String(a) === String(b));

/** Whether one condition holds for the answers; an unanswered question never satisfies a condition. */
export function evaluateCondition(c: Condition, answers: Readonly<Record<string, unknown>>): boolean {
  const v = answers[c.question];
  if (isBlank(v)) return false;
  const given = Array.isArray(v) ? v : [v];
  switch (c.op) {
    case 'lte':
      return typeof v === 'number' && v <= (c.value as number);
    case 'gte':
      return typeof v === 'number' && v >= (c.value as number);
    case 'eq':
      return given.some((x) => same(x, c.value));
    case 'in':
      return given.some((x) => (c.value as unknown[]).some((y) => same(x, y)));
  }
}

/** Whether a `showIf` holds (true when there is none). */
export function isShown(showIf: ShowIf | undefined, answers: Readonly<Record<string, unknown>>): boolean {
  if (!showIf) return true;
  if ('all' in showIf) return showIf.all.every((c) => evaluateCondition(c, answers));
  if ('any' in showIf) return showIf.any.some((c) => evaluateCondition(c, answers));
  return evaluateCondition(showIf, answers);
}

/**
 * The keys of the questions a respondent with these answers is asked, in
 * order. Only answers to questions that are themselves asked count, so a
 * chain (C depends on B, which depends on A) follows through.
 */
export function shownKeys(questions: readonly Question[], answers: Readonly<Record<string, unknown>>): Set<string> {
  const shown = new Set<string>();
  const counted: Record<string, unknown> = {};
  for (const q of questions) {
    if (!isShown(q.showIf, counted)) continue;
    shown.add(q.key);
    if (!isBlank(answers[q.key])) counted[q.key] = answers[q.key];
  }
  return shown;
}

/** The pages, in order, that have a question the respondent sees (hidden fields are never seen). */
export function shownPages(questions: readonly Question[], answers: Readonly<Record<string, unknown>>): number[] {
  const shown = shownKeys(questions, answers);
  return [...new Set(questions.filter((q) => q.type !== 'hidden' && shown.has(q.key)).map(pageOf))].sort((a, b) => a - b);
}

/** The questions of one page a respondent sees, given the answers so far. */
export function questionsOnPage(questions: readonly Question[], answers: Readonly<Record<string, unknown>>, page: number): Question[] {
  const shown = shownKeys(questions, answers);
  return questions.filter((q) => q.type !== 'hidden' && pageOf(q) === page && shown.has(q.key));
}

/** Drops answers to questions no longer asked (an earlier answer changed), so stale answers never reach validation. */
export function withoutUnasked(questions: readonly Question[], answers: Readonly<Record<string, AnswerValue>>): Record<string, AnswerValue> {
  const shown = shownKeys(questions, answers);
  return Object.fromEntries(Object.entries(answers).filter(([key]) => shown.has(key)));
}

export type LogicIssueCode = 'pages_back' | 'unknown_placeholder' | 'unknown_question' | 'not_earlier' | 'same_page' | 'bad_value';

export interface LogicIssue {
  /** Where, relative to the survey body: `questions.3.showIf.value`. */
  field: string;
  /** Machine-readable, so the builder can say it in the UI's language. */
  code: LogicIssueCode;
  message: string;
}

const SCORE_TYPES = new Set(['nps', 'csat', 'ces', 'rating']);

/**
 * Checks pages, conditions and placeholders of a survey being saved: pages
 * never go back; a condition names an earlier question on an earlier page
 * (the page without JavaScript cannot change while it is filled in; hidden
 * fields, known from the link, may be used anywhere after them), compares
 * scores as numbers and choices by their option values; titles use only
 * known placeholders.
 */
export function checkSurveyLogic(questions: readonly Question[]): LogicIssue[] {
  const issues: LogicIssue[] = [];
  const index = new Map(questions.map((q, i) => [q.key, i]));
  questions.forEach((q, i) => {
    const at = `questions.${i}`;
    if (i > 0 && pageOf(q) < pageOf(questions[i - 1]!)) {
      issues.push({ field: `${at}.page`, code: 'pages_back', message: `pages must not go back: page ${pageOf(q)} comes after page ${pageOf(questions[i - 1]!)}` });
    }
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const name of placeholdersIn(q.title[lang])) {
        if (!PIPE_FIELDS.includes(name as PipeField)) issues.push({ field: `${at}.title.${lang}`, code: 'unknown_placeholder', message: `unknown placeholder {{${name}}}: use ${PIPE_FIELDS.map((f) => `{{${f}}}`).join(', ')}` });
      }
    }
    const conditions = conditionsOf(q.showIf);
    conditions.forEach((c, j) => {
      const where = 'all' in q.showIf! || 'any' in q.showIf! ? `${at}.showIf.${'all' in q.showIf! ? 'all' : 'any'}.${j}` : `${at}.showIf`;
      const k = index.get(c.question);
      const target = k === undefined ? undefined : questions[k]!;
      const problem: [LogicIssueCode, string] | null =
        !target
          ? ['unknown_question', `no question has the key "${c.question}"`]
          : k! >= i
            ? ['not_earlier', `"${c.question}" is not an earlier question: a condition may only refer to questions before it`]
            : target.type !== 'hidden' && pageOf(target) >= pageOf(q)
              ? ['same_page', `"${c.question}" is on the same page: put this question on a later page than the one it depends on`]
              : checkValue(c, target);
      if (problem) issues.push({ field: `${where}.${problem[0] === 'bad_value' ? 'value' : 'question'}`, code: problem[0], message: problem[1] });
    });
  });
  return issues;
}

function checkValue(c: Condition, target: Question): [LogicIssueCode, string] | null {
  const bad = (message: string): [LogicIssueCode, string] => ['bad_value', message];
  const values = Array.isArray(c.value) ? c.value : [c.value];
  if ((c.op === 'lte' || c.op === 'gte') && !SCORE_TYPES.has(target.type)) return bad(`lte and gte need a score question; "${target.key}" is ${target.type}`);
  if (target.type === 'text') return bad(`a condition cannot test the free text of "${target.key}"`);
  if (target.options) {
    const unknown = values.filter((v) => !target.options!.some((o) => o.value === String(v)));
    if (unknown.length) return bad(`${unknown.map((v) => `"${v}"`).join(', ')} is not an option of "${target.key}"`);
  }
  if (SCORE_TYPES.has(target.type) && values.some((v) => typeof v !== 'number')) return bad(`"${target.key}" is answered with a number`);
  return null;
}

/** What a title may pipe from the link's bound context. */
export const PIPE_FIELDS = ['employee.name', 'unit.name', 'touchpoint'] as const;
export type PipeField = (typeof PIPE_FIELDS)[number];
export type PipeValues = Partial<Record<PipeField, string | null>>;

const PLACEHOLDER = /\{\{\s*([^{}\s]{1,40})\s*\}\}/g;
const placeholdersIn = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

/** Words used when a link is not bound to what a title pipes (an anonymous link has no employee). */
export const PIPE_FALLBACKS: Record<Lang, Record<PipeField, string>> = {
  'zh-CN': { 'employee.name': '我们的员工', 'unit.name': '我们的门店', touchpoint: '本次服务' },
  en: { 'employee.name': 'our staff member', 'unit.name': 'our store', touchpoint: 'this service' },
};

/** Replaces `{{employee.name}}`, `{{unit.name}}` and `{{touchpoint}}` with the link's context, or a neutral word when it has none. */
export function pipeText(text: string, values: PipeValues, lang: Lang): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    (PIPE_FIELDS as readonly string[]).includes(name) ? values[name as PipeField] || PIPE_FALLBACKS[lang][name as PipeField] : whole,
  );
}
