/**
 * What a partner may read of a customer's comment. The text module's rules mask phone, e-mail, ID and bank
 * card numbers; on top of them a partner report masks the names the organisation knows (its staff and the
 * customers in the report) and, more bluntly than the text module may, every other long number and anything
 * shaped like an address: a partner outside the company never needs an order number to act on a comment,
 * and two phone numbers written without a break are one digit run no phone rule recognises.
 */
import { redactPii } from '../text/index.ts';

export const NAME_MASK = '[姓名]';
export const NUMBER_MASK = '[号码]';
const EMAIL_MASK = '[邮箱]';

/** Seven or more digits, optionally grouped by single spaces or hyphens. */
const LONG_DIGITS = /\d(?:[ -]?\d){6,}/g;
/** Anything with an @ between non-space runs and a dot after it, including addresses the strict e-mail rule leaves. */
const LOOSE_EMAIL = /[^\s@，。；：、（）()<>[\]]+@[^\s@，。；：、（）()<>[\]]+\.[^\s@，。；：、（）()<>[\]]+/g;

const CJK = /^[\u3400-\u9fff]+$/;
/** How Chinese customers speak of a person by surname alone: 王师傅, 李经理, 老张, 小陈. */
const HONORIFICS = ['师傅', '先生', '女士', '小姐', '经理', '店长', '老师', '姐', '哥'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A pattern source that matches its Latin letters in either case (JavaScript has no inline (?i) before Node 23). */
const caseless = (source: string) => source.replace(/[a-z]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);

/** The ways a known name may appear in a comment, as regex sources (longest first once combined). */
function variantsOf(name: string): string[] {
  const out: string[] = [];
  for (const part of name.trim().split(/\s+/)) {
    if (!part) continue;
    if (CJK.test(part)) {
      if (part.length < 2) continue;
      out.push(escape(part));
      const surname = part[0]!;
      // The given name alone (芳 is too short to mask safely; 建国 is not).
      if (part.length >= 3) out.push(escape(part.slice(1)));
      out.push(`${escape(surname)}(?:${HONORIFICS.join('|')})`, `[老小]${escape(surname)}`);
    } else if (part.length >= 3) {
      // Latin parts as whole words, in the case they are written in (a lower-case "will" is not Will).
      out.push(`\\b${escape(part)}\\b`);
    }
  }
  const full = name.trim().replace(/\s+/g, ' ');
  // The full Latin name in any case and with any spacing ("zhang  wei", "ZHANG WEI").
  if (/\s/.test(full) && !CJK.test(full.replace(/\s/g, ''))) out.push(`\\b${full.split(' ').map((p) => caseless(escape(p))).join('\\s+')}\\b`);
  return out;
}

/** One pattern matching any variant of any of the names, or null when there are none. */
export function namePattern(names: Iterable<string>): RegExp | null {
  const sources = new Set<string>();
  for (const name of names) for (const v of variantsOf(name)) sources.add(v);
  if (!sources.size) return null;
  // Longest first, so 王建国 is masked whole rather than leaving 王 beside a masked 建国.
  return new RegExp([...sources].sort((a, b) => b.length - a.length).join('|'), 'gu');
}

/** A comment as a partner may read it: personal data and known names masked. */
export function redactVerbatim(text: string, names: RegExp | null): string {
  let out = redactPii(text).text.replace(LOOSE_EMAIL, EMAIL_MASK);
  if (names) out = out.replace(names, NAME_MASK);
  return out.replace(LONG_DIGITS, NUMBER_MASK);
}

/** Whether a theme (a topic word) names a known person, so it must not be shown. */
export function namesSomeone(topic: string, names: RegExp | null): boolean {
  if (!names) return false;
  names.lastIndex = 0;
  const found = names.test(topic);
  names.lastIndex = 0;
  return found;
}
