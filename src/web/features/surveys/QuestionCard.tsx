import { Button, Card, Checkbox, Flex, Form, Input, InputNumber, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { OptionsEditor } from './OptionsEditor.tsx';
import { scaleOf, type DraftQuestion } from './questions.ts';

interface QuestionCardProps {
  question: DraftQuestion;
  index: number;
  count: number;
  onChange: (next: DraftQuestion) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** One question in the builder: its key, both titles, required, and its type's settings. */
export function QuestionCard({ question: q, index, count, onChange, onMove, onRemove }: QuestionCardProps) {
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
            <Form.Item>
              <Checkbox checked={q.required} onChange={(e) => onChange({ ...q, required: e.target.checked })}>
                {t('surveys.builder.required')}
              </Checkbox>
            </Form.Item>
          )}
        </Flex>
        <Form.Item label={t('surveys.builder.titleZh')} htmlFor={id('zh')}>
          <Input id={id('zh')} lang="zh-CN" value={q.title['zh-CN']} maxLength={500} onChange={(e) => onChange({ ...q, title: { ...q.title, 'zh-CN': e.target.value } })} />
        </Form.Item>
        <Form.Item label={t('surveys.builder.titleEn')} htmlFor={id('en')}>
          <Input id={id('en')} lang="en" value={q.title.en} maxLength={500} onChange={(e) => onChange({ ...q, title: { ...q.title, en: e.target.value } })} />
        </Form.Item>
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
      </Form>
    </Card>
  );
}
