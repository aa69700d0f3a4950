import { EditOutlined, GiftOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { listRewards, updateReward, type Reward } from './recognition.api.ts';
import { RewardFormModal } from './RewardFormModal.tsx';

const KIND_COLORS: Record<Reward['kind'], string> = { leave: 'green', training: 'blue', innovation_fund: 'purple', gift: 'magenta', other: 'default' };

/** The reward catalogue as admins see it (disabled rewards included): add, edit, disable and enable again. */
export function RewardCatalogueCard() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const rewards = useApiQuery((signal) => listRewards(signal), []);
  const [editing, setEditing] = useState<Reward | 'new' | null>(null);
  const [toggling, setToggling] = useState<string | null>(null);

  const setActive = async (reward: Reward, active: boolean) => {
    setToggling(reward.id);
    try {
      await updateReward(reward.id, { active });
      message.success(t(active ? 'recognition.settings.rewards.enabled' : 'recognition.settings.rewards.disabled'));
      rewards.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setToggling(null);
    }
  };

  const columns: TableColumnsType<Reward> = [
    {
      title: t('recognition.settings.rewards.reward'),
      key: 'name',
      render: (_, r) => {
        const [main, other] = language === 'en' ? [r.nameEn, r.name] : [r.name, r.nameEn];
        const description = language === 'en' ? r.descriptionEn || r.description : r.description || r.descriptionEn;
        return (
          <div className={r.active ? undefined : 'reward-row--inactive'}>
            <Typography.Text strong>
              <GiftOutlined /> {main}
            </Typography.Text>
            <Typography.Text type="secondary"> · {other}</Typography.Text>
            {description && <div className="reward-row__description">{description}</div>}
          </div>
        );
      },
    },
    {
      title: t('recognition.settings.rewards.kind'),
      dataIndex: 'kind',
      width: 130,
      render: (kind: Reward['kind']) => <Tag color={KIND_COLORS[kind]}>{t(`recognition.settings.rewards.kinds.${kind}`)}</Tag>,
    },
    {
      title: t('recognition.settings.rewards.cost'),
      dataIndex: 'cost',
      width: 110,
      align: 'right',
      render: (cost: number) => <Tag color="gold">{t('recognition.points.value', { count: cost })}</Tag>,
    },
    {
      title: t('recognition.settings.rewards.status'),
      dataIndex: 'active',
      width: 100,
      render: (active: boolean) =>
        active ? <Tag color="success">{t('recognition.settings.rewards.active')}</Tag> : <Tag>{t('recognition.settings.rewards.inactive')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, r) => (
        <Space size={4}>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(r)}>
            {t('common.edit')}
          </Button>
          {r.active ? (
            <Popconfirm
              title={t('recognition.settings.rewards.disableConfirm')}
              okText={t('recognition.settings.rewards.disable')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => void setActive(r, false)}
              styles={{ root: { maxWidth: 320 } }}
            >
              <Button size="small" type="link" danger loading={toggling === r.id}>
                {t('recognition.settings.rewards.disable')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" type="link" loading={toggling === r.id} onClick={() => void setActive(r, true)}>
              {t('recognition.settings.rewards.enable')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('recognition.settings.rewards.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('recognition.settings.rewards.add')}
        </Button>
      }
      data-testid="reward-catalogue"
    >
      <Typography.Paragraph type="secondary">{t('recognition.settings.rewards.help')}</Typography.Paragraph>
      {rewards.error && <LoadError error={rewards.error} onRetry={rewards.reload} />}
      <Table<Reward>
        size="middle"
        rowKey="id"
        loading={rewards.isLoading}
        dataSource={rewards.data}
        columns={columns}
        pagination={false}
        locale={{ emptyText: t('recognition.settings.rewards.empty') }}
        scroll={{ x: 720 }}
      />
      <RewardFormModal
        reward={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          message.success(t(editing === 'new' ? 'recognition.settings.rewards.created' : 'recognition.settings.rewards.saved'));
          setEditing(null);
          rewards.reload();
        }}
      />
    </Card>
  );
}
