import { useState } from 'react';
import { Drawer, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { FitSummary } from './FitSummary.tsx';
import { KIND_COLOR } from './partner-colors.ts';
import { PartnerFitTab } from './PartnerFitTab.tsx';
import { PartnerReplies } from './PartnerReplies.tsx';
import { PartnerRules } from './PartnerRules.tsx';
import { listPartnerFit, type Partner } from './partners.api.ts';
import { ReportPreview } from './ReportPreview.tsx';
import { ShareLinks } from './ShareLinks.tsx';

/**
 * One partner in a drawer: its report as it sees it (with our CX-fit summary above), the CX-fit reviews beside it,
 * the partner's replies, the attribution rules and the share links. `onChanged` reloads the list's figures.
 */
export function PartnerDrawer({ partner, isAdmin, onClose, onChanged }: { partner: Partner | null; isAdmin: boolean; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={partner !== null}
      onClose={onClose}
      size="large"
      title={
        partner && (
          <>
            {partner.name} <Tag color={KIND_COLOR[partner.kind]}>{t(`partners.kinds.${partner.kind}`)}</Tag>
          </>
        )
      }
    >
      {partner && <PartnerTabs key={partner.id} partnerId={partner.id} isAdmin={isAdmin} onChanged={onChanged} />}
    </Drawer>
  );
}

function PartnerTabs({ partnerId, isAdmin, onChanged }: { partnerId: string; isAdmin: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState('report');
  // Read once for the summary above the report and the CX-fit tab.
  const fit = useApiQuery((signal) => listPartnerFit(partnerId, signal), [partnerId]);
  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      items={[
        {
          key: 'report',
          label: t('partners.report'),
          children: (
            <>
              <FitSummary fit={fit} onDetails={() => setTab('fit')} />
              <ReportPreview partnerId={partnerId} />
            </>
          ),
        },
        { key: 'fit', label: t('partners.fit.tab'), children: <PartnerFitTab partnerId={partnerId} fit={fit} canReview={isAdmin} onReviewed={onChanged} /> },
        { key: 'replies', label: t('partners.replies.tab'), children: <PartnerReplies partnerId={partnerId} /> },
        { key: 'rules', label: t('partners.rules.tab'), children: <PartnerRules partnerId={partnerId} canManage={isAdmin} onChanged={onChanged} /> },
        { key: 'links', label: t('partners.links'), children: <ShareLinks partnerId={partnerId} canManage={isAdmin} onChanged={onChanged} /> },
      ]}
    />
  );
}
