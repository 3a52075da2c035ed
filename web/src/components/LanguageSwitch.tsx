/** 中文 / English, remembered in localStorage (i18n.ts). */
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage, useLanguage, type Language } from '../i18n.ts';

export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const language = useLanguage();
  const { t } = useTranslation();
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={language}
      onChange={setLanguage}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
