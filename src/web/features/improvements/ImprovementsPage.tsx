import { useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Flex, Form, Input, List, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { mayDo } from '../../shared/page-access.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { listEmployees } from '../org/index.ts';
import { listRootCauses } from '../workbench/index.ts';
import {
  createProject,
  getProject,
  listProjects,
  listSuggestions,
  setProjectStatus,
  type ImprovementProject,
  type ImprovementStatus,
  type ImprovementSuggestion,
  type ProjectInput,
} from './improvements.api.ts';

const statusColor: Record<ImprovementStatus, string> = { proposed: 'default', in_progress: 'processing', done: 'success', cancelled: 'error' };

/** Improvement projects (outer loop): suggestions from recurring root causes, the projects, and each one's measured effect. Admins and managers. */
export function ImprovementsPage() {
  const { t, i18n } = useTranslation();
  const role = useSignedIn().user.role;
  const canManage = mayDo(role, 'improvement.manage');
  const projects = useApiQuery((signal) => listProjects(signal), []);
  const suggestions = useApiQuery((signal) => listSuggestions(signal), []);
  const rootCauses = useApiQuery((signal) => listRootCauses(signal), []);
  // Names of the people a manager may see (their units); an owner beyond them is named as such, not by an id.
  const employees = useApiQuery((signal) => listEmployees(undefined, signal), []);
  const [draft, setDraft] = useState<Partial<ProjectInput> | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [form] = Form.useForm<ProjectInput>();

  const causeName = (code: string | null) => {
    if (!code) return t('common.none');
    const cause = rootCauses.data?.find((c) => c.code === code);
    return cause ? cause.name[i18n.language === 'en' ? 'en' : 'zh-CN'] : code;
  };
  const ownerName = (id: string | null) => {
    if (!id) return t('common.none');
    if (!employees.data) return '…';
    return employees.data.find((e) => e.id === id)?.name ?? t('improvements.ownerOutside');
  };

  const startFrom = (s: ImprovementSuggestion) => {
    const values = { title: t('improvements.suggestedTitle', { cause: causeName(s.rootCause) }), rootCause: s.rootCause, caseIds: s.caseIds, metric: 'nps' as const };
    form.setFieldsValue(values);
    setDraft(values);
  };

  const create = async (values: ProjectInput) => {
    const created = await createProject({ ...values, rootCause: draft?.rootCause ?? values.rootCause, caseIds: draft?.caseIds ?? [] });
    setDraft(null);
    form.resetFields();
    projects.reload();
    suggestions.reload();
    setOpenId(created.id);
  };

  const columns: TableColumnsType<ImprovementProject> = [
    { title: t('improvements.project'), key: 'title', render: (_, p) => <Typography.Link onClick={() => setOpenId(p.id)}>{p.title}</Typography.Link> },
    { title: t('improvements.rootCause'), key: 'cause', render: (_, p) => causeName(p.rootCause) },
    { title: t('improvements.status'), key: 'status', render: (_, p) => <Tag color={statusColor[p.status]}>{t(`improvements.statuses.${p.status}`)}</Tag> },
    { title: t('improvements.owner'), key: 'owner', render: (_, p) => ownerName(p.ownerId) },
    { title: t('improvements.cases'), key: 'cases', align: 'right', render: (_, p) => p.caseCount },
  ];

  return (
    <>
      <PageHeader title={t('improvements.title')} subtitle={t('improvements.subtitle')} />
      <Flex vertical gap={16}>
        <Card title={t('improvements.suggestions')}>
          <Typography.Paragraph type="secondary">{t('improvements.suggestionsHelp')}</Typography.Paragraph>
          {suggestions.error && <LoadError error={suggestions.error} onRetry={suggestions.reload} />}
          <List
            dataSource={suggestions.data ?? []}
            loading={suggestions.isLoading}
            locale={{ emptyText: t('improvements.noSuggestions') }}
            renderItem={(s) => (
              <List.Item
                actions={
                  canManage
                    ? [
                        <Button key="create" icon={<PlusOutlined />} onClick={() => startFrom(s)}>
                          {t('improvements.createFromSuggestion')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta title={causeName(s.rootCause)} description={t('improvements.suggestionLine', { count: s.caseCount })} />
              </List.Item>
            )}
          />
        </Card>
        <Card
          title={t('improvements.projects')}
          extra={
            canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDraft({ metric: 'nps' })}>
                {t('improvements.add')}
              </Button>
            )
          }
        >
          {projects.error && <LoadError error={projects.error} onRetry={projects.reload} />}
          <Table<ImprovementProject> rowKey="id" columns={columns} dataSource={projects.data ?? []} loading={projects.isLoading} pagination={false} locale={{ emptyText: t('improvements.empty') }} />
        </Card>
      </Flex>
      <FormModal<ProjectInput> open={draft !== null} title={t('improvements.add')} form={form} initialValues={{ metric: 'nps' }} onCancel={() => setDraft(null)} onSubmit={create}>
        <Form.Item name="title" label={t('improvements.project')} rules={[{ required: true, message: t('improvements.titleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('improvements.description')}>
          <Input.TextArea maxLength={4000} rows={3} />
        </Form.Item>
        {draft?.rootCause && (
          <Form.Item label={t('improvements.rootCause')}>
            {causeName(draft.rootCause)} · {t('improvements.suggestionLine', { count: draft.caseIds?.length ?? 0 })}
          </Form.Item>
        )}
        <Form.Item name="ownerId" label={t('improvements.owner')}>
          <Select allowClear showSearch optionFilterProp="label" options={(employees.data ?? []).map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
        <Form.Item name="metric" label={t('improvements.metric')}>
          <Select options={(['nps', 'csat', 'ces'] as const).map((m) => ({ value: m, label: t(`improvements.metrics.${m}`) }))} />
        </Form.Item>
      </FormModal>
      <ProjectDrawer id={openId} canManage={canManage} causeName={causeName} ownerName={ownerName} onClose={() => setOpenId(null)} onChanged={projects.reload} />
    </>
  );
}

interface DrawerProps {
  id: string | null;
  canManage: boolean;
  causeName: (code: string | null) => string;
  ownerName: (id: string | null) => string;
  onClose: () => void;
  onChanged: () => void;
}

/** One project: its cases, the metric before and after, and the next status. */
function ProjectDrawer({ id, canManage, causeName, ownerName, onClose, onChanged }: DrawerProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const project = useApiQuery((signal) => (id ? getProject(id, signal) : Promise.resolve(null)), [id]);
  const p = project.data;
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(i18n.language) : t('common.none'));
  const move = async (status: ImprovementStatus) => {
    if (!p) return;
    try {
      await setProjectStatus(p.id, status);
      project.reload();
      onChanged();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };
  const next: Partial<Record<ImprovementStatus, Array<'in_progress' | 'done' | 'cancelled'>>> = { proposed: ['in_progress', 'cancelled'], in_progress: ['done', 'cancelled'] };
  const value = (w: { value: number | null; n: number } | null) => (w && w.value !== null ? `${w.value.toFixed(1)} (n=${w.n})` : t('common.none'));
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={p?.title ?? ''} loading={project.isLoading && !p}>
      {project.error && <LoadError error={project.error} onRetry={project.reload} />}
      {p && (
        <Flex vertical gap={16}>
          <Descriptions column={2} size="small">
            <Descriptions.Item label={t('improvements.status')}>
              <Tag color={statusColor[p.status]}>{t(`improvements.statuses.${p.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('improvements.owner')}>{ownerName(p.ownerId)}</Descriptions.Item>
            <Descriptions.Item label={t('improvements.rootCause')}>{causeName(p.rootCause)}</Descriptions.Item>
            <Descriptions.Item label={t('improvements.metric')}>{t(`improvements.metrics.${p.metric}`)}</Descriptions.Item>
            <Descriptions.Item label={t('improvements.startedAt')}>{date(p.startedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('improvements.completedAt')}>{date(p.completedAt)}</Descriptions.Item>
          </Descriptions>
          {p.description && <Typography.Paragraph>{p.description}</Typography.Paragraph>}
          {canManage && (next[p.status] ?? []).length > 0 && (
            <Space>
              {(next[p.status] ?? []).map((s) => (
                <Button key={s} type={s === 'cancelled' ? 'default' : 'primary'} danger={s === 'cancelled'} onClick={() => void move(s)}>
                  {t(`improvements.moveTo.${s}`)}
                </Button>
              ))}
            </Space>
          )}
          <Card size="small" title={t('improvements.effect', { days: p.effect.windowDays })}>
            <Flex gap={32} wrap>
              <Statistic title={t('improvements.before')} value={value(p.effect.before)} />
              <Statistic title={t('improvements.after')} value={value(p.effect.after)} />
              <Statistic title={t('improvements.change')} value={p.effect.change === null ? t('common.none') : `${p.effect.change > 0 ? '+' : ''}${p.effect.change.toFixed(1)}`} />
            </Flex>
            {p.effect.after && !p.effect.isAfterComplete && <Typography.Text type="secondary">{t('improvements.afterFilling')}</Typography.Text>}
          </Card>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={p.cases}
            locale={{ emptyText: t('improvements.noCases') }}
            columns={[
              { title: t('improvements.case'), dataIndex: 'title' },
              { title: t('improvements.rootCause'), key: 'cause', render: (_, c) => causeName(c.rootCause) },
              { title: t('improvements.closedAt'), key: 'closed', render: (_, c) => date(c.closedAt) },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
