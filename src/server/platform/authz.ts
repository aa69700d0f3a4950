import type { Actor } from './actor.ts';
import { forbidden } from './errors.ts';

/**
 * Role-level permissions: can(actor, action). One rule per line; data scope
 * (a manager's subtree, an employee's own records) is applied by each service's
 * queries, since it depends on the rows.
 */
const rules = {
  'org.read': (a: Actor) => a.role !== 'partner',
  'org.write': (a: Actor) => a.role === 'admin',
  'apiKey.create': (a: Actor) => a.role === 'admin',
  'user.manage': (a: Actor) => a.role === 'admin',
  'audit.read': (a: Actor) => a.role === 'admin',
  'response.write': (a: Actor) => a.role === 'admin',
  'response.read': (a: Actor) => a.role !== 'partner',
  'survey.read': (a: Actor) => a.role !== 'partner',
  'survey.write': (a: Actor) => a.role === 'admin',
  'link.create': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'message.read': (a: Actor) => a.role === 'admin',
  'trigger.manage': (a: Actor) => a.role === 'admin',
  'text.analyze': (a: Actor) => a.role !== 'employee',
  'text.read': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'text.manage': (a: Actor) => a.role === 'admin',
  'text.adapter': (a: Actor) => a.role === 'admin',
  'text.label': (a: Actor) => a.role === 'admin',
  'alertRule.read': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'alertRule.manage': (a: Actor) => a.role === 'admin',
  'case.read': (a: Actor) => a.role !== 'partner',
  'case.act': (a: Actor) => a.role !== 'partner',
  'case.capture': (a: Actor) => a.role !== 'partner', // and only as an employee (the service answers 403 employee_required)
  'support.summary': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'case.configure': (a: Actor) => a.role === 'admin',
  'metrics.read': (a: Actor) => a.role !== 'partner',
  'kpi.read': (a: Actor) => a.role !== 'partner',
  'kpi.manage': (a: Actor) => a.role === 'admin',
  'kpi.record': (a: Actor) => a.role !== 'partner',
  'goal.read': (a: Actor) => a.role !== 'partner',
  'goal.manage': (a: Actor) => a.role === 'admin',
  'scorecard.read': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'board.manage': (a: Actor) => a.role === 'admin',
  'points.read': (a: Actor) => a.role !== 'partner',
  'points.award': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'points.configure': (a: Actor) => a.role === 'admin',
  'points.reverse': (a: Actor) => a.role === 'admin',
  'praise.read': (a: Actor) => a.role !== 'partner',
  'reward.read': (a: Actor) => a.role !== 'partner',
  'reward.manage': (a: Actor) => a.role === 'admin',
  'reward.redeem': (a: Actor) => a.role !== 'partner' && a.employeeId !== null,
  'redemption.decide': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'idea.read': () => true,
  'idea.create': (a: Actor) => a.role === 'partner' || a.employeeId !== null || a.role === 'admin',
  'idea.review': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'challenge.manage': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'recognition.read': (a: Actor) => a.role !== 'partner',
  'award.manage': (a: Actor) => a.role === 'admin',
  'fan.read': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'promotion.read': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'promotion.configure': (a: Actor) => a.role === 'admin',
  'webhook.manage': (a: Actor) => a.role === 'admin',
  'improvement.read': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'improvement.manage': (a: Actor) => a.role === 'admin',
  'journey.read': (a: Actor) => a.role !== 'partner',
  'journey.manage': (a: Actor) => a.role === 'admin',
  'assessmentTemplate.read': (a: Actor) => a.role !== 'partner',
  'assessmentTemplate.manage': (a: Actor) => a.role === 'admin',
  'assessment.read': (a: Actor) => a.role !== 'partner',
  'assessment.manage': (a: Actor) => a.role === 'admin',
  'assessment.distribute': (a: Actor) => a.role === 'admin',
  'assessmentResults.read': (a: Actor) => a.role !== 'partner',
  'sso.manage': (a: Actor) => a.role === 'admin', // SSO connections, the SSO policy, the SCIM token
  'learning.read': (a: Actor) => a.role !== 'partner', // the catalogue; their own learning and completions (learning service scopes them)
  'learning.manage': (a: Actor) => a.role === 'admin', // the catalogue's items
  'learning.assign': (a: Actor) => a.role === 'admin' || a.role === 'manager', // a manager within their unit subtree
  'learning.complete': (a: Actor) => a.role !== 'partner', // declare one's own; trainer, manager above or admin records someone's as confirmed
  'learning.confirm': (a: Actor) => a.role !== 'partner', // the item's trainer, a manager above the person, an admin; never one's own
  'learning.coverage': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'experienceAudit.read': (a: Actor) => a.role === 'admin' || a.role === 'manager', // a manager: audits of their unit subtree (audit module)
  'experienceAudit.conduct': (a: Actor) => a.role === 'admin' || a.role === 'manager', // plan, score, attach, issue shopper links, complete
  'report.read': (a: Actor) => a.role === 'admin' || a.role === 'manager',
  'reportSubscription.manage': (a: Actor) => a.role === 'admin',
  'committee.read': (a: Actor) => a.role !== 'partner', // an employee only while on the committee (governance service)
  'committee.manage': (a: Actor) => a.role === 'admin',
  'listening.read': (a: Actor) => a.role !== 'partner', // an employee only while on the committee or the rotation (governance service)
  'listening.plan': (a: Actor) => a.role === 'admin',
  'listening.log': (a: Actor) => a.role !== 'partner', // their own sessions; admins anyone's
  'partner.read': (a: Actor) => a.role === 'admin' || a.role === 'manager', // the partner list, their links and report previews
  'partner.manage': (a: Actor) => a.role === 'admin', // partners and their share links
  'privacy.manage': (a: Actor) => a.role === 'admin', // a customer's preview, export and erasure; retention limits; their history
  'partner.report': (a: Actor) => a.role === 'partner' && !!a.partnerId, // a partner key or login bound to a partner: its own partner's report, replies and ideas only
} satisfies Record<string, (a: Actor) => boolean>;

export type Action = keyof typeof rules;

export function can(actor: Actor, action: Action): boolean {
  return rules[action](actor);
}

/** Throws 403 forbidden unless the actor may perform the action. */
export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw forbidden(`your role (${actor.role}) may not ${action}`);
}
