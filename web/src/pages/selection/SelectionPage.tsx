/**
 * 遴选管理 (province officer, finance, auditor): the published calls with their selection progress —
 * how many cities have submitted their lists, the applications at each step from the city's review
 * to the final list — each linking to its workspace (/selection/:callId). Paged and sorted on the server.
 */
import { Card, Progress, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ListToolbar, SearchFilter } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { callColumns } from '../../components/StatusTags.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { useSelectionCalls, type SelectionCall } from '../recommendation/data.ts';

const FILTERS = ['q'] as const;
const SORTS = ['deadlineAt', 'opensAt', 'title'] as const;

/** The steps of selection, in order, with the states that count as having reached each. */
const STEPS = [
  { key: 'submitted', states: ['submitted', 'city_review', 'returned', 'rejected', 'city_passed', 'recommended', 'policy_passed', 'policy_rejected', 'expert_review', 'shortlisted', 'not_shortlisted', 'selected', 'not_selected'] },
  { key: 'cityPassed', states: ['city_passed', 'recommended', 'policy_passed', 'policy_rejected', 'expert_review', 'shortlisted', 'not_shortlisted', 'selected', 'not_selected'] },
  { key: 'recommended', states: ['recommended', 'policy_passed', 'policy_rejected', 'expert_review', 'shortlisted', 'not_shortlisted', 'selected', 'not_selected'] },
  { key: 'policyPassed', states: ['policy_passed', 'expert_review', 'shortlisted', 'not_shortlisted', 'selected', 'not_selected'] },
  { key: 'shortlisted', states: ['shortlisted', 'selected', 'not_selected'] },
  { key: 'selected', states: ['selected'] },
] as const;

const sum = (counts: Record<string, number>, states: readonly string[]) => states.reduce((n, s) => n + (counts[s] ?? 0), 0);

export default function SelectionPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const navigate = useNavigate();
  const { params, onTableChange, sortOrderOf, sortIn, filtered, clearFilters, filterProps } = useListParams(FILTERS);
  const list = useSelectionCalls({ page: params.page, pageSize: params.pageSize, sort: sortIn(SORTS), order: params.order ?? 'desc', ...params.filters });

  const columns: TableColumnsType<SelectionCall> = [
    ...callColumns<SelectionCall>({
      linkTo: (id) => `/selection/${id}`,
      testId: 'selection-call-link',
      labels: { title: t('selection.call'), status: t('selection.callStatus'), deadline: t('calls.deadline') },
      language,
      dateTime: format.dateTime,
      sortOrderOf,
    }),
    {
      key: 'cities',
      title: t('selection.citiesSubmitted'),
      width: 170,
      render: (_, c) => {
        const total = c.cities.length;
        const returned = c.cities.filter((x) => x.status === 'returned').length;
        return (
          <Tooltip title={c.cities.filter((x) => x.status === 'submitted').map((x) => x.cityName).join('、') || undefined}>
            <div data-testid="cities-submitted" data-submitted={c.submittedCities} data-total={total}>
              <Typography.Text>{t('selection.ofCities', { submitted: c.submittedCities, total })}</Typography.Text>
              {returned ? <Tag color="warning" className="inline-tag">{t('selection.returnedCount', { count: returned })}</Tag> : null}
              <Progress percent={total ? Math.round((c.submittedCities / total) * 100) : 0} size="small" showInfo={false} />
            </div>
          </Tooltip>
        );
      },
    },
    {
      key: 'progress',
      title: t('selection.progress'),
      width: 380,
      render: (_, c) => (
        <Space size={[4, 4]} wrap data-testid="selection-progress">
          {STEPS.map((s) => (
            <Tag key={s.key} data-step={s.key}>
              {t(`selection.steps.${s.key}`)} {sum(c.counts, s.states)}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.selection')} subtitle={t('navDesc.selection')} />
      <Card variant="borderless" className="page-card">
        <ListToolbar filtered={filtered} onClear={clearFilters} onRefresh={() => void list.refetch()}>
          <SearchFilter id="selection-call-search" placeholder={t('selection.searchCalls')} {...filterProps('q')} />
        </ListToolbar>
        <ServerTable<SelectionCall>
          query={list}
          columns={columns}
          params={params}
          onChange={onTableChange}
          emptyText={filtered ? t('states.noMatch') : t('selection.noCalls')}
          scroll={{ x: 1100 }}
          onRow={(record) => ({ onClick: () => void navigate(`/selection/${record.id}`), className: 'clickable-row', 'data-testid': `selection-call-${record.id}` }) as never}
        />
      </Card>
    </>
  );
}
