import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Input, List, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { HeldCounts } from '../../../contracts/privacy.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { EraseModal } from './EraseModal.tsx';
import { downloadJson, getExport, getPreview, searchCustomers, type CustomerMatch } from './privacy.api.ts';
import { usePrivacyErrorMessage } from './use-privacy-error.ts';

const KINDS: (keyof HeldCounts)[] = [
  'interactions', 'responses', 'comments', 'textAnalyses', 'cases', 'caseNotes', 'surveyLinks', 'messages',
  'drafts', 'behaviourEvents', 'praise', 'thankYouCards', 'compensations', 'auditEntries',
];

/** Find a customer, preview what is held about them, download it, or erase them. */
export function CustomerCard({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const matches = useApiQuery((signal) => (searched ? searchCustomers(searched, signal) : Promise.resolve(null)), [searched]);

  return (
    <Card title={t('privacy.customer.title')} data-testid="privacy-customer">
      <Typography.Paragraph type="secondary">{t('privacy.customer.help')}</Typography.Paragraph>
      <Input.Search
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onSearch={(value) => {
          setChosen(null);
          setSearched(value.trim());
        }}
        placeholder={t('privacy.customer.search')}
        enterButton={t('privacy.customer.searchButton')}
        allowClear
        data-testid="privacy-search"
      />
      {matches.error && <LoadError error={matches.error} onRetry={matches.reload} />}
      {matches.data && !chosen && (
        <List<CustomerMatch>
          className="privacy-matches"
          size="small"
          header={matches.data.length ? <Typography.Text type="secondary">{t('privacy.customer.pick')}</Typography.Text> : undefined}
          dataSource={matches.data}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('privacy.customer.noMatch', { q: searched })} /> }}
          renderItem={(c) => (
            <List.Item>
              <Button type="link" icon={<UserOutlined />} onClick={() => setChosen(c.id)} data-testid="privacy-match">
                {c.name ?? t('privacy.customer.unnamed')}
              </Button>
              <Typography.Text type="secondary">{[c.phone, c.externalId].filter(Boolean).join(' · ')}</Typography.Text>
            </List.Item>
          )}
        />
      )}
      {chosen && (
        <CustomerData
          key={chosen}
          customerId={chosen}
          onErased={() => {
            setChosen(null);
            setSearched('');
            setQuery('');
            onChanged();
          }}
          onExported={onChanged}
        />
      )}
    </Card>
  );
}

function CustomerData({ customerId, onErased, onExported }: { customerId: string; onErased: () => void; onExported: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = usePrivacyErrorMessage();
  const preview = useApiQuery((signal) => getPreview(customerId, signal), [customerId]);
  const [isExporting, setIsExporting] = useState(false);
  const [isErasing, setIsErasing] = useState(false);
  if (preview.error && !preview.data) return <LoadError error={preview.error} onRetry={preview.reload} />;
  if (!preview.data) return null;
  const { customer, counts } = preview.data;
  const name = customer.name ?? t('privacy.customer.unnamed');

  const download = async () => {
    setIsExporting(true);
    try {
      downloadJson(await getExport(customerId), `customer-${customerId}.json`);
      message.success(t('privacy.customer.exported'));
      onExported();
    } catch (caught) {
      message.error(errorText(caught));
    } finally {
      setIsExporting(false);
    }
  };

  return (
    <div className="privacy-held" data-testid="privacy-held">
      <Typography.Title level={5}>{t('privacy.customer.held', { name })}</Typography.Title>
      <Typography.Paragraph type="secondary" className="privacy-contact">
        {[customer.phone, customer.email, customer.externalId].filter(Boolean).join(' · ')}
      </Typography.Paragraph>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} className="privacy-counts">
        {KINDS.map((kind) => (
          <Descriptions.Item key={kind} label={t(`privacy.customer.kinds.${kind}`)}>
            <span data-testid={`held-${kind}`}>{counts[kind]}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Alert type="warning" showIcon className="privacy-keeps" title={t('privacy.customer.eraseKeeps')} />
      <Flex gap={8} wrap className="privacy-actions">
        <Button icon={<DownloadOutlined />} onClick={() => void download()} loading={isExporting} data-testid="privacy-export">
          {t('privacy.customer.export')}
        </Button>
        <Button danger icon={<DeleteOutlined />} onClick={() => setIsErasing(true)} data-testid="privacy-erase">
          {t('privacy.customer.erase')}
        </Button>
      </Flex>
      {isErasing && <EraseModal customerId={customerId} name={name} onClose={() => setIsErasing(false)} onErased={onErased} />}
    </div>
  );
}
