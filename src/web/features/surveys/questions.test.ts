import { describe, expect, it } from 'vitest';
import { QuestionsSchema } from '../../../contracts/surveys.ts';
import { QUESTION_TYPES } from './surveys.api.ts';
import { locateIssue, move, newQuestion, scaleOf, toQuestions, uniqueKey } from './questions.ts';

describe('survey builder helpers', () => {
  it('gives every type a default the API accepts, with unique keys', () => {
    const drafts = QUESTION_TYPES.concat(['nps']).reduce<ReturnType<typeof newQuestion>[]>(
      (all, type) => [...all, newQuestion(type, all)],
      [],
    );
    expect(drafts.map((q) => q.key)).toContain('nps_2');
    expect(QuestionsSchema.safeParse(toQuestions(drafts)).success).toBe(true);
    expect(toQuestions(drafts)[0]).not.toHaveProperty('uid');
  });

  it('finds a free key', () => {
    expect(uniqueKey('text', [])).toBe('text');
    expect(uniqueKey('text', ['text', 'text_2'])).toBe('text_3');
  });

  it('moves items up and down and stops at the ends', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(move(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });

  it('knows the scales', () => {
    expect(scaleOf(newQuestion('nps', []))).toEqual({ min: 0, max: 10 });
    expect(scaleOf(newQuestion('ces', []))).toEqual({ min: 1, max: 7 });
    expect(scaleOf(newQuestion('text', []))).toBeNull();
  });

  it('locates validation issues', () => {
    expect(locateIssue('body.questions.1.title.en')).toEqual({ question: 2, part: 'title.en' });
    expect(locateIssue('body.name')).toEqual({ question: null, part: 'name' });
  });
});
