import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, DiffOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { formatPct, percentColour } from './audit-format.ts';
import { completeAudit, getAudit, type Audit } from './audit.api.ts';
import { AuditItemCard } from './AuditItemCard.tsx';
import { useAuditErrorMessage, useAuditNames, usePeopleAndUnits, useTouchpointName } from './use-audit.ts';
import './audit.css';

/** One audit or visit: items grouped by area, scored with the guidance in view, evidence, gaps and completion. */
export function AuditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { message } = App.useApp();
  const errorMessage = useAuditErrorMessage();
  const { user } = useSignedIn();
  const loaded = useApiQuery((signal) => getAudit(id, signal), [id]);
  const [audit, setAudit] = useState<Audit>();
  const { employees, unitName } = usePeopleAndUnits();
  const { titleOf } = useAuditNames();
  const touchpointName = useTouchpointName();
  useEffect(() => setAudit(loaded.data), [loaded.data]);

  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!audit) return <Skeleton active />;
  const isMystery = audit.kind === 'mystery';
  const back = isMystery ? { to: '/mystery-shopping', label: t('audit.audit.backMystery') } : { to: '/audits', label: t('audit.audit.back') };
  const locked = audit.status === 'completed';
  const scored = audit.items.filter((i) => i.score !== null).length;
  const gaps = audit.items.filter((i) => i.isGap).length;

  const complete = async () => {
    try {
      setAudit(await completeAudit(audit.id));
      void message.success(t('audit.audit.completed'));
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  return (
    <>
      <Link to={back.to} className="audit-back">
        <ArrowLeftOutlined /> {back.label}
      </Link>
      <PageHeader
        title={titleOf(audit)}
        subtitle={[unitName(audit.unitId), isMystery ? touchpointName(audit.touchpoint) : null].filter(Boolean).join(' · ')}
        extra={
          <Space wrap>
            {audit.baselineAuditId && (
              <Link to={`/audits/${audit.id}/compare`}>
                <Button icon={<DiffOutlined />}>{t('audit.audit.compare')}</Button>
              </Link>
            )}
            {!locked && (
              <Popconfirm title={t('audit.audit.completeConfirm')} onConfirm={() => void complete()} okText={t('common.yes')} cancelText={t('common.no')}>
                <Button type="primary" icon={<CheckOutlined />} data-testid="audit-complete">
                  {t('audit.audit.complete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <Card className="audit-summary">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('audit.list.columns.status')}>
            <Tag color={locked ? 'success' : 'processing'}>{t(`audit.status.${audit.status}`)}</Tag>
            {isMystery && audit.conductedBy && <Typography.Text type="secondary">{t('audit.audit.visitBy', { who: t(`audit.conductedBy.${audit.conductedBy}`) })}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.list.columns.progress')}>
            <Progress percent={Math.round((100 * scored) / audit.items.length)} size="small" format={() => `${scored} / ${audit.items.length}`} style={{ minWidth: 160 }} />
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.list.columns.gaps')}>{t('audit.audit.gapCount', { count: gaps })}</Descriptions.Item>
          <Descriptions.Item label={t('audit.audit.score')}>
            <Tag color={percentColour(audit.scorePct)} data-testid="audit-score">
              {formatPct(audit.scorePct)}
            </Tag>
          </Descriptions.Item>
        </Descriptions>
        {locked && <Alert type="success" showIcon title={t('audit.audit.lockedNote', { date: dayjs(audit.completedAt).format('YYYY-MM-DD') })} />}
        {audit.notes && (
          <Typography.Paragraph className="audit-notes">
            <Typography.Text strong>{t('audit.audit.notes')}: </Typography.Text>
            {audit.notes}
          </Typography.Paragraph>
        )}
      </Card>
      {audit.areas.map((area) => {
        const items = audit.items.filter((i) => i.area === area.key);
        if (!items.length) return null;
        const known = items.filter((i) => i.score !== null);
        const average = known.length ? known.reduce((s, i) => s + i.score!, 0) / known.length : null;
        return (
          <Card
            key={area.key}
            className="audit-area"
            title={area.title[language]}
            extra={average !== null && <Typography.Text type="secondary">{`${t('audit.audit.maturity')} ${average.toFixed(1)} / 4`}</Typography.Text>}
            data-testid={`audit-area-${area.key}`}
          >
            {items.map((item) => (
              <AuditItemCard key={item.key} audit={audit} item={item} employees={employees} isAdmin={user.role === 'admin'} onChange={setAudit} />
            ))}
          </Card>
        );
      })}
      {audit.items.length === 0 && <Empty />}
    </>
  );
}
