/**
 * PII redaction, applied to every comment before it is analysed, stored in
 * the analysis or logged: Chinese ID numbers (with a valid check character),
 * bank card numbers (13–19 digits passing Luhn), phone numbers (mainland
 * mobiles, landlines with an area code, +86) and e-mail addresses. A long
 * digit run that is none of these (an order number) is left alone.
 */

export type PiiKind = 'id_number' | 'bank_card' | 'phone' | 'email';

/** What a masked span becomes in the stored text. */
export const MASKS: Record<PiiKind, string> = { id_number: '[身份证号]', bank_card: '[银行卡号]', phone: '[电话]', email: '[邮箱]' };

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
// Digit runs, optionally grouped by single spaces or hyphens (6222 0200 1234 5678), not glued to other digits or letters.
const DIGIT_RUN = /(?<!\d)(?:\+?86[ -]?)?(?:\(0\d{2,3}\)[ -]?)?\d(?:[ -]?\d){5,22}[0-9x]?(?!\d)/gi;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** True for an 18-character mainland ID number whose birth date is plausible and check character (ISO 7064 MOD 11-2) is right. */
export function isChineseIdNumber(s: string): boolean {
  if (!/^[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === s[17]!.toUpperCase();
}

/** The Luhn checksum that every payment card number passes. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** What a digit run is, if it is personal data. */
export function classifyDigits(raw: string): PiiKind | null {
  const hasCountryCode = /^\+?86[ -]?/.test(raw) && raw.replace(/\D/g, '').length >= 12;
  const digits = raw.replace(/[^0-9xX]/g, '');
  const national = hasCountryCode ? digits.replace(/^86/, '') : digits;
  if (digits.length === 18 && isChineseIdNumber(digits)) return 'id_number';
  if (/^\d{13,19}$/.test(digits) && !hasCountryCode && passesLuhn(digits) && !/^1[3-9]\d{9}$/.test(digits)) return 'bank_card';
  if (/^1[3-9]\d{9}$/.test(national)) return 'phone';
  // Landline: area code 0 + 2–3 digits, then 7–8 digits (0755-1234567, (010)12345678, +86 10 12345678).
  if (/^0\d{9,11}$/.test(national) && (/[ -)]/.test(raw) || national.length >= 11)) return 'phone';
  if (hasCountryCode && /^[1-9]\d{8,10}$/.test(national)) return 'phone';
  return null;
}

/** The text with personal data masked, and which kinds were found. */
export function redactPii(text: string): { text: string; found: PiiKind[] } {
  const found = new Set<PiiKind>();
  let out = text.replace(EMAIL, () => {
    found.add('email');
    return MASKS.email;
  });
  out = out.replace(DIGIT_RUN, (match) => {
    const trimmed = match.replace(/[ -]+$/, '');
    const kind = classifyDigits(trimmed);
    if (!kind) return match;
    found.add(kind);
    return MASKS[kind] + match.slice(trimmed.length);
  });
  return { text: out, found: [...found] };
}

/** Removes the masks before analysis, so "[电话]" neither counts as words nor becomes a topic. */
export function withoutMasks(redacted: string): string {
  return redacted.replace(/\[(?:身份证号|银行卡号|电话|邮箱)\]/g, ' ');
}
