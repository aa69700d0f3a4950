import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Table, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { useById, useUnits } from '../org/index.ts';
import { useCodeLabel } from '../responses/index.ts';
import { deletePartnerRule, listPartnerRules, type CreatedPartnerRule, type PartnerRule } from './partners.api.ts';
import { RuleForm } from './RuleForm.tsx';
import { usePartnerErrorMessage } from './use-partner-error.ts';

/** The partner's attribution rules: which touchpoints and units are its work, how they take precedence, and for admins adding and deleting them. */
export function PartnerRules({ partnerId, canManage, onChanged }: { partnerId: string; canManage: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = usePartnerErrorMessage();
  const codeLabel = useCodeLabel();
  const localizedName = useLocalizedName();
  const rules = useApiQuery((signal) => listPartnerRules(partnerId, signal), [partnerId]);
  const units = useUnits();
  const unitById = useById(units.data);
  const [added, setAdded] = useState<{ rule: CreatedPartnerRule; applyToPast: boolean } | null>(null);

  const remove = async (ruleId: string) => {
    try {
      await deletePartnerRule(partnerId, ruleId);
      setAdded(null);
      rules.reload();
    } catch (caught) {
      message.error(errorText(caught));
    }
  };
  const any = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  const columns: TableColumnsType<PartnerRule> = [
    {
      title: t('partners.rules.touchpoint'),
      key: 'touchpoint',
      render: (_, r) => {
        if (r.touchpoint === null) return any(t('partners.rules.anyTouchpoint'));
        const label = codeLabel('touchpoints', r.touchpoint);
        return label === r.touchpoint ? label : (
          <>
            {label} <Typography.Text type="secondary" className="partner-rule-code">{r.touchpoint}</Typography.Text>
          </>
        );
      },
    },
    {
      title: t('partners.rules.unit'),
      key: 'unit',
      render: (_, r) => (r.unitId === null ? any(t('partners.rules.anyUnit')) : unitById.has(r.unitId) ? localizedName(unitById.get(r.unitId)) : (r.unitName ?? r.unitId)),
    },
    { title: t('partners.rules.createdAt'), key: 'created', width: 120, render: (_, r) => new Date(r.createdAt).toLocaleDateString(i18n.language) },
  ];
  // Managers read the rules; only admins change them.
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, r) => (
        <Popconfirm title={t('partners.rules.confirmDelete')} onConfirm={() => void remove(r.id)}>
          <Button size="small" danger icon={<DeleteOutlined />} data-testid="rule-delete">
            {t('partners.rules.delete')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <div data-testid="partner-rules">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('partners.rules.help')}
      </Typography.Paragraph>
      <ol className="partner-rule-precedence">
        <li>{t('partners.rules.precedence.both')}</li>
        <li>{t('partners.rules.precedence.touchpoint')}</li>
        <li>{t('partners.rules.precedence.unit')}</li>
      </ol>
      {canManage && (
        <RuleForm
          partnerId={partnerId}
          units={units.data}
          onAdded={(rule, applyToPast) => {
            setAdded({ rule, applyToPast });
            rules.reload();
            onChanged();
          }}
        />
      )}
      {added && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          closable={{ onClose: () => setAdded(null) }}
          title={added.applyToPast ? t('partners.rules.addedPast', added.rule.attributed) : t('partners.rules.added')}
          data-testid="rule-added"
        />
      )}
      {rules.error && <LoadError error={rules.error} onRetry={rules.reload} />}
      <Table<PartnerRule>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rules.data ?? []}
        loading={rules.isLoading}
        pagination={false}
        locale={{ emptyText: t('partners.rules.empty') }}
        scroll={{ x: true }}
      />
    </div>
  );
}
