import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { homePathOf } from '../../shared/page-access.ts';
import { useSignedIn } from '../../shared/session.tsx';

/** Shown for any address the app does not know. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSignedIn();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.description')}
      extra={
        <Button type="primary" onClick={() => void navigate(homePathOf(user.role))}>
          {t('notFound.backHome')}
        </Button>
      }
    />
  );
}
