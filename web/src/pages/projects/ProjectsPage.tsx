/**
 * 项目管理 (officers) / 我的项目 (applicant): projects after the final list, filtered by status,
 * overdue reports and text, sorted and paged on the server (state in the URL).
 */
import { Card, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PROJECT_STATUSES } from '../../../../contracts/implementation.ts';
import { useUser } from '../../api/session.ts';
import { ListToolbar, SearchFilter, SelectFilter } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { ROUTES, titleOf } from '../../routes.ts';
import { useProjects, type ProjectSummary } from '../project/data.ts';
import { ProjectStatusTag } from '../project/ProjectStatusTag.tsx';

const FILTERS = ['status', 'overdue', 'q'] as const;
const SORTS = ['updatedAt', 'projectName', 'organizationName', 'status', 'selectedAt'] as const;
const ROUTE = ROUTES.find((r) => r.path === '/projects')!;

export default function ProjectsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { user } = useUser();
  const own = titleOf(ROUTE, user) === 'myProjects';
  const { params, onTableChange, sortOrderOf, sortIn, filtered, clearFilters, filterProps } = useListParams(FILTERS);
  const list = useProjects({ page: params.page, pageSize: params.pageSize, sort: sortIn(SORTS), order: params.order, ...params.filters });

  const columns: TableColumnsType<ProjectSummary> = [
    {
      key: 'projectName',
      title: t('projects.project'),
      sorter: true,
      sortOrder: sortOrderOf('projectName'),
      render: (_, p) => (
        <div className="cell-stack">
          <Link to={`/projects/${p.id}`} onClick={(event) => event.stopPropagation()} data-testid={`project-link-${p.id}`}>
            <Typography.Text strong>{p.projectName}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" className="cell-sub">
            {p.callTitle}
          </Typography.Text>
        </div>
      ),
    },
    ...(own
      ? []
      : ([
          { key: 'organizationName', title: t('projects.organization'), sorter: true, sortOrder: sortOrderOf('organizationName'), width: 210, render: (_, p) => p.organizationName },
          { key: 'city', title: t('projects.city'), width: 90, render: (_, p) => p.cityName ?? '—' },
        ] satisfies TableColumnsType<ProjectSummary>)),
    {
      key: 'status',
      title: t('projects.status'),
      sorter: true,
      sortOrder: sortOrderOf('status'),
      width: 170,
      render: (_, p) => (
        <>
          <ProjectStatusTag status={p.status} />
          {p.overdueReports > 0 ? (
            <Tag color="error" data-testid={`project-overdue-${p.id}`}>
              {t('projects.overdueCount', { count: p.overdueReports })}
            </Tag>
          ) : null}
        </>
      ),
    },
    { key: 'selectedAt', title: t('projects.selectedAt'), sorter: true, sortOrder: sortOrderOf('selectedAt'), width: 130, render: (_, p) => format.date(p.selectedAt) },
    { key: 'updatedAt', title: t('projects.updatedAt'), sorter: true, sortOrder: sortOrderOf('updatedAt'), width: 150, render: (_, p) => format.dateTime(p.updatedAt) },
  ];

  return (
    <>
      <PageHeader title={t(own ? 'nav.myProjects' : 'nav.projects')} subtitle={t(own ? 'navDesc.myProjects' : 'navDesc.projects')} />
      <Card variant="borderless" className="page-card">
        <ListToolbar filtered={filtered} onClear={clearFilters} onRefresh={() => void list.refetch()}>
          <SearchFilter id="project-search" placeholder={t('projects.search')} {...filterProps('q')} />
          <SelectFilter id="project-status" placeholder={t('projects.status')} options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projects.statuses.${s}`) }))} {...filterProps('status')} />
          <SelectFilter id="project-overdue" placeholder={t('projects.overdueFilter')} options={[{ value: 'true', label: t('projects.overdueOnly') }]} {...filterProps('overdue')} />
        </ListToolbar>
        <ServerTable<ProjectSummary>
          query={list}
          columns={columns}
          params={params}
          onChange={onTableChange}
          emptyText={filtered ? t('states.noMatch') : t('projects.empty')}
          scroll={{ x: own ? 760 : 1000 }}
          onRow={(record) => ({ onClick: () => void navigate(`/projects/${record.id}`), className: 'clickable-row' })}
        />
      </Card>
    </>
  );
}
