import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namePattern, redactVerbatim } from './redaction.ts';

// Comments made of everyday words with personal data mixed in: whatever the mix, no phone number, e-mail
// address or known name may reach the partner.

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂'];
// Everyday phrases that share no character with the names above, so a surviving name cannot come from them.
const PHRASES = ['配送很快', '包装破了', '态度不错', '送达准时', '东西新鲜', '下雨天也送到了', '门店整洁', '等了很久', 'the courier was late', 'great service', 'box was wet'];
const HONORIFICS = ['师傅', '先生', '女士', '经理'];

const chineseName = fc.tuple(fc.constantFrom(...SURNAMES), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 })).map(([s, g]) => s + g.join(''));
const latinWord = fc.stringMatching(/^[A-Z][a-z]{2,7}$/).filter((w) => !PHRASES.some((p) => p.toLowerCase().includes(w.toLowerCase())));
const latinName = fc.tuple(latinWord, latinWord).map(([a, b]) => `${a} ${b}`);
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const mobile = fc.tuple(fc.constantFrom('13', '15', '17', '18', '19'), digits(9)).map(([p, d]) => p + d);
const phone = fc.oneof(
  mobile,
  mobile.map((m) => `+86 ${m}`),
  mobile.map((m) => `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`),
  mobile.map((m) => `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`),
  fc.tuple(fc.constantFrom('010', '021', '0755'), digits(8)).map(([a, d]) => `${a}-${d}`),
);
const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9._+-]{0,11}$/), fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.constantFrom('com', 'cn', 'com.cn', 'org')).map(([u, d, tld]) => `${u}@${d}.${tld}`);

type Piece = { kind: 'text'; text: string } | { kind: 'phone' | 'email'; text: string } | { kind: 'name'; text: string; name: string };
const piece: fc.Arbitrary<Piece> = fc.oneof(
  fc.constantFrom(...PHRASES).map((text) => ({ kind: 'text' as const, text })),
  phone.map((text) => ({ kind: 'phone' as const, text })),
  email.map((text) => ({ kind: 'email' as const, text })),
  chineseName.map((name) => ({ kind: 'name' as const, text: name, name })),
  // How people speak of staff by surname: 王师傅.
  fc.tuple(chineseName, fc.constantFrom(...HONORIFICS)).map(([name, h]) => ({ kind: 'name' as const, text: name[0]! + h, name })),
  latinName.map((name) => ({ kind: 'name' as const, text: name, name })),
  latinName.map((name) => ({ kind: 'name' as const, text: name.toUpperCase(), name })),
);
const SEPARATORS = ['，', '。', ' ', '！', ', ', '：'];

describe('verbatim redaction', () => {
  it('lets no phone number, e-mail address or known name through', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), fc.array(fc.constantFrom(...SEPARATORS), { minLength: 12, maxLength: 12 }), (pieces, seps) => {
        const comment = pieces.map((p, i) => p.text + seps[i]).join('');
        const names = pieces.flatMap((p) => (p.kind === 'name' ? [p.name] : []));
        const out = redactVerbatim(comment, namePattern(names));
        for (const p of pieces) {
          if (p.kind === 'text') continue;
          expect(out, comment).not.toContain(p.text);
          if (p.kind === 'phone') expect(out.replace(/\D/g, ''), comment).not.toContain(p.text.replace(/\D/g, '').slice(-8));
          if (p.kind === 'email') expect(out, comment).not.toContain(p.text.split('@')[1]!.split('.')[0] + '.');
        }
        // Whatever else happened, no run of seven digits is left.
        expect(out, comment).not.toMatch(/\d(?:[ -]?\d){6}/);
        // The everyday words are still there.
        for (const p of pieces) if (p.kind === 'text') expect(out, comment).toContain(p.text);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps ordinary text as it was', () => {
    const names = namePattern(['王建国', 'Will Smith']);
    expect(redactVerbatim('订单 12 号，等了 30 分钟，we will come back', names)).toBe('订单 12 号，等了 30 分钟，we will come back');
    expect(redactVerbatim('王建国和建国都很好，老王也不错；Will was kind', names)).toBe('[姓名]和[姓名]都很好，[姓名]也不错；[姓名] was kind');
  });
});
