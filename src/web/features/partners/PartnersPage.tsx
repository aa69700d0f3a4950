import { useState } from 'react';
import { Button, Card, Form, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PARTNER_KINDS } from '../../../contracts/partners.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { createPartner, listPartners, type Partner, type PartnerInput } from './partners.api.ts';
import { FitScoreTag } from './FitScoreTag.tsx';
import { KIND_COLOR } from './partner-colors.ts';
import { PartnerDrawer } from './PartnerDrawer.tsx';
import { usePartnerErrorMessage } from './use-partner-error.ts';
import './partners.css';

/** Partners (admins keep them, managers read): the list with each one's CX fit, and a drawer per partner. */
export function PartnersPage() {
  const { t } = useTranslation();
  const role = useSignedIn().user.role;
  const isAdmin = role === 'admin';
  const partners = useApiQuery((signal) => listPartners(signal), []);
  const [isCreating, setIsCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [form] = Form.useForm<PartnerInput>();
  const errorText = usePartnerErrorMessage();

  const create = async (values: PartnerInput) => {
    try {
      const created = await createPartner({ ...values, externalId: values.externalId || undefined, contactName: values.contactName || undefined, contactEmail: values.contactEmail || undefined });
      setIsCreating(false);
      form.resetFields();
      partners.reload();
      setOpenId(created.id);
    } catch (caught) {
      throw new Error(errorText(caught));
    }
  };
  const open = partners.data?.find((p) => p.id === openId) ?? null;
  const columns: TableColumnsType<Partner> = [
    {
      title: t('partners.name'),
      key: 'name',
      render: (_, p) => (
        <Button type="link" className="partner-name" onClick={() => setOpenId(p.id)}>
          {p.name}
        </Button>
      ),
    },
    { title: t('partners.kind'), key: 'kind', render: (_, p) => <Tag color={KIND_COLOR[p.kind]}>{t(`partners.kinds.${p.kind}`)}</Tag> },
    { title: t('partners.contactName'), key: 'contact', responsive: ['md'], render: (_, p) => p.contactName ?? t('common.none') },
    { title: t('partners.responses90d'), dataIndex: 'responses90d', align: 'right' },
    { title: t('partners.activeLinks'), dataIndex: 'activeLinks', align: 'right' },
    { title: t('partners.fit.column'), key: 'fit', render: (_, p) => <FitScoreTag score={p.fitScore} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('partners.title')}
        subtitle={t('partners.subtitle')}
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsCreating(true)} data-testid="partner-new">
              {t('partners.add')}
            </Button>
          )
        }
      />
      {partners.error && <LoadError error={partners.error} onRetry={partners.reload} />}
      <Card size="small">
        <Table<Partner> rowKey="id" columns={columns} dataSource={partners.data ?? []} loading={partners.isLoading} pagination={false} locale={{ emptyText: t('partners.empty') }} />
      </Card>
      <FormModal<PartnerInput> open={isCreating} title={t('partners.add')} form={form} initialValues={{ kind: 'logistics' }} onCancel={() => setIsCreating(false)} onSubmit={create}>
        <Form.Item name="name" label={t('partners.name')} rules={[{ required: true, whitespace: true, message: t('partners.nameRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="kind" label={t('partners.kind')} rules={[{ required: true }]}>
          <Select options={PARTNER_KINDS.map((k) => ({ value: k, label: t(`partners.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="externalId" label={t('partners.externalId')} tooltip={t('partners.externalIdHelp')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="contactName" label={t('partners.contactName')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="contactEmail" label={t('partners.contactEmail')} rules={[{ type: 'email' }]}>
          <Input maxLength={254} />
        </Form.Item>
      </FormModal>
      <PartnerDrawer partner={open} isAdmin={isAdmin} onClose={() => setOpenId(null)} onChanged={partners.reload} />
    </>
  );
}
