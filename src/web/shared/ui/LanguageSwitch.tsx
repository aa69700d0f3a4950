import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/language.ts';
import { useLanguage } from '../i18n/use-language.ts';

/** Each language's own name, so a reader who cannot read the current language still finds theirs. */
const OPTIONS: { label: string; value: Language }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'EN', value: 'en' },
];

/** Switches the UI between zh-CN and English and remembers the choice. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const [language, setLanguage] = useLanguage();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('header.language')}
      options={OPTIONS}
      value={language}
      onChange={setLanguage}
      data-testid="language-switch"
    />
  );
}
