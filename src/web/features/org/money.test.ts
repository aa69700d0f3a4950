import { describe, expect, it } from 'vitest';
import { formatMoney } from './money.ts';

describe('formatMoney', () => {
  it('writes whole amounts without cents, in the UI language', () => {
    expect(formatMoney(200, 'CNY', 'zh-CN')).toBe('¥200');
    expect(formatMoney(10000, 'CNY', 'en')).toBe('CN¥10,000');
    expect(formatMoney(12.5, 'CNY', 'en')).toBe('CN¥12.50');
  });

  it('falls back to plain text for an unknown currency code', () => {
    expect(formatMoney(5, 'not a code', 'en')).toBe('5 not a code');
  });
});
