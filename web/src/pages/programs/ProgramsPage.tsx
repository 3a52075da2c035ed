/**
 * 计划管理: every program with its latest published version and any draft. The list is short (one
 * entry per policy), so it is filtered here rather than on the server; the filters still live in the
 * URL. A row opens its newest version in the designer.
 */
import { Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ListToolbar, SearchFilter, SelectFilter } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorResult } from '../../components/QueryState.tsx';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { provinceName, provinces, regionName } from '../../lib/regions.ts';
import { usePrograms, versionHref, type ProgramSummary } from './data.ts';
import { ProgramKindTag, versionLabel } from './tags.tsx';

const FILTERS = ['kind', 'province', 'q'] as const;

export default function ProgramsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { params, filtered, clearFilters, filterProps } = useListParams(FILTERS);
  const list = usePrograms();
  const language = format.language;

  const nameOf = (p: ProgramSummary) => p.name?.[language] ?? p.code;
  const q = params.filters.q?.toLowerCase();
  const rows = (list.data?.items ?? []).filter(
    (p) =>
      (!params.filters.kind || p.kind === params.filters.kind) &&
      (!params.filters.province || p.provinceCode === params.filters.province) &&
      (!q || p.code.toLowerCase().includes(q) || (p.name && (p.name['zh-CN'].toLowerCase().includes(q) || p.name.en.toLowerCase().includes(q)))),
  );

  const columns: TableColumnsType<ProgramSummary> = [
    {
      key: 'name',
      title: t('programs.program'),
      render: (_, p) => (
        <div className="cell-stack">
          <Link to={versionHref(p.code, p.versions[0]?.version ?? 1)} onClick={(e) => e.stopPropagation()}>
            <Typography.Text strong>{nameOf(p)}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" className="cell-sub mono">
            {p.code}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'kind', title: t('programs.kindLabel'), width: 120, render: (_, p) => <ProgramKindTag kind={p.kind} /> },
    { key: 'province', title: t('programs.province'), width: 90, render: (_, p) => provinceName(p.provinceCode, language) },
    { key: 'issuer', title: t('programs.issuer'), width: 200, render: (_, p) => p.issuer ?? '—' },
    {
      key: 'published',
      title: t('programs.latestPublished'),
      width: 170,
      render: (_, p) => {
        const published = p.versions.find((v) => v.status === 'published');
        if (!published) return <Typography.Text type="secondary">{t('programs.nonePublished')}</Typography.Text>;
        return (
          <div className="cell-stack">
            <Link to={versionHref(p.code, published.version)} onClick={(e) => e.stopPropagation()}>
              {versionLabel(published.version)}
            </Link>
            <Typography.Text type="secondary" className="cell-sub">
              {format.date(published.publishedAt)}
            </Typography.Text>
          </div>
        );
      },
    },
    {
      key: 'drafts',
      title: t('programs.drafts'),
      width: 160,
      render: (_, p) => {
        const drafts = p.versions.filter((v) => v.status === 'draft');
        if (drafts.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Space size={4} wrap>
            {drafts.map((d) => (
              <Link key={d.version} to={versionHref(p.code, d.version)} onClick={(e) => e.stopPropagation()}>
                <Tag color="warning">
                  {versionLabel(d.version)} {t('programs.status.draft')}
                </Tag>
              </Link>
            ))}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.programs')} subtitle={t('navDesc.programs')} />
      <Card variant="borderless" className="page-card">
        <ListToolbar filtered={filtered} onClear={clearFilters} onRefresh={() => void list.refetch()}>
          <SearchFilter id="program-search" placeholder={t('programs.searchPlaceholder')} {...filterProps('q')} />
          <SelectFilter
            id="program-kind"
            placeholder={t('programs.kindLabel')}
            options={(['application_program', 'target_plan'] as const).map((kind) => ({ value: kind, label: t(`programs.kind.${kind}`) }))}
            {...filterProps('kind')}
          />
          <SelectFilter
            id="program-province"
            narrow
            placeholder={t('programs.province')}
            options={provinces().map((p) => ({ value: p.code, label: regionName(p, language) }))}
            {...filterProps('province')}
          />
        </ListToolbar>
        {list.isError && !list.data ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ProgramSummary>
            rowKey="code"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: list.isPending ? ' ' : <EmptyState description={filtered ? t('states.noMatch') : t('programs.empty')} /> }}
            onRow={(p) => ({ onClick: () => void navigate(versionHref(p.code, p.versions[0]?.version ?? 1)), className: 'clickable-row' })}
          />
        )}
      </Card>
    </>
  );
}
