import { SCALES, type LocalizedText, type Question, type QuestionType } from '../../../contracts/surveys.ts';

/** A question being edited, with a stable id for React keys (not sent to the API). */
export interface DraftQuestion extends Question {
  uid: string;
}

let nextUid = 1;
export const newUid = () => `q${nextUid++}`;

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** Sensible bilingual starting points for each question type. */
const TEMPLATES: Record<QuestionType, Omit<Question, 'key' | 'type'>> = {
  nps: { title: t('您向朋友推荐我们的可能性有多大？', 'How likely are you to recommend us to a friend?'), required: true },
  csat: { title: t('您对本次服务的满意程度如何？', 'How satisfied are you with our service today?'), required: true },
  ces: { title: t('解决您的问题有多容易？', 'How easy was it to get your issue resolved?'), required: false },
  rating: {
    title: t('请为门店环境打分', 'Please rate the store environment'),
    required: false,
    scale: { min: 1, max: 5 },
  },
  single: {
    title: t('您是通过哪个渠道联系我们的？', 'How did you contact us?'),
    required: false,
    options: [
      { value: 'store', label: t('门店', 'In a store') },
      { value: 'phone', label: t('电话', 'By phone') },
      { value: 'app', label: t('手机应用', 'In the app') },
    ],
  },
  multi: {
    title: t('您最看重哪些方面？', 'What matters most to you?'),
    required: false,
    options: [
      { value: 'speed', label: t('速度', 'Speed') },
      { value: 'friendliness', label: t('服务态度', 'Friendliness') },
      { value: 'price', label: t('价格', 'Price') },
    ],
  },
  text: { title: t('您还有什么想告诉我们的吗？', 'Is there anything else you would like to tell us?'), required: false },
  hidden: { title: t('来源（隐藏字段）', 'Source (hidden field)'), required: false },
};

/** The type's name, or with `_2`, `_3`… when it is taken. */
export function uniqueKey(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}_${n}`)) return `${base}_${n}`;
}

/** A new question of a type, with a key no other question uses. */
export function newQuestion(type: QuestionType, existing: readonly Question[]): DraftQuestion {
  const template = structuredClone(TEMPLATES[type]);
  return { uid: newUid(), key: uniqueKey(type, existing.map((q) => q.key)), type, ...template };
}

/** Moves the item at `index` by `delta` places; returns the same array when it cannot move. */
export function move<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved as T);
  return next;
}

/** The answer range of a scale question (NPS 0–10, CSAT 1–5, CES 1–7, rating as configured). */
export function scaleOf(q: Question): { min: number; max: number } | null {
  if (q.type === 'rating') return q.scale ?? { min: 1, max: 5 };
  if (q.type === 'nps' || q.type === 'csat' || q.type === 'ces') return SCALES[q.type];
  return null;
}

/** Strips the editor's ids for the API. */
export const toQuestions = (drafts: readonly DraftQuestion[]): Question[] => drafts.map(({ uid: _uid, ...q }) => q);
export const toDrafts = (questions: readonly Question[]): DraftQuestion[] => questions.map((q) => ({ uid: newUid(), ...q }));

export interface FieldIssue {
  field: string;
  message: string;
}

/** Where a validation issue points: question number (1-based) and the part of it, e.g. `title.en`. */
export function locateIssue(field: string): { question: number | null; part: string } {
  const path = field.replace(/^body\.?/, '');
  const match = /^questions\.(\d+)\.?(.*)$/.exec(path);
  if (match) return { question: Number(match[1]) + 1, part: match[2] ?? '' };
  return { question: null, part: path };
}
