import { useState } from 'react';
import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { CustomerCard } from './CustomerCard.tsx';
import { HistoryCard } from './HistoryCard.tsx';
import { RetentionCard } from './RetentionCard.tsx';
import './privacy.css';

/**
 * Privacy for administrators: one customer's data (preview, export, erasure), retention limits, and the history
 * of both. Other roles never reach it: the page-access table turns them away with the no-access page.
 */
export function PrivacyPage() {
  const { t } = useTranslation();
  // Bumped after an export, an erasure or a retention change, so the history shows it at once.
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  return (
    <>
      <PageHeader title={t('privacy.title')} subtitle={t('privacy.subtitle')} />
      <Row gutter={[16, 16]} className="privacy-page">
        <Col xs={24} xl={13}>
          <CustomerCard onChanged={changed} />
        </Col>
        <Col xs={24} xl={11}>
          <RetentionCard onSaved={changed} />
        </Col>
        <Col xs={24}>
          <HistoryCard changes={changes} />
        </Col>
      </Row>
    </>
  );
}
