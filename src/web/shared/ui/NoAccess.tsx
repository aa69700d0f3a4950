import { useEffect } from 'react';
import { Button, Result, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLanguage } from '../i18n/use-language.ts';
import { homePathOf, type Membership, type Role } from '../page-access.ts';
import { useSignedIn } from '../session.tsx';
import './no-access.css';

/**
 * What a signed-in person sees on a page their role may not open (a bookmark, a link from a colleague): who the
 * page is for, what to do if they need it, and the way back to their own home page. Never an error.
 */
export function NoAccess({ roles, members = [] }: { roles?: readonly Role[]; members?: readonly Membership[] }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const { user } = useSignedIn();
  // Who the page is for: its roles, then the members of a governance body it also opens to ("… and committee members").
  const names = [...(roles ?? []).map((r) => t(`noAccess.people.${r}`)), ...members.map((m) => t(`noAccess.members.${m}`))];
  const list = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(names);
  const title = t('noAccess.title');
  const brand = t('brand.name');
  useEffect(() => {
    document.title = `${title} · ${brand}`;
  }, [title, brand]);
  return (
    <Result
      className="no-access"
      icon={<LockOutlined className="no-access__icon" />}
      title={title}
      subTitle={
        <>
          {names.length > 0 && <Typography.Paragraph type="secondary">{t('noAccess.forRoles', { roles: list, role: t(`roles.${user.role}`) })}</Typography.Paragraph>}
          {/* Who can help: an administrator for staff; a partner's way in is its report; an administrator needs no one. */}
          {user.role === 'partner' && <Typography.Paragraph type="secondary">{t('noAccess.partnerHint')}</Typography.Paragraph>}
          {(user.role === 'employee' || user.role === 'manager') && (
            <Typography.Paragraph type="secondary">{t(members.length > 0 ? 'noAccess.askAdminOrSeat' : 'noAccess.askAdmin')}</Typography.Paragraph>
          )}
        </>
      }
      extra={
        <Button type="primary" onClick={() => void navigate(homePathOf(user.role))} data-testid="no-access-home">
          {t('noAccess.goHome')}
        </Button>
      }
      data-testid="no-access"
    />
  );
}
