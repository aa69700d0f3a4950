import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PipeValues } from '../../../contracts/survey-logic.ts';
import type { Question } from '../../../contracts/surveys.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { answerView, questionTitles, strayAnswers, type AnswerView } from './answers.ts';
import { ScoreTag } from './ScoreTags.tsx';

/**
 * Each question of the version answered, titled in both languages (placeholders filled from `pipe`), with the answer
 * shown as its type reads best.
 */
export function AnswerList({ questions, answers, pipe }: { questions: readonly Question[]; answers: Record<string, unknown>; pipe?: PipeValues }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const stray = strayAnswers(questions, answers);
  return (
    <div className="response-answers" data-testid="response-answers">
      {questions.map((q, index) => {
        const titles = questionTitles(q, language, pipe);
        return (
          <div className="response-answer" key={q.key} data-testid={`answer-${q.key}`}>
            <div className="response-answer__title">
              {index + 1}. {titles.primary}{' '}
              <Tag variant="outlined" className="response-answer__type">
                {t(`surveys.types.${q.type}`)}
              </Tag>
            </div>
            {titles.secondary && (
              <Typography.Text type="secondary" className="response-answer__subtitle">
                {titles.secondary}
              </Typography.Text>
            )}
            <div className="response-answer__value">
              <AnswerValue view={answerView(q, answers[q.key], language)} />
            </div>
          </div>
        );
      })}
      {stray.length > 0 && (
        <div className="response-answer">
          <div className="response-answer__title">{t('responses.detail.otherAnswers')}</div>
          {stray.map(([key, value]) => (
            <div key={key} className="response-answer__value">
              <Typography.Text code>{key}</Typography.Text> {typeof value === 'string' ? value : JSON.stringify(value)}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function AnswerValue({ view }: { view: AnswerView }) {
  const { t } = useTranslation();
  switch (view.kind) {
    case 'none':
      return <Typography.Text type="secondary">{t('responses.detail.unanswered')}</Typography.Text>;
    case 'score':
      return view.scale === 'rating' ? (
        <Tag variant="filled" className="score-tag">
          {t('responses.outOf', { value: view.value, max: view.max })}
        </Tag>
      ) : (
        <ScoreTag kind={view.scale} value={view.value} withMax />
      );
    case 'choices':
      return (
        <Space size={4} wrap>
          {view.labels.map((label) => (
            <Tag key={label} color="blue" variant="outlined">
              {label}
            </Tag>
          ))}
        </Space>
      );
    case 'text':
      return <Typography.Paragraph className="response-answer__text">{view.text}</Typography.Paragraph>;
    case 'hidden':
      return (
        <Typography.Text>
          <Typography.Text type="secondary">{t('responses.detail.hidden')}: </Typography.Text>
          <Typography.Text code>{view.text}</Typography.Text>
        </Typography.Text>
      );
  }
}
