import { DatePicker, Form, Input, Select, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { mayOpen } from '../../shared/page-access.ts';
import { useViewer } from '../../shared/session.tsx';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { listEmployees, useUnits, useUnitTreeSelectData } from '../org/index.ts';
import { createSession, LISTENING_KINDS, listLinkables, logSession, type ListeningKind, type Session } from './governance.api.ts';

interface ScheduleValues {
  employeeId: string;
  kind: ListeningKind;
  unitId?: string;
  scheduledAt: Dayjs;
}

/** Puts a session on a calendar: an admin picks anyone, others schedule their own. */
export function ScheduleSessionModal({ open, isAdmin, selfId, onClose, onDone }: { open: boolean; isAdmin: boolean; selfId: string | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ScheduleValues>();
  const employees = useApiQuery((signal) => (isAdmin && open ? listEmployees(undefined, signal) : Promise.resolve([])), [isAdmin, open]);
  const units = useUnits();
  const unitTree = useUnitTreeSelectData(units.data);
  return (
    <FormModal<ScheduleValues>
      open={open}
      title={t('governance.listening.schedule')}
      form={form}
      initialValues={{ kind: 'customer_call', employeeId: selfId ?? undefined, scheduledAt: dayjs().add(7, 'day').hour(10).minute(0).second(0) }}
      onCancel={onClose}
      onSubmit={async (values) => {
        await createSession({ employeeId: isAdmin ? values.employeeId : selfId!, kind: values.kind, unitId: values.unitId, scheduledAt: values.scheduledAt.toISOString() });
        onDone();
      }}
    >
      {isAdmin && (
        <Form.Item name="employeeId" label={t('governance.listening.person')} rules={[{ required: true, message: t('governance.listening.personRequired') }]}>
          <Select showSearch optionFilterProp="label" options={(employees.data ?? []).map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
      )}
      <Form.Item name="kind" label={t('governance.listening.kind')} rules={[{ required: true, message: t('governance.listening.kindRequired') }]}>
        <Select options={LISTENING_KINDS.map((k) => ({ value: k, label: t(`governance.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="unitId" label={t('governance.listening.unit')}>
        <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeDefaultExpandAll treeData={unitTree} />
      </Form.Item>
      <Form.Item name="scheduledAt" label={t('governance.listening.when')} rules={[{ required: true, message: t('governance.listening.whenRequired') }]}>
        <DatePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

interface LogValues {
  learnings: string;
  heldAt: Dayjs;
  ideaIds?: string[];
  improvementIds?: string[];
  caseIds?: string[];
}

/** Records what a session taught and links the ideas, improvement projects and cases it led to. */
export function LogSessionModal({ session, onClose, onDone }: { session: Session | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LogValues>();
  // Improvement projects are read by the roles of the improvements page; an employee logging their own session
  // neither lists them nor sees the picker, and the session keeps the projects it already links.
  const readsProjects = mayOpen(useViewer(), '/improvements');
  const linkables = useApiQuery((signal) => (session ? listLinkables(readsProjects, signal) : Promise.resolve(null)), [session?.id, readsProjects]);
  const options = (list: { id: string; title: string }[] | undefined) => (list ?? []).map((x) => ({ value: x.id, label: x.title }));
  const scheduled = session ? dayjs(session.scheduledAt) : dayjs();
  return (
    <FormModal<LogValues>
      open={session !== null}
      title={t('governance.listening.logTitle')}
      form={form}
      initialValues={{
        learnings: session?.learnings ?? '',
        heldAt: session?.heldAt ? dayjs(session.heldAt) : scheduled.isAfter(dayjs()) ? dayjs() : scheduled,
        ideaIds: session?.ideas.map((x) => x.id),
        improvementIds: session?.improvements.map((x) => x.id),
        caseIds: session?.cases.map((x) => x.id),
      }}
      onCancel={onClose}
      onSubmit={async (values) => {
        await logSession(session!.id, {
          learnings: values.learnings,
          heldAt: values.heldAt.toISOString(),
          ideaIds: values.ideaIds ?? [],
          improvementIds: readsProjects ? (values.improvementIds ?? []) : session!.improvements.map((x) => x.id),
          caseIds: values.caseIds ?? [],
        });
        onDone();
      }}
    >
      <Form.Item name="learnings" label={t('governance.listening.learnings')} rules={[{ required: true, whitespace: true, message: t('governance.listening.learningsRequired') }]}>
        <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('governance.listening.learningsPlaceholder')} />
      </Form.Item>
      <Form.Item name="heldAt" label={t('governance.listening.heldAt')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('governance.listening.linksHelp')}</Typography.Paragraph>
      <Form.Item name="ideaIds" label={t('governance.listening.ideas')}>
        <Select mode="multiple" allowClear optionFilterProp="label" loading={linkables.isLoading} options={options(linkables.data?.ideas)} maxCount={20} />
      </Form.Item>
      {readsProjects && (
        <Form.Item name="improvementIds" label={t('governance.listening.improvements')}>
          <Select mode="multiple" allowClear optionFilterProp="label" loading={linkables.isLoading} options={options(linkables.data?.improvements)} maxCount={20} />
        </Form.Item>
      )}
      <Form.Item name="caseIds" label={t('governance.listening.cases')}>
        <Select mode="multiple" allowClear optionFilterProp="label" loading={linkables.isLoading} options={options(linkables.data?.cases)} maxCount={20} />
      </Form.Item>
    </FormModal>
  );
}
