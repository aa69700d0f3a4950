import type { SessionInfo } from '../../contracts/access.ts';

/**
 * Who may open which page: the one table the side menu (app/navigation.tsx) and the router (app/AppRoutes.tsx)
 * both read, so a menu entry and its page cannot disagree. A page opens to roles, and a few also to members of a
 * governance body (the session says which the viewer belongs to, by the server's rule). `needs` names the server permissions
 * (server/platform/authz.ts) the page's data calls for; a server test checks that every role listed here holds
 * them, so no role is offered a page whose API then answers 403. The roles may be narrower than the server
 * allows: an employee may read the unit tree, but the organisation pages are not part of an employee's work.
 */
export type Role = SessionInfo['user']['role'];
/** A governance body the server lets people into by sitting on it, whatever their role (contracts/access.ts). */
export type Membership = keyof SessionInfo['memberships'];

/** Who is looking: a role and the governance bodies they belong to. A bare role stands for someone in none. */
export interface Viewer {
  readonly role: Role;
  readonly memberships: SessionInfo['memberships'];
}

export interface PageRule {
  /** The roles that see the page (and its menu entry). */
  readonly roles: readonly Role[];
  /**
   * Memberships that also open the page: an employee on the experience committee reads it though employees in
   * general may not, because the governance service admits members itself. Only staff have an employee record to
   * be a member with, so every staff role must hold `needs`.
   */
  readonly members?: readonly Membership[];
  /** Server permissions the page reads with; each listed role (and each staff role, for `members`) must hold all of them. */
  readonly needs: readonly string[];
}

const STAFF = ['admin', 'manager', 'employee'] as const;
const LEADERS = ['admin', 'manager'] as const;
const ADMINS = ['admin'] as const;

/** Keyed by the route's path as AppRoutes declares it (a child route, such as a response's drawer, goes with its parent). */
export const PAGE_ACCESS = {
  // Act
  '/workbench': { roles: STAFF, needs: ['case.read'] },
  '/capture': { roles: STAFF, needs: ['case.capture'] },
  '/support': { roles: STAFF, needs: ['org.read'] },
  '/improvements': { roles: LEADERS, needs: ['improvement.read'] },
  '/webhooks': { roles: ADMINS, needs: ['webhook.manage'] },
  '/chat-robots': { roles: ADMINS, needs: ['webhook.manage'] },
  // Understand
  '/dashboards/executive': { roles: LEADERS, needs: ['metrics.read', 'text.read', 'survey.read', 'goal.read'] },
  '/dashboards/unit': { roles: LEADERS, needs: ['metrics.read', 'text.read', 'survey.read', 'scorecard.read', 'org.read'] },
  '/dashboards/personal': { roles: STAFF, needs: ['metrics.read', 'case.read'] },
  '/dashboards/metric-tree': { roles: LEADERS, needs: ['kpi.read', 'goal.read'] },
  '/dashboards/boards': { roles: ADMINS, needs: ['board.manage'] },
  '/journeys': { roles: LEADERS, needs: ['journey.read'] },
  '/culture': { roles: LEADERS, needs: ['assessment.read'] },
  '/culture/:id': { roles: LEADERS, needs: ['assessment.read', 'assessmentResults.read'] },
  // Governance
  '/governance/committee': { roles: LEADERS, members: ['committee'], needs: ['committee.read'] },
  '/governance/committee/meetings/:id': { roles: LEADERS, members: ['committee'], needs: ['committee.read'] },
  '/governance/listening': { roles: LEADERS, members: ['listening'], needs: ['listening.read'] },
  '/governance/monthly-review': { roles: LEADERS, needs: ['report.read'] },
  '/audits': { roles: LEADERS, needs: ['experienceAudit.read'] },
  '/audits/:id': { roles: LEADERS, needs: ['experienceAudit.read'] },
  '/audits/:id/compare': { roles: LEADERS, needs: ['experienceAudit.read'] },
  '/mystery-shopping': { roles: LEADERS, needs: ['experienceAudit.read'] },
  // Organisation
  '/org/units': { roles: LEADERS, needs: ['org.read'] },
  '/org/positions': { roles: LEADERS, needs: ['org.read'] },
  '/org/employees': { roles: LEADERS, needs: ['org.read'] },
  '/partners': { roles: LEADERS, needs: ['partner.read'] },
  '/settings/sso': { roles: ADMINS, needs: ['sso.manage'] },
  '/settings/privacy': { roles: ADMINS, needs: ['privacy.manage'] },
  // Listen
  '/surveys': { roles: LEADERS, needs: ['survey.read'] },
  '/surveys/new': { roles: ADMINS, needs: ['survey.write'] },
  '/surveys/:id': { roles: LEADERS, needs: ['survey.read'] },
  '/responses': { roles: LEADERS, needs: ['response.read'] },
  '/distribution': { roles: ADMINS, needs: ['message.read', 'trigger.manage'] },
  '/text-analytics': { roles: ADMINS, needs: ['text.manage'] },
  // Recognise
  '/recognition/praise': { roles: STAFF, needs: ['praise.read'] },
  '/recognition/points': { roles: STAFF, needs: ['points.read', 'reward.read'] },
  '/recognition/ideas': { roles: STAFF, needs: ['idea.read'] },
  '/recognition/leaderboards': { roles: STAFF, needs: ['recognition.read'] },
  '/recognition/promotion': { roles: LEADERS, needs: ['promotion.read'] },
  '/recognition/settings': { roles: ADMINS, needs: ['points.configure', 'reward.manage'] },
  // Learn
  '/learning/me': { roles: STAFF, needs: ['learning.read'] },
  '/learning/catalogue': { roles: STAFF, needs: ['learning.read'] },
  '/learning/assignments': { roles: LEADERS, needs: ['learning.assign'] },
  '/learning/coverage': { roles: LEADERS, needs: ['learning.coverage'] },
  // A partner account's only page: where its report is (the report itself is server-rendered at /partner/:token).
  '/partner-home': { roles: ['partner'], needs: [] },
} as const satisfies Record<`/${string}`, PageRule>;

export type PagePath = keyof typeof PAGE_ACCESS;

/** Where each role lands after signing in, and where `/`, the brand and "go to my home page" lead. */
export const HOME_PATHS = {
  admin: '/dashboards/executive',
  manager: '/workbench',
  employee: '/workbench',
  partner: '/partner-home',
} as const satisfies Record<Role, PagePath>;

const IN_NOTHING: Viewer['memberships'] = { committee: false, listening: false };

/** Whether a viewer (or anyone of a role, belonging to nothing) may open a page of the table: by role, or by membership. */
export function mayOpen(who: Role | Viewer, page: PagePath): boolean {
  const viewer: Viewer = typeof who === 'string' ? { role: who, memberships: IN_NOTHING } : who;
  const rule: PageRule = PAGE_ACCESS[page];
  if (rule.roles.includes(viewer.role)) return true;
  // A partner has no employee record, so the server never counts it a member (defensive: the table says staff only).
  return viewer.role !== 'partner' && (rule.members ?? []).some((m) => viewer.memberships[m]);
}

/** The roles that may open a page, e.g. to tell someone who may. */
export function rolesFor(page: PagePath): readonly Role[] {
  return PAGE_ACCESS[page].roles;
}

/** The memberships that also open a page (none for most), to tell someone who else may. */
export function membersFor(page: PagePath): readonly Membership[] {
  const rule: PageRule = PAGE_ACCESS[page];
  return rule.members ?? [];
}

export function homePathOf(role: Role): PagePath {
  return HOME_PATHS[role];
}

/**
 * Actions inside pages that only some roles may take, mirroring the server's rule of the same name exactly (the
 * server test compares them for every role). Pages hide or disable such controls with `mayDo`.
 */
export const ACTION_ROLES = {
  'survey.write': ADMINS,
  'link.create': LEADERS,
  'org.write': ADMINS,
  'alertRule.manage': ADMINS,
  'kpi.manage': ADMINS,
  'goal.manage': ADMINS,
  'journey.manage': ADMINS,
  'improvement.manage': ADMINS,
  'assessment.manage': ADMINS,
  'committee.manage': ADMINS,
  'listening.plan': ADMINS,
  'partner.manage': ADMINS,
  'learning.manage': ADMINS,
  'award.manage': ADMINS,
  'promotion.configure': ADMINS,
  'reportSubscription.manage': ADMINS,
  'points.award': LEADERS,
  'idea.review': LEADERS,
  'challenge.manage': LEADERS,
  'redemption.decide': LEADERS,
} as const satisfies Record<string, readonly Role[]>;

export type PageAction = keyof typeof ACTION_ROLES;

export function mayDo(role: Role, action: PageAction): boolean {
  return (ACTION_ROLES[action] as readonly Role[]).includes(role);
}
