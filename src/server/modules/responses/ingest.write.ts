import type { Source } from '../../../contracts/responses.ts';
import { validateAnswers, type Answers, type Lang, type Question } from '../../../contracts/surveys.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { ItemOutcome } from '../../platform/db/group-commit.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { publishMany } from '../../platform/events/index.ts';
import { idempotencyConflict } from '../../platform/idempotency.ts';
import { addToRollups } from '../metrics/index.ts';
import { findInteractions, partnerRuleMatcher } from '../odata/index.ts';
import { addNotes, type IngestNotes, type ResponsesWrittenHook } from './ingest.hooks.ts';
import { getSurveyVersion, markLinkUsed, type SurveyVersion } from '../surveys/index.ts';

/** One response on its way in, shaped by its entry point (API, batch, public page, CSV import). */
export interface IngestItem {
  /** Chosen before the write, so the idempotency key and the event can name it in the same transaction. */
  id: string;
  surveyId: string;
  answers: Record<string, unknown>;
  customerId: string | null;
  interactionId: string | null;
  employeeId: string | null;
  unitId: string | null;
  /** Taken from the interaction when missing, like the rest of the served context. */
  partnerId: string | null;
  touchpoint: string | null;
  channel: string | null;
  lang: Lang | null;
  submittedAt: Date;
  receivedAt: Date;
  source: Source;
  flags: string[];
  /** The public link answered; a personal link takes one answer, an anonymous one is marked at its first. */
  link: { id: string; isPersonal: boolean; isFirstUse: boolean } | null;
  /** The public page refuses closed surveys; integrators may load answers (history) into any. */
  requiresOpenSurvey: boolean;
  idempotency: { key: string; hash: string } | null;
  /** False for a history import that asked not to run alert rules (`runRules: false`). */
  runRules: boolean;
}

/** The id of the response an item stands for; `isNew` false when an idempotency key replayed an earlier one. */
export interface IngestResult {
  id: string;
  isNew: boolean;
}

/** The payload of `response.submitted`, the event cases, text analytics and metrics listen to. */
export interface ResponseSubmitted {
  responseId: string;
  surveyId: string;
  /** The public link answered (a case's follow-up link answers that case). */
  linkId: string | null;
  customerId: string | null;
  interactionId: string | null;
  employeeId: string | null;
  unitId: string | null;
  touchpoint: string | null;
  channel: string | null;
  nps: number | null;
  csat: number | null;
  ces: number | null;
  comment: string | null;
  lang: Lang | null;
  flags: string[];
  submittedAt: string;
  /** False when the caller asked not to run alert rules on it; absent (older events) means true. */
  runRules?: boolean;
}

type Outcome = ItemOutcome<IngestResult>;

/** The references an item may carry, each checked against its table. */
const FIELDS = ['customerId', 'employeeId', 'unitId', 'partnerId'] as const;

/** Answers a little ahead of the server's clock are a device's skew; beyond that they are an error. */
const FUTURE_SKEW_MS = 5 * 60_000;


/**
 * Writes a group of responses in the caller's transaction with a few statements
 * for the whole group. Every check that can refuse one item runs before any
 * write, so a refused item leaves nothing behind and its group-mates commit.
 */
export async function applyIngestGroup(tx: Tx, items: IngestItem[], afterWrite: ResponsesWrittenHook[], notes?: IngestNotes): Promise<Outcome[]> {
  const orgId = tx.orgId!;
  const outcomes: (Outcome | null)[] = items.map(() => null);
  const refuse = (i: number, error: AppError) => (outcomes[i] = { ok: false, error });
  const open = () => items.flatMap((item, i) => (outcomes[i] === null && !followers.has(i) ? [{ item, i }] : []));

  const followers = await settleReplays(tx, orgId, items, outcomes);
  const surveys = await loadSurveys(tx, orgId, [...new Set(open().map((o) => o.item.surveyId))]);
  const rows: Array<{ i: number; item: IngestItem; survey: SurveyVersion; answers: Answers }> = [];
  for (const { item, i } of open()) {
    const survey = surveys.get(item.surveyId);
    if (!survey) refuse(i, notFound('survey'));
    else if (item.requiresOpenSurvey && survey.status === 'closed') refuse(i, new AppError(410, 'survey_closed', 'this survey is not taking answers'));
    else if (item.submittedAt.getTime() > item.receivedAt.getTime() + FUTURE_SKEW_MS) refuse(i, invalid('submittedAt is in the future', { field: 'submittedAt' }));
    else {
      const answers = withoutBlanks(item.answers);
      const errors = validateAnswers(survey.questions, answers);
      if (Object.keys(errors).length) refuse(i, answersInvalid(errors));
      else rows.push({ i, item, survey, answers: answers as Answers });
    }
  }
  await fillFromInteractions(tx, orgId, rows, refuse);
  await checkReferences(tx, orgId, rows.filter((r) => outcomes[r.i] === null), refuse);
  for (const r of rows) {
    if (outcomes[r.i] !== null || !r.item.link || (!r.item.link.isPersonal && !r.item.link.isFirstUse)) continue;
    if (!(await markLinkUsed(tx, r.item.link.id, r.item.id, r.item.receivedAt))) refuse(r.i, alreadyAnswered());
  }

  const accepted = rows.filter((r) => outcomes[r.i] === null);
  await insertResponses(tx, orgId, accepted, afterWrite, notes);
  for (const r of accepted) outcomes[r.i] = { ok: true, value: { id: r.item.id, isNew: true } };
  for (const [i, leader] of followers) outcomes[i] = followLeader(items[i]!, items[leader]!, outcomes[leader]!);
  return outcomes as Outcome[];
}

export const alreadyAnswered = () => conflict('already_answered', 'this personal link has already been answered');

/**
 * Items whose key is already stored replay the stored response (same payload)
 * or are refused (different payload). A key repeated inside the group follows
 * its first occurrence; returns follower index → leader index.
 */
async function settleReplays(tx: Tx, orgId: string, items: IngestItem[], outcomes: (Outcome | null)[]): Promise<Map<number, number>> {
  const keys = [...new Set(items.flatMap((item) => (item.idempotency ? [item.idempotency.key] : [])))];
  const stored = new Map<string, { request_hash: string; response_id: string }>();
  if (keys.length) {
    const rows = await tx.query<{ key: string; request_hash: string; response_id: string }>(
      `SELECT key, request_hash, response_id FROM idempotency_keys WHERE org_id = $1 AND key = ANY($2::text[])`,
      [orgId, keys],
    );
    for (const r of rows) stored.set(r.key, r);
  }
  const leaders = new Map<string, number>();
  const followers = new Map<number, number>();
  items.forEach((item, i) => {
    if (!item.idempotency) return;
    const { key, hash } = item.idempotency;
    const prior = stored.get(key);
    if (prior) outcomes[i] = prior.request_hash === hash ? { ok: true, value: { id: prior.response_id, isNew: false } } : { ok: false, error: idempotencyConflict() };
    else if (leaders.has(key)) followers.set(i, leaders.get(key)!);
    else leaders.set(key, i);
  });
  return followers;
}

function followLeader(item: IngestItem, leader: IngestItem, outcome: Outcome): Outcome {
  if (item.idempotency!.hash !== leader.idempotency!.hash) return { ok: false, error: idempotencyConflict() };
  return outcome.ok ? { ok: true, value: { id: outcome.value.id, isNew: false } } : outcome;
}

async function loadSurveys(tx: Tx, orgId: string, surveyIds: string[]): Promise<Map<string, SurveyVersion>> {
  const surveys = new Map<string, SurveyVersion>();
  for (const id of surveyIds) {
    const survey = await getSurveyVersion(tx, orgId, id);
    if (survey) surveys.set(id, survey);
  }
  return surveys;
}

/**
 * The X↔O join: what the caller left out (customer, employee, unit, touchpoint, channel, partner) comes from the
 * interaction; a response still naming no partner then takes the one the partner rules give its touchpoint and unit.
 */
async function fillFromInteractions(tx: Tx, orgId: string, rows: Array<{ i: number; item: IngestItem }>, refuse: (i: number, e: AppError) => void) {
  const ids = [...new Set(rows.flatMap((r) => (r.item.interactionId ? [r.item.interactionId] : [])))];
  const interactions = await findInteractions(tx, orgId, ids);
  for (const { i, item } of rows) {
    if (!item.interactionId) continue;
    const interaction = interactions.get(item.interactionId);
    if (!interaction) {
      refuse(i, new AppError(404, 'not_found', 'interactionId: interaction not found', { field: 'interactionId' }));
      continue;
    }
    item.customerId ??= interaction.customerId;
    item.employeeId ??= interaction.employeeId;
    item.unitId ??= interaction.unitId;
    item.partnerId ??= interaction.partnerId;
    item.touchpoint ??= interaction.touchpoint;
    item.channel ??= interaction.channel;
  }
  const where = (item: IngestItem) => ({ touchpoint: item.touchpoint, unitId: item.unitId });
  const ruleOf = await partnerRuleMatcher(tx, orgId, rows.filter((r) => !r.item.partnerId).map((r) => where(r.item)));
  for (const { item } of rows) item.partnerId ??= ruleOf(where(item));
}

/** Customer, employee, unit and partner ids must name records of this organisation; one statement for the whole group. */
async function checkReferences(tx: Tx, orgId: string, rows: Array<{ i: number; item: IngestItem }>, refuse: (i: number, e: AppError) => void) {
  const ids = (field: (typeof FIELDS)[number]) => [...new Set(rows.flatMap((r) => (r.item[field] ? [r.item[field]] : [])))];
  const [customers, employees, units, partners] = FIELDS.map(ids) as [string[], string[], string[], string[]];
  if (!customers.length && !employees.length && !units.length && !partners.length) return;
  const found = await tx.query<{ kind: string; id: string }>(
    `SELECT 'customerId' AS kind, id::text FROM customers WHERE org_id = $1 AND id = ANY($2::uuid[])
     UNION ALL SELECT 'employeeId', id::text FROM employees WHERE org_id = $1 AND id = ANY($3::uuid[])
     UNION ALL SELECT 'unitId', id::text FROM units WHERE org_id = $1 AND id = ANY($4::uuid[])
     UNION ALL SELECT 'partnerId', id::text FROM partners WHERE org_id = $1 AND id = ANY($5::uuid[])`,
    [orgId, customers, employees, units, partners],
  );
  const known = new Set(found.map((f) => `${f.kind}:${f.id}`));
  for (const { i, item } of rows) {
    const missing = FIELDS.find((f) => item[f] && !known.has(`${f}:${item[f]}`));
    if (missing) refuse(i, new AppError(404, 'not_found', `${missing}: ${missing.slice(0, -2)} not found`, { field: missing }));
  }
}

async function insertResponses(
  tx: Tx,
  orgId: string,
  rows: Array<{ item: IngestItem; survey: SurveyVersion; answers: Answers }>,
  afterWrite: ResponsesWrittenHook[],
  notes: IngestNotes | undefined,
): Promise<void> {
  if (!rows.length) return;
  const records = rows.map(({ item, survey, answers }) => ({
    id: item.id,
    survey_id: item.surveyId,
    survey_version: survey.version,
    link_id: item.link?.id ?? null,
    customer_id: item.customerId,
    interaction_id: item.interactionId,
    employee_id: item.employeeId,
    unit_id: item.unitId,
    partner_id: item.partnerId,
    touchpoint: item.touchpoint,
    channel: item.channel,
    lang: item.lang,
    answers,
    ...scoresOf(survey.questions, answers),
    submitted_at: item.submittedAt.toISOString(),
    received_at: item.receivedAt.toISOString(),
    source: item.source,
    flags: item.flags,
  }));
  await tx.query(
    `INSERT INTO responses (org_id, id, survey_id, survey_version, link_id, customer_id, interaction_id, employee_id, unit_id,
       partner_id, touchpoint, channel, lang, answers, nps, csat, ces, comment, submitted_at, received_at, source, flags)
     SELECT $1, r.* FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, survey_id uuid, survey_version int, link_id uuid,
       customer_id uuid, interaction_id uuid, employee_id uuid, unit_id uuid, partner_id uuid, touchpoint text, channel text, lang text,
       answers jsonb, nps smallint, csat smallint, ces smallint, comment text, submitted_at timestamptz,
       received_at timestamptz, source text, flags text[])`,
    [orgId, JSON.stringify(records)],
  );
  await addToRollups(tx, records);
  const keys = rows.flatMap(({ item }) => (item.idempotency ? [{ key: item.idempotency.key, hash: item.idempotency.hash, id: item.id }] : []));
  if (keys.length) {
    await tx.query(
      `INSERT INTO idempotency_keys (org_id, key, request_hash, response_id, created_at)
       SELECT $1, k.key, k.hash, k.id, $3 FROM jsonb_to_recordset($2::jsonb) AS k(key text, hash text, id uuid)`,
      [orgId, JSON.stringify(keys), rows[0]!.item.receivedAt],
    );
  }
  const events = records.map((r, n): ResponseSubmitted => ({
    responseId: r.id,
    surveyId: r.survey_id,
    linkId: r.link_id,
    customerId: r.customer_id,
    interactionId: r.interaction_id,
    employeeId: r.employee_id,
    unitId: r.unit_id,
    touchpoint: r.touchpoint,
    channel: r.channel,
    nps: r.nps,
    csat: r.csat,
    ces: r.ces,
    comment: r.comment,
    lang: r.lang,
    flags: r.flags,
    submittedAt: r.submitted_at,
    ...(rows[n]!.item.runRules ? {} : { runRules: false }),
  }));
  await publishMany(tx, 'response.submitted', events, { at: rows[0]!.item.receivedAt });
  for (const hook of afterWrite) addNotes(notes, await hook(tx, events));
}

/** The first NPS, CSAT and CES answers and the first text answer, copied into columns for metrics and text analytics. */
export function scoresOf(questions: Question[], answers: Answers) {
  const first = (type: Question['type']) => {
    const q = questions.find((x) => x.type === type && answers[x.key] !== undefined);
    return q ? answers[q.key]! : null;
  };
  return { nps: first('nps') as number | null, csat: first('csat') as number | null, ces: first('ces') as number | null, comment: first('text') as string | null };
}

/** Null, '' and [] mean "not answered": they are left out rather than stored. */
function withoutBlanks(answers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)));
}

/** A 400 naming each bad answer by question key, both as `answers` and as the API's usual `issues`. */
export function answersInvalid(errors: Record<string, string>): AppError {
  return invalid('some answers are not valid', {
    answers: errors,
    issues: Object.entries(errors).map(([key, message]) => ({ field: `body.answers.${key}`, message })),
  });
}
