import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Flex, Input, Radio, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
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

/** The survey as a respondent sees it, in a language chosen here (not the UI's); answers are checked, never sent. */
export function SurveyPreview({ name, questions }: { name: string; questions: Question[] }) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<Lang>(i18n.resolvedLanguage === 'en' ? 'en' : 'zh-CN');
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [errors, setErrors] = useState<Record<string, string> | null>(null);
  const pt = i18n.getFixedT(lang);
  const answer = (key: string, value: AnswerValue) => {
    setAnswers((all) => ({ ...all, [key]: value }));
    setErrors(null);
  };
  const check = () => {
    const known = new Set(questions.map((q) => q.key));
    setErrors(validateAnswers(questions, Object.fromEntries(Object.entries(answers).filter(([k]) => known.has(k)))));
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
        {questions.map((q, i) => {
          if (q.type === 'hidden') {
            return (
              <Typography.Paragraph key={`${i}-${q.key}`} type="secondary" className="survey-preview__hidden">
                {pt('surveys.respondent.hidden', { key: q.key })}
              </Typography.Paragraph>
            );
          }
          const error = errors?.[q.key];
          return (
            <fieldset key={`${i}-${q.key}`} className="survey-preview__question">
              <legend>
                {q.title[lang]}
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
            <Button type="primary" block autoInsertSpace={false} onClick={check}>
              {pt('surveys.respondent.submit')}
            </Button>
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
