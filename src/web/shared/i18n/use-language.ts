import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { asLanguage, saveLanguage, type Language } from './language.ts';

/** The current UI language and a setter that also remembers the choice. */
export function useLanguage(): [Language, (language: Language) => void] {
  const { i18n } = useTranslation();
  const language = asLanguage(i18n.resolvedLanguage ?? i18n.language);
  const setLanguage = useCallback(
    (next: Language) => {
      saveLanguage(next);
      void i18n.changeLanguage(next);
    },
    [i18n],
  );
  return [language, setLanguage];
}

/** Picks the English name when the UI is in English and one exists, else the (Chinese) name. */
export function useLocalizedName(): (named: { name: string; nameEn?: string | null } | undefined | null) => string {
  const [language] = useLanguage();
  return useCallback(
    (named) => {
      if (!named) return '';
      return language === 'en' && named.nameEn ? named.nameEn : named.name;
    },
    [language],
  );
}
