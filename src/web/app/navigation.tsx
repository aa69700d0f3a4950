import type { ReactNode } from 'react';
import { ApiOutlined, RiseOutlined } from '@ant-design/icons';
import { ApartmentOutlined, BulbOutlined, CommentOutlined, FormOutlined, HeartOutlined, IdcardOutlined, SendOutlined, TeamOutlined, ThunderboltOutlined, TrophyOutlined, WalletOutlined } from '@ant-design/icons';
import { AimOutlined, BarChartOutlined, DashboardOutlined, DesktopOutlined, UserOutlined } from '@ant-design/icons';
import { RobotOutlined, SettingOutlined, SolutionOutlined } from '@ant-design/icons';
import { CompassOutlined, FileSearchOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { BookOutlined, PieChartOutlined, ReadOutlined, ScheduleOutlined } from '@ant-design/icons';
import { AuditOutlined, CustomerServiceOutlined } from '@ant-design/icons';
import { ShopOutlined } from '@ant-design/icons';
import { EyeOutlined, FileDoneOutlined } from '@ant-design/icons';
import { FilePdfOutlined } from '@ant-design/icons';
import { LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { CoffeeOutlined, EditOutlined } from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import { mayOpen, type PagePath, type Role, type Viewer } from '../shared/page-access.ts';

export interface NavItem {
  /** A page of the access table: the entry shows to exactly the roles (and members) that may open it. */
  path: PagePath;
  labelKey: ParseKeys;
  icon: ReactNode;
}

export interface NavGroup {
  key: string;
  labelKey: ParseKeys;
  items: NavItem[];
}

/** The side menu, grouped by capability. Who sees an entry is not said here but in shared/page-access.ts. */
export const NAV_GROUPS: NavGroup[] = [
  {
    key: 'act',
    labelKey: 'workbench.navGroup',
    items: [
      { path: '/workbench', labelKey: 'workbench.nav', icon: <ThunderboltOutlined /> },
      { path: '/capture', labelKey: 'frontline.navCapture', icon: <EditOutlined /> },
      { path: '/support', labelKey: 'frontline.navSupport', icon: <CoffeeOutlined /> },
      { path: '/improvements', labelKey: 'improvements.nav', icon: <RiseOutlined /> },
      { path: '/webhooks', labelKey: 'webhooks.nav', icon: <ApiOutlined /> },
      { path: '/chat-robots', labelKey: 'chatRobots.nav', icon: <RobotOutlined /> },
    ],
  },
  {
    key: 'understand',
    labelKey: 'dashboards.nav.group',
    items: [
      { path: '/dashboards/executive', labelKey: 'dashboards.nav.executive', icon: <DashboardOutlined /> },
      { path: '/dashboards/unit', labelKey: 'dashboards.nav.unit', icon: <BarChartOutlined /> },
      { path: '/dashboards/personal', labelKey: 'dashboards.nav.personal', icon: <UserOutlined /> },
      { path: '/dashboards/metric-tree', labelKey: 'dashboards.nav.metricTree', icon: <AimOutlined /> },
      { path: '/dashboards/boards', labelKey: 'dashboards.nav.boards', icon: <DesktopOutlined /> },
      { path: '/journeys', labelKey: 'journeys.nav', icon: <NodeIndexOutlined /> },
      { path: '/culture', labelKey: 'culture.nav', icon: <CompassOutlined /> },
    ],
  },
  {
    key: 'governance',
    labelKey: 'governance.navGroup',
    items: [
      { path: '/governance/committee', labelKey: 'governance.navCommittee', icon: <AuditOutlined /> },
      { path: '/governance/listening', labelKey: 'governance.navListening', icon: <CustomerServiceOutlined /> },
      { path: '/audits', labelKey: 'audit.nav.audits', icon: <FileDoneOutlined /> },
      { path: '/mystery-shopping', labelKey: 'audit.nav.mystery', icon: <EyeOutlined /> },
      { path: '/governance/monthly-review', labelKey: 'reports.nav', icon: <FilePdfOutlined /> },
    ],
  },
  {
    key: 'organisation',
    labelKey: 'nav.organisation',
    items: [
      { path: '/org/units', labelKey: 'nav.units', icon: <ApartmentOutlined /> },
      { path: '/org/positions', labelKey: 'nav.positions', icon: <IdcardOutlined /> },
      { path: '/org/employees', labelKey: 'nav.employees', icon: <TeamOutlined /> },
      { path: '/partners', labelKey: 'partners.nav', icon: <ShopOutlined /> },
      { path: '/settings/sso', labelKey: 'identity.nav', icon: <SafetyCertificateOutlined /> },
      { path: '/settings/privacy', labelKey: 'privacy.nav', icon: <LockOutlined /> },
    ],
  },
  {
    key: 'listen',
    labelKey: 'surveys.nav.group',
    items: [
      { path: '/surveys', labelKey: 'surveys.nav.surveys', icon: <FormOutlined /> },
      { path: '/responses', labelKey: 'responses.nav.responses', icon: <CommentOutlined /> },
      { path: '/distribution', labelKey: 'distribution.nav', icon: <SendOutlined /> },
      { path: '/text-analytics', labelKey: 'textAnalytics.nav', icon: <FileSearchOutlined /> },
    ],
  },
  {
    key: 'recognition',
    labelKey: 'recognition.nav.group',
    items: [
      { path: '/recognition/praise', labelKey: 'recognition.nav.praise', icon: <HeartOutlined /> },
      { path: '/recognition/points', labelKey: 'recognition.nav.points', icon: <WalletOutlined /> },
      { path: '/recognition/ideas', labelKey: 'recognition.nav.ideas', icon: <BulbOutlined /> },
      { path: '/recognition/leaderboards', labelKey: 'recognition.nav.boards', icon: <TrophyOutlined /> },
      { path: '/recognition/promotion', labelKey: 'recognition.nav.promotion', icon: <SolutionOutlined /> },
      { path: '/recognition/settings', labelKey: 'recognition.nav.settings', icon: <SettingOutlined /> },
    ],
  },
  {
    key: 'learning',
    labelKey: 'learning.nav.group',
    items: [
      { path: '/learning/me', labelKey: 'learning.nav.me', icon: <ReadOutlined /> },
      { path: '/learning/catalogue', labelKey: 'learning.nav.catalogue', icon: <BookOutlined /> },
      { path: '/learning/assignments', labelKey: 'learning.nav.assignments', icon: <ScheduleOutlined /> },
      { path: '/learning/coverage', labelKey: 'learning.nav.coverage', icon: <PieChartOutlined /> },
    ],
  },
  {
    key: 'partner',
    labelKey: 'roles.partner',
    items: [{ path: '/partner-home', labelKey: 'partners.home.nav', icon: <ShopOutlined /> }],
  },
];


/** The menu a viewer (or anyone of a role, belonging to nothing) sees: each group's entries they may open, and no group left empty. */
export function navGroupsFor(who: Role | Viewer): NavGroup[] {
  return NAV_GROUPS.map((group) => ({ ...group, items: group.items.filter((item) => mayOpen(who, item.path)) })).filter((group) => group.items.length > 0);
}
