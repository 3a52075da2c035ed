/**
 * 我的申报 (applicant) / 申报项目 (officers, auditors): applications in the user's reach, filtered by
 * state, program and text, sorted and paged on the server (state in the URL). Officers also see the
 * organization and its city.
 */
import { Button, Card, Typography, type TableColumnsType } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { APPLICATION_STATES, type ApplicationSummary } from '../../../../contracts/applicants.ts';
import { useUser } from '../../api/session.ts';
import { ListToolbar, SearchFilter, SelectFilter } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/QueryState.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { ApplicationStateTag, stateLabel } from '../../components/StatusTags.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { ROUTES, titleOf, userMay } from '../../routes.ts';
import { usePrograms } from '../programs/data.ts';
import { useApplications } from './data.ts';

// cityId: the statistics map links a city's applications here (shown as a filter to clear).
const FILTERS = ['state', 'programCode', 'q', 'cityId'] as const;
const SORTS = ['updatedAt', 'submittedAt', 'projectName', 'organizationName', 'state'] as const;
const ROUTE = ROUTES.find((r) => r.path === '/applications')!;

export default function ApplicationsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const navigate = useNavigate();
  const { user } = useUser();
  const own = titleOf(ROUTE, user) === 'myApplications';
  const { params, onTableChange, sortOrderOf, sortIn, filtered, clearFilters, filterProps } = useListParams(FILTERS);
  const list = useApplications({ page: params.page, pageSize: params.pageSize, sort: sortIn(SORTS), order: params.order, ...params.filters });
  const programs = usePrograms({ secondary: true });
  const programOptions = (programs.data?.items ?? []).filter((p) => p.kind !== 'target_plan').map((p) => ({ value: p.code, label: p.name?.[language] ?? p.code }));

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      key: 'projectName',
      title: t('applications.project'),
      sorter: true,
      sortOrder: sortOrderOf('projectName'),
      render: (_, a) => (
        <div className="cell-stack">
          <Link to={`/applications/${a.id}`} onClick={(event) => event.stopPropagation()}>
            <Typography.Text strong>{a.projectName || t('applications.untitled')}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" className="cell-sub">
            {a.callTitle}
          </Typography.Text>
        </div>
      ),
    },
    ...(own
      ? []
      : ([
          {
            key: 'organizationName',
            title: t('applications.organization'),
            sorter: true,
            sortOrder: sortOrderOf('organizationName'),
            width: 210,
            render: (_, a) => (
              <div className="cell-stack">
                <span>{a.organizationName}</span>
                {a.creditCode ? (
                  <Typography.Text type="secondary" className="cell-sub mono">
                    {a.creditCode}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          },
          { key: 'city', title: t('applications.city'), width: 90, render: (_, a) => a.cityName ?? '—' },
        ] satisfies TableColumnsType<ApplicationSummary>)),
    { key: 'state', title: t('applications.state'), sorter: true, sortOrder: sortOrderOf('state'), width: 120, render: (_, a) => <ApplicationStateTag state={a.state} /> },
    // The applicant needs its deadline; officers see the call's title under each project.
    ...(own ? ([{ key: 'deadlineAt', title: t('calls.deadline'), width: 160, render: (_, a) => format.dateTime(a.deadlineAt) }] satisfies TableColumnsType<ApplicationSummary>) : []),
    { key: 'submittedAt', title: t('applications.submittedAt'), sorter: true, sortOrder: sortOrderOf('submittedAt'), width: 150, render: (_, a) => format.dateTime(a.submittedAt) },
    { key: 'updatedAt', title: t('applications.updatedAt'), sorter: true, sortOrder: sortOrderOf('updatedAt'), width: 150, render: (_, a) => format.dateTime(a.updatedAt) },
  ];

  const noneYet = own && !filtered && list.data?.total === 0;

  return (
    <>
      <PageHeader title={t(own ? 'nav.myApplications' : 'nav.applications')} subtitle={t(own ? 'navDesc.myApplications' : 'navDesc.applications')} />
      <Card variant="borderless" className="page-card">
        <ListToolbar filtered={filtered} onClear={clearFilters} onRefresh={() => void list.refetch()}>
          <SearchFilter id="application-search" placeholder={t(own ? 'applications.searchOwn' : 'applications.searchPlaceholder')} {...filterProps('q')} />
          <SelectFilter id="application-state" placeholder={t('applications.state')} options={APPLICATION_STATES.map((s) => ({ value: s, label: stateLabel(s, language) }))} {...filterProps('state')} />
          <SelectFilter id="application-program" placeholder={t('calls.program')} options={programOptions} {...filterProps('programCode')} />
        </ListToolbar>
        {noneYet ? (
          <EmptyState description={t('applications.noneYet')}>
            {userMay(user, 'application.apply') ? (
              <Button type="primary" icon={<NotificationOutlined />} onClick={() => void navigate('/calls')}>
                {t('applications.toCalls')}
              </Button>
            ) : null}
          </EmptyState>
        ) : (
          <ServerTable<ApplicationSummary>
            query={list}
            columns={columns}
            params={params}
            onChange={onTableChange}
            emptyText={filtered ? t('states.noMatch') : t('applications.empty')}
            scroll={{ x: own ? 860 : 1000 }}
            onRow={(record) => ({ onClick: () => void navigate(`/applications/${record.id}`), className: 'clickable-row' })}
          />
        )}
      </Card>
    </>
  );
}
