import { describe, expect, it } from 'vitest';
import type { Question } from '../../../contracts/surveys.ts';
import { answerView, excerpt, questionTitles, strayAnswers } from './answers.ts';

const title = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const NPS: Question = { key: 'nps', type: 'nps', required: true, title: title('推荐吗？', 'Recommend?') };
const RATING: Question = { key: 'stars', type: 'rating', required: false, title: title('星级', 'Stars'), scale: { min: 0, max: 10 } };
const SINGLE: Question = {
  key: 'tp',
  type: 'single',
  required: false,
  title: title('方式', 'How'),
  options: [
    { value: 'store', label: title('门店', 'Store') },
    { value: 'app', label: title('小程序', 'Mini program') },
  ],
};
const MULTI: Question = { ...SINGLE, key: 'good', type: 'multi' };
const TEXT: Question = { key: 'comment', type: 'text', required: false, title: title('评论', 'Comment') };
const HIDDEN: Question = { key: 'ref', type: 'hidden', required: false, title: title('编号', 'Reference') };

describe('answers by question type', () => {
  it('shows scores with their scale; 0 is an answer', () => {
    expect(answerView(NPS, 0, 'en')).toEqual({ kind: 'score', scale: 'nps', value: 0, min: 0, max: 10 });
    expect(answerView({ ...NPS, type: 'csat' }, 4, 'en')).toMatchObject({ min: 1, max: 5 });
    expect(answerView({ ...NPS, type: 'ces' }, 6, 'en')).toMatchObject({ min: 1, max: 7 });
    expect(answerView(RATING, 7, 'en')).toMatchObject({ scale: 'rating', min: 0, max: 10 });
    expect(answerView({ ...RATING, scale: undefined }, 3, 'en')).toMatchObject({ min: 1, max: 5 });
  });

  it('shows choices by their label in the UI language, keeping an unknown value as is', () => {
    expect(answerView(SINGLE, 'app', 'zh-CN')).toEqual({ kind: 'choices', labels: ['小程序'] });
    expect(answerView(SINGLE, 'app', 'en')).toEqual({ kind: 'choices', labels: ['Mini program'] });
    expect(answerView(MULTI, ['store', 'gone'], 'en')).toEqual({ kind: 'choices', labels: ['Store', 'gone'] });
  });

  it('shows text and hidden fields, and nothing for blank answers', () => {
    expect(answerView(TEXT, '很好 great', 'en')).toEqual({ kind: 'text', text: '很好 great' });
    expect(answerView(HIDDEN, 'A-17', 'en')).toEqual({ kind: 'hidden', text: 'A-17' });
    for (const blank of [undefined, null, '', []]) expect(answerView(TEXT, blank, 'en')).toEqual({ kind: 'none' });
  });

  it('titles a question in the UI language with the other beneath', () => {
    expect(questionTitles(NPS, 'zh-CN')).toEqual({ primary: '推荐吗？', secondary: 'Recommend?' });
    expect(questionTitles(NPS, 'en')).toEqual({ primary: 'Recommend?', secondary: '推荐吗？' });
    expect(questionTitles({ ...NPS, title: title('NPS', 'NPS') }, 'en')).toEqual({ primary: 'NPS', secondary: null });
  });

  it('fills the placeholders a title pipes with the response’s context, else with neutral words', () => {
    const piped: Question = { ...NPS, title: title('您对{{employee.name}}在{{touchpoint}}的服务满意吗？', 'Happy with {{employee.name}} at {{touchpoint}}?') };
    expect(questionTitles(piped, 'en', { 'employee.name': '王芳', touchpoint: 'Store checkout' })).toEqual({
      primary: 'Happy with 王芳 at Store checkout?',
      secondary: '您对王芳在本次服务的服务满意吗？',
    });
    const anonymous = questionTitles(piped, 'zh-CN');
    expect(anonymous.primary).not.toContain('{{');
    expect(anonymous.secondary).not.toContain('{{');
  });

  it('lists answers no question of the version explains', () => {
    expect(strayAnswers([NPS, TEXT], { nps: 9, comment: 'ok', legacy: 'x', empty: '' })).toEqual([['legacy', 'x']]);
  });

  it('cuts comments by character, never inside a Chinese character or emoji', () => {
    expect(excerpt(null)).toBe('');
    expect(excerpt('  配送\n太慢了  ', 60)).toBe('配送 太慢了');
    expect(excerpt('快递员很有礼貌😀但是晚到了', 8)).toBe('快递员很有礼貌…');
    expect(Array.from(excerpt('😀'.repeat(10), 5))).toHaveLength(5);
  });
});
