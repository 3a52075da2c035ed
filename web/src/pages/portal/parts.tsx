/**
 * Pieces every portal page shares: the theme with text dark enough for WCAG AA contrast, the page
 * frame and its one h1, status badges with their own (contrasting) colours, dates as notices word
 * them, and labelled filter controls.
 */
import type { ReactNode } from 'react';
import { ConfigProvider, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n.ts';
import { isoDateText } from '../public-notice/period.ts';
import type { PublicCallStatus, PublicCallSummary } from './data.ts';

/**
 * antd's secondary and tertiary text (45% black) and its light tag colours fall short of 4.5:1 on
 * white; the portal is read by the public, so its text tokens are darkened to pass AA.
 */
export const PORTAL_THEME = {
  token: {
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.58)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.55)',
  },
} as const;

export function PortalTheme({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={PORTAL_THEME}>{children}</ConfigProvider>;
}

/** A portal page: the theme, a readable width, and the page's h1 with its subtitle. */
export function PortalPage({ title, subtitle, children, testId, breadcrumb }: { title: ReactNode; subtitle?: ReactNode; children: ReactNode; testId?: string; breadcrumb?: ReactNode }) {
  return (
    <PortalTheme>
      <div className="portal-page" data-testid={testId}>
        {breadcrumb ? <div className="portal-breadcrumb">{breadcrumb}</div> : null}
        <header className="portal-page-header">
          <Typography.Title level={1} className="portal-h1">
            {title}
          </Typography.Title>
          {subtitle ? <Typography.Paragraph className="portal-subtitle">{subtitle}</Typography.Paragraph> : null}
        </header>
        {children}
      </div>
    </PortalTheme>
  );
}

/** The call's status with the days left, in colours that keep 4.5:1 contrast. */
export function CallStatusBadge({ call }: { call: Pick<PublicCallSummary, 'status' | 'remainingDays'> }) {
  const { t } = useTranslation();
  return (
    <span className="portal-badges">
      <span className={`portal-badge portal-badge-${call.status}`} data-testid="call-status">
        {t(`portal.status.${call.status}`)}
      </span>
      {call.status === 'open' && call.remainingDays !== null ? (
        <span className={`portal-badge ${call.remainingDays <= 3 ? 'portal-badge-urgent' : 'portal-badge-plain'}`} data-testid="call-remaining">
          {call.remainingDays === 0 ? t('portal.remaining.lastDay') : t('portal.remaining.days', { count: call.remainingDays })}
        </span>
      ) : null}
    </span>
  );
}

export const STATUS_ORDER: readonly PublicCallStatus[] = ['open', 'upcoming', 'closed'];

/** The deadline as notices word it: 2026年4月30日 17:00 (English: 30 Apr 2026, 17:00 Beijing time). */
export function deadlineText(call: Pick<PublicCallSummary, 'deadlineDate' | 'deadlineTime'>, language: Language, t: (key: 'portal.deadlineAt', o: { date: string; time: string }) => string): string {
  return t('portal.deadlineAt', { date: isoDateText(call.deadlineDate, language), time: call.deadlineTime });
}

/** A labelled control of a filter bar: the label is a real <label> for the control's input. */
export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="portal-filter">
      <label htmlFor={id} className="portal-filter-label">
        {label}
      </label>
      {children}
    </div>
  );
}

export function FilterSelect({ id, label, value, onChange, options, allLabel }: { id: string; label: string; value: string | undefined; onChange: (v: string | undefined) => void; options: { value: string; label: string }[]; allLabel?: string }) {
  const all = allLabel ? [{ value: '', label: allLabel }] : [];
  return (
    <FilterField id={id} label={label}>
      <Select id={id} data-testid={id} value={value ?? (allLabel ? '' : undefined)} onChange={(v: string) => onChange(v || undefined)} options={[...all, ...options]} className="portal-filter-control" popupMatchSelectWidth={false} />
    </FilterField>
  );
}

export function FilterSearch({ id, label, placeholder, value, onSearch }: { id: string; label: string; placeholder: string; value: string | undefined; onSearch: (q: string | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <FilterField id={id} label={label}>
      <Input.Search
        id={id}
        data-testid={id}
        allowClear
        defaultValue={value}
        placeholder={placeholder}
        enterButton={t('portal.filters.search')}
        onSearch={(q) => onSearch(q.trim() || undefined)}
        className="portal-filter-control portal-filter-search"
      />
    </FilterField>
  );
}
