import { Button, DatePicker, Flex, Select, Typography } from 'antd';
import { RiseOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditItem, Employee, UpdateAuditItem } from './audit.api.ts';

interface Props {
  item: AuditItem;
  employees: Employee[];
  locked: boolean;
  busy: boolean;
  isAdmin: boolean;
  onPatch: (patch: UpdateAuditItem) => void;
  onMakeImprovement: () => void;
}

/** A gap's owner and due date (required before completing) and its improvement project, made by an administrator. */
export function GapPanel({ item, employees, locked, busy, isAdmin, onPatch, onMakeImprovement }: Props) {
  const { t } = useTranslation();
  return (
    <div className="audit-gap">
      {locked ? (
        <Typography.Text className="audit-small">
          {`${t('audit.audit.owner')}: ${item.ownerName ?? '—'} · ${t('audit.audit.due')}: ${item.dueAt ?? '—'}`}
        </Typography.Text>
      ) : (
        <>
          <Typography.Text type="secondary" className="audit-small">
            {t('audit.audit.gapHelp')}
          </Typography.Text>
          <Flex gap={8} wrap style={{ marginTop: 4 }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              disabled={busy}
              value={item.ownerId ?? undefined}
              placeholder={t('audit.audit.owner')}
              onChange={(v?: string) => onPatch({ ownerId: v ?? null })}
              options={employees.map((e) => ({ value: e.id, label: e.name }))}
              style={{ minWidth: 160, flex: 1 }}
              aria-label={t('audit.audit.owner')}
            />
            <DatePicker
              disabled={busy}
              value={item.dueAt ? dayjs(item.dueAt) : null}
              placeholder={t('audit.audit.due')}
              onChange={(d) => onPatch({ dueAt: d ? d.format('YYYY-MM-DD') : null })}
              aria-label={t('audit.audit.due')}
            />
          </Flex>
        </>
      )}
      <div style={{ marginTop: 8 }}>
        {item.improvementId ? (
          <Link to="/improvements">
            <RiseOutlined /> {t('audit.audit.openImprovement')}
          </Link>
        ) : isAdmin ? (
          <Button size="small" icon={<RiseOutlined />} loading={busy} onClick={onMakeImprovement}>
            {t('audit.audit.makeImprovement')}
          </Button>
        ) : (
          <Typography.Text type="secondary" className="audit-small">
            {t('audit.audit.improvementAdminOnly')}
          </Typography.Text>
        )}
      </div>
    </div>
  );
}
