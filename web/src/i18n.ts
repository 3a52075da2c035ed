/**
 * Languages: zh-CN is the default, English the second. The choice is remembered in localStorage and
 * drives i18next, the antd locale (see components/Providers.tsx) and the API's bilingual messages.
 */
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import zhCNBase from './locales/zh-CN.json';
import enBase from './locales/en.json';
// One pair of files per area, so that areas built side by side never edit the same file.
import selectionZh from './locales/selection.zh-CN.json';
import selectionEn from './locales/selection.en.json';
import reviewZh from './locales/review.zh-CN.json';
import reviewEn from './locales/review.en.json';
import noticeZh from './locales/notice.zh-CN.json';
import noticeEn from './locales/notice.en.json';
import implementationZh from './locales/implementation.zh-CN.json';
import implementationEn from './locales/implementation.en.json';
import fundingZh from './locales/funding.zh-CN.json';
import fundingEn from './locales/funding.en.json';
import oversightZh from './locales/oversight.zh-CN.json';
import oversightEn from './locales/oversight.en.json';
import operationsZh from './locales/operations.zh-CN.json';
import operationsEn from './locales/operations.en.json';
import portalZh from './locales/portal.zh-CN.json';
import portalEn from './locales/portal.en.json';
import targetsZh from './locales/targets.zh-CN.json';
import targetsEn from './locales/targets.en.json';
import statisticsZh from './locales/statistics.zh-CN.json';
import statisticsEn from './locales/statistics.en.json';

const zhCN = { ...zhCNBase, ...selectionZh, ...reviewZh, ...noticeZh, ...implementationZh, ...fundingZh, ...oversightZh, ...operationsZh, ...portalZh, ...targetsZh, ...statisticsZh };
const en = { ...enBase, ...selectionEn, ...reviewEn, ...noticeEn, ...implementationEn, ...fundingEn, ...oversightEn, ...operationsEn, ...portalEn, ...targetsEn, ...statisticsEn };

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'ii.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // zh-CN is the reference: every key used in code must exist there (and en.json has the same keys).
    resources: { translation: typeof zhCN };
  }
}

function storedLanguage(): Language {
  if (typeof localStorage === 'undefined') return 'zh-CN'; // unit tests run outside a browser
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN'; // storage may be unavailable (private mode); fall back to the default
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes already
  initAsync: false, // resources are bundled: be ready before the first render
});
if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

/** The language in effect now (for code outside React, such as the API client). */
export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered, still switched
  }
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

/** The current language, re-rendering when it changes. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'zh-CN';
}

export { i18n };
