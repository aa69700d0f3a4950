import { describe, expect, it } from 'vitest';
import { chooseRepresentative, median, rankByTypicality, type Comment } from './representative.ts';

const c = (id: string, score: number, topics: string[], keywords: string[] = topics, text = `comment ${id} with enough words`): Comment => ({ id, text, topics, keywords, score });

describe('representative verbatims', () => {
  it('takes the median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('picks the typical comment of a topic, not its most extreme one', () => {
    const delivery = [
      c('a', -0.42, ['配送'], ['配送', '慢']),
      c('b', -0.38, ['配送'], ['配送', '慢']),
      c('c', -0.45, ['配送'], ['配送', '慢', '等']),
      c('d', -0.99, ['配送'], ['配送', '慢', '愤怒', '投诉']), // the loudest
      c('e', -0.4, ['配送'], ['配送', '慢']),
    ];
    const { ranked, median: m } = rankByTypicality(delivery);
    expect(m).toBe(-0.42);
    expect(ranked[0]!.id).toBe('a');
    expect(ranked.at(-1)!.id).toBe('d');
    const [choice] = chooseRepresentative(delivery, 1);
    expect(choice).toMatchObject({ topic: '配送', topicSize: 5, topicMedianScore: -0.42 });
    expect(choice!.comment.id).not.toBe('d');
  });

  it('prefers a comment about what the topic is about when scores tie', () => {
    const comments = [c('x', -0.5, ['排队'], ['排队', '收银']), c('y', -0.5, ['排队'], ['排队', '收银']), c('z', -0.5, ['排队'], ['排队', '停车'])];
    expect(rankByTypicality(comments).ranked.map((r) => r.id)).toEqual(['x', 'y', 'z']);
  });

  it('takes one verbatim from each of the three largest topics, never the same comment twice, and skips very short ones', () => {
    const comments = [
      ...['1', '2', '3', '4'].map((id) => c(`big${id}`, -0.3, ['配送', '慢'])),
      c('tiny', -0.3, ['配送'], ['配送'], '慢'),
      ...['1', '2', '3'].map((id) => c(`mid${id}`, 0.6, ['服务'])),
      ...['1', '2'].map((id) => c(`small${id}`, 0.1, ['价格'])),
      c('single', 0.9, ['停车']),
    ];
    const chosen = chooseRepresentative(comments);
    expect(chosen.map((x) => x.topic)).toEqual(['配送', '慢', '服务']);
    expect(new Set(chosen.map((x) => x.comment.id)).size).toBe(3);
    expect(chosen.every((x) => x.comment.id !== 'tiny')).toBe(true);
    expect(chosen[0]!.topicSize).toBe(5); // the short comment still counts towards its topic
  });

  it('fills up from the largest topic when there are fewer than three topics, and returns what there is', () => {
    const comments = [c('a', -0.2, ['配送']), c('b', -0.3, ['配送']), c('c', -0.25, ['配送']), c('d', 0.5, ['服务'])];
    expect(chooseRepresentative(comments).map((x) => [x.topic, x.comment.id])).toEqual([
      ['配送', 'c'],
      ['服务', 'd'],
      ['配送', 'a'],
    ]);
    expect(chooseRepresentative([])).toEqual([]);
  });
});
