/**
 * 统计地图: the province's prefecture-level cities shaded by the chosen measure (applications,
 * selections, committed or disbursed funds) under the statistics filters, drawn offline from the
 * shipped GeoJSON (components/EChart.tsx registerProvinceMap; features keyed by division code), with
 * the same numbers in a table beside it. Clicking a city (on the map or in the table) opens its
 * applications. 定州、辛集 and 雄安新区 are drawn inside the city whose prefix they carry (listed in the row).
 */
import { useEffect, useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Alert, Card, Col, Row, Segmented, Table, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MAP_MEASURE_KEYS, type StatisticsMapOut } from '../../../../contracts/statistics.ts';
import { errorText } from '../../api/client.ts';
import { EChart, registerProvinceMap, type ChartClick, type ChartOption } from '../../components/EChart.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult, PageSkeleton } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { formatFen } from '../../lib/money.ts';
import { useStatistics, useStatisticsMap } from '../statistics/data.ts';
import { StatisticsFilterBar, useStatisticsFilters } from '../statistics/FilterBar.tsx';

type Measure = (typeof MAP_MEASURE_KEYS)[number];
type Area = StatisticsMapOut['areas'][number];
const isMoney = (m: Measure) => m === 'committedFen' || m === 'disbursedFen';

function mapOption(data: StatisticsMapOut, label: string, show: (v: number) => string): ChartOption {
  const max = Math.max(1, ...data.areas.map((a) => a.value));
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}<br/>${label}: ${show(Number.isFinite(p.value) ? p.value : 0)}` },
    visualMap: { min: 0, max, left: 8, bottom: 8, calculable: true, text: [show(max), show(0)], inRange: { color: ['#e6f4ff', '#1677ff', '#002c8c'] } },
    series: [
      {
        type: 'map',
        map: data.provinceCode!,
        // The GeoJSON names its features by the city's standard name (石家庄市), as our records do.
        roam: false,
        label: { show: true, fontSize: 11, formatter: (p: { data?: { cityName?: string } }) => p.data?.cityName ?? '' },
        data: data.areas.map((a) => ({ name: a.name, value: a.value, cityName: a.name, cityId: a.cityId, code: a.code })),
      },
    ],
  };
}

export default function StatisticsMapPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { params } = useStatisticsFilters();
  const [measure, setMeasure] = useState<Measure>('applications');
  const stats = useStatistics(params.filters);
  const map = useStatisticsMap(params.filters, measure);
  const data = map.data;
  const [ready, setReady] = useState<boolean | null>(null);
  useEffect(() => {
    if (!data?.provinceCode) return;
    let live = true;
    void registerProvinceMap(data.provinceCode).then((ok) => live && setReady(ok));
    return () => {
      live = false;
    };
  }, [data?.provinceCode]);

  const measureLabel = t(`stats.map.${measure}`);
  const show = (v: number) => (isMoney(measure) ? formatFen(v, language) : String(v));
  const option = useMemo(() => (data && ready ? mapOption(data, measureLabel, show) : null), [data, ready, measureLabel, language]);
  const open = (cityId: string | null) => {
    if (!cityId) return;
    const q = new URLSearchParams({ cityId });
    if (params.filters.programCode) q.set('programCode', params.filters.programCode);
    if (params.filters.callId) q.set('callId', params.filters.callId);
    if (measure === 'selected') q.set('state', 'selected');
    void navigate(`/applications?${q.toString()}`);
  };
  const onClick = (e: ChartClick) => open(((e.data ?? {}) as { cityId?: string | null }).cityId ?? null);

  let body: ReactNode;
  if (map.isPending) body = <PageSkeleton />;
  else if (map.isError && !data) body = <ErrorResult error={map.error} onRetry={() => void map.refetch()} />;
  else if (data) {
    body = (
      <Row gutter={12}>
        <Col span={14}>
          {map.isError ? <Alert type="warning" showIcon message={errorText(map.error)} /> : null}
          {ready === false || !data.provinceCode ? (
            <Alert type="info" showIcon message={t('stats.map.noMap')} />
          ) : option ? (
            <EChart option={option} height={520} onClick={onClick} ariaLabel={t('stats.map.chart', { measure: measureLabel })} testId="province-map" />
          ) : (
            <PageSkeleton />
          )}
        </Col>
        <Col span={10}>
          <Table<Area>
            size="small"
            pagination={false}
            rowKey="code"
            data-testid="map-table"
            dataSource={data.areas}
            onRow={(a) => ({ onClick: () => open(a.cityId), className: 'clickable-row', 'data-code': a.code } as HTMLAttributes<HTMLElement>)}
            columns={[
              {
                key: 'name',
                title: t('stats.map.area'),
                render: (_, a) => (
                  <div className="cell-stack">
                    <span>{a.name}</span>
                    {a.units.length > 1 ? (
                      <Typography.Text type="secondary" className="cell-sub">
                        {t('stats.map.includes', { names: a.units.slice(1).map((u) => `${u.name} ${show(u.value)}`).join('、') })}
                      </Typography.Text>
                    ) : null}
                  </div>
                ),
              },
              { key: 'value', title: measureLabel, align: 'right', render: (_, a) => <span data-testid={`map-value-${a.code}`}>{show(a.value)}</span> },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('stats.map.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <span data-testid="map-total">{show(data.total)}</span>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('stats.map.hint')}
          </Typography.Paragraph>
        </Col>
      </Row>
    );
  }

  return (
    <>
      <PageHeader
        title={t('nav.statisticsMap')}
        subtitle={t('navDesc.statisticsMap')}
        extra={
          <Segmented<Measure>
            aria-label={t('stats.map.measure')}
            value={measure}
            onChange={setMeasure}
            options={MAP_MEASURE_KEYS.map((m) => ({ value: m, label: t(`stats.map.${m}`) }))}
            data-testid="map-measure"
          />
        }
      />
      <Card variant="borderless" className="page-card">
        <StatisticsFilterBar options={stats.data?.options} onRefresh={() => void map.refetch()} />
        {body}
      </Card>
    </>
  );
}
