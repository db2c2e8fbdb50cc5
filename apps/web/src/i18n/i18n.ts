import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { pl } from './pl';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'pl', name: 'Polski' },
] as const;

const KEY = 'commons.language';

function initialLanguage(): string {
  try {
    const chosen = localStorage.getItem(KEY);
    if (chosen && LANGUAGES.some((language) => language.code === chosen)) return chosen;
  } catch {
    // Storage may be off; the browser's language decides.
  }
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('pl') ? 'pl' : 'en';
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, pl: { translation: pl } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});
document.documentElement.lang = i18next.language;
i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

export function setLanguage(language: string): void {
  try {
    localStorage.setItem(KEY, language);
  } catch {
    // Not remembered, still applied.
  }
  void i18next.changeLanguage(language);
}

/** The member's locale for dates and amounts. */
export function locale(): string {
  const browser = typeof navigator !== 'undefined' ? navigator.language : '';
  if (browser && browser.toLowerCase().startsWith(i18next.language)) return browser;
  return i18next.language === 'pl' ? 'pl-PL' : 'en-GB';
}
