/** The platform's mark and name. */
import { useTranslation } from 'react-i18next';

export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="brand-mark">
      <rect width="32" height="32" rx="7" fill="#1656c9" />
      <path d="M8 22V10h3v12zm6 0V14h3v8zm6 0V8h3v14z" fill="#fff" />
      <circle cx="24.5" cy="24.5" r="2.5" fill="#5fd3ff" />
    </svg>
  );
}

export function Brand({ collapsed = false, dark = false }: { collapsed?: boolean; dark?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`brand${dark ? ' brand-dark' : ''}`}>
      <BrandMark />
      {collapsed ? null : <span className="brand-name">{t('app.name')}</span>}
    </span>
  );
}
