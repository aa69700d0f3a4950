import { useState } from 'react';
import { App, Col, Flex, Radio, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { SCORE_COLOURS } from './audit-format.ts';
import { makeImprovement, updateItem, type Audit, type AuditItem, type Employee, type UpdateAuditItem } from './audit.api.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { EvidenceEditor } from './EvidenceEditor.tsx';
import { GapPanel } from './GapPanel.tsx';
import { useAuditErrorMessage } from './use-audit.ts';

interface Props {
  audit: Audit;
  item: AuditItem;
  employees: Employee[];
  isAdmin: boolean;
  onChange: (audit: Audit) => void;
}

/**
 * One checklist item: the five scores with what each means (the chosen one highlighted), the evidence
 * (text, links, files), and for a gap its owner, due date and improvement project.
 */
export function AuditItemCard({ audit, item, employees, isAdmin, onChange }: Props) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { message } = App.useApp();
  const errorMessage = useAuditErrorMessage();
  const [busy, setBusy] = useState(false);
  const locked = audit.status === 'completed';

  const run = async (work: () => Promise<Audit>, done?: string) => {
    setBusy(true);
    try {
      onChange(await work());
      if (done) void message.success(done);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const patch = (body: UpdateAuditItem, done?: string) => void run(() => updateItem(audit.id, item.key, body), done);

  return (
    <div className={`audit-item${item.isGap ? ' audit-item--gap' : ''}`} data-testid={`audit-item-${item.key}`}>
      <Flex justify="space-between" align="center" gap={8} wrap className="audit-item__head">
        <Typography.Text strong>{item.title[language]}</Typography.Text>
        <Space size={4}>
          {item.isGap && <Tag color="red">{t('audit.audit.gap')}</Tag>}
          {item.score === null ? <Tag>{t('audit.audit.notScored')}</Tag> : <Tag color={SCORE_COLOURS[item.score]}>{`${item.score} / 4`}</Tag>}
        </Space>
      </Flex>
      <Row gutter={[24, 12]}>
        <Col xs={24} lg={13}>
          <Radio.Group
            className={`audit-scale${locked ? ' audit-scale--locked' : ''}`}
            value={item.score}
            disabled={locked || busy}
            onChange={(e) => patch({ score: e.target.value as number })}
            aria-label={item.title[language]}
            options={item.guidance.map((g, score) => ({
              value: score,
              label: (
                <span className="audit-scale__option">
                  <b style={{ color: SCORE_COLOURS[score] }}>{score}</b> {g[language]}
                </span>
              ),
            }))}
          />
        </Col>
        <Col xs={24} lg={11}>
          <EvidenceEditor item={item} locked={locked} busy={busy} onSave={(body) => patch(body, t('audit.audit.saved'))} />
          <AttachmentList audit={audit} item={item} onChange={onChange} />
          {item.isGap && (
            <GapPanel
              item={item}
              employees={employees}
              locked={locked}
              busy={busy}
              isAdmin={isAdmin}
              onPatch={(body) => patch(body)}
              onMakeImprovement={() => void run(() => makeImprovement(audit.id, item.key), t('audit.audit.improvementMade'))}
            />
          )}
        </Col>
      </Row>
    </div>
  );
}
