import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze.ts';
import { isChineseIdNumber, passesLuhn, redactPii } from './pii.ts';

describe('PII redaction', () => {
  it.each([
    ['mobile', '有问题打我电话13812345678谢谢', '有问题打我电话[电话]谢谢'],
    ['mobile with separators', '电话 138-1234-5678', '电话 [电话]'],
    ['mobile with +86', '+86 138 1234 5678 找我', '[电话] 找我'],
    ['landline', '座机010-12345678', '座机[电话]'],
    ['landline with brackets', '(0755)1234567', '[电话]'],
    ['e-mail', '邮箱 zhang.san@example.com 联系', '邮箱 [邮箱] 联系'],
    ['ID number', '身份证11010519491231002X', '身份证[身份证号]'],
    ['bank card (Luhn)', '卡号4111 1111 1111 1111退款', '卡号[银行卡号]退款'],
  ])('masks a %s', (_kind, text, expected) => expect(redactPii(text).text).toBe(expected));

  it('leaves digits that are no personal data: a Luhn-failing card-length number, an order number, counts', () => {
    for (const text of ['订单号 4111111111111112', '订单 202401051234567890', '等了40分钟', '第3次打电话', '11010519491231002Y']) {
      expect(redactPii(text), text).toEqual({ text, found: [] });
    }
  });

  it('checks the ID check character and the Luhn digit', () => {
    expect(isChineseIdNumber('11010519491231002X')).toBe(true);
    expect(isChineseIdNumber('110105194912310021')).toBe(false);
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });

  it('masks before analysis: the stored text and the keywords never carry the data', () => {
    const a = analyzeText('快递员很热情！我的手机13812345678，邮箱 li.lei@example.com，卡号6222021234567890128');
    expect(a.redacted).not.toMatch(/13812345678|li\.lei|6222021234567890128/);
    expect(a.piiFound).toEqual(expect.arrayContaining(["phone", "email", "bank_card"]));
    expect(a.keywords.join(' ')).not.toMatch(/\d{6}|example/);
  });
});
