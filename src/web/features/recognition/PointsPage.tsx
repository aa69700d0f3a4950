import { GiftOutlined, TrophyOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Empty, Flex, Popconfirm, Row, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../shared/session.tsx';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { AwardCard, PendingRedemptionsCard } from './ManagerCards.tsx';
import { getBalance, listLedger, listRedemptions, listRewards, redeem, type LedgerEntry, type Redemption, type Reward } from './recognition.api.ts';
import { useStream } from './use-stream.ts';
import './recognition.css';

export const REDEMPTION_COLORS: Record<Redemption['status'], string> = { pending: 'processing', approved: 'success', rejected: 'default' };

/** My points: balance, the rewards I can redeem, my redemptions and my ledger; managers also award points and approve redemptions. */
export function PointsPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const isManager = user.role === 'admin' || user.role === 'manager';
  return (
    <>
      <PageHeader title={t('recognition.points.title')} subtitle={t('recognition.points.subtitle')} />
      <Flex vertical gap={16}>
        {user.employeeId ? <MyPoints employeeId={user.employeeId} /> : <Alert type="info" showIcon title={t('recognition.points.noEmployee')} />}
        {isManager && (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <AwardCard />
            </Col>
            <Col xs={24} xl={14}>
              <PendingRedemptionsCard />
            </Col>
          </Row>
        )}
      </Flex>
    </>
  );
}

function MyPoints({ employeeId }: { employeeId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const localized = useLocalizedName();
  const balance = useApiQuery((signal) => getBalance(employeeId, signal), [employeeId]);
  const rewards = useApiQuery((signal) => listRewards(signal), []);
  const ledger = useApiQuery((signal) => listLedger({ employeeId }, signal), [employeeId]);
  const redemptions = useApiQuery((signal) => listRedemptions({ employeeId }, signal), [employeeId]);
  const [redeeming, setRedeeming] = useState<string | null>(null);
  useStream<{ employeeId: string }>(['points.awarded'], (frame) => {
    if (frame.payload.employeeId !== employeeId) return;
    balance.reload();
    ledger.reload();
  });

  const doRedeem = async (reward: Reward) => {
    setRedeeming(reward.id);
    try {
      await redeem(reward.id);
      message.success(t('recognition.rewards.requested'));
      balance.reload();
      ledger.reload();
      redemptions.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setRedeeming(null);
    }
  };

  const points = balance.data?.balance ?? 0;
  return (
    <>
      {balance.error && <LoadError error={balance.error} onRetry={balance.reload} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card className="points-balance" loading={balance.isLoading && !balance.data}>
            <Statistic title={t('recognition.points.balance')} value={points} prefix={<TrophyOutlined />} data-testid="points-balance" />
            <Typography.Text type="secondary">{t('recognition.points.earned', { count: balance.data?.earned ?? 0 })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card title={t('recognition.rewards.title')} loading={rewards.isLoading && !rewards.data}>
            {rewards.error && <LoadError error={rewards.error} onRetry={rewards.reload} />}
            {rewards.data?.length === 0 && <Empty description={t('recognition.rewards.empty')} />}
            <div className="rewards-grid">
              {rewards.data?.map((r) => (
                <div key={r.id} className="reward-tile" data-testid="reward-tile">
                  <Flex justify="space-between" align="flex-start" gap={8}>
                    <div>
                      <div className="reward-tile__name">
                        <GiftOutlined /> {localized({ name: r.name, nameEn: r.nameEn })}
                      </div>
                      <Typography.Text type="secondary" className="reward-tile__description">
                        {localized({ name: r.description, nameEn: r.descriptionEn })}
                      </Typography.Text>
                    </div>
                    <Tag color="gold">{t('recognition.points.value', { count: r.cost })}</Tag>
                  </Flex>
                  <Popconfirm title={t('recognition.rewards.confirm', { count: r.cost })} onConfirm={() => void doRedeem(r)} disabled={points < r.cost}>
                    <Button size="small" type="primary" ghost disabled={points < r.cost} loading={redeeming === r.id} className="reward-tile__action">
                      {points < r.cost ? t('recognition.rewards.short', { count: r.cost - points }) : t('recognition.rewards.redeem')}
                    </Button>
                  </Popconfirm>
                </div>
              ))}
            </div>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('recognition.points.ledger')}>
            {ledger.error && <LoadError error={ledger.error} onRetry={ledger.reload} />}
            <Table<LedgerEntry>
              size="small"
              rowKey="id"
              loading={ledger.isLoading}
              dataSource={ledger.data?.items}
              pagination={false}
              locale={{ emptyText: t('recognition.points.ledgerEmpty') }}
              columns={[
                { title: t('recognition.points.at'), dataIndex: 'at', width: 150, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
                { title: t('recognition.points.source'), dataIndex: 'sourceType', width: 130, render: (s: LedgerEntry['sourceType']) => <Tag>{t(`recognition.sources.${s}`)}</Tag> },
                { title: t('recognition.points.reason'), dataIndex: 'reason', render: (reason: string, e) => (e.awardedBy ? `${reason} · ${e.awardedBy}` : reason) },
                {
                  title: t('recognition.points.delta'),
                  dataIndex: 'delta',
                  align: 'right',
                  width: 80,
                  render: (d: number) => <span className={d > 0 ? 'points-delta--plus' : 'points-delta--minus'}>{d > 0 ? `+${d}` : d}</span>,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('recognition.rewards.mine')}>
            <Table<Redemption>
              size="small"
              rowKey="id"
              loading={redemptions.isLoading}
              dataSource={redemptions.data?.items}
              pagination={false}
              locale={{ emptyText: t('recognition.rewards.none') }}
              columns={[
                { title: t('recognition.rewards.reward'), render: (_, r) => localized({ name: r.rewardName, nameEn: r.rewardNameEn }) },
                { title: t('recognition.points.at'), dataIndex: 'requestedAt', width: 110, render: (at: string) => dayjs(at).format('YYYY-MM-DD') },
                { title: t('recognition.rewards.status'), dataIndex: 'status', width: 90, render: (s: Redemption['status']) => <Tag color={REDEMPTION_COLORS[s]}>{t(`recognition.rewards.statuses.${s}`)}</Tag> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
