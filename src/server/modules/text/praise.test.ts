import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze.ts';
import { isPraise, PRAISE_MIN_SCORE } from './praise.ts';
import { normalizeText } from './text.normalize.ts';

const praise = (text: string, staffNames: string[] = []) => analyzeText(text, { staffNames }).isPraise;
/** The rules alone, at a given score: stays true whatever a retrained model scores the text. */
const rule = (text: string, score: number, lang: 'zh' | 'en' = 'zh') => isPraise(normalizeText(text), score, lang, []);

describe('praise is clearly positive', () => {
  it('needs the language’s least score, above the neutral band', () => {
    expect(PRAISE_MIN_SCORE.zh).toBeGreaterThan(0.3);
    expect(PRAISE_MIN_SCORE.en).toBeGreaterThan(0.3);
    expect(rule('快递小哥很热情，还帮我搬上楼', PRAISE_MIN_SCORE.zh)).toBe(true);
    expect(rule('快递小哥很热情，还帮我搬上楼', PRAISE_MIN_SCORE.zh - 0.01)).toBe(false);
    expect(rule('The courier was lovely', PRAISE_MIN_SCORE.en, 'en')).toBe(true);
    expect(rule('The courier was lovely', PRAISE_MIN_SCORE.en - 0.01, 'en')).toBe(false);
  });

  it('is not lukewarm, whatever the score', () => {
    for (const text of ['总体还行，结账排了几分钟队', '服务还可以', '服务一般', '服务还行吧', '客服态度马马虎虎', '服务员还算客气', '前台态度过得去', '服务还不错']) {
      expect(rule(text, 0.9), text).toBe(false);
      expect(praise(text), text).toBe(false);
    }
    for (const text of ['the staff were fine', 'Service was okay', 'The service was decent', 'Service was not bad', 'The receptionist was polite enough', 'Lovely hotel, the staff were okay']) {
      expect(rule(text, 0.9, 'en'), text).toBe(false);
      expect(praise(text), text).toBe(false);
    }
  });

  it('reads "还" and "一般" as lukewarm only where they are ("还帮我…" is "also", "一般都…" is "usually")', () => {
    expect(rule('服务员还帮我们拍照，太热情了', 0.9)).toBe(true);
    expect(rule('一般都是小李送，每次都很准时，谢谢', 0.9)).toBe(true);
  });

  it('lets a lukewarm word about something else, or before a contrast, stand beside praise', () => {
    expect(rule('菜一般，但是服务员特别热情', 0.9)).toBe(true);
    expect(praise('The food was fine but the staff were amazing')).toBe(true);
    expect(praise('Staff were amazing, the room was fine')).toBe(true);
  });
});

describe('praise is about the service or a person', () => {
  it('is not a product, a place or a general verdict alone', () => {
    for (const text of ['东西很好用', '菜很好吃，分量也足', '房间很大，床很舒服', '很满意', '小程序很好用，下单很方便']) expect(rule(text, 0.95), text).toBe(false);
    for (const text of ['The food was delicious', 'Love the new phone, battery lasts forever', 'Very satisfied']) expect(rule(text, 0.95, 'en'), text).toBe(false);
  });

  it('recognises staff roles across businesses and ways of naming staff', () => {
    for (const text of ['护士小姐姐很温柔', '谢谢师傅大热天送上门', '小王太棒了', '王师傅修得又快又好', '张姐太专业了', '柜员办业务又快又准', '空乘人员帮我放好了行李', '物业管家很负责']) {
      expect(rule(text, 0.9), text).toBe(true);
    }
    for (const text of ['The guy at the counter was a legend', 'Sarah at the front desk was brilliant', 'Cabin crew were fantastic with our toddler', 'The mechanic was honest', 'Thanks Mike!']) {
      expect(rule(text, 0.9, 'en'), text).toBe(true);
    }
  });

  it('counts the organisation’s staff names', () => {
    expect(praise('张伟帮我找到了合适的尺码，很满意', ['张伟'])).toBe(true);
    expect(praise('帮我找到了合适的尺码，很满意', ['张伟'])).toBe(false);
    expect(praise('谢谢小王，服务特别耐心周到')).toBe(true);
    expect(praise('快递员很热情，还帮我搬上楼')).toBe(true);
    expect(praise('The staff were really friendly')).toBe(true);
    expect(praise('The guy at the counter was a legend')).toBe(true);
  });

  it('does not mistake words that begin like a name (小程序, 小范围) for a person', () => {
    expect(rule('小程序做得太棒了', 0.9)).toBe(false);
    expect(rule('小范围试用，效果太棒了', 0.9)).toBe(false);
  });
});

describe('what is not praise even with a kind word in it', () => {
  it('mixed comments ending in a complaint, and complaints about staff', () => {
    expect(praise('服务很好但是菜太咸')).toBe(false);
    expect(praise('服务员态度恶劣，叫了好几次都没人理')).toBe(false);
    expect(rule('风景很美，导游一直催着购物', 0.9)).toBe(false);
    expect(rule('咖啡好喝，收银员全程冷脸', 0.9)).toBe(false);
    expect(rule('导购很有耐心，试了十几双也没有一点不耐烦', 0.9)).toBe(true);
    expect(praise('Food was great, but the waitress was rude')).toBe(false);
  });

  it('sarcasm', () => {
    expect(rule('服务真是"好"啊，等了一个小时', 0.9)).toBe(false);
    expect(rule("服务真是'好'啊，等了一个小时", 0.9)).toBe(false);
    expect(rule('服务员真“热情”，一直催我们点贵的菜', 0.9)).toBe(false);
    expect(rule('呵呵，客服真棒', 0.9)).toBe(false);
    expect(praise('Yeah the "helpful" staff were really great at pretending not to see us')).toBe(false);
    expect(praise('Oh great service, only waited an hour for a coffee')).toBe(false);
    expect(praise('Love how the support team takes a week to reply 🙄')).toBe(false);
  });

  it('questions and wishes', () => {
    expect(rule('能不能让小王再来帮我看一下？', 0.9)).toBe(false);
    expect(rule('希望服务能再热情一点', 0.9)).toBe(false);
    expect(rule('谢谢小王，希望下次还是你服务', 0.9)).toBe(true);
    expect(rule('Would be nice if the staff smiled occasionally', 0.9, 'en')).toBe(false);
  });
});
