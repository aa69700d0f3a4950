import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnitKind } from './org.api.ts';

const KIND_COLORS: Record<UnitKind, string> = {
  company: 'gold',
  region: 'geekblue',
  department: 'purple',
  store: 'green',
  team: 'cyan',
};

/** A unit's kind as a small coloured tag. */
export function UnitKindTag({ kind }: { kind: UnitKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLORS[kind]} variant="filled" className="unit-kind-tag">
      {t(`units.kinds.${kind}`)}
    </Tag>
  );
}
