import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze.ts';

const s = (text: string) => analyzeText(text);

describe('Chinese sentiment', () => {
  it.each([
    ['服务很好', 'positive'],
    ['东西很好用，下次还来', 'positive'],
    ['外卖凉了，等了一个多小时', 'negative'],
    ['客服态度很差', 'negative'],
  ])('labels clear comments: %s → %s', (text, label) => expect(s(text).sentiment).toBe(label));

  it('flips on negation (不, 没有, 不是, 一点也不)', () => {
    expect(s('服务很好').sentiment).toBe('positive');
    for (const text of ['服务不好', '服务很不好', '没有想象中好', '不是很满意', '一点也不好吃']) expect(s(text).sentiment, text).toBe('negative');
  });

  it('scales with degree words: 非常好 is surer than 好', () => {
    expect(s('态度非常好').score).toBeGreaterThan(s('态度好').score);
    expect(s('非常满意').score).toBeGreaterThan(0.5);
  });

  it('lets the clause after 但是/不过 dominate', () => {
    expect(s('东西不错，但是物流太慢了').sentiment).toBe('negative');
    expect(s('虽然贵了点，不过味道很好').sentiment).toBe('positive');
    expect(s('价格有点贵，但是服务很周到').sentiment).toBe('positive');
    expect(s('服务员很热情，不过上菜太慢了').sentiment).toBe('negative');
  });

  it('reads emoji alone and on top of text', () => {
    expect(s('😊').sentiment).toBe('positive');
    expect(s('😡').sentiment).toBe('negative');
    expect(s('送到了😡').score).toBeLessThan(s('送到了').score);
    expect(s('送到了👍').score).toBeGreaterThan(s('送到了').score);
  });

  it('reads "nothing to say" as no opinion, not as a complaint', () => {
    for (const text of ['无', '没有。', '暂无其他建议', '没什么意见', '无建议!', 'Nothing to add.', 'N/A', 'no comment']) expect(s(text).sentiment, text).toBe('neutral');
    for (const text of ['没有人理我', '还没有送到', 'no one answered']) expect(s(text).sentiment, text).toBe('negative');
  });

  it('takes repeated exclamation marks as emphasis', () => {
    expect(Math.abs(s('满意！！！').score)).toBeGreaterThanOrEqual(Math.abs(s('满意').score));
    expect(s('满意！！！').sentiment).toBe('positive');
  });
});

describe('English sentiment', () => {
  it('labels clear comments', () => {
    expect(s('The courier was friendly and on time').sentiment).toBe('positive');
    expect(s('The food arrived cold and over an hour late').sentiment).toBe('negative');
  });

  it('handles negation the plain lexicon gets wrong', () => {
    expect(s('The service was not good at all').sentiment).toBe('negative');
    expect(s('Not bad at all').sentiment).toBe('positive');
    expect(s("I can't complain").sentiment).toBe('positive');
    expect(s("I wouldn't recommend them").sentiment).toBe('negative');
  });

  it('scales with degree words', () => {
    expect(s('very good').score).toBeGreaterThan(s('good').score);
    expect(s('slightly good').score).toBeLessThan(s('good').score);
    expect(s('extremely helpful').score).toBeGreaterThan(s('helpful').score);
  });

  it('lets the clause after "but" dominate', () => {
    expect(s('Great food, but the service was terrible').sentiment).toBe('negative');
    expect(s('Terrible wait, but the staff were lovely').sentiment).toBe('positive');
  });

  it('counts emoji and exclamation marks', () => {
    expect(s('Delivered 😡').sentiment).toBe('negative');
    expect(s('great!!!').score).toBeGreaterThan(s('great').score);
  });

  it('calls a comment without sentiment neutral', () => {
    expect(s('It was okay').sentiment).toBe('neutral');
    expect(s('Order number 4411').sentiment).toBe('neutral');
  });
});

describe('mixed and edge cases', () => {
  it('blends Chinese and English in one comment', () => {
    expect(s('送餐很快 good job 👍')).toMatchObject({ sentiment: 'positive', lang: 'zh' });
    expect(s('客服态度很差 terrible').sentiment).toBe('negative');
    expect(s('The 店员 was super helpful and kind').lang).toBe('mixed');
  });

  it('keeps scores in −1..1 and returns neutral for empty text', () => {
    for (const text of ['', '   ', '!!!', '好好好好好好好好好好好好'.repeat(50), '差'.repeat(2000)]) {
      const a = s(text);
      expect(a.score).toBeGreaterThanOrEqual(-1);
      expect(a.score).toBeLessThanOrEqual(1);
    }
    expect(s('').sentiment).toBe('neutral');
  });
});

describe('keywords and praise', () => {
  it('finds what a comment is about, not how it felt', () => {
    const k = s('服务员很热情，不过上菜太慢了').keywords;
    expect(k).toEqual(expect.arrayContaining(['上菜', '服务员']));
    expect(k).not.toContain('热情');
    expect(s('The courier was late and the packaging was torn').keywords).toEqual(expect.arrayContaining(['courier', 'packaging']));
  });

  it('marks positive comments about service or naming staff as praise, not product praise or complaints', () => {
    expect(s('快递员很热情，还帮我搬上楼').isPraise).toBe(true);
    expect(s('The staff were really friendly').isPraise).toBe(true);
    expect(analyzeText('张伟帮我找到了合适的尺码，很满意', { staffNames: ['张伟'] }).isPraise).toBe(true);
    expect(analyzeText('帮我找到了合适的尺码，很满意', { staffNames: ['张伟'] }).isPraise).toBe(false);
    expect(s('东西很好用').isPraise).toBe(false);
    expect(s('服务员态度很差').isPraise).toBe(false);
  });
});
