import type { ReactNode } from 'react';
import { Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage, useLocalizedName } from '../../shared/i18n/use-language.ts';
import { useById, useUnits } from '../org/index.ts';
import { AnswerList } from './AnswerList.tsx';
import type { ResponseDetail } from './responses.api.ts';
import { ScoreTag } from './ScoreTags.tsx';
import { headlineScores } from './scores.ts';
import { useCodeLabel } from './use-code-label.ts';

/** A titled block of the detail; `empty` replaces the fields when nothing is joined. */
function Section({ title, testId, empty, children }: { title: string; testId: string; empty?: string | false; children?: ReactNode }) {
  return (
    <section className="response-detail__section" data-testid={testId}>
      <Typography.Title level={5}>{title}</Typography.Title>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> : children}
    </section>
  );
}

const SENTIMENT_COLOURS = { positive: 'green', neutral: 'default', negative: 'red' } as const;

/** One response: its scores and comment, then Response, Customer, Interaction, Employee and Answers. */
export function ResponseDetailView({ response: r }: { response: ResponseDetail }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const localizedName = useLocalizedName();
  const codeLabel = useCodeLabel();
  const unitsById = useById(useUnits().data);
  const none = t('common.none');
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const when = (iso: string) => dateTime.format(new Date(iso));
  const amount = (value: number | null) => (value === null ? none : number.format(value));
  const yesNo = (value: boolean | null) => (value === null ? none : value ? t('common.yes') : t('common.no'));
  const unitName = (id: string | null | undefined) => localizedName(id ? unitsById.get(id) : undefined) || none;
  const customer = r.customer;
  const interaction = r.interaction;
  const employee = r.employee;
  const scores = headlineScores(r);

  return (
    <div className="response-detail" data-testid="response-detail">
      {scores.length > 0 && (
        <Space size={8} className="response-detail__scores" data-testid="response-scores">
          {scores.map((s) => (
            <ScoreTag key={s.kind} kind={s.kind} value={s.value} withMax />
          ))}
        </Space>
      )}
      {r.comment && (
        <blockquote className="response-detail__comment" data-testid="response-comment">
          {r.comment}
        </blockquote>
      )}
      {r.analysis && (
        <Space size={[8, 8]} wrap className="response-detail__analysis" data-testid="response-analysis">
          <Tag color={SENTIMENT_COLOURS[r.analysis.sentiment]}>
            {t(`responses.analysis.${r.analysis.sentiment}`)} {r.analysis.score.toFixed(2)}
          </Tag>
          {r.analysis.isPraise && <Tag color="magenta">{t('responses.analysis.praise')}</Tag>}
          {r.analysis.keywords.slice(0, 6).map((k) => (
            <Tag key={k} variant="outlined">
              {k}
            </Tag>
          ))}
        </Space>
      )}

      <Section title={t('responses.detail.response')} testId="section-response">
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label={t('responses.fields.survey')} span={2}>
            {r.survey?.name ?? none}{' '}
            <Tag variant="outlined">{t('surveys.versionValue', { version: r.surveyVersion })}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('responses.fields.submittedAt')}>{when(r.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('responses.fields.language')}>{codeLabel('languages', r.lang)}</Descriptions.Item>
          <Descriptions.Item label={t('responses.fields.unit')}>{r.unit ? localizedName(r.unit) : none}</Descriptions.Item>
          <Descriptions.Item label={t('responses.fields.source')}>{codeLabel('sources', r.source)}</Descriptions.Item>
          <Descriptions.Item label={t('responses.fields.touchpoint')}>{codeLabel('touchpoints', r.touchpoint)}</Descriptions.Item>
          <Descriptions.Item label={t('responses.fields.channel')}>{codeLabel('channels', r.channel)}</Descriptions.Item>
          {r.flags.length > 0 && (
            <Descriptions.Item label={t('responses.fields.flags')} span={2}>
              {r.flags.map((flag) => (
                <Tag key={flag} color="orange">
                  {codeLabel('flags', flag)}
                </Tag>
              ))}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Section>

      <Section title={t('responses.detail.customer')} testId="section-customer" empty={!customer && t('responses.detail.noCustomer')}>
        {customer && (
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('responses.fields.name')}>{customer.name ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.segment')}>
              {customer.segment ? <Tag color="purple">{codeLabel('segments', customer.segment)}</Tag> : none}
            </Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.externalId')}>{customer.externalId ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.value')}>{amount(customer.value)}</Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.phone')}>{customer.phone ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.email')}>{customer.email ?? none}</Descriptions.Item>
          </Descriptions>
        )}
      </Section>

      <Section title={t('responses.detail.interaction')} testId="section-interaction" empty={!interaction && t('responses.detail.noInteraction')}>
        {interaction && (
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('responses.fields.type')}>{codeLabel('interactionTypes', interaction.type)}</Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.occurredAt')}>{when(interaction.occurredAt)}</Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.touchpoint')}>{codeLabel('touchpoints', interaction.touchpoint)}</Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.channel')}>{codeLabel('channels', interaction.channel)}</Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.unit')}>{unitName(interaction.unitId)}</Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.amount')}>{amount(interaction.amount)}</Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.fcr')}>{yesNo(interaction.resolvedFirstContact)}</Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.resolutionTime')}>
              {interaction.resolutionMinutes === null ? none : t('responses.fields.minutes', { count: interaction.resolutionMinutes })}
            </Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.converted')}>{yesNo(interaction.converted)}</Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.churned')}>{yesNo(interaction.churned)}</Descriptions.Item>
          </Descriptions>
        )}
      </Section>

      <Section title={t('responses.detail.employee')} testId="section-employee" empty={!employee && t('responses.detail.noEmployee')}>
        {employee && (
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('responses.fields.name')}>{employee.name}</Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.position')}>
              {localizedName(employee.positionName ? { name: employee.positionName, nameEn: employee.positionNameEn } : null) || none}
            </Descriptions.Item>
            <Descriptions.Item label={t('responses.fields.unit')} span={2}>
              {unitName(employee.unitId)}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Section>

      <Section title={t('responses.detail.answers')} testId="section-answers">
        {r.survey ? (
          <AnswerList
            questions={r.survey.questions}
            answers={r.answers}
            pipe={{ 'employee.name': employee?.name, 'unit.name': r.unit ? localizedName(r.unit) : null, touchpoint: r.touchpoint ? codeLabel('touchpoints', r.touchpoint) : null }}
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('responses.detail.noSurvey')}</Typography.Paragraph>
            <AnswerList questions={[]} answers={r.answers} />
          </>
        )}
      </Section>
    </div>
  );
}
