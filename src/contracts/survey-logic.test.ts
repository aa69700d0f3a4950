import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSurveyLogic, evaluateCondition, isShown, pipeText, questionsOnPage, shownKeys, shownPages, withoutUnasked, type Condition } from './survey-logic.ts';
import { QuestionsSchema, validateAnswers, NOT_ASKED, type Question } from './surveys.ts';

const title = (en: string) => ({ 'zh-CN': en, en });
/** A two-page survey: a detractor (NPS ≤ 6) is asked why and, if it was the staff, about the staff; a promoter what they liked. */
const QUESTIONS: Question[] = [
  { key: 'nps', type: 'nps', required: true, title: title('How likely…') },
  { key: 'channel', type: 'single', required: false, title: title('Channel'), options: [{ value: 'store', label: title('Store') }, { value: 'app', label: title('App') }] },
  { key: 'why', type: 'multi', required: true, page: 2, showIf: { question: 'nps', op: 'lte', value: 6 }, title: title('Why?'), options: [{ value: 'staff', label: title('Staff') }, { value: 'price', label: title('Price') }] },
  { key: 'liked', type: 'text', required: true, page: 2, showIf: { question: 'nps', op: 'gte', value: 9 }, title: title('What did you like?') },
  { key: 'staff', type: 'text', required: false, page: 3, showIf: { all: [{ question: 'why', op: 'eq', value: 'staff' }, { question: 'channel', op: 'in', value: ['store'] }] }, title: title('About {{employee.name}}') },
];

describe('evaluateCondition', () => {
  it.each<[Condition, Record<string, unknown>, boolean]>([
    [{ question: 'a', op: 'lte', value: 6 }, { a: 6 }, true],
    [{ question: 'a', op: 'lte', value: 6 }, { a: 7 }, false],
    [{ question: 'a', op: 'gte', value: 9 }, { a: 9 }, true],
    [{ question: 'a', op: 'gte', value: 9 }, { a: '10' }, false],
    [{ question: 'a', op: 'eq', value: 'x' }, { a: 'x' }, true],
    [{ question: 'a', op: 'eq', value: 'x' }, { a: ['y', 'x'] }, true],
    [{ question: 'a', op: 'eq', value: 3 }, { a: 3 }, true],
    [{ question: 'a', op: 'in', value: ['x', 'z'] }, { a: 'z' }, true],
    [{ question: 'a', op: 'in', value: ['x', 'z'] }, { a: ['y'] }, false],
    [{ question: 'a', op: 'in', value: [1, 2] }, { a: 2 }, true],
    [{ question: 'a', op: 'eq', value: 'x' }, {}, false],
    [{ question: 'a', op: 'lte', value: 10 }, { a: null }, false],
  ])('%j on %j is %s', (c, answers, expected) => expect(evaluateCondition(c, answers)).toBe(expected));

  it('all needs every condition, any one of them, and no showIf always shows', () => {
    const c1: Condition = { question: 'a', op: 'lte', value: 5 };
    const c2: Condition = { question: 'b', op: 'eq', value: 'y' };
    expect(isShown({ all: [c1, c2] }, { a: 3, b: 'y' })).toBe(true);
    expect(isShown({ all: [c1, c2] }, { a: 3, b: 'n' })).toBe(false);
    expect(isShown({ any: [c1, c2] }, { a: 9, b: 'y' })).toBe(true);
    expect(isShown({ any: [c1, c2] }, { a: 9 })).toBe(false);
    expect(isShown(undefined, {})).toBe(true);
  });

  it('lte and gte split the NPS scale exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (answer, bound) => {
        const lte = evaluateCondition({ question: 'n', op: 'lte', value: bound }, { n: answer });
        const gte = evaluateCondition({ question: 'n', op: 'gte', value: bound + 1 }, { n: answer });
        return lte !== gte && lte === answer <= bound;
      }),
    );
  });
});

describe('shown questions and pages', () => {
  it('follows chains: an answer to a question not asked does not count', () => {
    expect([...shownKeys(QUESTIONS, { nps: 3, channel: 'store', why: ['staff'] })]).toEqual(['nps', 'channel', 'why', 'staff']);
    // A promoter is not asked why, so a stale "why" cannot show the staff question.
    expect([...shownKeys(QUESTIONS, { nps: 10, channel: 'store', why: ['staff'] })]).toEqual(['nps', 'channel', 'liked']);
    expect(shownPages(QUESTIONS, { nps: 8 })).toEqual([1]);
    expect(shownPages(QUESTIONS, { nps: 2, channel: 'store', why: ['staff'] })).toEqual([1, 2, 3]);
    expect(questionsOnPage(QUESTIONS, { nps: 9 }, 2).map((q) => q.key)).toEqual(['liked']);
    expect(withoutUnasked(QUESTIONS, { nps: 9, why: ['price'], liked: 'tea' })).toEqual({ nps: 9, liked: 'tea' });
  });

  it('a question is shown exactly when its condition holds on the answers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), (nps) => {
        const shown = shownKeys(QUESTIONS, { nps });
        return shown.has('why') === nps <= 6 && shown.has('liked') === nps >= 9 && !shown.has('staff');
      }),
    );
  });
});

describe('validateAnswers with logic', () => {
  it('refuses an answer to a hidden question and requires only shown ones', () => {
    expect(validateAnswers(QUESTIONS, { nps: 10, why: ['price'], liked: 'tea' })).toEqual({ why: NOT_ASKED });
    expect(validateAnswers(QUESTIONS, { nps: 10 })).toEqual({ liked: 'an answer is required' });
    expect(validateAnswers(QUESTIONS, { nps: 7 })).toEqual({});
    expect(validateAnswers(QUESTIONS, { nps: 3 }, { requiredThroughPage: 1 })).toEqual({});
    expect(validateAnswers(QUESTIONS, {}, { requiredThroughPage: 0 })).toEqual({});
  });
});

describe('checkSurveyLogic (at save)', () => {
  const codes = (qs: Question[]) => checkSurveyLogic(qs).map((i) => `${i.field}:${i.code}`);
  it('accepts the example survey', () => expect(checkSurveyLogic(QUESTIONS)).toEqual([]));
  it('refuses later, unknown and same-page references, wrong values, going back a page and unknown placeholders', () => {
    const [nps, channel, why] = QUESTIONS as [Question, Question, Question];
    expect(codes([{ ...nps, showIf: { question: 'channel', op: 'eq', value: 'app' } }, { ...channel, page: 2 }])).toEqual(['questions.0.showIf.question:not_earlier']);
    expect(codes([nps, { ...channel, page: 2, showIf: { question: 'nope', op: 'eq', value: 'x' } }])).toEqual(['questions.1.showIf.question:unknown_question']);
    expect(codes([nps, { ...channel, showIf: { question: 'nps', op: 'gte', value: 9 } }])).toEqual(['questions.1.showIf.question:same_page']);
    expect(codes([nps, channel, { ...why, showIf: { any: [{ question: 'channel', op: 'lte', value: 3 }] } }])).toEqual(['questions.2.showIf.any.0.value:bad_value']);
    expect(codes([nps, channel, { ...why, showIf: { question: 'channel', op: 'eq', value: 'fax' } }])).toEqual(['questions.2.showIf.value:bad_value']);
    expect(codes([{ ...nps, page: 2 }, channel])).toEqual(['questions.1.page:pages_back']);
    expect(codes([{ ...nps, title: title('Hi {{customer.name}}') }])).toEqual(['questions.0.title.zh-CN:unknown_placeholder', 'questions.0.title.en:unknown_placeholder']);
  });
  it('lets a condition use a hidden field on the same page', () => {
    const ref: Question = { key: 'src', type: 'hidden', required: false, title: title('Source') };
    expect(checkSurveyLogic([ref, { ...QUESTIONS[0]!, showIf: { question: 'src', op: 'eq', value: 'app' } }])).toEqual([]);
  });
  it('surfaces the issues through the contract schema with their code', () => {
    const result = QuestionsSchema.safeParse([QUESTIONS[0], { ...QUESTIONS[1], showIf: { question: 'nps', op: 'in', value: [1] } }]);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: [1, 'showIf', 'question'], params: { logic: 'same_page' } });
  });
});

describe('pipeText', () => {
  it('fills the bound context in both languages and falls back to a neutral word', () => {
    expect(pipeText('{{employee.name}} 在 {{unit.name}} 为您服务', { 'employee.name': '王芳', 'unit.name': '静安店' }, 'zh-CN')).toBe('王芳 在 静安店 为您服务');
    expect(pipeText('How was {{ touchpoint }} with {{employee.name}}?', { touchpoint: 'delivery' }, 'en')).toBe('How was delivery with our staff member?');
    expect(pipeText('{{other}} stays', {}, 'en')).toBe('{{other}} stays');
  });
});
