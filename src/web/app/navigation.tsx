import type { ReactNode } from 'react';
import { ApiOutlined, RiseOutlined } from '@ant-design/icons';
import { ApartmentOutlined, BulbOutlined, CommentOutlined, FormOutlined, HeartOutlined, IdcardOutlined, SendOutlined, TeamOutlined, ThunderboltOutlined, TrophyOutlined, WalletOutlined } from '@ant-design/icons';
import { AimOutlined, BarChartOutlined, DashboardOutlined, DesktopOutlined, UserOutlined } from '@ant-design/icons';
import { RobotOutlined, SettingOutlined, SolutionOutlined } from '@ant-design/icons';
import { CompassOutlined, FileSearchOutlined, NodeIndexOutlined } from '@ant-design/icons';
import type { SessionInfo } from '../../contracts/access.ts';
import type { ParseKeys } from 'i18next';

export interface NavItem {
  path: string;
  labelKey: ParseKeys;
  icon: ReactNode;
  /** Only these roles see the entry; everyone when absent. */
  roles?: readonly SessionInfo['user']['role'][];
}

export interface NavGroup {
  key: string;
  labelKey: ParseKeys;
  items: NavItem[];
}

/** The side menu, grouped by capability. Add a group when a capability ships its first working page. */
export const NAV_GROUPS: NavGroup[] = [
  {
    key: 'act',
    labelKey: 'workbench.navGroup',
    items: [
      { path: '/workbench', labelKey: 'workbench.nav', icon: <ThunderboltOutlined /> },
      { path: '/improvements', labelKey: 'improvements.nav', icon: <RiseOutlined /> },
      { path: '/webhooks', labelKey: 'webhooks.nav', icon: <ApiOutlined /> },
      { path: '/chat-robots', labelKey: 'chatRobots.nav', icon: <RobotOutlined />, roles: ['admin'] },
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
    key: 'organisation',
    labelKey: 'nav.organisation',
    items: [
      { path: '/org/units', labelKey: 'nav.units', icon: <ApartmentOutlined /> },
      { path: '/org/positions', labelKey: 'nav.positions', icon: <IdcardOutlined /> },
      { path: '/org/employees', labelKey: 'nav.employees', icon: <TeamOutlined /> },
    ],
  },
  {
    key: 'listen',
    labelKey: 'surveys.nav.group',
    items: [
      { path: '/surveys', labelKey: 'surveys.nav.surveys', icon: <FormOutlined /> },
      { path: '/responses', labelKey: 'responses.nav.responses', icon: <CommentOutlined /> },
      { path: '/distribution', labelKey: 'distribution.nav', icon: <SendOutlined /> },
      { path: '/text-analytics', labelKey: 'textAnalytics.nav', icon: <FileSearchOutlined />, roles: ['admin'] },
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
      { path: '/recognition/promotion', labelKey: 'recognition.nav.promotion', icon: <SolutionOutlined />, roles: ['admin', 'manager'] },
      { path: '/recognition/settings', labelKey: 'recognition.nav.settings', icon: <SettingOutlined />, roles: ['admin'] },
    ],
  },
];

