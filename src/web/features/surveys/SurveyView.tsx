import { useState } from 'react';
import { Alert, Button, Col, Row } from 'antd';
import { ArrowLeftOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { ShareModal } from './ShareModal.tsx';
import { SurveyPreview } from './SurveyPreview.tsx';
import type { Survey } from './surveys.api.ts';
import './surveys.css';

/**
 * A survey for someone who may share it but not change it (a manager): the questions as respondents see them and
 * the share button for a link or QR code; no editing controls that the server would refuse.
 */
export function SurveyView({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [isSharing, setIsSharing] = useState(false);
  return (
    <>
      <PageHeader
        title={survey.name}
        subtitle={t('surveys.builder.viewSubtitle')}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/surveys')}>
              {t('surveys.builder.back')}
            </Button>
            <Button type="primary" icon={<ShareAltOutlined />} onClick={() => setIsSharing(true)} data-testid="share-survey">
              {t('surveys.builder.share')}
            </Button>
          </>
        }
      />
      <Alert type="info" showIcon className="survey-builder__alert" title={t('surveys.builder.readOnly')} data-testid="survey-read-only" />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={{ span: 14, offset: 5 }}>
          <SurveyPreview name={survey.name} questions={survey.questions} />
        </Col>
      </Row>
      <ShareModal surveyId={survey.id} name={survey.name} open={isSharing} onClose={() => setIsSharing(false)} />
    </>
  );
}
