import { Flex, Progress, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PARTNER_FIT_ITEMS } from '../../../contracts/partners.ts';
import type { PartnerFit } from './partners.api.ts';

/** A review's five answers: the item's short name (its statement on hover), five steps filled to the answer, the answer in words. */
export function FitItems({ answers }: { answers: PartnerFit['answers'] }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={6} data-testid="fit-items">
      {PARTNER_FIT_ITEMS.map((item) => {
        const answer = answers[item];
        return (
          <Flex key={item} align="center" gap={12}>
            <Tooltip title={t(`partners.fit.statements.${item}`)}>
              <Typography.Text className="partner-fit-item">{t(`partners.fit.items.${item}`)}</Typography.Text>
            </Tooltip>
            <Progress steps={5} percent={answer === undefined ? 0 : answer * 20} showInfo={false} size={[22, 8]} strokeColor="#1d39c4" />
            <Typography.Text type="secondary">{answer === undefined ? t('common.none') : `${answer} · ${t(`partners.fit.scale.s${answer as 1 | 2 | 3 | 4 | 5}`)}`}</Typography.Text>
          </Flex>
        );
      })}
    </Flex>
  );
}
