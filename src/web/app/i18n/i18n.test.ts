import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

/** Lists every leaf key as a dotted path. */
function leafKeys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'string' ? [`${prefix}${key}`] : leafKeys(child as object, `${prefix}${key}.`),
  );
}

describe('web UI strings', () => {
  it('has the same keys in zh-CN and en', () => {
    expect(leafKeys(zhCN).sort()).toEqual(leafKeys(en).sort());
  });

  it('has no empty string and the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const lookup = (root: object, path: string) =>
      path.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], root) as string;
    for (const key of leafKeys(en)) {
      expect(lookup(en, key).trim(), key).not.toBe('');
      expect(lookup(zhCN, key).trim(), key).not.toBe('');
      expect(vars(lookup(zhCN, key)), key).toEqual(vars(lookup(en, key)));
    }
  });
});
