/** The applicant's side: profile, calls, applications, uploads and attachments, notifications. */
import { z } from 'zod';
import {
  applicationDetail,
  applicationListQuery,
  applicationPage,
  applicationParams,
  attachment,
  attachmentList,
  attachmentParams,
  callDetail,
  callListQuery,
  callPage,
  createApplicationInput,
  createCallInput,
  createUploadInput,
  notification,
  notificationListQuery,
  notificationPage,
  organizationIdParams,
  precheckResult,
  profile,
  profileVersionList,
  profileVersionParams,
  returnInput,
  saveDraftInput,
  saveDraftResult,
  saveProfileInput,
  submitInput,
  upload,
  uploadChunkQuery,
  uploadParams,
  withdrawInput,
  type ApplicationState,
  type ProfileInput,
} from '../../../../contracts/applicants.ts';
import type { Messages } from '../../../core/errors.ts';
import { ROLES } from '../../../core/roles.ts';
import type { ProgramDefinition } from '../../../core/programs/definition.ts';
import type { ApplicationRow, AttachmentRow, NotificationRow, UploadRow } from '../../../use-cases/ports.ts';
import { getApplication, createApplication, listApplications, precheckApplication, returnForRevision, saveDraft, startCityReview, submitApplication, withdrawApplication, type ApplicationView } from '../../../use-cases/applicants/applications.ts';
import { completeUpload, createUpload, deleteAttachment, getUpload, listCredentialEvidence, openAttachment, putChunk } from '../../../use-cases/applicants/attachments.ts';
import { createCall, getCall, listCalls, precheckCall, publishCall, type CallView } from '../../../use-cases/applicants/calls.ts';
import { applicationDocument } from '../../../use-cases/applicants/documents.ts';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../../../use-cases/applicants/notifications.ts';
import { getProfile, listProfileVersions, saveProfile, type ProfileView } from '../../../use-cases/applicants/profile.ts';
import { requireActor } from '../../../use-cases/support.ts';
import { KIND_MIME } from '../../files/index.ts';
import { FileResult, route } from '../route.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const presentProfile = (v: ProfileView) => ({
  organizationId: v.organization.id,
  creditCode: v.organization.creditCode,
  version: v.row?.version ?? 0,
  data: (v.row?.data ?? null) as ProfileInput | null,
  cityId: v.city?.id ?? null,
  cityName: v.city?.name ?? null,
  provinceCode: v.provinceCode,
  updatedAt: iso(v.row?.createdAt ?? null),
  updatedBy: v.row?.createdByName ?? null,
});

const programName = (definition: unknown): Messages => {
  const name = (definition as Partial<ProgramDefinition> | null)?.name;
  return name ? { 'zh-CN': name['zh-CN'], en: name.en } : { 'zh-CN': '', en: '' };
};

const presentCall = (v: CallView) => ({
  id: v.row.id,
  programCode: v.row.programCode,
  programVersion: v.row.programVersion,
  programName: programName(v.row.definition),
  title: v.row.title,
  documentNumber: v.row.documentNumber,
  provinceCode: v.row.provinceCode,
  opensAt: v.row.opensAt.toISOString(),
  deadlineAt: v.row.deadlineAt.toISOString(),
  status: v.status,
  publishedAt: iso(v.row.publishedAt),
  myApplicationId: v.myApplicationId,
});
const presentCallDetail = (v: CallView) => ({ ...presentCall(v), materials: v.row.materials, definition: v.row.definition as Record<string, unknown> });

export const presentSummary = (r: ApplicationRow) => ({
  id: r.id,
  callId: r.callId,
  callTitle: r.callTitle,
  programCode: r.programCode,
  programVersion: r.programVersion,
  programName: r.programName,
  organizationId: r.organizationId,
  organizationName: r.organizationName,
  creditCode: r.creditCode,
  cityName: r.cityName,
  projectName: r.projectName,
  directions: r.directions,
  category: r.category,
  state: r.state as ApplicationState,
  revision: r.revision,
  deadlineAt: r.deadlineAt.toISOString(),
  submittedAt: iso(r.submittedAt),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const presentAttachment = (a: AttachmentRow) => ({
  id: a.id,
  applicationId: a.applicationId,
  purpose: a.purpose,
  requirementId: a.requirementId,
  fileName: a.fileName,
  kind: a.kind,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  uploadedAt: a.createdAt.toISOString(),
  uploadedBy: a.uploadedByName,
});

const presentDetail = (v: ApplicationView) => {
  return {
    ...presentSummary(v.row),
    formData: v.row.formData,
    fieldComments: v.row.fieldComments,
    returnComment: v.row.returnComment,
    commitment: (v.row.commitment ?? null) as { signatoryName: string; acceptedAt: string; ip: string | null; text: string } | null,
    profileVersion: v.row.profileVersion,
    attachments: v.attachments.map(presentAttachment),
    timeline: v.timeline.map((e) => ({ at: e.at.toISOString(), fromState: e.fromState as ApplicationState | null, toState: e.toState as ApplicationState, actorName: e.actorName, actorRole: e.actorRole, comment: e.comment })),
    permissions: v.permissions,
    commitmentText: v.commitmentText,
  };
};

const presentUpload = (u: UploadRow, chunkBytes: number) => ({ id: u.id, fileName: u.fileName, sizeBytes: u.sizeBytes, receivedBytes: u.receivedBytes, chunkBytes, expiresAt: u.expiresAt.toISOString() });

const presentNotification = (n: NotificationRow) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, readAt: iso(n.readAt), createdAt: n.createdAt.toISOString() });

const ok = z.object({ ok: z.literal(true) });
const MIME: Record<string, string> = KIND_MIME;

const profiles = [
  route({
    method: 'get',
    path: '/api/profile',
    summary: '本单位企业档案 / The own organization’s profile (latest version)',
    tag: 'profile',
    access: 'signedIn',
    action: 'profile.read',
    response: profile,
    handler: async ({ deps, ctx }) => presentProfile(await getProfile(deps, ctx, requireActor(ctx).actor.organizationId)),
  }),
  route({
    method: 'put',
    path: '/api/profile',
    summary: '保存企业档案（新版本） / Save the profile as a new version',
    tag: 'profile',
    access: 'signedIn',
    action: 'profile.update',
    body: saveProfileInput,
    response: profile,
    handler: async ({ deps, ctx, body }) => presentProfile(await saveProfile(deps, ctx, body)),
  }),
  route({
    method: 'get',
    path: '/api/profile/versions',
    summary: '企业档案的历史版本 / Versions of the own profile',
    tag: 'profile',
    access: 'signedIn',
    action: 'profile.read',
    response: profileVersionList,
    handler: async ({ deps, ctx }) => ({
      items: (await listProfileVersions(deps, ctx, requireActor(ctx).actor.organizationId)).map((r) => ({ version: r.version, createdAt: r.createdAt.toISOString(), createdBy: r.createdByName })),
    }),
  }),
  route({
    method: 'get',
    path: '/api/profile/versions/:version',
    summary: '企业档案的某一版本 / One version of the own profile',
    tag: 'profile',
    access: 'signedIn',
    action: 'profile.read',
    params: profileVersionParams,
    response: profile,
    handler: async ({ deps, ctx, params }) => presentProfile(await getProfile(deps, ctx, requireActor(ctx).actor.organizationId, params.version)),
  }),
  route({
    method: 'get',
    path: '/api/profile/attachments',
    summary: '资质证明文件 / Credential evidence files of the own organization',
    tag: 'profile',
    access: 'signedIn',
    action: 'profile.read',
    response: attachmentList,
    handler: async ({ deps, ctx }) => ({ items: (await listCredentialEvidence(deps, ctx)).map(presentAttachment) }),
  }),
  route({
    method: 'get',
    path: '/api/organizations/:id/profile',
    summary: '某单位的企业档案 / An organization’s profile (officers, in their area)',
    tag: 'profile',
    access: 'signedIn',
    action: 'profile.read',
    params: organizationIdParams,
    response: profile,
    handler: async ({ deps, ctx, params }) => presentProfile(await getProfile(deps, ctx, params.id)),
  }),
];

const calls = [
  route({
    method: 'get',
    path: '/api/calls',
    summary: '申报通知 / Calls of the province',
    tag: 'calls',
    access: 'signedIn',
    action: 'call.read',
    query: callListQuery,
    response: callPage,
    handler: async ({ deps, ctx, query }) => {
      const { rows, total } = await listCalls(deps, ctx, query);
      return { items: rows.map(presentCall), total, page: query.page, pageSize: query.pageSize };
    },
  }),
  route({
    method: 'post',
    path: '/api/calls',
    summary: '新建申报通知（草稿） / Draft a call',
    tag: 'calls',
    access: 'signedIn',
    action: 'call.manage',
    body: createCallInput,
    response: callDetail,
    status: 201,
    handler: async ({ deps, ctx, body }) => presentCallDetail(await createCall(deps, ctx, body)),
  }),
  route({
    method: 'get',
    path: '/api/calls/:id',
    summary: '申报通知详情 / A call with its program definition',
    tag: 'calls',
    access: 'signedIn',
    action: 'call.read',
    params: applicationParams,
    response: callDetail,
    handler: async ({ deps, ctx, params }) => presentCallDetail(await getCall(deps, ctx, params.id)),
  }),
  route({
    method: 'post',
    path: '/api/calls/:id/publish',
    summary: '发布申报通知 / Publish a call',
    tag: 'calls',
    access: 'signedIn',
    action: 'call.manage',
    params: applicationParams,
    response: callDetail,
    handler: async ({ deps, ctx, params }) => presentCallDetail(await publishCall(deps, ctx, params.id)),
  }),
  route({
    method: 'get',
    path: '/api/calls/:id/precheck',
    summary: '资格自查 / Check the own profile against the call’s rules',
    tag: 'calls',
    access: 'signedIn',
    action: 'application.apply',
    params: applicationParams,
    response: precheckResult,
    handler: async ({ deps, ctx, params }) => precheckCall(deps, ctx, params.id),
  }),
];

const applications = [
  route({
    method: 'get',
    path: '/api/applications',
    summary: '申报列表 / Applications in the actor’s area',
    tag: 'applications',
    access: 'signedIn',
    action: 'application.read',
    query: applicationListQuery,
    response: applicationPage,
    handler: async ({ deps, ctx, query }) => {
      const { rows, total } = await listApplications(deps, ctx, query);
      return { items: rows.map((r) => presentSummary(r)), total, page: query.page, pageSize: query.pageSize };
    },
  }),
  route({
    method: 'post',
    path: '/api/applications',
    summary: '开始申报（草稿） / Start an application under an open call',
    tag: 'applications',
    access: 'signedIn',
    action: 'application.apply',
    body: createApplicationInput,
    response: applicationDetail,
    status: 201,
    handler: async ({ deps, ctx, body }) => presentDetail(await createApplication(deps, ctx, body.callId)),
  }),
  route({
    method: 'get',
    path: '/api/applications/:id',
    summary: '申报详情 / An application with its attachments and timeline',
    tag: 'applications',
    access: 'signedIn',
    action: 'application.read',
    params: applicationParams,
    response: applicationDetail,
    handler: async ({ deps, ctx, params }) => presentDetail(await getApplication(deps, ctx, params.id)),
  }),
  route({
    method: 'put',
    path: '/api/applications/:id/draft',
    summary: '保存草稿 / Save the draft (autosave)',
    tag: 'applications',
    access: 'signedIn',
    action: 'application.apply',
    params: applicationParams,
    body: saveDraftInput,
    response: saveDraftResult,
    handler: async ({ deps, ctx, params, body }) => {
      const r = await saveDraft(deps, ctx, params.id, body);
      return { revision: r.revision, savedAt: r.savedAt.toISOString(), issues: r.issues };
    },
  }),
  route({
    method: 'get',
    path: '/api/applications/:id/precheck',
    summary: '资格自查（含申报书） / Every rule’s outcome for the application as it stands',
    tag: 'applications',
    access: 'signedIn',
    action: 'application.read',
    params: applicationParams,
    response: precheckResult,
    handler: async ({ deps, ctx, params }) => precheckApplication(deps, ctx, params.id),
  }),
  route({
    method: 'post',
    path: '/api/applications/:id/submit',
    summary: '提交申报（含承诺书） / Submit, accepting the commitment',
    tag: 'applications',
    access: 'signedIn',
    action: 'application.apply',
    params: applicationParams,
    body: submitInput,
    response: applicationDetail,
    handler: async ({ deps, ctx, params, body }) => presentDetail(await submitApplication(deps, ctx, params.id, body)),
  }),
  route({
    method: 'post',
    path: '/api/applications/:id/withdraw',
    summary: '撤回申报 / Withdraw (before the city review starts)',
    tag: 'applications',
    access: 'signedIn',
    action: 'application.apply',
    params: applicationParams,
    body: withdrawInput,
    response: applicationDetail,
    handler: async ({ deps, ctx, params, body }) => presentDetail(await withdrawApplication(deps, ctx, params.id, body.reason)),
  }),
  route({
    method: 'post',
    path: '/api/applications/:id/start-review',
    summary: '开始市级初审 / Start the city review',
    tag: 'applications',
    access: 'signedIn',
    action: 'application.review',
    params: applicationParams,
    response: applicationDetail,
    handler: async ({ deps, ctx, params }) => presentDetail(await startCityReview(deps, ctx, params.id)),
  }),
  route({
    method: 'post',
    path: '/api/applications/:id/return',
    summary: '退回修改（逐项意见） / Return for revision with comments on fields',
    tag: 'applications',
    access: 'signedIn',
    action: 'application.review',
    params: applicationParams,
    body: returnInput,
    response: applicationDetail,
    handler: async ({ deps, ctx, params, body }) => presentDetail(await returnForRevision(deps, ctx, params.id, body)),
  }),
  ...(['docx', 'pdf'] as const).map((format) =>
    route({
      method: 'get',
      path: `/api/applications/:id/document.${format}`,
      summary: format === 'docx' ? '申报书（Word） / The application as .docx in the program’s layout' : '申报书（PDF） / The application as PDF',
      tag: 'applications',
      access: 'signedIn',
      action: 'application.read',
      params: applicationParams,
      response: 'file',
      handler: async ({ deps, ctx, params }) => {
        const d = await applicationDocument(deps, ctx, params.id, format);
        return new FileResult(d.content, d.fileName, KIND_MIME[format], d.content.byteLength);
      },
    }),
  ),
];

const files = [
  route({
    method: 'post',
    path: '/api/uploads',
    summary: '开始上传（可续传） / Declare a resumable upload',
    tag: 'attachments',
    access: 'signedIn',
    action: 'application.apply',
    body: createUploadInput,
    response: upload,
    status: 201,
    handler: async ({ deps, ctx, body }) => presentUpload(await createUpload(deps, ctx, body), deps.settings.uploads.chunkBytes),
  }),
  route({
    method: 'get',
    path: '/api/uploads/:id',
    summary: '上传进度 / Where an upload stands (to resume)',
    tag: 'attachments',
    access: 'signedIn',
    action: 'application.apply',
    params: uploadParams,
    response: upload,
    handler: async ({ deps, ctx, params }) => presentUpload(await getUpload(deps, ctx, params.id), deps.settings.uploads.chunkBytes),
  }),
  route({
    method: 'put',
    path: '/api/uploads/:id',
    summary: '上传一个分片 / Send the bytes at an offset',
    tag: 'attachments',
    access: 'signedIn',
    action: 'application.apply',
    params: uploadParams,
    query: uploadChunkQuery,
    rawBody: { maxBytes: 16 * 1024 * 1024 },
    response: upload,
    handler: async ({ deps, ctx, params, query, bytes }) => presentUpload(await putChunk(deps, ctx, params.id, query.offset, bytes), deps.settings.uploads.chunkBytes),
  }),
  route({
    method: 'post',
    path: '/api/uploads/:id/complete',
    summary: '完成上传（按内容检查类型） / Complete: check the content’s type and keep the file',
    tag: 'attachments',
    access: 'signedIn',
    action: 'application.apply',
    params: uploadParams,
    response: attachment,
    status: 201,
    handler: async ({ deps, ctx, params }) => presentAttachment(await completeUpload(deps, ctx, params.id)),
  }),
  route({
    method: 'get',
    path: '/api/attachments/:id/download',
    summary: '下载附件 / Download an attachment (those who may see its application)',
    tag: 'attachments',
    access: 'signedIn',
    action: 'application.read',
    params: attachmentParams,
    response: 'file',
    handler: async ({ deps, ctx, params }) => {
      const { attachment: a, stream, sizeBytes } = await openAttachment(deps, ctx, params.id);
      return new FileResult(stream, a.fileName, MIME[a.kind] ?? 'application/octet-stream', sizeBytes);
    },
  }),
  route({
    method: 'delete',
    path: '/api/attachments/:id',
    summary: '删除附件（修改期间） / Remove an attachment while the application is editable',
    tag: 'attachments',
    access: 'signedIn',
    action: 'application.apply',
    params: attachmentParams,
    response: ok,
    handler: async ({ deps, ctx, params }) => {
      await deleteAttachment(deps, ctx, params.id);
      return { ok: true as const };
    },
  }),
];

const notifications = [
  route({
    method: 'get',
    path: '/api/notifications',
    summary: '站内通知 / The signed-in account’s notifications',
    tag: 'notifications',
    access: 'signedIn',
    roles: ROLES,
    query: notificationListQuery,
    response: notificationPage,
    handler: async ({ deps, ctx, query }) => {
      const { rows, total, unread } = await listNotifications(deps, ctx, query);
      return { items: rows.map(presentNotification), total, unread, page: query.page, pageSize: query.pageSize };
    },
  }),
  route({
    method: 'post',
    path: '/api/notifications/read-all',
    summary: '全部标为已读 / Mark all as read',
    tag: 'notifications',
    access: 'signedIn',
    roles: ROLES,
    response: z.object({ updated: z.number().int() }),
    handler: async ({ deps, ctx }) => ({ updated: await markAllNotificationsRead(deps, ctx) }),
  }),
  route({
    method: 'post',
    path: '/api/notifications/:id/read',
    summary: '标为已读 / Mark one as read',
    tag: 'notifications',
    access: 'signedIn',
    roles: ROLES,
    params: attachmentParams,
    response: notification,
    handler: async ({ deps, ctx, params }) => presentNotification(await markNotificationRead(deps, ctx, params.id)),
  }),
];

export const applicantRoutes = [...profiles, ...calls, ...applications, ...files, ...notifications];
