/** The UI languages Lodestar ships, and how the user's choice is remembered. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'lodestar.language';

/** The saved choice, else zh-CN for a browser set to Chinese, else English. */
export function detectLanguage(): Language {
  const saved = readSaved();
  if (saved) return saved;
  const browser = typeof navigator === 'undefined' ? '' : navigator.language;
  return browser.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Remembers the user's choice across visits. */
export function saveLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be disabled (private mode); the choice then lasts for this page only.
  }
}

function readSaved(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.find((l) => l === value) ?? null;
  } catch {
    return null;
  }
}

/** Narrows i18next's current language to one of ours. */
export function asLanguage(value: string | undefined): Language {
  return value?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
