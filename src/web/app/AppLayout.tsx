import { Suspense, useMemo, useState } from 'react';
import { Layout, Menu, Space, type MenuProps } from 'antd';
import { ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useLocalizedName } from '../shared/i18n/use-language.ts';
import { BrandMark } from '../shared/ui/BrandMark.tsx';
import { FullPageSpin } from '../shared/ui/FullPageSpin.tsx';
import { LanguageSwitch } from '../shared/ui/LanguageSwitch.tsx';
import { homePathOf } from '../shared/page-access.ts';
import { navGroupsFor } from './navigation.tsx';
import { useSignedIn, useViewer } from '../shared/session.tsx';
import { UserMenu } from './UserMenu.tsx';
import './app-layout.css';

const { Sider, Header, Content } = Layout;

/** The signed-in frame in the Ant Design Pro manner: brand and menu on the left, organisation and user on top. */
export function AppLayout() {
  const { t } = useTranslation();
  const { org, user } = useSignedIn();
  const localizedName = useLocalizedName();
  const location = useLocation();
  const navigate = useNavigate();
  const [isCollapsed, setIsCollapsed] = useState(false);

  const viewer = useViewer();
  const groups = useMemo(() => navGroupsFor(viewer), [viewer]);
  const menuItems = useMemo<MenuProps['items']>(
    () =>
      groups.map((group) => ({
        type: 'group' as const,
        key: group.key,
        label: t(group.labelKey),
        children: group.items.map((item) => ({ key: item.path, icon: item.icon, label: t(item.labelKey) })),
      })),
    [t, groups],
  );
  const selectedKeys = groups
    .flatMap((g) => g.items)
    .filter((item) => location.pathname === item.path || location.pathname.startsWith(`${item.path}/`))
    .map((item) => item.path);

  return (
    <Layout className="app-layout">
      <Sider
        className="app-layout__sider"
        width={224}
        collapsible
        collapsed={isCollapsed}
        onCollapse={setIsCollapsed}
        breakpoint="lg"
      >
        <Link to={homePathOf(user.role)} className="app-layout__brand" aria-label={t('brand.name')}>
          <BrandMark compact={isCollapsed} />
        </Link>
        <Menu
          mode="inline"
          items={menuItems}
          selectedKeys={selectedKeys}
          onClick={({ key }) => void navigate(key)}
          className="app-layout__menu"
        />
      </Sider>
      <Layout>
        <Header className="app-layout__header">
          <span className="app-layout__org" data-testid="org-name">
            <ShopOutlined /> {localizedName(org)}
          </span>
          <Space size="middle">
            <LanguageSwitch />
            <UserMenu />
          </Space>
        </Header>
        <Content className="app-layout__content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
