/**
 * The statistics filters (program, call, year, city, direction, industry, submission dates), kept in
 * the URL so a view can be reloaded and shared; shared by the statistics page and the map. The
 * choices come with the figures (the server's `options`), so the bar needs no other request.
 */
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { StatisticsViewOut } from '../../../../contracts/statistics.ts';
import { ListToolbar, SearchFilter, SelectFilter } from '../../components/ListToolbar.tsx';
import { useLanguage } from '../../i18n.ts';
import { useListParams } from '../../lib/list-params.ts';
import { STATISTICS_FILTERS } from './data.ts';

export function useStatisticsFilters() {
  return useListParams(STATISTICS_FILTERS);
}

export function StatisticsFilterBar({ options, onRefresh }: { options: StatisticsViewOut['options'] | undefined; onRefresh: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { params, update, filtered, clearFilters, filterProps } = useStatisticsFilters();
  const f = params.filters;
  const calls = (options?.calls ?? []).filter((c) => (!f.programCode || c.programCode === f.programCode) && (!f.year || String(c.year) === f.year));
  const range: [Dayjs | null, Dayjs | null] | null = f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null;
  return (
    <ListToolbar filtered={filtered} onClear={clearFilters} onRefresh={onRefresh}>
      <SelectFilter
        id="stats-program"
        placeholder={t('stats.program')}
        options={(options?.programs ?? []).map((p) => ({ value: p.code, label: p.name[language] }))}
        value={f.programCode}
        onChange={(programCode) => update({ programCode, callId: undefined, direction: undefined })}
      />
      <SelectFilter id="stats-call" placeholder={t('stats.call')} options={calls.map((c) => ({ value: c.id, label: c.title }))} {...filterProps('callId')} />
      <SelectFilter id="stats-year" narrow placeholder={t('stats.year')} options={(options?.years ?? []).map((y) => ({ value: String(y), label: String(y) }))} {...filterProps('year')} />
      <SelectFilter id="stats-city" narrow placeholder={t('stats.city')} options={(options?.cities ?? []).map((c) => ({ value: c.id, label: c.name }))} {...filterProps('cityId')} />
      {options?.directions.length ? (
        <SelectFilter id="stats-direction" placeholder={t('stats.direction')} options={options.directions.map((d) => ({ value: d.code, label: `${d.code} ${d.name[language]}` }))} {...filterProps('direction')} />
      ) : null}
      <SearchFilter id="stats-industry" placeholder={t('stats.industry')} {...filterProps('industry')} />
      <DatePicker.RangePicker
        aria-label={`${t('stats.dateFrom')} – ${t('stats.dateTo')}`}
        placeholder={[t('stats.dateFrom'), t('stats.dateTo')]}
        allowEmpty={[true, true]}
        value={range}
        onChange={(v) => update({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
      />
    </ListToolbar>
  );
}
