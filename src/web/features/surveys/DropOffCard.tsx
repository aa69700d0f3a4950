import { Card, Empty, Flex, Progress, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { getDropOff, type DropOff } from './surveys.api.ts';

type Row = DropOff['questions'][number];

/** How far respondents of the saved version got: per question, reached, answered and (partial responses) stopped there. */
export function DropOffCard({ surveyId, version }: { surveyId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-CN';
  const dropOff = useApiQuery((signal) => getDropOff(surveyId, version, signal), [surveyId, version]);
  // Only admins may read it; for anyone else the card is simply not there.
  if (dropOff.error || !dropOff.data) return null;
  const data = dropOff.data;
  const total = data.completed + data.partial;
  const columns: TableColumnsType<Row> = [
    {
      title: t('surveys.dropOff.question'),
      key: 'question',
      ellipsis: { showTitle: true },
      render: (_, q, i) => `${i + 1}. ${q.title[lang]}`,
    },
    { title: t('surveys.dropOff.page'), dataIndex: 'page', align: 'right', width: 48 },
    {
      title: t('surveys.dropOff.reached'),
      key: 'reached',
      width: 120,
      render: (_, q) => (
        <Flex gap={6} align="center">
          <Progress percent={total ? Math.round((q.reached / total) * 100) : 0} size="small" status="normal" showInfo={false} className="survey-dropoff__bar" />
          <span>{q.reached}</span>
        </Flex>
      ),
    },
    { title: t('surveys.dropOff.answered'), dataIndex: 'answered', align: 'right', width: 72 },
    {
      title: t('surveys.dropOff.stopped'),
      dataIndex: 'stopped',
      align: 'right',
      width: 80,
      render: (n: number) => (n > 0 ? <Typography.Text type="danger" strong>{n}</Typography.Text> : n),
    },
  ];
  return (
    <Card title={t('surveys.dropOff.title')} className="survey-dropoff" data-testid="drop-off">
      <Typography.Paragraph type="secondary">{t('surveys.dropOff.help')}</Typography.Paragraph>
      {total === 0 ? (
        <Empty description={t('surveys.dropOff.empty')} />
      ) : (
        <>
          <Flex gap={32} className="survey-dropoff__totals">
            <Statistic title={t('surveys.dropOff.completed')} value={data.completed} />
            <Statistic title={t('surveys.dropOff.partial')} value={data.partial} />
          </Flex>
          <Table<Row> rowKey="key" size="small" tableLayout="fixed" columns={columns} dataSource={data.questions} pagination={false} />
        </>
      )}
    </Card>
  );
}
