import { Button, Flex, Input, InputNumber, Segmented, Select, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { conditionsOf, pageOf, type Condition, type ShowIf } from '../../../contracts/survey-logic.ts';
import { scaleOf } from './questions.ts';
import type { Question } from './surveys.api.ts';

type Mode = 'always' | 'all' | 'any';
const OPS_FOR_SCORES: Condition['op'][] = ['lte', 'gte', 'eq', 'in'];
const OPS_FOR_CHOICES: Condition['op'][] = ['eq', 'in'];

/** Questions a condition on `question` may test: earlier ones on earlier pages (hidden fields anywhere before), never free text. */
export function conditionTargets(questions: readonly Question[], index: number): Question[] {
  const q = questions[index]!;
  return questions.slice(0, index).filter((x) => x.type !== 'text' && (x.type === 'hidden' || pageOf(x) < pageOf(q)));
}

/** A sensible first condition on a question: detractors for a score (≤ 6 on NPS), its first option for a choice. */
function defaultCondition(target: Question): Condition {
  const scale = scaleOf(target);
  if (scale) return { question: target.key, op: 'lte', value: target.type === 'nps' ? 6 : Math.floor((scale.min + scale.max) / 2) };
  return { question: target.key, op: 'eq', value: target.options?.[0]?.value ?? '' };
}

function toShowIf(mode: Mode, conditions: Condition[]): ShowIf | undefined {
  if (mode === 'always' || conditions.length === 0) return undefined;
  if (mode === 'all' && conditions.length === 1) return conditions[0];
  return mode === 'all' ? { all: conditions } : { any: conditions };
}

interface LogicEditorProps {
  uid: string;
  showIf: ShowIf | undefined;
  /** Questions the conditions may test (see conditionTargets). */
  targets: Question[];
  onChange: (showIf: ShowIf | undefined) => void;
}

/** Edits a question's display condition: always, or when all / any of several conditions on earlier answers hold. */
export function LogicEditor({ uid, showIf, targets, onChange }: LogicEditorProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-CN';
  const conditions = conditionsOf(showIf);
  const mode: Mode = !showIf ? 'always' : 'any' in showIf ? 'any' : 'all';
  const setMode = (next: Mode) => {
    const list = conditions.length || next === 'always' || !targets[0] ? conditions : [defaultCondition(targets[0])];
    onChange(toShowIf(next, list));
  };
  const setCondition = (i: number, c: Condition | null) => {
    const list = c ? conditions.map((x, j) => (j === i ? c : x)) : conditions.filter((_, j) => j !== i);
    onChange(toShowIf(list.length ? mode : 'always', list));
  };

  if (targets.length === 0 && mode === 'always') {
    return (
      <Typography.Paragraph type="secondary" className="survey-logic__none" data-testid={`logic-${uid}`}>
        {t('surveys.logic.showIf')}: {t('surveys.logic.always')} · {t('surveys.logic.noEarlier')}
      </Typography.Paragraph>
    );
  }
  return (
    <div className="survey-logic" data-testid={`logic-${uid}`}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text id={`logic-${uid}-label`}>{t('surveys.logic.showIf')}</Typography.Text>
        <Segmented<Mode>
          size="small"
          aria-labelledby={`logic-${uid}-label`}
          value={mode}
          onChange={setMode}
          options={[
            { value: 'always', label: t('surveys.logic.always') },
            { value: 'all', label: t('surveys.logic.whenAll') },
            { value: 'any', label: t('surveys.logic.whenAny') },
          ]}
        />
      </Flex>
      {conditions.map((c, i) => {
        const target = targets.find((x) => x.key === c.question);
        return (
          <Flex key={i} gap={8} wrap align="center" className="survey-logic__row" data-testid={`condition-${uid}-${i}`}>
            <Select
              aria-label={t('surveys.logic.conditionQuestion')}
              className="survey-logic__question"
              value={c.question}
              status={target ? undefined : 'error'}
              onChange={(key) => setCondition(i, defaultCondition(targets.find((x) => x.key === key)!))}
              options={targets.map((x) => ({ value: x.key, label: `${x.key} · ${x.title[lang]}` }))}
            />
            <Select<Condition['op']>
              aria-label={t('surveys.logic.conditionOp')}
              className="survey-logic__op"
              value={c.op}
              onChange={(op) => setCondition(i, withOp(c, op, target))}
              options={(target && scaleOf(target) ? OPS_FOR_SCORES : OPS_FOR_CHOICES).map((op) => ({ value: op, label: t(`surveys.logic.ops.${op}`) }))}
            />
            <ValueInput condition={c} target={target} lang={lang} onChange={(value) => setCondition(i, { ...c, value })} />
            <Tooltip title={t('surveys.logic.removeCondition', { number: i + 1 })}>
              <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('surveys.logic.removeCondition', { number: i + 1 })} onClick={() => setCondition(i, null)} />
            </Tooltip>
          </Flex>
        );
      })}
      {mode !== 'always' && targets[0] && (
        <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onChange(toShowIf(mode, [...conditions, defaultCondition(targets[0]!)]))}>
          {t('surveys.logic.addCondition')}
        </Button>
      )}
    </div>
  );
}

function withOp(c: Condition, op: Condition['op'], target: Question | undefined): Condition {
  const first = Array.isArray(c.value) ? c.value[0] : c.value;
  if (op === 'in') return { ...c, op, value: first === undefined || first === '' ? [] : [first] };
  const scalar = first ?? (target && scaleOf(target) ? 0 : '');
  return { ...c, op, value: (op === 'lte' || op === 'gte') && typeof scalar !== 'number' ? 0 : scalar };
}

function ValueInput({ condition: c, target, lang, onChange }: { condition: Condition; target: Question | undefined; lang: 'zh-CN' | 'en'; onChange: (v: Condition['value']) => void }) {
  const { t } = useTranslation();
  const label = t('surveys.logic.conditionValue');
  const scale = target ? scaleOf(target) : null;
  const choices: Array<{ value: string | number; label: string }> = scale
    ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => ({ value: scale.min + i, label: String(scale.min + i) }))
    : (target?.options ?? []).map((o) => ({ value: o.value, label: o.label[lang] || o.value }));
  if (c.op === 'in') {
    return (
      <Select
        aria-label={label}
        mode={target?.type === 'hidden' ? 'tags' : 'multiple'}
        className="survey-logic__value"
        value={Array.isArray(c.value) ? c.value : []}
        onChange={(v: Array<string | number>) => onChange(v)}
        options={choices as Array<{ value: string; label: string }>}
      />
    );
  }
  if (scale) {
    return <InputNumber aria-label={label} min={scale.min} max={scale.max} precision={0} value={typeof c.value === 'number' ? c.value : null} onChange={(v) => onChange(v ?? scale.min)} />;
  }
  if (target?.type === 'hidden' || !target) {
    return <Input aria-label={label} className="survey-logic__value" maxLength={100} value={String(c.value)} onChange={(e) => onChange(e.target.value)} />;
  }
  return <Select<string | number> aria-label={label} className="survey-logic__value" value={c.value as string} onChange={(v) => onChange(v)} options={choices} />;
}
