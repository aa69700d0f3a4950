import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Dropdown, Empty, Flex, Form, Input, Row, Select, Space, Spin, Tag } from 'antd';
import { ArrowLeftOutlined, PlusOutlined, SaveOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { mayDo } from '../../shared/page-access.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { DropOffCard } from './DropOffCard.tsx';
import { conditionTargets } from './LogicEditor.tsx';
import { QuestionCard } from './QuestionCard.tsx';
import { move, newQuestion, toDrafts, toQuestions, type DraftQuestion, type FieldIssue } from './questions.ts';
import { apiIssues, checkSurvey, useIssueText } from './save-issues.ts';
import { ShareModal } from './ShareModal.tsx';
import { SurveyPreview } from './SurveyPreview.tsx';
import { SurveyView } from './SurveyView.tsx';
import { createSurvey, getSurvey, QUESTION_TYPES, SURVEY_STATUSES, updateSurvey, type Survey, type SurveyStatus } from './surveys.api.ts';
import './surveys.css';

/**
 * `/surveys/new` and `/surveys/:id`: edit a survey's questions beside a live preview, save, share. Someone who may
 * not change surveys (a manager) gets the survey to read and share instead.
 */
export function SurveyBuilderPage() {
  const { id } = useParams();
  const surveyId = id && id !== 'new' ? id : null;
  const mayEdit = mayDo(useSignedIn().user.role, 'survey.write');
  const survey = useApiQuery(async (signal) => (surveyId ? getSurvey(surveyId, signal) : null), [surveyId]);
  if (survey.error) return <LoadError error={survey.error} onRetry={survey.reload} />;
  if (survey.isLoading || survey.data === undefined) return <Spin className="survey-builder__loading" />;
  if (!mayEdit && survey.data) return <SurveyView survey={survey.data} />;
  return <SurveyBuilder key={survey.data?.id ?? 'new'} initial={survey.data} />;
}

function SurveyBuilder({ initial }: { initial: Survey | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const issueText = useIssueText();
  const [saved, setSaved] = useState<Survey | null>(initial);
  const [name, setName] = useState(initial?.name ?? '');
  const [status, setStatus] = useState<SurveyStatus>(initial?.status ?? 'draft');
  const [drafts, setDrafts] = useState<DraftQuestion[]>(() => toDrafts(initial?.questions ?? []));
  const [isDirty, setIsDirty] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [isSharing, setIsSharing] = useState(false);
  const questions = useMemo(() => toQuestions(drafts), [drafts]);

  useEffect(() => {
    if (!isDirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  const edit = (next: DraftQuestion[]) => {
    setDrafts(next);
    setIsDirty(true);
  };

  const save = async () => {
    const input = { name, status, questions };
    const local = checkSurvey(input);
    setIssues(local);
    setSaveError(null);
    if (local.length) return;
    setIsSaving(true);
    try {
      const result = saved ? await updateSurvey(saved.id, input) : await createSurvey(input);
      const isNewVersion = !saved || result.version !== saved.version;
      setSaved(result);
      setIsDirty(false);
      void message.success(t(isNewVersion ? 'surveys.builder.saved' : 'surveys.builder.savedSame', { version: result.version }));
      if (!saved) void navigate(`/surveys/${result.id}`, { replace: true });
    } catch (error) {
      const fromApi = apiIssues(error);
      if (fromApi.length) setIssues(fromApi);
      else setSaveError(errorMessage(error));
    } finally {
      setIsSaving(false);
    }
  };

  const addMenu = {
    items: QUESTION_TYPES.map((type) => ({ key: type, label: t(`surveys.types.${type}`) })),
    onClick: ({ key }: { key: string }) => edit([...drafts, newQuestion(key as DraftQuestion['type'], drafts)]),
  };

  return (
    <>
      <PageHeader
        title={saved ? saved.name : t('surveys.builder.newTitle')}
        subtitle={t('surveys.builder.subtitle')}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/surveys')}>
              {t('surveys.builder.back')}
            </Button>
            <Button
              icon={<ShareAltOutlined />}
              disabled={!saved}
              title={saved ? undefined : t('surveys.builder.saveFirst')}
              onClick={() => setIsSharing(true)}
            >
              {t('surveys.builder.share')}
            </Button>
            <Button type="primary" icon={<SaveOutlined />} loading={isSaving} onClick={() => void save()} data-testid="save-survey">
              {t('common.save')}
            </Button>
          </>
        }
      />
      {issues.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="survey-builder__alert"
          title={t('surveys.builder.invalid')}
          description={
            <ul className="survey-builder__issues">
              {issues.map((issue, i) => (
                <li key={i}>{issueText(issue)}</li>
              ))}
            </ul>
          }
          data-testid="save-issues"
        />
      )}
      {saveError && <Alert type="error" showIcon className="survey-builder__alert" title={saveError} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title={t('surveys.builder.settings')}
            className="survey-builder__settings"
            extra={
              <Space>
                {isDirty && <Tag color="orange">{t('surveys.builder.unsaved')}</Tag>}
                {saved && (
                  <Tag color="blue" data-testid="survey-version">
                    {t('surveys.versionValue', { version: saved.version })}
                  </Tag>
                )}
              </Space>
            }
          >
            <Form layout="vertical" component="div">
              <Flex gap={12} wrap>
                <Form.Item label={t('surveys.name')} htmlFor="survey-name" required className="survey-builder__name">
                  <Input
                    id="survey-name"
                    value={name}
                    maxLength={200}
                    placeholder={t('surveys.namePlaceholder')}
                    onChange={(e) => {
                      setName(e.target.value);
                      setIsDirty(true);
                    }}
                  />
                </Form.Item>
                <Form.Item label={t('surveys.status')} htmlFor="survey-status">
                  <Select<SurveyStatus>
                    id="survey-status"
                    value={status}
                    style={{ width: 140 }}
                    options={SURVEY_STATUSES.map((s) => ({ value: s, label: t(`surveys.statuses.${s}`) }))}
                    onChange={(s) => {
                      setStatus(s);
                      setIsDirty(true);
                    }}
                  />
                </Form.Item>
              </Flex>
            </Form>
          </Card>
          <Flex justify="space-between" align="center" className="survey-builder__questions-head">
            <h2 className="survey-builder__h2">{t('surveys.builder.questions')}</h2>
            <Dropdown menu={addMenu} trigger={['click']}>
              <Button type="dashed" icon={<PlusOutlined />} data-testid="add-question">
                {t('surveys.builder.addQuestion')}
              </Button>
            </Dropdown>
          </Flex>
          {drafts.length === 0 && <Empty description={t('surveys.builder.noQuestions')} />}
          <Space orientation="vertical" size={12} className="survey-builder__list">
            {drafts.map((q, i) => (
              <QuestionCard
                key={q.uid}
                question={q}
                index={i}
                count={drafts.length}
                onChange={(next) => edit(drafts.map((d) => (d.uid === q.uid ? next : d)))}
                onMove={(delta) => edit(move(drafts, i, delta))}
                onRemove={() => edit(drafts.filter((d) => d.uid !== q.uid))}
                targets={conditionTargets(questions, i)}
              />
            ))}
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <div className="survey-builder__preview">
            <SurveyPreview name={name} questions={questions} />
            {saved && <DropOffCard surveyId={saved.id} version={saved.version} />}
          </div>
        </Col>
      </Row>
      {saved && <ShareModal surveyId={saved.id} name={saved.name} open={isSharing} onClose={() => setIsSharing(false)} />}
    </>
  );
}
