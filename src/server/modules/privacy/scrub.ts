/**
 * Pure helpers that take personal content out of text and JSON: the erasure and the retention job use them on
 * rows that must stay (a case's timeline, a notification, an idea that quoted a comment) but must stop saying
 * who the customer was or what they wrote.
 */

/** What replaces removed text where the column cannot be empty. */
export const ERASED = '[erased]';

/** Shorter comments are not looked for elsewhere: "好" or "ok" would match unrelated text. */
const MIN_QUOTE = 6;
/** A name this short (one Chinese character) would match far too much. */
const MIN_NAME = 2;
const MIN_PHONE_DIGITS = 6;

export interface PersonalValues {
  name: string | null;
  email: string | null;
  phone: string | null;
  externalId: string | null;
  /** Their comments, free-text answers, case descriptions, card notes. */
  texts: string[];
}

/** The strings to look for in other rows, longest first (so a comment is replaced before a name inside it). */
export function valuesToFind(p: PersonalValues): string[] {
  const found = new Set<string>();
  const add = (v: string | null | undefined, min: number) => {
    const s = v?.trim();
    if (s && [...s].length >= min) found.add(s);
  };
  add(p.name, MIN_NAME);
  add(p.email, 3);
  add(p.phone, MIN_PHONE_DIGITS);
  const digits = p.phone?.replace(/\D/g, '') ?? '';
  if (digits.length >= MIN_PHONE_DIGITS) found.add(digits);
  add(p.externalId, MIN_QUOTE);
  for (const t of p.texts) add(t, MIN_QUOTE);
  return [...found].sort((a, b) => b.length - a.length);
}

/** Every occurrence of every value replaced by ERASED. */
export function scrubText(text: string, values: readonly string[]): string {
  let out = text;
  for (const v of values) if (out.includes(v)) out = out.split(v).join(ERASED);
  return out;
}

/** The same through any JSON value: strings scrubbed, numbers, booleans and keys kept. */
export function scrubJson(value: unknown, values: readonly string[]): unknown {
  if (typeof value === 'string') return scrubText(value, values);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, values));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, values)]));
  return value;
}

/** Keys of a case event's or notification's data that hold what a person wrote. */
const FREE_TEXT_KEYS = new Set(['note', 'text', 'reason', 'rule', 'report', 'comment', 'description', 'decisionNote', 'title', 'titleEn', 'body', 'message', 'name']);
/** A machine word (`sla_breached`, `unhappy_follow_up`) is no one's words: kept. */
const MACHINE_WORD = /^[a-z]+(?:_[a-z]+)*$/;

/**
 * A case event's data after its customer's erasure: what people wrote (notes, reasons, exemption rules) becomes
 * ERASED, ids, amounts, flags and machine words stay, and anything nested is scrubbed of the known values.
 */
export function scrubNoteData(data: Record<string, unknown>, values: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === 'string' && FREE_TEXT_KEYS.has(k) && !MACHINE_WORD.test(v)) out[k] = ERASED;
    else out[k] = scrubJson(v, values);
  }
  return out;
}

/**
 * SQL for a response's answers without free text: numbers (scores, ratings) and the option values of choice
 * questions stay, text and hidden answers go. `r` is the responses row.
 */
export const ANSWERS_WITHOUT_TEXT = `(SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb) FROM jsonb_each(r.answers) e
   WHERE jsonb_typeof(e.value) = 'number' OR (jsonb_typeof(e.value) IN ('string', 'array') AND EXISTS (
     SELECT 1 FROM survey_versions v, jsonb_array_elements(v.questions) q
      WHERE v.org_id = r.org_id AND v.survey_id = r.survey_id AND v.version = r.survey_version
        AND q ->> 'key' = e.key AND q ->> 'type' IN ('single', 'multi'))))`;
