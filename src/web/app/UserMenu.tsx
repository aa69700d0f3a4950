import { App, Avatar, Dropdown, Tag, Typography, theme, type MenuProps } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../shared/api/use-error-message.ts';
import { useSession, useSignedIn } from '../shared/session.tsx';

/** The avatar menu: who is signed in, with which role, and Log out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const { logOut } = useSession();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const errorMessage = useErrorMessage();

  const items: MenuProps['items'] = [
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key !== 'logout') return;
    // Once the session is gone, RequireAuth sends the user to /login.
    logOut().then(
      () => void message.success(t('header.loggedOut')),
      (error: unknown) => void message.error(errorMessage(error)),
    );
  };

  return (
    <Dropdown
      menu={{ items, onClick }}
      placement="bottomRight"
      trigger={['click']}
      popupRender={(menu) => (
        <div
          className="user-menu__panel"
          style={{ background: token.colorBgElevated, boxShadow: token.boxShadowSecondary }}
          data-testid="user-menu-panel"
        >
          <div className="user-menu__who">
            <Typography.Text type="secondary">{t('header.signedInAs')}</Typography.Text>
            <Typography.Text strong>{user.email}</Typography.Text>
            <Tag color="blue" variant="filled">
              {t(`roles.${user.role}`)}
            </Tag>
          </div>
          {menu}
        </div>
      )}
    >
      <button type="button" className="user-menu__trigger" data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} className="user-menu__avatar" />
        <span className="user-menu__name">{user.name ?? user.email}</span>
      </button>
    </Dropdown>
  );
}
