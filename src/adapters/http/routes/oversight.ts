/** Spot checks, sanctions, the ban list, titles (the certificate and the public list). */
import {
  banListQuery,
  banPage,
  drawInput,
  findingInput,
  idParams,
  projectOversight,
  publicTitlePage,
  publicTitleQuery,
  sanctionInput,
  spotCheckItem,
  spotCheckListQuery,
  spotCheckPage,
  spotCheckView,
} from '../../../../contracts/oversight.ts';
import { listBans } from '../../../use-cases/oversight/bans.ts';
import type { SpotCheckItemRow, SpotCheckRow } from '../../../use-cases/oversight/ports.ts';
import { getProjectOversight, imposeSanction, type OversightView } from '../../../use-cases/oversight/sanctions.ts';
import { drawSpotCheck, getSpotCheck, listSpotChecks, recordFinding, type SpotCheckView } from '../../../use-cases/oversight/spot-checks.ts';
import { listPublicTitles, titleCertificate } from '../../../use-cases/oversight/titles.ts';
import { certificateDocx } from '../../documents/certificate-docx.ts';
import { KIND_MIME } from '../../files/index.ts';
import { FileResult, route, type RouteDef } from '../route.ts';

const tag = 'oversight';
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const presentCheck = (c: SpotCheckRow) => ({
  id: c.id,
  callId: c.callId,
  callTitle: c.callTitle,
  programCode: c.programCode,
  seed: c.seed,
  minShare: c.minShare,
  stratifiedBy: c.stratifiedBy,
  population: c.population,
  sampled: Object.values(c.allocation).reduce((s, a) => s + a.sampled, 0),
  allocation: Object.entries(c.allocation).map(([cityId, a]) => ({ cityId, cityName: a.cityName, population: a.population, sampled: a.sampled })),
  citation: c.citation,
  createdAt: c.createdAt.toISOString(),
});

const presentItem = (i: SpotCheckItemRow) => ({
  id: i.id,
  spotCheckId: i.spotCheckId,
  applicationId: i.applicationId,
  cityId: i.cityId,
  cityName: i.cityName,
  organizationName: i.organizationName,
  projectName: i.projectName,
  finding: i.finding,
  notes: i.notes,
  recoveryId: i.recoveryId,
  recordedAt: iso(i.recordedAt),
});

const presentView = (v: SpotCheckView) => ({ check: presentCheck(v.check), items: v.items.map(presentItem) });

const presentOversight = (v: OversightView) => ({
  applicationId: v.applicationId,
  projectStatus: v.projectStatus,
  titles: v.titles.map((t) => ({
    id: t.id,
    applicationId: t.applicationId,
    organizationName: t.organizationName,
    titleId: t.titleId,
    name: t.name,
    citation: t.citation,
    awardedOn: t.awardedOn,
    status: t.status,
    revokedOn: t.revokedOn,
    revokedReason: t.revokedReason,
  })),
  sanctions: v.sanctions.map((s) => ({
    id: s.id,
    sanctionId: s.sanctionId,
    trigger: s.trigger,
    effects: s.effects,
    message: s.message,
    citation: s.citation,
    reason: s.reason,
    decidedOn: s.decidedOn,
    spotCheckItemId: s.spotCheckItemId,
    recoveryId: s.recoveryId,
    banId: s.banId,
    revokedTitleIds: s.revokedTitleIds,
    createdByName: s.createdByName,
    createdAt: s.createdAt.toISOString(),
  })),
  bans: v.bans.map(presentBan),
  checks: (v.checks as (SpotCheckItemRow & { seed?: string })[]).map((c) => ({ ...presentItem(c), seed: c.seed ?? '' })),
  sanctionOptions: v.sanctionOptions.map((o) => ({ id: o.id, trigger: o.trigger, effects: o.effects, banYears: o.banYears ?? null, banScope: o.banScope ?? null, message: o.message, citation: o.citation })),
  recoverableFen: v.recoverableFen,
  canManage: v.canManage,
});

function presentBan(b: { id: string; organizationId: string; organizationName: string; creditCode: string | null; applicationId: string | null; scope: 'all_programs' | 'this_program'; programCode: string | null; fromDate: string; untilDate: string; lastDay: string; citation: string; active: boolean }) {
  return {
    id: b.id,
    organizationId: b.organizationId,
    organizationName: b.organizationName,
    creditCode: b.creditCode,
    applicationId: b.applicationId,
    scope: b.scope,
    programCode: b.programCode,
    fromDate: b.fromDate,
    untilDate: b.untilDate,
    lastDay: b.lastDay,
    citation: b.citation,
    active: b.active,
  };
}

export const oversightRoutes: RouteDef[] = [
  route({
    method: 'post',
    path: '/api/spot-checks',
    summary: '抽取抽查样本（按市分层，记录随机种子；给出种子可复现） / Draw a spot-check sample (stratified by city, the seed recorded; give a seed to reproduce)',
    tag,
    access: 'signedIn',
    action: 'oversight.manage',
    body: drawInput,
    response: spotCheckView,
    handler: async ({ deps, ctx, body }) => presentView(await drawSpotCheck(deps, ctx, body)),
  }),
  route({
    method: 'get',
    path: '/api/spot-checks',
    summary: '抽查批次 / Spot checks drawn',
    tag,
    access: 'signedIn',
    action: 'oversight.manage',
    query: spotCheckListQuery,
    response: spotCheckPage,
    handler: async ({ deps, ctx, query }) => {
      const { rows, total } = await listSpotChecks(deps, ctx, query);
      return { items: rows.map(presentCheck), total, page: query.page, pageSize: query.pageSize };
    },
  }),
  route({
    method: 'get',
    path: '/api/spot-checks/:id',
    summary: '抽查样本与结果 / A spot check: its sample and findings',
    tag,
    access: 'signedIn',
    action: 'oversight.manage',
    params: idParams,
    response: spotCheckView,
    handler: async ({ deps, ctx, params }) => presentView(await getSpotCheck(deps, ctx, params.id)),
  }),
  route({
    method: 'put',
    path: '/api/spot-check-items/:id/finding',
    summary: '记录抽查结果（正常 / 存在问题 / 弄虚作假，可调整或收回资金） / Record a finding (ok / issues / fraud; optionally adjust or recover funds)',
    tag,
    access: 'signedIn',
    action: 'oversight.manage',
    params: idParams,
    body: findingInput,
    response: spotCheckItem,
    handler: async ({ deps, ctx, params, body }) => presentItem(await recordFinding(deps, ctx, params.id, body)),
  }),
  route({
    method: 'get',
    path: '/api/projects/:id/oversight',
    summary: '项目的称号、抽查与处理 / The project’s titles, spot checks and sanctions',
    tag,
    access: 'signedIn',
    action: 'project.read',
    params: idParams,
    response: projectOversight,
    handler: async ({ deps, ctx, params }) => presentOversight(await getProjectOversight(deps, ctx, params.id)),
  }),
  route({
    method: 'post',
    path: '/api/projects/:id/sanctions',
    summary: '作出处理决定（撤销称号、收回资金、禁止申报，一并生效） / Impose a sanction (title revoked, funds recovered, application ban — together)',
    tag,
    access: 'signedIn',
    action: 'oversight.manage',
    params: idParams,
    body: sanctionInput,
    response: projectOversight,
    handler: async ({ deps, ctx, params, body }) => presentOversight(await imposeSanction(deps, ctx, params.id, body)),
  }),
  route({
    method: 'get',
    path: '/api/bans',
    summary: '禁止申报名单 / Application bans',
    tag,
    access: 'signedIn',
    action: 'oversight.manage',
    query: banListQuery,
    response: banPage,
    handler: async ({ deps, ctx, query }) => {
      const { rows, total, today } = await listBans(deps, ctx, query);
      return { items: rows.map(presentBan), total, page: query.page, pageSize: query.pageSize, today };
    },
  }),
  ...(['pdf', 'docx'] as const).map((format) =>
    route({
      method: 'get',
      path: `/api/titles/:id/certificate.${format}`,
      summary:
        format === 'pdf'
          ? '称号证书（PDF；服务器未装 LibreOffice 时 503） / The title’s certificate as PDF (503 without LibreOffice)'
          : '称号证书（Word） / The title’s certificate as .docx',
      tag,
      access: 'signedIn',
      action: 'project.read',
      params: idParams,
      response: 'file',
      handler: async ({ deps, ctx, params }) => {
        const d = await titleCertificate(deps, ctx, params.id);
        const docx = await certificateDocx({
          titleName: d.title.name['zh-CN'],
          organizationName: d.title.organizationName,
          programName: d.programName,
          projectName: d.title.projectName,
          awardedOn: d.title.awardedOn,
          issuer: d.issuer,
          citation: d.title.citation,
          number: d.title.id,
        });
        const content = new Uint8Array(format === 'pdf' ? await deps.documents.toPdf(docx) : docx);
        return new FileResult(content, `${d.title.organizationName}-${d.title.name['zh-CN']}.${format}`, KIND_MIME[format], content.byteLength);
      },
    }),
  ),
  route({
    method: 'get',
    path: '/api/public/titles',
    summary: '获得称号的企业（公开；不含已撤销） / Titled enterprises (public; never revoked titles)',
    tag,
    access: 'public',
    query: publicTitleQuery,
    response: publicTitlePage,
    handler: async ({ deps, query }) => {
      const { rows, total } = await listPublicTitles(deps, query);
      return {
        items: rows.map((t) => ({ id: t.id, organizationName: t.organizationName, cityName: t.cityName, title: t.name, programName: t.programName, awardedOn: t.awardedOn })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  }),
];
