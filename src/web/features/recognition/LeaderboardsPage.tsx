import { CrownFilled, MailOutlined, TeamOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Col, Empty, Flex, Row, Segmented, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../shared/session.tsx';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { getLeaderboard, grantTeamAwards, listAwards, listFans, sendCard, type FanCustomer } from './recognition.api.ts';
import './recognition.css';

type Period = 'month' | 'quarter' | 'year' | 'all';

/** Leaderboards (points earned, praise received) by period, the awards history (Golden Ear, annual team awards), and fan customers for managers. */
export function LeaderboardsPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const [period, setPeriod] = useState<Period>('month');
  const periods: Period[] = ['month', 'quarter', 'year', 'all'];
  return (
    <>
      <PageHeader
        title={t('recognition.boards.title')}
        subtitle={t('recognition.boards.subtitle')}
        extra={<Segmented<Period> value={period} onChange={setPeriod} options={periods.map((p) => ({ value: p, label: t(`recognition.boards.periods.${p}`) }))} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Board kind="points" period={period} />
        </Col>
        <Col xs={24} lg={12}>
          <Board kind="praise" period={period} />
        </Col>
        <Col xs={24} lg={user.role === 'employee' ? 24 : 10}>
          <AwardsCard />
        </Col>
        {user.role !== 'employee' && (
          <Col xs={24} lg={14}>
            <FansCard />
          </Col>
        )}
      </Row>
    </>
  );
}

function Board({ kind, period }: { kind: 'points' | 'praise'; period: Period }) {
  const { t } = useTranslation();
  const board = useApiQuery((signal) => getLeaderboard(kind, period, signal), [kind, period]);
  return (
    <Card title={t(`recognition.boards.${kind}`)} data-testid={`leaderboard-${kind}`}>
      {board.error && <LoadError error={board.error} onRetry={board.reload} />}
      <Spin spinning={board.isLoading}>
        {board.data?.rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recognition.boards.empty')} />}
        <ol className="leaderboard">
          {board.data?.rows.map((row) => (
            <li key={row.employeeId} className="leaderboard__row" data-testid="leaderboard-row">
              <Flex gap={12} align="center">
                <span className={`leaderboard__rank leaderboard__rank--${row.rank}`}>{row.rank}</span>
                <div>
                  <div>{row.employeeName}</div>
                  <Typography.Text type="secondary">{row.unitName}</Typography.Text>
                </div>
              </Flex>
              <Typography.Text strong>{kind === 'points' ? t('recognition.points.value', { count: row.value }) : t('recognition.boards.praiseCount', { count: row.value })}</Typography.Text>
            </li>
          ))}
        </ol>
      </Spin>
    </Card>
  );
}

function AwardsCard() {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const { user } = useSignedIn();
  const awards = useApiQuery((signal) => listAwards(signal), []);
  const lastYear = dayjs().year() - 1;
  const grant = () =>
    modal.confirm({
      title: t('recognition.boards.grantTeam', { year: lastYear }),
      content: t('recognition.boards.grantTeamConfirm', { year: lastYear }),
      onOk: async () => {
        try {
          const { granted } = await grantTeamAwards(lastYear);
          if (granted > 0) message.success(t('recognition.boards.teamGranted', { count: granted }));
          else message.info(t('recognition.boards.teamNone', { year: lastYear }));
          awards.reload();
        } catch (caught) {
          message.error(errorMessage(caught));
        }
      },
    });
  const extra = user.role === 'admin' && !awards.data?.some((a) => a.kind === 'team' && a.period === String(lastYear)) && (
    <Button size="small" icon={<TeamOutlined />} onClick={grant}>
      {t('recognition.boards.grantTeam', { year: lastYear })}
    </Button>
  );
  return (
    <Card title={t('recognition.boards.awards')} className="golden-ear" extra={extra}>
      {awards.error && <LoadError error={awards.error} onRetry={awards.reload} />}
      <Spin spinning={awards.isLoading}>
        {awards.data?.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recognition.boards.noAwards')} />}
        <ul className="leaderboard">
          {awards.data?.map((a) => (
            <li key={a.id} className="leaderboard__row" data-testid={`award-${a.kind}`}>
              <Flex gap={12} align="center">
                {a.kind === 'team' ? <TeamOutlined className="golden-ear__crown" /> : <CrownFilled className="golden-ear__crown" />}
                <div>
                  <div>
                    <Typography.Text strong>{a.employeeName ?? a.unitName}</Typography.Text> · {t(`recognition.boards.kinds.${a.kind}`)}
                  </div>
                  <Typography.Text type="secondary">
                    {a.period}
                    {typeof a.reason.score === 'number' ? ` · ${t('recognition.boards.score', { count: a.reason.score })}` : ''}
                    {Array.isArray(a.reason.kpis) ? ` · ${t('recognition.boards.targetsMet', { count: a.reason.kpis.length })}` : ''}
                  </Typography.Text>
                </div>
              </Flex>
            </li>
          ))}
        </ul>
      </Spin>
    </Card>
  );
}

function FansCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const fans = useApiQuery((signal) => listFans(signal), []);
  const send = async (customerId: string) => {
    try {
      await sendCard(customerId);
      message.success(t('recognition.fans.recorded'));
      fans.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };
  return (
    <Card title={t('recognition.fans.title')}>
      <Typography.Paragraph type="secondary">{t('recognition.fans.help')}</Typography.Paragraph>
      {fans.error && <LoadError error={fans.error} onRetry={fans.reload} />}
      <Table<FanCustomer>
        size="small"
        rowKey="customerId"
        loading={fans.isLoading}
        dataSource={fans.data}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        locale={{ emptyText: t('recognition.fans.empty') }}
        columns={[
          { title: t('recognition.fans.customer'), dataIndex: 'name', render: (name: string | null) => name ?? '—' },
          { title: t('recognition.fans.promoters'), dataIndex: 'promoterAnswers', width: 90, align: 'right' },
          { title: t('recognition.fans.praise'), dataIndex: 'praise', width: 70, align: 'right' },
          { title: t('recognition.fans.last'), dataIndex: 'lastAt', width: 110, render: (at: string) => dayjs(at).format('YYYY-MM-DD') },
          {
            title: t('recognition.fans.card'),
            width: 150,
            render: (_, f) =>
              f.cardSentAt ? (
                <Tag color="green">{t('recognition.fans.sentOn', { date: dayjs(f.cardSentAt).format('YYYY-MM-DD') })}</Tag>
              ) : (
                <Button size="small" icon={<MailOutlined />} onClick={() => void send(f.customerId)}>
                  {t('recognition.fans.markSent')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
