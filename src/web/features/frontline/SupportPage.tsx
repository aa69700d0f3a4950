import { Alert, App, Badge, Button, Card, Col, Empty, Flex, Row, Space, Tabs, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useCursorPages } from '../../shared/api/use-cursor-pages.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { LoadMore } from '../../shared/ui/LoadMore.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { AskSupportForm } from './AskSupportForm.tsx';
import { CaseLoadCard } from './CaseLoadCard.tsx';
import { listHardFlags, listSupportRequests, removeHardFlag, SUPPORT_MIN_GROUP, SUPPORT_WINDOW_DAYS } from './frontline.api.ts';
import { SupportRequestList } from './SupportRequestList.tsx';
import './frontline.css';

/** Care after hard cases: ask for support, one's requests both ways and hard-case flags, and for managers the team's load. */
export function SupportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const { user } = useSignedIn();
  const [params] = useSearchParams();
  const isPerson = user.employeeId !== null;
  const isManager = user.role === 'manager' || user.role === 'admin';
  // Newest first, both ways in one list, a page at a time; the tabs split what has been loaded.
  const requests = useCursorPages(`support|${isPerson}`, (after, signal) => (isPerson ? listSupportRequests(after, signal) : Promise.resolve({ items: [], nextCursor: null })));
  const flags = useApiQuery((signal) => (isPerson ? listHardFlags(signal) : Promise.resolve([])), [isPerson]);
  const mine = requests.items.filter((r) => r.myRole === 'requester');
  const toMe = requests.items.filter((r) => r.myRole === 'supporter');
  const more = <LoadMore pages={requests} label={t('frontline.loadMore')} testId="support-load-more" />;
  const waiting = toMe.filter((r) => r.status === 'open').length;

  const unflag = async (caseId: string) => {
    try {
      await removeHardFlag(caseId);
      flags.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };

  return (
    <>
      <PageHeader title={t('frontline.support.title')} subtitle={t('frontline.support.subtitle')} />
      <Alert
        className="frontline-privacy"
        type="info"
        showIcon
        icon={<LockOutlined />}
        title={t('frontline.support.privacyTitle')}
        description={t('frontline.support.privacy', { min: SUPPORT_MIN_GROUP, days: SUPPORT_WINDOW_DAYS })}
        data-testid="privacy-note"
      />
      <Row gutter={[16, 16]} className="frontline-phone">
        {isPerson && (
          <>
            <Col xs={24} lg={10}>
              <Card title={t('frontline.support.ask')}>
                <AskSupportForm caseId={params.get('caseId') ?? undefined} onSent={requests.reload} />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card>
                {requests.error && <LoadError error={requests.error} onRetry={requests.reload} />}
                <Tabs
                  items={[
                    { key: 'mine', label: t('frontline.support.mine'), children: <SupportRequestList items={mine} side="requester" onChanged={requests.reload} more={more} /> },
                    {
                      key: 'toMe',
                      label: (
                        <Space size={6}>
                          {t('frontline.support.toMe')}
                          <Badge count={waiting} size="small" />
                        </Space>
                      ),
                      children: <SupportRequestList items={toMe} side="supporter" onChanged={requests.reload} more={more} />,
                    },
                    {
                      key: 'flags',
                      label: t('frontline.support.flags'),
                      children:
                        (flags.data ?? []).length === 0 ? (
                          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('frontline.support.emptyFlags')} />
                        ) : (
                          (flags.data ?? []).map((f) => (
                            <Flex key={f.caseId} className="frontline-request" justify="space-between" align="center" gap={8}>
                              <div>
                                <Typography.Text>{f.caseTitle}</Typography.Text> <Tag>{t(`frontline.care.reasons.${f.reason}`)}</Tag>
                              </div>
                              <Button size="small" onClick={() => void unflag(f.caseId)}>
                                {t('frontline.support.removeFlag')}
                              </Button>
                            </Flex>
                          ))
                        ),
                    },
                  ]}
                />
              </Card>
            </Col>
          </>
        )}
        {isManager && (
          <Col xs={24}>
            <CaseLoadCard />
          </Col>
        )}
      </Row>
    </>
  );
}
