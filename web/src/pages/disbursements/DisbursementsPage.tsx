/**
 * 资金拨付 (finance officer): the subsidy tranches of the province's projects, paged, sorted and
 * filtered on the server; each says whether its trigger holds (selection, acceptance …) and, when it
 * does, is approved and recorded with its payment date and voucher number.
 */
import { useState } from 'react';
import { Button, Card, Space, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Citation } from '../../components/Citation.tsx';
import { ListToolbar, SearchFilter, SelectFilter } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useLanguage } from '../../i18n.ts';
import { formatBp } from '../../lib/money.ts';
import { useListParams } from '../../lib/list-params.ts';
import { useTranches, type TrancheListItem } from '../project-funding/data.ts';
import { DisburseModal, Money, TrancheStatusTag, useTriggerName } from '../project-funding/parts.tsx';

const FILTERS = ['status', 'q'] as const;
const SORTS = ['budgetYear', 'amountFen', 'projectName', 'paidOn'] as const;

export default function DisbursementsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const triggerName = useTriggerName();
  const [disbursing, setDisbursing] = useState<TrancheListItem | null>(null);
  const { params, onTableChange, sortOrderOf, sortIn, filtered, clearFilters, filterProps } = useListParams(FILTERS);
  const list = useTranches({
    page: params.page,
    pageSize: params.pageSize,
    sort: sortIn(SORTS),
    order: params.order ?? 'asc',
    status: params.filters.status,
    q: params.filters.q,
  });

  const columns: TableColumnsType<TrancheListItem> = [
    {
      key: 'projectName',
      title: t('disbursement.project'),
      sorter: true,
      sortOrder: sortOrderOf('projectName'),
      render: (_, x) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/projects/${x.applicationId}`} data-testid={`disbursement-project-${x.id}`}>
            {x.projectName}
          </Link>
          <Typography.Text type="secondary">
            {x.organizationName}
            {x.cityName ? ` · ${x.cityName}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'programCode', title: t('disbursement.program'), width: 190, render: (_, x) => x.programCode },
    { key: 'trigger', title: t('disbursement.triggerTitle'), width: 140, render: (_, x) => `${x.position}. ${triggerName(x.trigger)}` },
    { key: 'share', title: t('disbursement.share'), width: 80, align: 'right', render: (_, x) => formatBp(x.shareBp) },
    { key: 'amountFen', title: t('disbursement.amount'), width: 130, align: 'right', sorter: true, sortOrder: sortOrderOf('amountFen'), render: (_, x) => <Money fen={x.amountFen} /> },
    { key: 'budgetYear', title: t('disbursement.budgetYear'), width: 100, sorter: true, sortOrder: sortOrderOf('budgetYear'), render: (_, x) => x.budgetYear },
    {
      key: 'status',
      title: t('disbursement.statusTitle'),
      width: 200,
      render: (_, x) => (
        <Space orientation="vertical" size={0} data-testid={`disbursement-status-${x.id}`}>
          <TrancheStatusTag status={x.status} releasable={x.releasable} blockedReason={x.blockedReason} />
          {x.status === 'planned' && !x.releasable && x.blockedReason ? <Typography.Text type="secondary">{x.blockedReason[language]}</Typography.Text> : null}
          {x.status === 'disbursed' ? (
            <Typography.Text type="secondary">
              {x.paidOn} · {x.voucherNumber}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { key: 'paidOn', title: t('disbursement.paidOn'), width: 110, sorter: true, sortOrder: sortOrderOf('paidOn'), render: (_, x) => x.paidOn ?? '—' },
    { key: 'citation', title: t('disbursement.citation'), width: 120, render: (_, x) => <Citation value={x.citation} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 140,
      fixed: 'right',
      render: (_, x) =>
        x.status === 'planned' ? (
          <Button size="small" type="primary" disabled={!x.releasable} onClick={() => setDisbursing(x)} data-testid={`disbursement-record-${x.id}`}>
            {t('disbursement.approveAndRecord')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.disbursements')} subtitle={t('navDesc.disbursements')} />
      <Card variant="borderless" className="page-card">
        <ListToolbar filtered={filtered} onClear={clearFilters} onRefresh={() => void list.refetch()}>
          <SearchFilter id="disbursement-search" placeholder={t('disbursement.search')} {...filterProps('q')} />
          <SelectFilter
            id="disbursement-status-filter"
            narrow
            placeholder={t('disbursement.statusTitle')}
            options={[
              { value: 'planned', label: t('disbursement.status.planned') },
              { value: 'disbursed', label: t('disbursement.status.disbursed') },
            ]}
            {...filterProps('status')}
          />
        </ListToolbar>
        <ServerTable<TrancheListItem>
          query={list}
          columns={columns}
          params={params}
          onChange={onTableChange}
          emptyText={filtered ? t('states.noMatch') : t('disbursement.empty')}
          scroll={{ x: 1280 }}
        />
      </Card>
      <DisburseModal tranche={disbursing} projectId={disbursing?.applicationId ?? null} onClose={() => setDisbursing(null)} />
    </>
  );
}
