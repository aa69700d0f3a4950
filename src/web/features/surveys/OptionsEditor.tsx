import { Button, Flex, Input, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Question } from './surveys.api.ts';
import { uniqueKey } from './questions.ts';

type Option = NonNullable<Question['options']>[number];

/** The choices of a single- or multiple-choice question: a value and a label in each language. */
export function OptionsEditor({ uid, options, onChange }: { uid: string; options: Option[]; onChange: (next: Option[]) => void }) {
  const { t } = useTranslation();
  const set = (index: number, next: Option) => onChange(options.map((o, i) => (i === index ? next : o)));
  const add = () => {
    const value = uniqueKey(`option_${options.length + 1}`, options.map((o) => o.value));
    onChange([...options, { value, label: { 'zh-CN': '', en: '' } }]);
  };

  return (
    <div className="survey-options" role="group" aria-label={t('surveys.builder.options')}>
      <Typography.Text strong>{t('surveys.builder.options')}</Typography.Text>
      {options.map((o, i) => (
        <Flex key={`${uid}-${i}`} gap={8} className="survey-options__row">
          <Input
            aria-label={`${t('surveys.builder.optionValue')} ${i + 1}`}
            placeholder={t('surveys.builder.optionValue')}
            value={o.value}
            maxLength={40}
            className="survey-options__value"
            onChange={(e) => set(i, { ...o, value: e.target.value })}
          />
          <Input
            aria-label={`${t('surveys.builder.optionZh')} ${i + 1}`}
            placeholder={t('surveys.builder.optionZh')}
            lang="zh-CN"
            value={o.label['zh-CN']}
            onChange={(e) => set(i, { ...o, label: { ...o.label, 'zh-CN': e.target.value } })}
          />
          <Input
            aria-label={`${t('surveys.builder.optionEn')} ${i + 1}`}
            placeholder={t('surveys.builder.optionEn')}
            lang="en"
            value={o.label.en}
            onChange={(e) => set(i, { ...o, label: { ...o.label, en: e.target.value } })}
          />
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            disabled={options.length <= 2}
            aria-label={t('surveys.builder.removeOption', { number: i + 1 })}
            onClick={() => onChange(options.filter((_, j) => j !== i))}
          />
        </Flex>
      ))}
      <Button size="small" type="dashed" icon={<PlusOutlined />} disabled={options.length >= 30} onClick={add}>
        {t('surveys.builder.addOption')}
      </Button>
    </div>
  );
}
