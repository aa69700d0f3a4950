import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Flex, Form, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { listEmployees } from '../org/index.ts';
import { CustomerVoiceCard } from './CustomerVoiceCard.tsx';
import { DecisionsTable } from './DecisionsTable.tsx';
import { formatDateTime } from './governance-format.ts';
import { addDecision, getCustomerVoice, getMeeting, updateMeeting, type AgendaItem } from './governance.api.ts';
import './governance.css';

/** One committee meeting: its agenda (with the customer voice to draw from), minutes and decisions. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const isAdmin = useSignedIn().user.role === 'admin';
  const meeting = useApiQuery((signal) => getMeeting(id, signal), [id]);
  const voice = useApiQuery((signal) => getCustomerVoice(id, signal), [id]);
  const employees = useApiQuery((signal) => (isAdmin ? listEmployees(undefined, signal) : Promise.resolve([])), [isAdmin]);
  const [newItem, setNewItem] = useState('');
  const [minutes, setMinutes] = useState<string | null>(null);
  const [isDeciding, setIsDeciding] = useState(false);
  const [form] = Form.useForm<{ title: string; ownerId?: string; dueOn: Dayjs }>();
  const m = meeting.data;

  const save = async (input: { agenda?: AgendaItem[]; minutes?: string }) => {
    try {
      await updateMeeting(id, input);
      meeting.reload();
      return true;
    } catch (caught) {
      message.error(errorMessage(caught));
      return false;
    }
  };
  const addItem = (item: AgendaItem) => m && void save({ agenda: [...m.agenda, item] });
  const removeItem = (index: number) => m && void save({ agenda: m.agenda.filter((_, i) => i !== index) });
  const addTyped = () => {
    if (!newItem.trim()) return;
    addItem({ title: newItem.trim(), note: '', source: 'manual', ref: null });
    setNewItem('');
  };

  const title = m ? `${m.title || t('governance.committee.untitled')} · ${formatDateTime(m.at, i18n.language)}` : t('governance.committee.meeting');
  return (
    <>
      <PageHeader
        title={title}
        extra={
          <Link to="/governance/committee">
            <Button icon={<ArrowLeftOutlined />}>{t('governance.meeting.back')}</Button>
          </Link>
        }
      />
      {meeting.error && <LoadError error={meeting.error} onRetry={meeting.reload} />}
      {m && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Flex vertical gap={16}>
              <Card title={t('governance.meeting.agenda')}>
                <List
                  dataSource={m.agenda}
                  locale={{ emptyText: t('governance.meeting.noAgenda') }}
                  renderItem={(a, index) => (
                    <List.Item>
                      <div className="governance-agenda__item" style={{ width: '100%' }}>
                        <div>
                          <Typography.Text strong className="governance-agenda__title">
                            {index + 1}. {a.title}
                          </Typography.Text>{' '}
                          {a.source !== 'manual' && <Tag>{t(`governance.meeting.sources.${a.source}`)}</Tag>}
                          {a.note && <Typography.Paragraph type="secondary" className="governance-minutes" style={{ margin: '4px 0 0' }}>{a.note}</Typography.Paragraph>}
                        </div>
                        {isAdmin && <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('governance.remove')} onClick={() => removeItem(index)} />}
                      </div>
                    </List.Item>
                  )}
                />
                {isAdmin && (
                  <Space.Compact style={{ width: '100%', marginTop: 8 }}>
                    <Input value={newItem} maxLength={300} placeholder={t('governance.meeting.itemPlaceholder')} onChange={(e) => setNewItem(e.target.value)} onPressEnter={addTyped} />
                    <Button icon={<PlusOutlined />} disabled={!newItem.trim()} onClick={addTyped}>
                      {t('governance.meeting.addItem')}
                    </Button>
                  </Space.Compact>
                )}
              </Card>
              <Card title={t('governance.meeting.minutes')}>
                {isAdmin ? (
                  <Flex vertical gap={8} align="flex-end">
                    <Input.TextArea value={minutes ?? m.minutes} rows={5} maxLength={20000} placeholder={t('governance.meeting.minutesPlaceholder')} onChange={(e) => setMinutes(e.target.value)} aria-label={t('governance.meeting.minutes')} />
                    <Button type="primary" disabled={minutes === null || minutes === m.minutes} onClick={() => void save({ minutes: minutes ?? '' }).then((ok) => ok && setMinutes(null))}>
                      {t('governance.meeting.saveMinutes')}
                    </Button>
                  </Flex>
                ) : (
                  <Typography.Paragraph className="governance-minutes">{m.minutes || t('governance.meeting.noMinutes')}</Typography.Paragraph>
                )}
              </Card>
              <Card
                title={t('governance.meeting.decisions')}
                extra={
                  isAdmin && (
                    <Button icon={<PlusOutlined />} onClick={() => setIsDeciding(true)}>
                      {t('governance.meeting.addDecision')}
                    </Button>
                  )
                }
              >
                <DecisionsTable decisions={m.decisions} isAdmin={isAdmin} emptyText={t('governance.meeting.noDecisions')} onChanged={meeting.reload} />
              </Card>
            </Flex>
          </Col>
          <Col xs={24} xl={10}>
            <CustomerVoiceCard voice={voice} agenda={m.agenda} canAdd={isAdmin} onAdd={addItem} />
          </Col>
        </Row>
      )}
      <FormModal
        open={isDeciding}
        title={t('governance.meeting.addDecision')}
        form={form}
        onCancel={() => setIsDeciding(false)}
        onSubmit={async (values) => {
          await addDecision(id, { title: values.title, ownerId: values.ownerId ?? null, dueOn: values.dueOn.format('YYYY-MM-DD') });
          setIsDeciding(false);
          meeting.reload();
        }}
      >
        <Form.Item name="title" label={t('governance.committee.decision')} rules={[{ required: true, message: t('governance.committee.decisionRequired') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="ownerId" label={t('governance.committee.owner')}>
          <Select allowClear showSearch optionFilterProp="label" options={(employees.data ?? []).map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('governance.committee.dueOn')} rules={[{ required: true, message: t('governance.committee.dueRequired') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
