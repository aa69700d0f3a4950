import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Select, Space, Typography } from 'antd';
import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { useSignedIn } from '../../shared/session.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { fetchReviewPdf, reviewUrl, type Lang } from './reports.api.ts';
import { SubscriptionsCard } from './SubscriptionsCard.tsx';

/** The monthly experience review: pick a month and a language, open the HTML or download the PDF; admins manage the e-mail subscriptions. */
export function ReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const role = useSignedIn().user.role;
  const [uiLanguage] = useLanguage();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month').startOf('month'));
  const [lang, setLang] = useState<Lang>(uiLanguage);
  const [isPreparing, setIsPreparing] = useState(false);
  const [pdfError, setPdfError] = useState<string | null>(null);

  const monthKey = month.format('YYYY-MM');
  const downloadPdf = async () => {
    setIsPreparing(true);
    setPdfError(null);
    try {
      const blob = await fetchReviewPdf(monthKey, lang);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `monthly-review-${monthKey}-${lang}.pdf`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      message.success(t('reports.downloaded'));
    } catch (error) {
      setPdfError(error instanceof ApiError && error.code === 'pdf_unavailable' ? t('reports.pdfUnavailable') : errorMessage(error));
    } finally {
      setIsPreparing(false);
    }
  };

  return (
    <>
      <PageHeader title={t('reports.title')} subtitle={t('reports.subtitle')} />
      <Flex vertical gap={16}>
        <Card title={t('reports.openTitle')}>
          <Form layout="inline" style={{ rowGap: 12 }}>
            <Form.Item label={t('reports.month')}>
              <DatePicker
                picker="month"
                value={month}
                allowClear={false}
                onChange={(value) => value && setMonth(value.startOf('month'))}
                disabledDate={(d) => d.isAfter(dayjs(), 'month')}
                data-testid="review-month"
              />
            </Form.Item>
            <Form.Item label={t('reports.language')}>
              <Select<Lang>
                value={lang}
                onChange={setLang}
                style={{ width: 120 }}
                options={(['zh-CN', 'en'] as const).map((value) => ({ value, label: t(`reports.languages.${value}`) }))}
              />
            </Form.Item>
            <Form.Item>
              <Space wrap>
                <Button type="primary" icon={<ExportOutlined />} href={reviewUrl(monthKey, lang, 'html')} target="_blank" rel="noopener">
                  {t('reports.openHtml')}
                </Button>
                <Button icon={<DownloadOutlined />} loading={isPreparing} onClick={downloadPdf}>
                  {t('reports.downloadPdf')}
                </Button>
              </Space>
            </Form.Item>
          </Form>
          <Flex vertical gap={4} style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t(role === 'admin' ? 'reports.scopeAdmin' : 'reports.scopeManager')}</Typography.Text>
            <Typography.Text type="secondary">{isPreparing ? t('reports.preparing') : t('reports.openHtmlHelp')}</Typography.Text>
          </Flex>
          {pdfError && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={pdfError} closable={{ onClose: () => setPdfError(null) }} />}
        </Card>
        {role === 'admin' && <SubscriptionsCard />}
      </Flex>
    </>
  );
}
