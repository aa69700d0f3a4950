/**
 * What a rule's conditions are checked against, and the check itself. The
 * facts of a whole ingest group are gathered with one statement per kind
 * (customers, earlier complaints), so matching is plain computation.
 */
import type { AlertWhen } from '../../../contracts/cases.ts';
import { HOUR } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { ResponseSubmitted } from '../responses/index.ts';
import type { AlertRuleRow } from './alert-rules.service.ts';

/** A complaint: an NPS detractor or a CSAT of 1–2. */
export const isComplaint = (r: { nps: number | null; csat: number | null }): boolean => (r.nps !== null && r.nps <= 6) || (r.csat !== null && r.csat <= 2);

export interface Facts {
  p: ResponseSubmitted;
  segment: string | null;
  value: number | null;
  sentiment: string | null;
  submittedAt: Date;
  /** When it reached Lodestar: a rule acts only when `submittedAt` is within its `maxAgeHours` of this. */
  receivedAt: Date;
  /** The same customer's latest earlier complaint, when this response is a complaint. */
  previousComplaintAt: Date | null;
}

/** Whether a rule may act on a response of this age (history and late batches are left alone). */
export const isFreshFor = (rule: Pick<AlertRuleRow, 'max_age_hours'>, f: Pick<Facts, 'submittedAt' | 'receivedAt'>): boolean =>
  f.receivedAt.getTime() - f.submittedAt.getTime() <= rule.max_age_hours * HOUR;

export function matches(w: AlertWhen, f: Facts): boolean {
  const { p } = f;
  const inRange = (v: number | null, r: { lte?: number; gte?: number }) => v !== null && (r.lte === undefined || v <= r.lte) && (r.gte === undefined || v >= r.gte);
  const lower = (s: string) => s.toLocaleLowerCase();
  const checks: Array<() => boolean> = [];
  if (w.nps) checks.push(() => inRange(p.nps, w.nps!));
  if (w.csat) checks.push(() => inRange(p.csat, w.csat!));
  if (w.ces) checks.push(() => inRange(p.ces, w.ces!));
  if (w.sentiment) checks.push(() => f.sentiment !== null && w.sentiment!.includes(f.sentiment as never));
  if (w.keywords) checks.push(() => !!p.comment && w.keywords!.some((k) => lower(p.comment!).includes(lower(k))));
  if (w.customerSegments) checks.push(() => f.segment !== null && w.customerSegments!.includes(f.segment));
  if (w.customerValueGte !== undefined) checks.push(() => f.value !== null && f.value >= w.customerValueGte!);
  if (w.touchpoints) checks.push(() => p.touchpoint !== null && w.touchpoints!.includes(p.touchpoint));
  if (w.repeatComplaint) {
    const days = w.repeatComplaint.withinDays;
    checks.push(() => f.previousComplaintAt !== null && f.previousComplaintAt.getTime() >= f.submittedAt.getTime() - days * 24 * HOUR);
  }
  return w.match === 'any' ? checks.some((c) => c()) : checks.length > 0 && checks.every((c) => c());
}

/**
 * The facts of each response for these rules: customer segment and value only
 * when a rule asks for them, earlier complaints only when a rule looks for repeats.
 */
export async function gatherFacts(
  tx: Tx,
  rules: AlertRuleRow[],
  items: Array<{ p: ResponseSubmitted; receivedAt: Date; sentiment: string | null }>,
): Promise<Facts[]> {
  const needsCustomer = rules.some((r) => r.conditions.customerSegments || r.conditions.customerValueGte !== undefined);
  const customers = needsCustomer ? await customerFacts(tx, items.flatMap(({ p }) => (p.customerId ? [p.customerId] : []))) : new Map<string, CustomerFacts>();
  const complaints = rules.some((r) => r.conditions.repeatComplaint) ? await previousComplaints(tx, items.map((i) => i.p)) : new Map<string, Date>();
  return items.map(({ p, receivedAt, sentiment }) => {
    const customer = p.customerId ? customers.get(p.customerId) : undefined;
    return {
      p,
      segment: customer?.segment ?? null,
      value: customer?.value ?? null,
      sentiment,
      submittedAt: new Date(p.submittedAt),
      receivedAt,
      previousComplaintAt: complaints.get(p.responseId) ?? null,
    };
  });
}

interface CustomerFacts {
  segment: string | null;
  value: number | null;
}

async function customerFacts(tx: Tx, ids: string[]): Promise<Map<string, CustomerFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: string; segment: string | null; value: string | null }>(
    `SELECT id, segment, value FROM customers WHERE org_id = $1 AND id = ANY ($2::uuid[])`,
    [tx.orgId, [...new Set(ids)]],
  );
  return new Map(rows.map((c) => [c.id, { segment: c.segment, value: c.value == null ? null : Number(c.value) }]));
}

/** For each complaint with a customer: that customer's latest other complaint submitted no later than it. */
async function previousComplaints(tx: Tx, written: ResponseSubmitted[]): Promise<Map<string, Date>> {
  const asked = written.filter((p) => p.customerId && isComplaint(p)).map((p) => ({ id: p.responseId, customer_id: p.customerId, at: p.submittedAt }));
  if (asked.length === 0) return new Map();
  const rows = await tx.query<{ id: string; at: Date }>(
    `SELECT q.id, max(r.submitted_at) AS at
     FROM jsonb_to_recordset($2::jsonb) AS q(id uuid, customer_id uuid, at timestamptz)
     JOIN responses r ON r.org_id = $1 AND r.customer_id = q.customer_id AND r.id <> q.id AND r.submitted_at <= q.at AND (r.nps <= 6 OR r.csat <= 2)
     GROUP BY q.id`,
    [tx.orgId, JSON.stringify(asked)],
  );
  return new Map(rows.map((r) => [r.id, r.at]));
}
