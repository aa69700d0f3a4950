import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { useErrorMessage } from '../api/use-error-message.ts';

/** Whether an error is the API refusing the caller's role (403), not a failure worth retrying. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}

/**
 * A failed load, with the API's message and a Retry button; when the API refused the caller's role (403),
 * a calm note that this part is not theirs instead (retrying would not help).
 */
export function LoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  if (isForbidden(error)) {
    return <Alert type="info" showIcon title={t('noAccess.dataTitle')} description={t('noAccess.dataHint')} data-testid="load-forbidden" />;
  }
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadFailed')}
      description={errorMessage(error)}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
