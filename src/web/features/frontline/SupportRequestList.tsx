import type { ReactNode } from 'react';
import { App, Button, Empty, Flex, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { setSupportStatus, withdrawSupportRequest, type SupportRequest } from './frontline.api.ts';

const STATUS_COLOURS: Record<SupportRequest['status'], string> = { open: 'orange', accepted: 'blue', completed: 'green' };

/**
 * Support requests of one side (mine, or asked of me) with what each person may do next. `more` (a "load more"
 * button) follows the list, or the empty note: further pages may hold this side's requests.
 */
export function SupportRequestList({ items, side, onChanged, more }: { items: SupportRequest[]; side: 'requester' | 'supporter'; onChanged: () => void; more?: ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [language] = useLanguage();
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      onChanged();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };
  if (items.length === 0) {
    return (
      <>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(side === 'requester' ? 'frontline.support.emptyMine' : 'frontline.support.emptyToMe')} />
        {more}
      </>
    );
  }
  return (
    <div data-testid={`support-${side}`}>
      {items.map((r) => (
        <div key={r.id} className="frontline-request">
          <Flex justify="space-between" align="start" gap={8} wrap>
            <div>
              <Space size={4} wrap>
                <Tag>{t(`frontline.support.kinds.${r.kind}`)}</Tag>
                <Tag color={STATUS_COLOURS[r.status]}>{t(`frontline.support.statuses.${r.status}`)}</Tag>
                <Typography.Text strong>
                  {side === 'supporter'
                    ? t('frontline.support.from', { name: r.requester.name })
                    : r.supporter
                      ? t('frontline.support.to', { name: r.supporter.name })
                      : t('frontline.support.privateNote')}
                </Typography.Text>
              </Space>
              {r.caseTitle && <div className="frontline-muted">{r.caseTitle}</div>}
              {r.note && <Typography.Paragraph className="frontline-note">{r.note}</Typography.Paragraph>}
              <div className="frontline-muted">{date.format(new Date(r.createdAt))}</div>
            </div>
            <Space wrap>
              {side === 'supporter' && r.status === 'open' && (
                <Button size="small" type="primary" onClick={() => void act(() => setSupportStatus(r.id, 'accepted'), t('frontline.support.accepted'))}>
                  {t('frontline.support.accept')}
                </Button>
              )}
              {r.status !== 'completed' && (side === 'supporter' || r.supporter) && (
                <Button size="small" onClick={() => void act(() => setSupportStatus(r.id, 'completed'), t('frontline.support.completed'))}>
                  {t('frontline.support.complete')}
                </Button>
              )}
              {side === 'requester' && (
                <Popconfirm title={t('frontline.support.withdrawConfirm')} onConfirm={() => act(() => withdrawSupportRequest(r.id), t('frontline.support.withdrawn'))}>
                  <Button size="small" danger>
                    {t('frontline.support.withdraw')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          </Flex>
        </div>
      ))}
      {more}
    </div>
  );
}
