import { StarFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import './brand-mark.css';

/** The Lodestar logo: a gold north star on night blue, with the name beside it unless compact. */
export function BrandMark({ compact = false, size = 'default' }: { compact?: boolean; size?: 'default' | 'large' }) {
  const { t } = useTranslation();
  return (
    <span className={`brand-mark brand-mark--${size}`}>
      <span className="brand-mark__icon" aria-hidden>
        <StarFilled />
      </span>
      {!compact && <span className="brand-mark__name">{t('brand.name')}</span>}
    </span>
  );
}
