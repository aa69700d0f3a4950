/**
 * The events this module publishes through the outbox, for the live stream,
 * webhooks and recognition to consume. Each names the people it concerns
 * (`ownerId`, `employeeId`, `notify`) and the case's unit, so a consumer can
 * scope delivery (employee: own; manager: unit subtree) without reading back.
 */
import type { Tx } from '../../platform/db/database.ts';
import { publish } from '../../platform/events/index.ts';
import type { Clock } from '../../platform/clock.ts';

export interface CaseRef {
  caseId: string;
  status: string;
  priority: string;
  ownerId: string | null;
  /** The serving employee. */
  employeeId: string | null;
  unitId: string | null;
  customerId: string | null;
}

/** `case.created`: an alert rule or an employee opened a case. */
export interface CaseCreated extends CaseRef {
  title: string;
  ruleId: string | null;
  responseId: string | null;
  dueAt: string;
}

/** `case.escalated`: an SLA breach (or a person) moved the case up the tree. */
export interface CaseEscalated extends CaseRef {
  fromOwnerId: string | null;
  toOwnerId: string | null;
  level: number;
  reason: 'first_response_sla' | 'resolution_sla' | 'manual' | 'exemption_report_overdue';
}

/** `case.updated`: any other action on the case (`action` is the action or timeline type). */
export interface CaseUpdated extends CaseRef {
  action: string;
  actorEmployeeId: string | null;
}

/** `case.closed`: closed with its root cause (recognition may award points). */
export interface CaseClosed extends CaseRef {
  rootCause: string;
}

/** `insight.captured`: an employee opened a case for a customer they met (experience work recognition counts). */
export interface InsightCaptured {
  caseId: string;
  /** The employee who captured it. */
  employeeId: string;
  unitId: string | null;
  customerId: string | null;
  touchpoint: string | null;
  priority: string;
}

/** `approval.requested`: a compensation above the actor's authority waits for `approverId`. */
export interface ApprovalRequested {
  approvalId: string;
  caseId: string;
  approverId: string;
  requestedBy: string;
  /** The requester again, under the name stream scoping reads. */
  employeeId: string;
  amount: number;
  currency: string;
  kind: string;
  unitId: string | null;
}

/** `warning.raised`: an early warning for the people in `notify` (overdue exemption report, alert rule without a case, repeat complaint). */
export interface WarningRaised {
  kind: 'exemption_report_overdue' | 'alert' | 'repeat_complaint';
  notify: string[];
  caseId: string | null;
  unitId: string | null;
  employeeId: string | null;
  ruleId?: string;
  responseId?: string;
  exemptionId?: string;
}

export interface CaseEvents {
  'case.created': CaseCreated;
  'case.escalated': CaseEscalated;
  'case.updated': CaseUpdated;
  'case.closed': CaseClosed;
  'insight.captured': InsightCaptured;
  'approval.requested': ApprovalRequested;
  'warning.raised': WarningRaised;
}

/** Publishes one of this module's events in the caller's transaction, stamped with the module's clock. */
export function publishCaseEvent<K extends keyof CaseEvents>(tx: Tx, clock: Clock, name: K, payload: CaseEvents[K]): Promise<void> {
  return publish(tx, name, payload, { at: clock.now() });
}
