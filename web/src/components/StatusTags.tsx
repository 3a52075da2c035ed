/** Tags for an application's state, a call's status and the time left before a deadline; a call list's first columns. */
import { useEffect, useState } from 'react';
import { Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationState, CallSummary } from '../../../contracts/applicants.ts';
import { STATE_LABELS } from '../../../src/core/applications/lifecycle.ts';
import { useLanguage } from '../i18n.ts';
import { deadlineState } from '../lib/deadline.ts';

/** Colors by how things stand: in progress blue/gold, needing the applicant orange, good green, ended grey/red. */
const STATE_COLORS: Partial<Record<ApplicationState, string>> & Record<string, string | undefined> = {
  draft: 'blue',
  submitted: 'processing',
  city_review: 'gold',
  returned: 'orange',
  withdrawn: 'default',
  rejected: 'error',
  city_passed: 'success',
  recommended: 'cyan',
  policy_passed: 'cyan',
  policy_rejected: 'error',
  expert_review: 'gold',
  shortlisted: 'purple',
  not_shortlisted: 'default',
  selected: 'success',
  not_selected: 'default',
};

/** The application's state in the domain's own words (src/core/applications/lifecycle.ts). */
export function ApplicationStateTag({ state }: { state: ApplicationState }) {
  const language = useLanguage();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-testid="application-state" data-state={state}>
      {STATE_LABELS[state]?.[language] ?? state}
    </Tag>
  );
}

export function stateLabel(state: ApplicationState, language: 'zh-CN' | 'en'): string {
  return STATE_LABELS[state]?.[language] ?? state;
}

const CALL_COLORS: Record<CallSummary['status'], string> = { draft: 'default', scheduled: 'purple', open: 'success', closed: 'default' };

export function CallStatusTag({ status }: { status: CallSummary['status'] }) {
  const { t } = useTranslation();
  return <Tag color={CALL_COLORS[status]}>{t(`calls.status.${status}`)}</Tag>;
}

/** The current time, ticking every `ms` (for countdowns). */
export function useNow(ms = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

/** 剩余 5 天 / 剩余 3 小时 20 分 / 已截止 / 3 天后开始. */
export function DeadlineTag({ opensAt, deadlineAt }: { opensAt: string | null; deadlineAt: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const state = deadlineState(opensAt, deadlineAt, now);
  switch (state.kind) {
    case 'notOpen':
      return <Tag color="purple">{t('calls.countdown.notOpen', { count: state.days })}</Tag>;
    case 'open':
      return (
        <Tag color={state.days <= 3 ? 'orange' : 'green'} icon={<ClockCircleOutlined />}>
          {t('calls.countdown.days', { count: state.days })}
        </Tag>
      );
    case 'closing':
      return (
        <Tag color="red" icon={<ClockCircleOutlined />}>
          {t('calls.countdown.hours', { hours: state.hours, minutes: state.minutes })}
        </Tag>
      );
    case 'closed':
      return <Tag>{t('calls.countdown.closed')}</Tag>;
  }
}

/**
 * The first columns of a list of calls (title with its program, status, deadline), shared by the
 * city's recommendation list and the province's selection list; the title links to `linkTo(id)`.
 */
export function callColumns<T extends { id: string; title: string; programName: { 'zh-CN': string; en: string }; status: CallSummary['status']; deadlineAt: string }>(opts: {
  linkTo: (id: string) => string;
  testId: string;
  labels: { title: string; status: string; deadline: string };
  language: 'zh-CN' | 'en';
  dateTime: (iso: string) => string;
  sortOrderOf: (key: string) => 'ascend' | 'descend' | null;
}): TableColumnsType<T> {
  return [
    {
      key: 'title',
      title: opts.labels.title,
      sorter: true,
      sortOrder: opts.sortOrderOf('title'),
      render: (_, c) => (
        <div className="cell-stack">
          <Link to={opts.linkTo(c.id)} onClick={(e) => e.stopPropagation()} data-testid={opts.testId}>
            <Typography.Text strong>{c.title}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" className="cell-sub">
            {c.programName[opts.language]}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'status', title: opts.labels.status, width: 100, render: (_, c) => <CallStatusTag status={c.status} /> },
    { key: 'deadlineAt', title: opts.labels.deadline, sorter: true, sortOrder: opts.sortOrderOf('deadlineAt'), width: 150, render: (_, c) => opts.dateTime(c.deadlineAt) },
  ];
}
