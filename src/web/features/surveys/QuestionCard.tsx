import { Button, Card, Checkbox, Dropdown, Flex, Form, Input, InputNumber, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, BranchesOutlined, DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MAX_PAGE, PIPE_FIELDS } from '../../../contracts/survey-logic.ts';
import { LogicEditor } from './LogicEditor.tsx';
import { OptionsEditor } from './OptionsEditor.tsx';
import { scaleOf, type DraftQuestion } from './questions.ts';
import type { Lang, Question } from './surveys.api.ts';

const PLACEHOLDER_LABELS = { 'employee.name': 'employee', 'unit.name': 'unit', touchpoint: 'touchpoint' } as const;

interface QuestionCardProps {
  question: DraftQuestion;
  index: number;
  count: number;
  onChange: (next: DraftQuestion) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  /** Earlier questions its display condition may test. */
  targets: Question[];
}

/** One question in the builder: its key, both titles, required, and its type's settings. */
export function QuestionCard({ question: q, index, count, onChange, onMove, onRemove, targets }: QuestionCardProps) {
  const { t } = useTranslation();
  const number = index + 1;
  const id = (field: string) => `q-${q.uid}-${field}`;
  const scale = scaleOf(q);

  return (
    <Card
      size="small"
      className="survey-question"
      data-testid={`question-card-${index}`}
      title={
        <Space size={8}>
          <Typography.Text strong>{t('surveys.builder.question', { number })}</Typography.Text>
          <Tag color="blue" variant="filled">
            {t(`surveys.types.${q.type}`)}
          </Tag>
          {q.showIf && (
            <Tooltip title={t('surveys.logic.shownWhen')}>
              <Tag icon={<BranchesOutlined />} color="purple" variant="filled" aria-label={t('surveys.logic.shownWhen')} />
            </Tooltip>
          )}
        </Space>
      }
      extra={
        <Space size={4}>
          <Tooltip title={t('surveys.builder.moveUp', { number })}>
            <Button
              size="small"
              type="text"
              icon={<ArrowUpOutlined />}
              disabled={index === 0}
              aria-label={t('surveys.builder.moveUp', { number })}
              onClick={() => onMove(-1)}
            />
          </Tooltip>
          <Tooltip title={t('surveys.builder.moveDown', { number })}>
            <Button
              size="small"
              type="text"
              icon={<ArrowDownOutlined />}
              disabled={index === count - 1}
              aria-label={t('surveys.builder.moveDown', { number })}
              onClick={() => onMove(1)}
            />
          </Tooltip>
          <Tooltip title={t('surveys.builder.remove', { number })}>
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('surveys.builder.remove', { number })}
              onClick={onRemove}
            />
          </Tooltip>
        </Space>
      }
    >
      <Form layout="vertical" component="div" className="survey-question__form">
        <Flex gap={12} wrap align="flex-end">
          <Form.Item label={t('surveys.builder.key')} htmlFor={id('key')} tooltip={t('surveys.builder.keyHelp')} className="survey-question__key">
            <Input id={id('key')} value={q.key} maxLength={40} onChange={(e) => onChange({ ...q, key: e.target.value })} />
          </Form.Item>
          {q.type !== 'hidden' && (
            <Form.Item label={t('surveys.logic.page')} htmlFor={id('page')} tooltip={t('surveys.logic.pageHelp')}>
              <InputNumber
                id={id('page')}
                min={1}
                max={MAX_PAGE}
                precision={0}
                style={{ width: 80 }}
                value={q.page ?? 1}
                onChange={(page) => onChange({ ...q, page: page && page > 1 ? page : undefined })}
              />
            </Form.Item>
          )}
          {q.type !== 'hidden' && (
            <Form.Item>
              <Checkbox checked={q.required} onChange={(e) => onChange({ ...q, required: e.target.checked })}>
                {t('surveys.builder.required')}
              </Checkbox>
            </Form.Item>
          )}
        </Flex>
        {(['zh-CN', 'en'] as const).map((lang: Lang) => (
          <Form.Item key={lang} label={t(lang === 'en' ? 'surveys.builder.titleEn' : 'surveys.builder.titleZh')} htmlFor={id(lang)} tooltip={t('surveys.logic.pipeHelp')}>
            <Space.Compact block>
              <Input id={id(lang)} lang={lang} value={q.title[lang]} maxLength={500} onChange={(e) => onChange({ ...q, title: { ...q.title, [lang]: e.target.value } })} />
              <Dropdown
                trigger={['click']}
                menu={{
                  items: PIPE_FIELDS.map((field) => ({ key: field, label: `${t(`surveys.logic.placeholders.${PLACEHOLDER_LABELS[field]}`)} {{${field}}}` })),
                  onClick: ({ key }) => onChange({ ...q, title: { ...q.title, [lang]: `${q.title[lang]}{{${key}}}` } }),
                }}
              >
                <Button data-testid={`pipe-${index}-${lang}`}>{t('surveys.logic.pipe')}</Button>
              </Dropdown>
            </Space.Compact>
          </Form.Item>
        ))}
        {q.type === 'rating' && (
          <Flex gap={12}>
            <Form.Item label={t('surveys.builder.scaleMin')} htmlFor={id('min')}>
              <InputNumber
                id={id('min')}
                min={0}
                max={1}
                precision={0}
                value={q.scale?.min ?? 1}
                onChange={(min) => onChange({ ...q, scale: { min: min ?? 1, max: q.scale?.max ?? 5 } })}
              />
            </Form.Item>
            <Form.Item label={t('surveys.builder.scaleMax')} htmlFor={id('max')}>
              <InputNumber
                id={id('max')}
                min={2}
                max={10}
                precision={0}
                value={q.scale?.max ?? 5}
                onChange={(max) => onChange({ ...q, scale: { min: q.scale?.min ?? 1, max: max ?? 5 } })}
              />
            </Form.Item>
          </Flex>
        )}
        {scale && q.type !== 'rating' && (
          <Typography.Text type="secondary">{t('surveys.builder.fixedScale', scale)}</Typography.Text>
        )}
        {q.type === 'hidden' && <Typography.Text type="secondary">{t('surveys.builder.hiddenHelp')}</Typography.Text>}
        {q.options && (
          <OptionsEditor uid={q.uid} options={q.options} onChange={(options) => onChange({ ...q, options })} />
        )}
        {q.type !== 'hidden' && <LogicEditor uid={q.uid} showIf={q.showIf} targets={targets} onChange={(showIf) => onChange({ ...q, showIf })} />}
      </Form>
    </Card>
  );
}
