/**
 * The portal's list items as cards — how every list reads on a phone, and the home page's lists at
 * any width: a heading that is the link, then the facts as a description list.
 */
import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';
import { isoDateText } from '../public-notice/period.ts';
import type { PublicCallSummary, PublicFinalListSummary, PublicNoticeSummary } from './data.ts';
import { CallStatusBadge, deadlineText } from './parts.tsx';

/** Facts of an item, as <dl>: each label with its value. */
export function MetaList({ items }: { items: { key: string; label: string; value: ReactNode }[] }) {
  return (
    <dl className="portal-meta-list">
      {items.map((i) => (
        <div key={i.key}>
          <dt>{i.label}</dt>
          <dd>{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function CardHeading({ level, to, children, testId }: { level: 2 | 3; to: string; children: ReactNode; testId?: string }) {
  return (
    <Typography.Title level={level} className="portal-h3">
      <Link to={to} data-testid={testId}>
        {children}
      </Link>
    </Typography.Title>
  );
}

export function CallCard({ call, level }: { call: PublicCallSummary; level: 2 | 3 }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="portal-card" data-testid={`portal-call-${call.id}`} data-status={call.status}>
      <CardHeading level={level} to={`/portal/calls/${call.id}`} testId="portal-call-link">
        {call.title}
      </CardHeading>
      <CallStatusBadge call={call} />
      <MetaList
        items={[
          { key: 'program', label: t('portal.program'), value: call.programName[format.language] },
          ...(call.documentNumber ? [{ key: 'doc', label: t('portal.documentNumber'), value: call.documentNumber }] : []),
          { key: 'opens', label: t('portal.opensOn'), value: isoDateText(call.opensOn, format.language) },
          { key: 'deadline', label: t('portal.deadline'), value: <span data-testid="call-deadline">{deadlineText(call, format.language, t)}</span> },
        ]}
      />
    </li>
  );
}

export function FinalListCard({ list, level }: { list: PublicFinalListSummary; level: 2 | 3 }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="portal-card" data-testid={`portal-final-list-${list.id}`}>
      <CardHeading level={level} to={`/portal/final-lists/${list.id}`} testId="portal-final-list-link">
        {list.title}
      </CardHeading>
      <MetaList
        items={[
          { key: 'doc', label: t('portal.documentNumber'), value: <span data-testid="final-list-number">{list.documentNumber}</span> },
          { key: 'date', label: t('portal.publishedAt'), value: format.date(list.publishedAt) },
          { key: 'program', label: t('portal.program'), value: list.programName[format.language] },
          { key: 'count', label: t('portal.list.items'), value: t('portal.itemCount', { count: list.itemCount }) },
        ]}
      />
    </li>
  );
}

export function NoticeCard({ notice, level }: { notice: PublicNoticeSummary; level: 2 | 3 }) {
  const { t } = useTranslation();
  const format = useFormat();
  const state = notice.status === 'final' ? 'final' : notice.status === 'ended' ? 'ended' : 'notice';
  return (
    <li className="portal-card" data-testid={`portal-notice-${notice.id}`}>
      <CardHeading level={level} to={`/public/notices/${notice.id}`}>
        {notice.title}
      </CardHeading>
      <span className={`portal-badge portal-badge-${state}`}>{t(`publicNotice.status.${notice.status}`)}</span>
      <MetaList
        items={[
          { key: 'date', label: t('portal.publishedAt'), value: format.date(notice.publishedAt) },
          ...(notice.startDate && notice.endDate
            ? [{ key: 'period', label: t('publicNotice.period'), value: t('publicNotice.periodRange', { start: isoDateText(notice.startDate, format.language), end: isoDateText(notice.endDate, format.language) }) }]
            : []),
        ]}
      />
    </li>
  );
}
