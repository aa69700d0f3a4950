import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateSurveySchema } from '../../../contracts/surveys.ts';
import { ApiError } from '../../shared/api/client.ts';
import { locateIssue, type FieldIssue } from './questions.ts';
import type { SurveyInput } from './surveys.api.ts';

/** Issues with a survey before it is sent, in the API's `{field, message}` form; empty when it can be saved. */
export function checkSurvey(input: SurveyInput): FieldIssue[] {
  const result = CreateSurveySchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    // Survey-logic issues carry their own code (see checkSurveyLogic), so they can be said in the UI's language.
    const logic = issue.code === 'custom' ? (issue.params as { logic?: string } | undefined)?.logic : undefined;
    return { field: ['body', ...issue.path.map(String)].join('.'), message: `#${logic ? `logic_${logic}` : issue.code}|${issue.message}` };
  });
}

/** The `{field, message}` issues of a 400 from the API, or none. */
export function apiIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError)) return [];
  const issues = error.details.issues;
  return Array.isArray(issues) ? (issues as FieldIssue[]).filter((i) => typeof i?.field === 'string') : [];
}

const PARTS: Record<string, string> = {
  name: 'surveys.name',
  key: 'surveys.builder.key',
  'title.zh-CN': 'surveys.builder.titleZh',
  'title.en': 'surveys.builder.titleEn',
  questions: 'surveys.builder.questions',
  options: 'surveys.builder.options',
  scale: 'surveys.builder.scaleMax',
  'scale.min': 'surveys.builder.scaleMin',
  'scale.max': 'surveys.builder.scaleMax',
  page: 'surveys.logic.page',
  showIf: 'surveys.logic.showIf',
};
const CODES: Record<string, string> = {
  too_small: 'surveys.issues.tooSmall',
  too_big: 'surveys.issues.tooBig',
  invalid_format: 'surveys.issues.format',
};

/** Turns an issue into "Question 2 · Title (English): is empty or too short", in the UI language. */
export function useIssueText(): (issue: FieldIssue) => string {
  const { t } = useTranslation();
  return useCallback(
    (issue: FieldIssue) => {
      const { question, part } = locateIssue(issue.field);
      const [, code = '', raw = ''] = /^#([a-z_]+)\|(.*)$/s.exec(issue.message) ?? [null, '', issue.message];
      const optionPart = /^options\.(\d+)\.(.*)$/.exec(part);
      const partKey = PARTS[optionPart ? 'options' : part.startsWith('showIf') ? 'showIf' : part];
      const where = [
        question ? t('surveys.issues.question', { number: question }) : t('surveys.issues.survey'),
        partKey ? t(partKey as 'surveys.name') : part,
        optionPart ? `#${Number(optionPart[1]) + 1}` : '',
      ].filter(Boolean);
      let what = CODES[code] ? t(CODES[code] as 'surveys.issues.format') : raw;
      if (code.startsWith('logic_')) {
        what = t(`surveys.issuesLogic.${code.slice(6)}` as 'surveys.issuesLogic.bad_value', { a: '{{employee.name}}', b: '{{unit.name}}', c: '{{touchpoint}}' });
      }
      if (question === null && part === 'questions' && /unique/.test(raw)) what = t('surveys.issues.duplicateKeys');
      return `${where.join(' · ')}: ${what}`;
    },
    [t],
  );
}
