import { Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { mayDo } from '../../shared/page-access.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { listSurveys, type Survey } from './surveys.api.ts';
import { SurveyStatusTag } from './SurveyStatusTag.tsx';
import './surveys.css';

/** All surveys, newest change first; a row opens the builder. */
export function SurveyListPage() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const mayCreate = mayDo(useSignedIn().user.role, 'survey.write');
  const surveys = useApiQuery((signal) => listSurveys(signal), []);
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

  const columns: TableColumnsType<Survey> = [
    {
      title: t('surveys.name'),
      key: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, language),
      render: (_, s) => <Typography.Link strong>{s.name}</Typography.Link>,
    },
    { title: t('surveys.status'), key: 'status', render: (_, s) => <SurveyStatusTag status={s.status} /> },
    {
      title: t('surveys.version'),
      key: 'version',
      align: 'right',
      render: (_, s) => t('surveys.versionValue', { version: s.version }),
    },
    { title: t('surveys.questionCount'), key: 'questions', align: 'right', render: (_, s) => s.questions.length },
    {
      title: t('surveys.updatedAt'),
      key: 'updatedAt',
      sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
      defaultSortOrder: 'descend',
      render: (_, s) => dateTime.format(new Date(s.updatedAt)),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('surveys.title')}
        subtitle={t(mayCreate ? 'surveys.subtitle' : 'surveys.subtitleShare')}
        extra={
          mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/surveys/new')}>
              {t('surveys.create')}
            </Button>
          )
        }
      />
      {surveys.error && <LoadError error={surveys.error} onRetry={surveys.reload} />}
      <Card>
        <Table<Survey>
          rowKey="id"
          columns={columns}
          dataSource={surveys.data ?? []}
          loading={surveys.isLoading}
          locale={{ emptyText: t('surveys.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('common.total', { count }) }}
          scroll={{ x: 'max-content' }}
          rowClassName="surveys-table__row"
          onRow={(s) => ({
            onClick: () => void navigate(`/surveys/${s.id}`),
            onKeyDown: (e) => {
              if (e.key === 'Enter') void navigate(`/surveys/${s.id}`);
            },
            tabIndex: 0,
          })}
          data-testid="surveys-table"
        />
      </Card>
    </>
  );
}
