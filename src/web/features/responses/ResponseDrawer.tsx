import { useState } from 'react';
import { Alert, Drawer, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { ResponseDetailView } from './ResponseDetailView.tsx';
import { getResponse } from './responses.api.ts';

/** /responses/:id over the list: the response with everything joined to it; closing goes back to the filtered list. */
export function ResponseDrawer() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { search } = useLocation();
  const navigate = useNavigate();
  const [isOpen, setIsOpen] = useState(true);
  const detail = useApiQuery((signal) => getResponse(id, signal), [id]);
  const isMissing = detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400);

  return (
    <Drawer
      open={isOpen}
      size={760}
      title={t('responses.detail.title')}
      onClose={() => setIsOpen(false)}
      afterOpenChange={(opened) => {
        if (!opened) void navigate({ pathname: '/responses', search });
      }}
      closable={{ 'aria-label': t('responses.detail.close') }}
      data-testid="response-drawer"
    >
      {isMissing && <Alert type="warning" showIcon title={t('responses.detail.notFound')} data-testid="response-not-found" />}
      {detail.error && !isMissing && <LoadError error={detail.error} onRetry={detail.reload} />}
      {detail.isLoading && !detail.data && <Skeleton active paragraph={{ rows: 12 }} />}
      {detail.data && detail.data.id === id && <ResponseDetailView response={detail.data} />}
    </Drawer>
  );
}
