/**
 * One ECharts chart, drawn with the SVG renderer (crisp on office monitors, readable in screenshots
 * and by tests) from only the chart types the oversight screens use. The chart follows its box's
 * width, redraws when `option` changes, and answers clicks through `onClick` (a map's city, a bar).
 *
 * Province maps: `registerProvinceMap(code)` loads the province's prefecture-level GeoJSON from
 * echarts 4.9.0's Apache-2.0 map files (installed under the alias `echarts4-maps`), bundled with the
 * web app so it works offline; each feature's id is the city's division code.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption, ECElementEvent } from 'echarts/core';

echarts.use([BarChart, FunnelChart, LineChart, MapChart, PieChart, DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = EChartsCoreOption;
export type ChartClick = ECElementEvent;

export interface EChartProps {
  option: ChartOption;
  height?: number;
  onClick?: (event: ChartClick) => void;
  /** For assistive technology: what the chart shows (the numbers are also in a table beside it). */
  ariaLabel: string;
  testId?: string;
}

export function EChart({ option, height = 320, onClick, ariaLabel, testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    instance.on('click', onClick);
    return () => {
      instance.off('click', onClick);
    };
  }, [onClick]);

  return <div ref={box} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height }} />;
}

/** The GeoJSON files of the provinces whose programs run here, by province division code. */
const PROVINCE_MAPS: Record<string, () => Promise<{ default: unknown }>> = {
  '130000': () => import('echarts4-maps/map/json/province/hebei.json'),
  '370000': () => import('echarts4-maps/map/json/province/shandong.json'),
  '420000': () => import('echarts4-maps/map/json/province/hubei.json'),
};

/** Registers the province's map under its division code (idempotent); false when none is shipped. */
export async function registerProvinceMap(provinceCode: string): Promise<boolean> {
  if (echarts.getMap(provinceCode)) return true;
  const load = PROVINCE_MAPS[provinceCode];
  if (!load) return false;
  const geoJson = (await load()).default;
  echarts.registerMap(provinceCode, geoJson as Parameters<typeof echarts.registerMap>[1]);
  return true;
}
