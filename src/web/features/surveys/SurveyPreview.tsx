import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Flex, Input, Radio, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pageOf, pipeText, questionsOnPage, shownPages, withoutUnasked, type PipeValues } from '../../../contracts/survey-logic.ts';
import { validateAnswers, type AnswerValue } from '../../../contracts/surveys.ts';
import { scaleOf } from './questions.ts';
import type { Lang, Question } from './surveys.api.ts';

const LANGUAGES: { value: Lang; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

/** Labels under the ends of the standard scales. */
const ENDS = {
  nps: ['notLikely', 'veryLikely'],
  csat: ['veryDissatisfied', 'verySatisfied'],
  ces: ['veryDifficult', 'veryEasy'],
} as const;

/** The survey as a respondent sees it, one page at a time following its conditions, in a language chosen here (not the UI's); answers are checked, never sent. */
export function SurveyPreview({ name, questions }: { name: string; questions: Question[] }) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<Lang>(i18n.resolvedLanguage === 'en' ? 'en' : 'zh-CN');
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [errors, setErrors] = useState<Record<string, string> | null>(null);
  const [page, setPage] = useState(1);
  const pt = i18n.getFixedT(lang);
  const known = new Set(questions.map((q) => q.key));
  // Answers to questions deleted or no longer asked (an earlier answer changed) are left out, as the server does.
  const given = withoutUnasked(questions, Object.fromEntries(Object.entries(answers).filter(([k]) => known.has(k))));
  const pages = shownPages(questions, given);
  const allPages = [...new Set(questions.filter((q) => q.type !== 'hidden').map(pageOf))].sort((a, b) => a - b);
  const current = pages.includes(page) ? page : (pages.filter((p) => p < page).at(-1) ?? pages[0] ?? 1);
  const onPage = questionsOnPage(questions, given, current);
  const previous = pages.filter((p) => p < current).at(-1);
  const next = pages.find((p) => p > current);
  const isLast = !allPages.some((p) => p > current);
  const sample: PipeValues = { 'employee.name': pt('surveys.pager.sampleEmployee'), 'unit.name': pt('surveys.pager.sampleUnit'), touchpoint: pt('surveys.pager.sampleTouchpoint') };
  const answer = (key: string, value: AnswerValue) => {
    setAnswers((all) => ({ ...all, [key]: value }));
    setErrors(null);
  };
  const go = (to: number) => {
    setPage(to);
    setErrors(null);
  };
  const submit = () => {
    const problems = validateAnswers(questions, given, { requiredThroughPage: current });
    const here = Object.fromEntries(Object.entries(problems).filter(([k]) => onPage.some((q) => q.key === k)));
    if (next !== undefined && Object.keys(here).length === 0) return go(next);
    setErrors(next === undefined ? validateAnswers(questions, given) : here);
  };
  const restart = () => {
    setAnswers({});
    go(1);
  };

  return (
    <Card
      className="survey-preview"
      title={t('surveys.preview.title')}
      extra={
        <Segmented<Lang>
          size="small"
          aria-label={t('surveys.preview.language')}
          options={LANGUAGES}
          value={lang}
          onChange={setLang}
          data-testid="preview-language"
        />
      }
    >
      <div lang={lang} className="survey-preview__page" data-testid="survey-preview">
        <Typography.Title level={4}>{name}</Typography.Title>
        {questions.length === 0 && <Empty description={t('surveys.preview.empty')} />}
        {allPages.length > 1 && (
          <Flex justify="space-between" align="center" className="survey-preview__progress">
            <Typography.Text type="secondary" data-testid="preview-progress">
              {pt('surveys.pager.progress', { page: allPages.indexOf(current) + 1, count: allPages.length })}
            </Typography.Text>
            <Button size="small" type="link" onClick={restart}>
              {pt('surveys.pager.restart')}
            </Button>
          </Flex>
        )}
        {current === (pages[0] ?? 1) &&
          questions
            .filter((q) => q.type === 'hidden')
            .map((q, i) => (
              <Typography.Paragraph key={`h${i}-${q.key}`} type="secondary" className="survey-preview__hidden">
                {pt('surveys.respondent.hidden', { key: q.key })}
              </Typography.Paragraph>
            ))}
        {onPage.map((q, i) => {
          const error = errors?.[q.key];
          return (
            <fieldset key={`${i}-${q.key}`} className="survey-preview__question">
              <legend>
                {pipeText(q.title[lang], sample, lang)}
                {q.required && (
                  <span className="survey-preview__required" title={pt('surveys.respondent.required')}>
                    {' '}*
                  </span>
                )}
              </legend>
              <Answer q={q} lang={lang} value={answers[q.key]} onChange={(v) => answer(q.key, v)} />
              {error && (
                <Typography.Text type="danger" role="alert">
                  {pt(error === 'an answer is required' ? 'surveys.respondent.answerRequired' : 'surveys.respondent.answerInvalid')}
                </Typography.Text>
              )}
            </fieldset>
          );
        })}
        {questions.length > 0 && (
          <Space orientation="vertical" className="survey-preview__footer">
            {errors && Object.keys(errors).length === 0 && <Alert type="success" showIcon title={pt('surveys.respondent.allGood')} />}
            <Flex gap={8}>
              {previous !== undefined && (
                <Button block autoInsertSpace={false} onClick={() => go(previous)} data-testid="preview-back">
                  {pt('surveys.pager.back')}
                </Button>
              )}
              <Button type="primary" block autoInsertSpace={false} onClick={submit} data-testid="preview-submit">
                {pt(isLast || next === undefined ? 'surveys.respondent.submit' : 'surveys.pager.next')}
              </Button>
            </Flex>
          </Space>
        )}
      </div>
    </Card>
  );
}

function Answer({ q, lang, value, onChange }: { q: Question; lang: Lang; value: AnswerValue | undefined; onChange: (v: AnswerValue) => void }) {
  const pt = useTranslation().i18n.getFixedT(lang);
  const scale = scaleOf(q);
  if (scale) {
    const points = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
    const ends = q.type === 'rating' ? null : ENDS[q.type as keyof typeof ENDS];
    return (
      <div>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          className={`survey-preview__scale survey-preview__scale--${points.length}`}
          value={value}
          onChange={(e) => onChange(e.target.value as number)}
          options={points.map((p) => ({ value: p, label: String(p) }))}
        />
        {ends && (
          <Flex justify="space-between" className="survey-preview__ends">
            <Typography.Text type="secondary">{pt(`surveys.respondent.${ends[0]}`)}</Typography.Text>
            <Typography.Text type="secondary">{pt(`surveys.respondent.${ends[1]}`)}</Typography.Text>
          </Flex>
        )}
      </div>
    );
  }
  if (q.type === 'single') {
    return (
      <Radio.Group
        className="survey-preview__choices"
        value={value}
        onChange={(e) => onChange(e.target.value as string)}
        options={(q.options ?? []).map((o) => ({ value: o.value, label: o.label[lang] || o.value }))}
      />
    );
  }
  if (q.type === 'multi') {
    return (
      <Checkbox.Group
        className="survey-preview__choices"
        value={Array.isArray(value) ? value : []}
        onChange={(v) => onChange(v)}
        options={(q.options ?? []).map((o) => ({ value: o.value, label: o.label[lang] || o.value }))}
      />
    );
  }
  return (
    <Input.TextArea
      rows={3}
      placeholder={pt('surveys.respondent.typeHere')}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
