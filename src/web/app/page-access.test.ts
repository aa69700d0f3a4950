import { Children, isValidElement, type ReactElement, type ReactNode } from 'react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import { HOME_PATHS, PAGE_ACCESS, mayOpen, membersFor, type PagePath, type Role, type Viewer } from '../shared/page-access.ts';
import { AppRoutes } from './AppRoutes.tsx';
import { NAV_GROUPS, navGroupsFor } from './navigation.tsx';
import { PageGate } from './PageGate.tsx';

const ROLES: Role[] = ['admin', 'manager', 'employee', 'partner'];
const PAGES = Object.keys(PAGE_ACCESS) as PagePath[];
/** Memberships as the server reports them: a committee member takes part in listening too; the rotation alone opens listening only. */
const IN_NOTHING = { committee: false, listening: false };
const ON_COMMITTEE = { committee: true, listening: true };
const ON_ROTATION = { committee: false, listening: true };
const as = (role: Role, memberships: Viewer['memberships']): Viewer => ({ role, memberships });
/** Every role with every set of memberships (a partner's are always none on the server, but the table must hold anyway). */
const VIEWERS: Viewer[] = ROLES.flatMap((role) => [as(role, IN_NOTHING), as(role, ON_COMMITTEE), as(role, ON_ROTATION)]);
const named = (v: Viewer) => `${v.role}${v.memberships.committee ? ' on the committee' : v.memberships.listening ? ' on the rotation' : ''}`;

interface RouteSeen {
  /** The full path, as the browser shows it ('/surveys/:id'); null for index routes and layouts. */
  path: string | null;
  /** The page the route's element is gated by, if any. */
  gate: PagePath | null;
  /** Whether a gated ancestor covers it (a drawer route inside a page). */
  insideGate: boolean;
}

/** Every <Route> AppRoutes declares, with its full path and the gate around its element. */
function routesOf(node: ReactNode, parent = '', insideGate = false): RouteSeen[] {
  return Children.toArray(node).flatMap((child) => {
    if (!isValidElement(child) || child.type !== Route) return [];
    const props = (child as ReactElement<{ path?: string; element?: ReactNode; children?: ReactNode }>).props;
    const path = props.path === undefined ? null : props.path.startsWith('/') ? props.path : `${parent}/${props.path}`;
    const element = props.element;
    const gate = isValidElement(element) && element.type === PageGate ? (element.props as { page: PagePath }).page : null;
    const seen: RouteSeen = { path, gate, insideGate };
    return [seen, ...routesOf(props.children, path ?? parent, insideGate || gate !== null)];
  });
}

const menuOf = (who: Role | Viewer) => navGroupsFor(who).flatMap((g) => g.items.map((i) => i.path));
const ALL_NAV = NAV_GROUPS.flatMap((g) => g.items.map((i) => i.path));

describe('page access table', () => {
  const routes = routesOf((AppRoutes() as ReactElement<{ children: ReactNode }>).props.children);

  it('gates every page route of the app by its own entry, and has no entry without a route', () => {
    const gated = routes.filter((r) => r.gate !== null);
    for (const r of gated) expect(r.gate, `route ${r.path}`).toBe(r.path);
    expect(gated.map((r) => r.path).sort()).toEqual([...PAGES].sort());
  });

  it('leaves ungated only sign-in, the public board, the home redirect, 404 and routes inside a gated page', () => {
    const open = routes.filter((r) => r.gate === null && !r.insideGate && r.path !== null).map((r) => r.path);
    expect(open.sort()).toEqual(['/*', '/board/:token', '/login']);
  });

  it('shows each menu entry to exactly the roles and members that may open its page', () => {
    for (const path of ALL_NAV) expect(PAGES, path).toContain(path);
    for (const viewer of VIEWERS) {
      for (const path of ALL_NAV) expect(menuOf(viewer).includes(path), `${named(viewer)} ${path}`).toBe(mayOpen(viewer, path));
    }
  });

  it('offers every page a role or member may open from the menu, apart from pages reached from another page', () => {
    const reachedFromPages = new Set<PagePath>(['/surveys/new']);
    for (const viewer of VIEWERS) {
      const openable = PAGES.filter((p) => mayOpen(viewer, p) && !p.includes(':') && !reachedFromPages.has(p));
      expect(menuOf(viewer).sort(), named(viewer)).toEqual(openable.sort());
    }
  });

  it('reads a bare role as someone in no governance body', () => {
    for (const role of ROLES) {
      for (const page of PAGES) expect(mayOpen(role, page), `${role} ${page}`).toBe(mayOpen(as(role, IN_NOTHING), page));
    }
  });

  it('opens the committee and its meetings to an employee on it, and listening to one on the committee or the rotation', () => {
    const employeeMenu = menuOf('employee');
    const withGovernance = (extra: PagePath[]) => [...employeeMenu.slice(0, 4), ...extra, ...employeeMenu.slice(4)];
    expect(menuOf(as('employee', ON_COMMITTEE))).toEqual(withGovernance(['/governance/committee', '/governance/listening']));
    expect(menuOf(as('employee', ON_ROTATION))).toEqual(withGovernance(['/governance/listening']));
    expect(mayOpen(as('employee', ON_COMMITTEE), '/governance/committee/meetings/:id')).toBe(true);
    expect(mayOpen(as('employee', ON_ROTATION), '/governance/committee/meetings/:id')).toBe(false);
    // Membership opens those three and nothing else: the monthly review and the audits stay with managers.
    expect(PAGES.filter((p) => mayOpen(as('employee', ON_COMMITTEE), p) !== mayOpen('employee', p)).sort()).toEqual(
      ['/governance/committee', '/governance/committee/meetings/:id', '/governance/listening'].sort(),
    );
    expect(PAGES.filter((p) => membersFor(p).length > 0).sort()).toEqual(['/governance/committee', '/governance/committee/meetings/:id', '/governance/listening'].sort());
  });

  it('turns away an employee in no governance body, and never lets a partner in by membership', () => {
    for (const page of ['/governance/committee', '/governance/committee/meetings/:id', '/governance/listening'] as const) {
      expect(mayOpen(as('employee', IN_NOTHING), page), page).toBe(false);
      expect(mayOpen(as('partner', ON_COMMITTEE), page), page).toBe(false);
    }
    expect(menuOf(as('partner', ON_COMMITTEE))).toEqual(['/partner-home']);
  });

  it('gives an employee exactly their own work: cases, capture, support, my dashboard, recognition and learning', () => {
    expect(menuOf('employee')).toEqual([
      '/workbench',
      '/capture',
      '/support',
      '/dashboards/personal',
      '/recognition/praise',
      '/recognition/points',
      '/recognition/ideas',
      '/recognition/leaderboards',
      '/learning/me',
      '/learning/catalogue',
    ]);
  });

  it('gives a manager their units’ pages but no organisation-wide settings', () => {
    const menu = menuOf('manager');
    for (const path of ['/dashboards/unit', '/responses', '/org/employees', '/learning/coverage', '/recognition/promotion', '/audits'] as const) expect(menu).toContain(path);
    for (const path of ['/webhooks', '/chat-robots', '/dashboards/boards', '/distribution', '/text-analytics', '/settings/sso', '/recognition/settings'] as const) {
      expect(menu).not.toContain(path);
    }
    expect(mayOpen('manager', '/surveys/:id')).toBe(true);
    expect(mayOpen('manager', '/surveys/new')).toBe(false);
  });

  it('gives an administrator every staff page, and a partner only its own home', () => {
    expect(PAGES.filter((p) => !mayOpen('admin', p))).toEqual(['/partner-home']);
    expect(PAGES.filter((p) => mayOpen('partner', p))).toEqual(['/partner-home']);
  });

  it('sends each role home to a page it may open and finds in its menu, member or not', () => {
    for (const viewer of VIEWERS) {
      expect(mayOpen(viewer, HOME_PATHS[viewer.role]), named(viewer)).toBe(true);
      expect(menuOf(viewer), named(viewer)).toContain(HOME_PATHS[viewer.role]);
    }
  });
});
