/**
 * 资格自查: every rule of the program against the applicant's profile (and, on an application, its
 * draft): passed, not met, to be judged once the form says, or a priority. A blocking rule that is
 * not met shows in red with its citation and, when the profile decides it, a link to fix the profile.
 */
import { Alert, Button, List, Skeleton, Space, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PrecheckResult } from '../../../contracts/applicants.ts';
import { errorText } from '../api/client.ts';
import { useLanguage } from '../i18n.ts';
import { outcomeStatus, profileFieldOf, type OutcomeStatus } from '../lib/precheck.ts';
import { Citation } from './Citation.tsx';

const COLORS: Record<OutcomeStatus, string> = {
  pass: 'success',
  fail: 'error',
  warn: 'warning',
  pending: 'processing',
  priority: 'gold',
  no_priority: 'default',
  error: 'default',
};

export function PrecheckPanel({ query, profileLinks }: { query: UseQueryResult<PrecheckResult>; profileLinks: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (query.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (query.isError && !query.data) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('precheck.failed')}
        description={errorText(query.error)}
        action={
          <Button size="small" icon={<ReloadOutlined />} onClick={() => void query.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  const result = query.data;
  if (!result) return null;
  const pending = new Set(result.pending);
  const failing = result.outcomes.filter((o) => o.blocking);
  const waiting = result.outcomes.filter((o) => pending.has(o.ruleId)).length;

  return (
    <div data-testid="precheck" data-eligible={String(result.eligible)}>
      {!result.profileComplete ? (
        <Alert
          type="warning"
          showIcon
          className="precheck-verdict"
          title={t('precheck.profileIncomplete')}
          action={profileLinks ? <Link to="/profile">{t('precheck.toProfile')}</Link> : undefined}
        />
      ) : result.eligible ? (
        <Alert
          type="success"
          showIcon
          className="precheck-verdict"
          title={waiting > 0 ? t('precheck.eligiblePending', { count: waiting }) : t('precheck.eligible')}
        />
      ) : (
        <Alert type="error" showIcon className="precheck-verdict" title={t('precheck.notEligible', { count: failing.length })} />
      )}
      <List
        size="small"
        dataSource={result.outcomes}
        rowKey={(o) => o.ruleId}
        renderItem={(o) => {
          const status = outcomeStatus(o, pending);
          const field = status === 'fail' ? profileFieldOf(o.inputs) : null;
          return (
            <List.Item className={`precheck-item precheck-${status}`} data-rule-id={o.ruleId} data-status={status}>
              <div className="precheck-row">
                <Tag color={COLORS[status]} className="precheck-tag">
                  {t(`precheck.status.${status}`)}
                </Tag>
                <div className="precheck-text">
                  <Typography.Text type={status === 'fail' ? 'danger' : undefined}>{o.message[language]}</Typography.Text>
                  <Space size={8} wrap className="precheck-meta">
                    <Citation value={o.citation} hideEmpty />
                    {field !== null && profileLinks ? (
                      <Link to={`/profile?focus=${encodeURIComponent(field)}`} className="precheck-fix">
                        {t('precheck.fixProfile')}
                      </Link>
                    ) : null}
                  </Space>
                </div>
              </div>
            </List.Item>
          );
        }}
      />
      <Typography.Text type="secondary" className="precheck-today">
        {t('precheck.asOf', { date: result.today })}
      </Typography.Text>
    </div>
  );
}
