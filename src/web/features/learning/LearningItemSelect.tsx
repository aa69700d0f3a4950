import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { listItems } from './learning.api.ts';
import { useBilingual } from './learning-format.ts';

/** Picks a learning item of the catalogue (or none): for forms of other features, such as a reward that is a training place. */
export function LearningItemSelect({ value, onChange, id }: { value?: string | null; onChange?: (value: string | null) => void; id?: string }) {
  const { t } = useTranslation();
  const bilingual = useBilingual();
  const items = useApiQuery((signal) => listItems({}, signal), []);
  return (
    <Select<string>
      id={id}
      allowClear
      showSearch
      optionFilterProp="label"
      loading={items.isLoading}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={(items.data ?? []).map((i) => ({ value: i.id, label: `${t(`learning.layers.${i.layer}`)} · ${bilingual(i.name)}` }))}
    />
  );
}
