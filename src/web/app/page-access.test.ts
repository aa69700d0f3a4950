import { Children, isValidElement, type ReactElement, type ReactNode } from 'react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import { HOME_PATHS, PAGE_ACCESS, mayOpen, type PagePath, type Role } from '../shared/page-access.ts';
import { AppRoutes } from './AppRoutes.tsx';
import { NAV_GROUPS, navGroupsFor } from './navigation.tsx';
import { PageGate } from './PageGate.tsx';

const ROLES: Role[] = ['admin', 'manager', 'employee', 'partner'];
const PAGES = Object.keys(PAGE_ACCESS) as PagePath[];

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

const menuOf = (role: Role) => navGroupsFor(role).flatMap((g) => g.items.map((i) => i.path));
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

  it('shows each menu entry to exactly the roles that may open its page', () => {
    for (const path of ALL_NAV) expect(PAGES, path).toContain(path);
    for (const role of ROLES) {
      for (const path of ALL_NAV) expect(menuOf(role).includes(path), `${role} ${path}`).toBe(mayOpen(role, path));
    }
  });

  it('offers every page a role may open from the menu, apart from pages reached from another page', () => {
    const reachedFromPages = new Set<PagePath>(['/surveys/new']);
    for (const role of ROLES) {
      const openable = PAGES.filter((p) => mayOpen(role, p) && !p.includes(':') && !reachedFromPages.has(p));
      expect(menuOf(role).sort(), role).toEqual(openable.sort());
    }
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

  it('sends each role home to a page it may open and finds in its menu', () => {
    for (const role of ROLES) {
      expect(mayOpen(role, HOME_PATHS[role]), role).toBe(true);
      expect(menuOf(role), role).toContain(HOME_PATHS[role]);
    }
  });
});
