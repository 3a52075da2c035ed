/**
 * The capacity map (行业产能地图, 003 三（一）): choose an industry (and a product line, and the unit when
 * several are reported), and the province's cities are shaded by their total monthly capacity, each
 * organization counted with its latest report. The table beside the map holds the same numbers; clicking
 * a city (on the map or in the table) lists its enterprises and product lines. The map is drawn offline
 * from the province's GeoJSON (registerProvinceMap), matched to the cities by name.
 */
import { useCallback, useMemo, useState } from 'react';
import { Card, Col, Drawer, Row, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CapacityCityData, CapacityMapData } from '../../../../contracts/operations.ts';
import { addMonths, monthRange } from '../../../../src/core/operations/report.ts';
import { api } from '../../api/client.ts';
import { EChart, registerProvinceMap, type ChartClick, type ChartOption } from '../../components/EChart.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorResult, PageSkeleton } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { useListParams } from '../../lib/list-params.ts';
import { monthLabel } from '../operations/operations-view.ts';

type City = CapacityMapData['cities'][number];

function mapOption(d: CapacityMapData, mapName: string): ChartOption {
  const max = Math.max(1, ...d.cities.map((c) => c.total));
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: (p: { name: string; value?: number }) => `${p.name}<br/>${Number.isFinite(p.value) ? p.value!.toLocaleString() : 0} ${d.unit ?? ''}` },
    visualMap: { min: 0, max, left: 8, bottom: 8, calculable: true, inRange: { color: ['#e6f4ff', '#1677ff', '#002c8c'] }, text: [String(max), '0'] },
    series: [{ type: 'map', map: mapName, roam: false, label: { show: true, fontSize: 10 }, data: d.cities.map((c) => ({ name: c.cityName, value: c.total, cityId: c.cityId })) }],
  };
}

export default function CapacityMapPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { params, update } = useListParams(['industry', 'productName', 'unit', 'month'] as const);
  const f = params.filters;
  const [openCity, setOpenCity] = useState<City | null>(null);
  const query = { industry: f.industry, productName: f.productName, unit: f.unit, month: f.month };
  const map = useQuery({
    queryKey: ['operations', 'capacity', query],
    queryFn: ({ signal }) => api.get<CapacityMapData>('/api/operations/capacity', query, signal),
    placeholderData: keepPreviousData,
  });
  const provinceCode = map.data?.province?.code ?? null;
  const geo = useQuery({ queryKey: ['province-map', provinceCode], queryFn: () => registerProvinceMap(provinceCode!), enabled: provinceCode !== null, staleTime: Infinity });
  const city = useQuery({
    queryKey: ['operations', 'capacity-city', openCity?.cityId, query],
    queryFn: ({ signal }) => api.get<CapacityCityData>(`/api/operations/capacity/cities/${openCity!.cityId}`, { ...query, unit: map.data?.unit ?? undefined }, signal),
    enabled: openCity !== null,
  });
  const d = map.data;
  const months = useMemo(() => (d ? monthRange(addMonths(d.month, -35), d.month).reverse() : []), [d]);
  const onMapClick = useCallback(
    (e: ChartClick) => {
      const hit = d?.cities.find((c) => c.cityName === e.name);
      if (hit) setOpenCity(hit);
    },
    [d],
  );

  if (map.isPending) return <PageSkeleton />;
  if (map.isError && !d) return <ErrorResult error={map.error} onRetry={() => void map.refetch()} />;
  const m = d!;
  const number = (n: number) => n.toLocaleString(language);
  const columns: TableColumnsType<City> = [
    { title: t('capacityMap.city'), dataIndex: 'cityName', render: (name: string, c) => <Typography.Link onClick={() => setOpenCity(c)} data-testid={`capacity-city-${c.divisionCode ?? c.cityId}`}>{name}</Typography.Link> },
    { title: `${t('capacityMap.total')}（${m.unit ?? ''}）`, dataIndex: 'total', align: 'right', render: (n: number, c) => <span data-testid={`capacity-total-${c.divisionCode ?? c.cityId}`}>{number(n)}</span> },
    { title: t('capacityMap.enterprises'), dataIndex: 'enterprises', align: 'right' },
    { title: t('capacityMap.lines'), dataIndex: 'lines', align: 'right' },
  ];
  const lineColumns: TableColumnsType<CapacityCityData['items'][number]> = [
    { title: t('operationsView.organization'), dataIndex: 'organizationName' },
    { title: t('operations.fields.productName'), dataIndex: 'productName' },
    { title: t('operations.fields.industryCode'), dataIndex: 'industryCode' },
    { title: t('operations.fields.monthlyCapacity'), dataIndex: 'monthlyCapacity', align: 'right', render: (n: number, l) => `${number(n)} ${l.unit}` },
    { title: t('operations.fields.month'), dataIndex: 'month', render: (x: string) => monthLabel(x, t) },
  ];

  return (
    <div>
      <PageHeader title={t('nav.capacityMap')} subtitle={t('capacityMap.subtitle')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('capacityMap.industry')}
          data-testid="capacity-industry"
          allowClear
          placeholder={t('capacityMap.allIndustries')}
          style={{ width: 280 }}
          value={f.industry}
          onChange={(v) => update({ industry: v, productName: undefined, unit: undefined })}
          options={m.industries.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))}
        />
        <Select aria-label={t('capacityMap.product')} data-testid="capacity-product" allowClear placeholder={t('capacityMap.allProducts')} style={{ width: 200 }} value={f.productName} onChange={(v) => update({ productName: v, unit: undefined })} options={m.products.map((p) => ({ value: p, label: p }))} />
        <Select aria-label={t('capacityMap.unit')} data-testid="capacity-unit" style={{ width: 120 }} value={m.unit ?? undefined} onChange={(v) => update({ unit: v })} options={m.units.map((u) => ({ value: u.unit, label: u.unit }))} />
        <Select aria-label={t('capacityMap.month')} data-testid="capacity-month" style={{ width: 140 }} value={m.month} onChange={(v) => update({ month: v })} options={months.map((x) => ({ value: x, label: monthLabel(x, t) }))} />
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small">
            {geo.data === false ? (
              <Typography.Text type="secondary">{t('capacityMap.noMap')}</Typography.Text>
            ) : geo.data && provinceCode ? (
              <EChart option={mapOption(m, provinceCode)} height={460} onClick={onMapClick} ariaLabel={t('capacityMap.mapAria')} testId="capacity-map" />
            ) : (
              <div style={{ height: 460 }} aria-busy="true" />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('capacityMap.clickHint')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={`${t('capacityMap.sum')}：${number(m.total)} ${m.unit ?? ''}`} data-testid="capacity-sum">
            {m.cities.length === 0 ? (
              <EmptyState description={t('capacityMap.empty')} />
            ) : (
              <Table<City> rowKey="cityId" size="small" pagination={false} columns={columns} dataSource={m.cities} data-testid="capacity-table" onRow={(c) => ({ onClick: () => setOpenCity(c), style: { cursor: 'pointer' } })} />
            )}
          </Card>
        </Col>
      </Row>
      <Drawer open={openCity !== null} width={Math.min(720, typeof window === 'undefined' ? 720 : window.innerWidth)} title={openCity ? t('capacityMap.cityTitle', { city: openCity.cityName }) : ''} onClose={() => setOpenCity(null)}>
        {city.isError ? (
          <ErrorResult error={city.error} onRetry={() => void city.refetch()} />
        ) : (
          <Table rowKey={(l) => `${l.organizationId}-${l.productName}-${l.unit}`} size="small" loading={city.isPending} pagination={false} columns={lineColumns} dataSource={city.data?.items ?? []} locale={{ emptyText: city.isPending ? ' ' : <EmptyState description={t('capacityMap.cityEmpty')} /> }} data-testid="capacity-city-lines" />
        )}
      </Drawer>
    </div>
  );
}
