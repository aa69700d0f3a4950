import type { ReactNode } from 'react';
import { Button, Card, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, InfoCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApiQuery } from '../../shared/api/use-api-query.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { formatDate, signed } from './governance-format.ts';
import type { AgendaItem, CustomerVoice } from './governance.api.ts';

interface Suggestion {
  key: string;
  text: ReactNode;
  meta: string;
  item: AgendaItem;
}

interface Props {
  voice: ApiQuery<CustomerVoice>;
  agenda: AgendaItem[];
  canAdd: boolean;
  onAdd: (item: AgendaItem) => void;
}

/** What the data says before the meeting, each line one click from the agenda. */
export function CustomerVoiceCard({ voice, agenda, canAdd, onAdd }: Props) {
  const { t, i18n } = useTranslation();
  const localized = useLocalizedName();
  const v = voice.data;
  const isOnAgenda = (item: AgendaItem) => agenda.some((a) => a.source === item.source && a.ref === item.ref);
  const date = (iso: string) => formatDate(iso, i18n.language);
  const item = (source: AgendaItem['source'], ref: string, title: string, note = ''): AgendaItem => ({ source, ref, title: title.slice(0, 300), note: note.slice(0, 2000) });

  const sections: { key: string; title: string; help?: string; rows: Suggestion[] }[] = v
    ? [
        {
          key: 'movers',
          title: t('governance.voice.npsMovers'),
          rows: v.npsMovers.map((m) => {
            const unit = localized({ name: m.unitName, nameEn: m.unitNameEn });
            const meta = t('governance.voice.moverLine', { previous: m.previous.toFixed(1), current: m.current.toFixed(1), previousN: m.previousN, n: m.n });
            return {
              key: m.unitId,
              text: (
                <>
                  {unit} <Tag color={m.change < 0 ? 'error' : 'success'}>{signed(m.change)}</Tag>
                </>
              ),
              meta,
              item: item('nps_mover', m.unitId, t('governance.voice.moverTitle', { unit, change: signed(m.change) }), meta),
            };
          }),
        },
        {
          key: 'causes',
          title: t('governance.voice.rootCauses'),
          rows: v.rootCauses.map((c) => {
            const cause = localized({ name: c.name, nameEn: c.nameEn });
            return { key: c.code, text: cause, meta: t('governance.voice.casesLine', { count: c.cases }), item: item('root_cause', c.code, t('governance.voice.rootCauseTitle', { cause, count: c.cases })) };
          }),
        },
        {
          key: 'exemptions',
          title: t('governance.voice.exemptions'),
          rows: v.overdueExemptions.map((x) => ({
            key: x.id,
            text: x.rule,
            meta: t('governance.voice.exemptionLine', { employee: x.employeeName, date: date(x.reportDueAt) }),
            item: item('exemption', x.id, t('governance.voice.exemptionTitle', { employee: x.employeeName, rule: x.rule })),
          })),
        },
        {
          key: 'improvements',
          title: t('governance.voice.improvements'),
          rows: v.openImprovements.map((p) => ({
            key: p.id,
            text: p.title,
            meta: t('governance.voice.improvementLine', {
              status: p.status === 'in_progress' ? t('governance.voice.projectStatus.in_progress') : t('governance.voice.projectStatus.proposed'),
              owner: p.ownerName ?? t('common.none'),
              count: p.caseCount,
            }),
            item: item('improvement', p.id, t('governance.voice.improvementTitle', { title: p.title })),
          })),
        },
        {
          key: 'verbatims',
          title: t('governance.voice.verbatims'),
          help: t('governance.voice.verbatimsHelp'),
          rows: v.verbatims.map((q) => ({
            key: q.responseId,
            text: <span className="governance-voice__quote">“{q.text}”</span>,
            meta: t('governance.voice.verbatimLine', { count: q.topicSize, topic: q.topic, median: q.topicMedianScore.toFixed(2) }),
            item: item('verbatim', q.responseId, t('governance.voice.verbatimTitle', { topic: q.topic }), `“${q.text}”`),
          })),
        },
      ]
    : [];

  return (
    <Card title={t('governance.voice.title')} loading={voice.isLoading && !v} data-testid="customer-voice">
      {voice.error && <LoadError error={voice.error} onRetry={voice.reload} />}
      {v && (
        <Typography.Paragraph type="secondary">
          {t('governance.voice.period', { from: date(v.period.from), to: date(v.period.to) })} {t('governance.voice.scope')}
        </Typography.Paragraph>
      )}
      {sections.map((s) => (
        <section key={s.key} className="governance-voice__section">
          <h4 className="governance-voice__heading">
            <span>
              {s.title}
              {s.help && (
                <Tooltip title={s.help}>
                  <InfoCircleOutlined style={{ marginInlineStart: 6, color: '#8c8c8c' }} aria-label={s.help} />
                </Tooltip>
              )}
            </span>
          </h4>
          {s.rows.length === 0 && <Typography.Text type="secondary">{t('governance.voice.nothing')}</Typography.Text>}
          {s.rows.map((r) => {
            const added = isOnAgenda(r.item);
            return (
              <div key={r.key} className="governance-voice__item">
                <div className="governance-voice__text">
                  {r.text}
                  <span className="governance-voice__meta">{r.meta}</span>
                </div>
                {canAdd && (
                  <Button size="small" icon={added ? <CheckOutlined /> : <PlusOutlined />} disabled={added} onClick={() => onAdd(r.item)}>
                    {added ? t('governance.voice.added') : t('governance.voice.addToAgenda')}
                  </Button>
                )}
              </div>
            );
          })}
        </section>
      ))}
    </Card>
  );
}
