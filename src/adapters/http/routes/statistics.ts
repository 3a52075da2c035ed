/** Program statistics, the map, each table as .xlsx, and the background export of every application. */
import { exportJob, exportJobInput, exportJobParams, mapQuery, statisticsFilters, statisticsMap, statisticsView, tableExportQuery } from '../../../../contracts/statistics.ts';
import { parseFilters } from '../../../core/statistics/filters.ts';
import { statisticsTable, TABLE_TITLES } from '../../../core/statistics/tables.ts';
import { downloadExport, getExportJob, requestExport, type ExportJobView } from '../../../use-cases/statistics/export-jobs.ts';
import { getStatistics, getStatisticsMap } from '../../../use-cases/statistics/statistics.ts';
import { statisticsTableXlsx } from '../../documents/statistics-xlsx.ts';
import { KIND_MIME } from '../../files/index.ts';
import { FileResult, route, type RouteDef } from '../route.ts';

const tag = 'statistics';

const presentJob = (j: ExportJobView) => ({
  ...j,
  createdAt: j.createdAt.toISOString(),
  finishedAt: j.finishedAt ? j.finishedAt.toISOString() : null,
});

export const statisticsRoutes: RouteDef[] = [
  route({
    method: 'get',
    path: '/api/statistics',
    summary: '计划统计 / Program statistics: funnel, by city, direction and industry, money, time in each stage',
    tag,
    access: 'signedIn',
    action: 'statistics.read',
    query: statisticsFilters,
    response: statisticsView,
    handler: async ({ deps, ctx, query }) => {
      const view = await getStatistics(deps, ctx, parseFilters(query));
      return { ...view, options: { ...view.options, programs: view.options.programs.map(({ code, name, provinceCode }) => ({ code, name, provinceCode })) } };
    },
  }),
  route({
    method: 'get',
    path: '/api/statistics/map',
    summary: '地图统计 / The map: one figure per prefecture-level city of the province',
    tag,
    access: 'signedIn',
    action: 'statistics.read',
    query: mapQuery,
    response: statisticsMap,
    handler: async ({ deps, ctx, query }) => {
      const { measure, ...filters } = query;
      return getStatisticsMap(deps, ctx, parseFilters(filters), measure);
    },
  }),
  route({
    method: 'get',
    path: '/api/statistics/table.xlsx',
    summary: '导出统计表（Excel） / One statistics table as .xlsx, with the numbers of the screen',
    tag,
    access: 'signedIn',
    action: 'statistics.read',
    query: tableExportQuery,
    response: 'file',
    handler: async ({ deps, ctx, query }) => {
      const { table, lang, ...filters } = query;
      const view = await getStatistics(deps, ctx, parseFilters(filters));
      const content = new Uint8Array(await statisticsTableXlsx(statisticsTable(view, table, lang), lang));
      return new FileResult(content, `${TABLE_TITLES[table][lang]}.xlsx`, KIND_MIME.xlsx, content.byteLength);
    },
  }),
  route({
    method: 'post',
    path: '/api/statistics/exports',
    summary: '导出全部申报明细（后台任务） / Starts the background export of every application under the filters',
    tag,
    access: 'signedIn',
    action: 'statistics.read',
    body: exportJobInput,
    response: exportJob,
    status: 202,
    handler: async ({ deps, ctx, body }) => presentJob(await requestExport(deps, ctx, parseFilters(body.filters))),
  }),
  route({
    method: 'get',
    path: '/api/statistics/exports/:id',
    summary: '导出任务进度 / The export job’s progress (only for the one who asked)',
    tag,
    access: 'signedIn',
    action: 'statistics.read',
    params: exportJobParams,
    response: exportJob,
    handler: async ({ deps, ctx, params }) => presentJob(await getExportJob(deps, ctx, params.id)),
  }),
  route({
    method: 'get',
    path: '/api/statistics/exports/:id/download',
    summary: '下载导出文件 / Downloads the finished export (only for the one who asked)',
    tag,
    access: 'signedIn',
    action: 'statistics.read',
    params: exportJobParams,
    response: 'file',
    handler: async ({ deps, ctx, params }) => {
      const file = await downloadExport(deps, ctx, params.id);
      return new FileResult(file.stream, file.fileName, KIND_MIME.xlsx, file.sizeBytes);
    },
  }),
];
