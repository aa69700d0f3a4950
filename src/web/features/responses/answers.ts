import { pipeText, type PipeValues } from '../../../contracts/survey-logic.ts';
import type { Lang, Question } from '../../../contracts/surveys.ts';

/** How one answer is shown, decided by its question's type. */
export type AnswerView =
  | { kind: 'score'; scale: 'nps' | 'csat' | 'ces' | 'rating'; value: number; min: number; max: number }
  | { kind: 'choices'; labels: string[] }
  | { kind: 'text'; text: string }
  | { kind: 'hidden'; text: string }
  | { kind: 'none' };

const SCALES = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } } as const;

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Turns a stored answer into what the page shows: scores with their scale, choices by their
 * label in the UI language (an option removed since then keeps its raw value), text as is.
 */
export function answerView(question: Question, value: unknown, lang: Lang): AnswerView {
  if (isBlank(value)) return { kind: 'none' };
  switch (question.type) {
    case 'nps':
    case 'csat':
    case 'ces':
    case 'rating': {
      if (typeof value !== 'number') return { kind: 'text', text: String(value) };
      const { min, max } = question.type === 'rating' ? (question.scale ?? { min: 1, max: 5 }) : SCALES[question.type];
      return { kind: 'score', scale: question.type, value, min, max };
    }
    case 'single':
    case 'multi': {
      const values = Array.isArray(value) ? value.map(String) : [String(value)];
      const label = (v: string) => question.options?.find((o) => o.value === v)?.label[lang] ?? v;
      return { kind: 'choices', labels: values.map(label) };
    }
    case 'text':
      return { kind: 'text', text: String(value) };
    case 'hidden':
      return { kind: 'hidden', text: typeof value === 'string' ? value : JSON.stringify(value) };
  }
}

/**
 * A question's title in the UI language first, the other language beneath (omitted when identical), with the
 * placeholders it pipes filled as the respondent read them (the response's employee, unit and touchpoint).
 */
export function questionTitles(question: Question, lang: Lang, pipe: PipeValues = {}): { primary: string; secondary: string | null } {
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
  const primary = pipeText(question.title[lang], pipe, lang);
  // The unit and touchpoint names come in the UI language; beneath, in the other language, neutral words stand in.
  const secondary = pipeText(question.title[other], { 'employee.name': pipe['employee.name'] }, other);
  return { primary, secondary: secondary && secondary !== primary ? secondary : null };
}

/** Answers whose key no question of the version has (kept by an older import, say), so nothing is hidden. */
export function strayAnswers(questions: readonly Question[], answers: Record<string, unknown>): [string, unknown][] {
  const keys = new Set(questions.map((q) => q.key));
  return Object.entries(answers).filter(([key, value]) => !keys.has(key) && !isBlank(value));
}

/** A comment cut to `max` characters (by code point, so a Chinese or emoji character is never split). */
export function excerpt(text: string | null, max = 60): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}
