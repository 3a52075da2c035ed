/**
 * Attachments. Uploads are resumable: the client declares the file, sends chunks at offsets (a retry
 * after a dropped connection asks where it stands and continues), and completes it. Chunks are staged
 * in the database, so any server takes the next one and a crash never leaves half a file under a key.
 * On completion the content's type is checked by its bytes against the requirement, the SHA-256 is
 * computed while the file is moved to the file store, and the attachment is recorded.
 */
import { createHash } from 'node:crypto';
import { CREDENTIAL_CODES } from '../../../contracts/applicants.ts';
import { formsFor } from '../../core/applications/form-data.ts';
import { EDITABLE, type ApplicationState } from '../../core/applications/lifecycle.ts';
import { DomainError, fieldError, type Messages } from '../../core/errors.ts';
import { sanitizeFileName } from '../../core/file-names.ts';
import type { AttachmentPurpose, AttachmentRow, Deps, RequestContext, UploadRow } from '../ports.ts';
import { loadProject, requireStatus } from '../implementation/projects.ts';
import { authorize, recordAudit, requireActor } from '../support.ts';
import { expertMayReadApplication } from '../selection/scoring.ts';
import { APPLICATION, loadOrThrow, publishedDefinition } from './common.ts';

const UPLOAD: Messages = { 'zh-CN': '上传', en: 'Upload' };
const ATTACHMENT: Messages = { 'zh-CN': '附件', en: 'Attachment' };
const FILE: Messages = { 'zh-CN': '文件', en: 'File' };
/** Evidence of a credential: scans or PDFs, up to 20 MB each. */
const CREDENTIAL_TYPES = ['pdf', 'jpg', 'png'];
const CREDENTIAL_MAX_MB = 20;
/** Acceptance materials: reports as PDF or Office files, scans; up to 50 MB each. */
const ACCEPTANCE_TYPES = ['pdf', 'docx', 'doc', 'xlsx', 'xls', 'jpg', 'png'];
const ACCEPTANCE_MAX_MB = 50;
/** Until acceptance is requested (or, rectifying, requested again) the materials can change. */
export const ACCEPTANCE_UPLOAD_STATUSES = ['implementing', 'rectifying'] as const;
const STORAGE_PREFIX: Record<AttachmentPurpose, string> = { application: 'applications', credential: 'credentials', acceptance: 'acceptance' };
const MB = 1024 * 1024;
/** What the sniffer reads: enough for the zip directory of an Office file's first entries. */
const SNIFF_BYTES = 4 * MB;

const KIND_NAMES: Record<string, string> = { pdf: 'PDF', docx: 'Word (.docx)', doc: 'Word (.doc)', xlsx: 'Excel (.xlsx)', xls: 'Excel (.xls)', jpg: 'JPEG', png: 'PNG', zip: 'ZIP' };
const kindList = (types: readonly string[]) => types.map((t) => KIND_NAMES[t] ?? t).join('、');

interface Requirement {
  name: Messages;
  types: readonly string[];
  maxBytes: number;
}

async function requirementFor(deps: Deps, ctx: RequestContext, input: { purpose: AttachmentPurpose; applicationId?: string | undefined; requirementId: string }) {
  return deps.uow.read(async (repos) => {
    if (input.purpose === 'acceptance') {
      if (!input.applicationId) throw fieldError('applicationId', 'required', { 'zh-CN': '项目', en: 'Project' }, { 'zh-CN': '必填', en: 'is required' });
      const { project, definition } = await loadProject(repos, ctx, input.applicationId, 'project.report');
      requireStatus(project, ACCEPTANCE_UPLOAD_STATUSES);
      const material = definition.acceptance?.materials.find((m) => m.id === input.requirementId);
      if (!material) throw fieldError('requirementId', 'unknown_requirement', { 'zh-CN': '验收材料', en: 'Acceptance material' }, { 'zh-CN': '不是本项目类别要求的验收材料', en: 'is not an acceptance material of the program' });
      const requirement: Requirement = { name: material.name, types: ACCEPTANCE_TYPES, maxBytes: ACCEPTANCE_MAX_MB * MB };
      // Not counted against the application's limit: the application was decided long ago.
      return { organizationId: project.organizationId, applicationId: project.applicationId, requirement, usedBytes: 0 };
    }
    if (input.purpose === 'credential') {
      const acting = authorize(ctx, 'profile.update');
      if (!(CREDENTIAL_CODES as readonly string[]).includes(input.requirementId)) {
        throw fieldError('requirementId', 'unknown_credential', { 'zh-CN': '资质类型', en: 'Credential' }, { 'zh-CN': '不是可登记的资质', en: 'is not a credential the profile records' });
      }
      const requirement: Requirement = { name: { 'zh-CN': '资质证明', en: 'Credential evidence' }, types: CREDENTIAL_TYPES, maxBytes: CREDENTIAL_MAX_MB * MB };
      return { organizationId: acting.actor.organizationId, applicationId: null, requirement, usedBytes: 0 };
    }
    if (!input.applicationId) throw fieldError('applicationId', 'required', { 'zh-CN': '申报', en: 'Application' }, { 'zh-CN': '必填', en: 'is required' });
    const row = loadOrThrow(await repos.applications.findById(input.applicationId), APPLICATION);
    authorize(ctx, 'application.apply', { organizationPath: row.organizationPath });
    if (!EDITABLE.includes(row.state as ApplicationState)) {
      throw new DomainError('conflict', 'not_editable', { 'zh-CN': '申报已提交，不能再更改附件', en: 'The application is submitted; its attachments cannot change' });
    }
    const version = loadOrThrow(await repos.programs.findVersion(row.programCode, row.programVersion), APPLICATION);
    const definition = publishedDefinition(row.programCode, row.programVersion, version.definition);
    const found = formsFor(definition, row.formData)
      .flatMap((f) => f.attachments)
      .find((a) => a.id === input.requirementId);
    if (!found) throw fieldError('requirementId', 'unknown_requirement', { 'zh-CN': '附件类型', en: 'Attachment type' }, { 'zh-CN': '不是本申报要求的附件', en: 'is not an attachment this application takes' });
    const requirement: Requirement = { name: found.name, types: found.types, maxBytes: found.maxSizeMb * MB };
    return { organizationId: row.organizationId, applicationId: row.id, requirement, usedBytes: await repos.attachments.totalBytes(row.id) };
  });
}

/** Declares an upload; refuses at once what is too big for its requirement or for the application. */
export async function createUpload(
  deps: Deps,
  ctx: RequestContext,
  input: { purpose: AttachmentPurpose; applicationId?: string | undefined; requirementId: string; fileName: string; sizeBytes: number },
): Promise<UploadRow> {
  const { organizationId, applicationId, requirement, usedBytes } = await requirementFor(deps, ctx, input);
  const fileName = sanitizeFileName(input.fileName);
  if (input.sizeBytes > requirement.maxBytes) {
    throw fieldError('sizeBytes', 'file_too_large', FILE, {
      'zh-CN': `“${fileName}”为 ${(input.sizeBytes / MB).toFixed(1)} MB，超过“${requirement.name['zh-CN']}”的上限 ${requirement.maxBytes / MB} MB`,
      en: `“${fileName}” is ${(input.sizeBytes / MB).toFixed(1)} MB, over the ${requirement.maxBytes / MB} MB limit of “${requirement.name.en}”`,
    });
  }
  const limit = deps.settings.uploads.maxApplicationBytes;
  if (applicationId && input.purpose === 'application' && usedBytes + input.sizeBytes > limit) {
    throw fieldError('sizeBytes', 'application_too_large', FILE, {
      'zh-CN': `附件合计将超过每个申报 ${limit / MB} MB 的上限（已用 ${(usedBytes / MB).toFixed(1)} MB）`,
      en: `the attachments would exceed the ${limit / MB} MB limit per application (${(usedBytes / MB).toFixed(1)} MB used)`,
    });
  }
  const now = deps.clock.now();
  return deps.uow.transaction((repos) =>
    repos.uploads.insert({
      id: deps.tokens.random(18),
      organizationId,
      applicationId,
      purpose: input.purpose,
      requirementId: input.requirementId,
      fileName,
      sizeBytes: input.sizeBytes,
      createdBy: ctx.actor!.accountId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + deps.settings.uploads.ttlHours * 3_600_000),
    }),
  );
}

async function ownUpload(repos: Parameters<Parameters<Deps['uow']['read']>[0]>[0], ctx: RequestContext, id: string, now: Date, forUpdate = false): Promise<UploadRow> {
  const upload = forUpdate ? await repos.uploads.findByIdForUpdate(id) : await repos.uploads.findById(id);
  // Another account's upload is "not found": its id must not be probed.
  if (!upload || upload.createdBy !== ctx.actor?.accountId || upload.expiresAt < now) throw loadOrThrow(undefined, UPLOAD);
  return upload;
}

export async function getUpload(deps: Deps, ctx: RequestContext, id: string): Promise<UploadRow> {
  authorize(ctx, 'application.apply');
  return deps.uow.read((repos) => ownUpload(repos, ctx, id, deps.clock.now()));
}

/** Appends a chunk at `offset`; an offset other than the bytes received so far is refused with where to continue. */
export async function putChunk(deps: Deps, ctx: RequestContext, id: string, offset: number, data: Uint8Array): Promise<UploadRow> {
  authorize(ctx, 'application.apply');
  return deps.uow.transaction(async (repos) => {
    const upload = await ownUpload(repos, ctx, id, deps.clock.now(), true);
    if (offset !== upload.receivedBytes) {
      throw new DomainError(
        'conflict',
        'offset_mismatch',
        { 'zh-CN': `服务器已收到 ${upload.receivedBytes} 字节，请从该位置继续`, en: `The server has ${upload.receivedBytes} bytes; continue from there` },
        [],
        { receivedBytes: upload.receivedBytes },
      );
    }
    if (data.byteLength === 0 || data.byteLength > deps.settings.uploads.chunkBytes || offset + data.byteLength > upload.sizeBytes) {
      throw fieldError('offset', 'chunk_size', { 'zh-CN': '分片', en: 'Chunk' }, {
        'zh-CN': `大小不对：每片 1 至 ${deps.settings.uploads.chunkBytes} 字节，且不超过声明的文件大小`,
        en: `has the wrong size: 1 to ${deps.settings.uploads.chunkBytes} bytes, within the declared file size`,
      });
    }
    await repos.uploads.appendChunk(id, offset, data);
    return { ...upload, receivedBytes: offset + data.byteLength };
  });
}

/** Kinds that are zip archives inside. */
const ARCHIVE_KINDS: readonly string[] = ['docx', 'xlsx', 'zip'];

/** The staged chunks of an upload, in order, read afresh at each iteration. */
async function* stagedChunks(deps: Deps, id: string): AsyncGenerator<Uint8Array> {
  yield* await deps.uow.read(async (repos) => repos.uploads.chunks(id));
}

/** Checks the content, moves it to the file store with its SHA-256, and records the attachment. */
export async function completeUpload(deps: Deps, ctx: RequestContext, id: string): Promise<AttachmentRow> {
  authorize(ctx, 'application.apply');
  const upload = await deps.uow.read((repos) => ownUpload(repos, ctx, id, deps.clock.now()));
  if (upload.receivedBytes !== upload.sizeBytes) {
    throw new DomainError('conflict', 'upload_incomplete', { 'zh-CN': `文件尚未传完（${upload.receivedBytes}/${upload.sizeBytes} 字节）`, en: `The file is incomplete (${upload.receivedBytes}/${upload.sizeBytes} bytes)` }, [], {
      receivedBytes: upload.receivedBytes,
    });
  }
  const { requirement } = await requirementFor(deps, ctx, { purpose: upload.purpose, applicationId: upload.applicationId ?? undefined, requirementId: upload.requirementId });
  const head = await deps.uow.read((repos) => repos.uploads.firstBytes(id, SNIFF_BYTES));
  const sniffed = await deps.sniffer.sniff(head);
  // An OLE compound file (.doc/.xls) is reported as one of them; either type admits it.
  const kind = sniffed.kind && (requirement.types.includes(sniffed.kind) || (sniffed.detected === 'cfb' && requirement.types.some((t) => t === 'doc' || t === 'xls'))) ? sniffed.kind : null;
  if (!kind) {
    const what = sniffed.kind ? (KIND_NAMES[sniffed.kind] ?? sniffed.kind) : sniffed.detected ? sniffed.detected.toUpperCase() : null;
    throw fieldError('file', 'file_type', { 'zh-CN': `“${upload.fileName}”`, en: `“${upload.fileName}”` }, {
      'zh-CN': `${what ? `文件内容是 ${what}` : '无法识别文件内容'}，“${requirement.name['zh-CN']}”只接受 ${kindList(requirement.types)}（按内容检查，与文件名无关）`,
      en: `${what ? `the content is ${what}` : 'the content is not a recognised type'}; “${requirement.name.en}” takes ${kindList(requirement.types)} only (checked by content, not by name)`,
    });
  }
  // A zip bomb passes the sniffer (its entry names are a docx's); its directory and content are checked, never expanded.
  if (ARCHIVE_KINDS.includes(kind)) {
    const staged = { sizeBytes: upload.sizeBytes, open: () => stagedChunks(deps, id) };
    const problem = await deps.sniffer.inspectArchive(staged);
    if (problem) throw fieldError('file', problem.code, { 'zh-CN': `“${upload.fileName}”`, en: `“${upload.fileName}”` }, problem.messages);
  }

  const key = `${STORAGE_PREFIX[upload.purpose]}/${upload.organizationId}/${deps.tokens.random(16).toLowerCase().replace(/[^a-z0-9]/g, '0')}`;
  const hash = createHash('sha256');
  const chunks = deps.uow.read(async (repos) => repos.uploads.chunks(id));
  async function* hashed(): AsyncIterable<Uint8Array> {
    for await (const chunk of await chunks) {
      hash.update(chunk);
      yield chunk;
    }
  }
  await deps.files.put(key, hashed(), upload.sizeBytes);
  const sha256 = hash.digest('hex');

  return deps.uow.transaction(async (repos) => {
    const still = await repos.uploads.findByIdForUpdate(id);
    if (!still) {
      await deps.files.delete(key);
      throw loadOrThrow(undefined, UPLOAD);
    }
    const now = deps.clock.now();
    const attachment = await repos.attachments.insert({
      organizationId: upload.organizationId,
      applicationId: upload.applicationId,
      purpose: upload.purpose,
      requirementId: upload.requirementId,
      fileName: upload.fileName,
      kind,
      sizeBytes: upload.sizeBytes,
      sha256,
      storageKey: key,
      uploadedBy: ctx.actor!.accountId,
      createdAt: now,
    });
    await repos.uploads.delete(id);
    await recordAudit(repos, ctx, deps.clock, {
      action: 'attachment.uploaded',
      entityType: 'attachment',
      entityId: attachment.id,
      organizationId: upload.organizationId,
      after: { applicationId: upload.applicationId, purpose: upload.purpose, requirementId: upload.requirementId, fileName: upload.fileName, kind, sizeBytes: upload.sizeBytes, sha256 },
    });
    return { ...attachment, uploadedByName: ctx.actor!.name };
  });
}

/** Who may see an attachment: those who may see its application, or (evidence) the profile. */
async function readable(deps: Deps, ctx: RequestContext, id: string) {
  return deps.uow.transaction(async (repos) => {
    const attachment = loadOrThrow(await repos.attachments.findById(id), ATTACHMENT);
    // An expert reads the attachments of an application they accepted to review (and only those).
    if (ctx.actor?.role === 'expert' && attachment.purpose === 'application' && attachment.applicationId && (await expertMayReadApplication(repos, ctx.actor.accountId, attachment.applicationId))) {
      return { attachment, acting: requireActor(ctx) };
    }
    const organization = loadOrThrow(await repos.organizations.findById(attachment.organizationId), ATTACHMENT);
    const action = attachment.purpose === 'credential' ? 'profile.read' : attachment.purpose === 'acceptance' ? 'project.read' : 'application.read';
    const acting = authorize(ctx, action, { organizationPath: organization.path });
    return { attachment, acting };
  });
}

export async function openAttachment(deps: Deps, ctx: RequestContext, id: string): Promise<{ attachment: AttachmentRow; stream: ReadableStream<Uint8Array>; sizeBytes: number }> {
  const { attachment, acting } = await readable(deps, ctx, id);
  if (acting.actor.organizationId !== attachment.organizationId) {
    await deps.uow.transaction((repos) =>
      recordAudit(repos, ctx, deps.clock, { action: 'attachment.downloaded', entityType: 'attachment', entityId: id, organizationId: attachment.organizationId, after: { fileName: attachment.fileName } }),
    );
  }
  const { stream, sizeBytes } = await deps.files.open(attachment.storageKey);
  return { attachment, stream, sizeBytes };
}

export async function listCredentialEvidence(deps: Deps, ctx: RequestContext): Promise<AttachmentRow[]> {
  const acting = authorize(ctx, 'profile.read');
  return deps.uow.read((repos) => repos.attachments.forOrganization(acting.actor.organizationId, 'credential'));
}

/** Removes an attachment from an application still being edited (the stored file stays for the audit trail). */
export async function deleteAttachment(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  await deps.uow.transaction(async (repos) => {
    const attachment = loadOrThrow(await repos.attachments.findById(id), ATTACHMENT);
    const organization = loadOrThrow(await repos.organizations.findById(attachment.organizationId), ATTACHMENT);
    if (attachment.purpose === 'acceptance') {
      // A material of a requested round stays: the acceptance was decided on it.
      const { project } = await loadProject(repos, ctx, attachment.applicationId!, 'project.report', { lock: true });
      requireStatus(project, ACCEPTANCE_UPLOAD_STATUSES);
      const used = (await repos.projects.acceptances(project.applicationId)).some((r) => (r.materials as { attachmentId?: string }[]).some((m) => m.attachmentId === id));
      if (used) throw new DomainError('conflict', 'material_submitted', { 'zh-CN': '该材料已随验收申请提交，不能删除', en: 'The material was submitted with an acceptance request; it cannot be removed' });
    } else {
      authorize(ctx, attachment.purpose === 'credential' ? 'profile.update' : 'application.apply', { organizationPath: organization.path });
    }
    if (attachment.applicationId && attachment.purpose === 'application') {
      const application = loadOrThrow(await repos.applications.findByIdForUpdate(attachment.applicationId), APPLICATION);
      if (!EDITABLE.includes(application.state as ApplicationState)) {
        throw new DomainError('conflict', 'not_editable', { 'zh-CN': '申报已提交，不能删除附件', en: 'The application is submitted; attachments cannot be removed' });
      }
    }
    await repos.attachments.markDeleted(id, deps.clock.now());
    await recordAudit(repos, ctx, deps.clock, { action: 'attachment.deleted', entityType: 'attachment', entityId: id, organizationId: attachment.organizationId, before: { fileName: attachment.fileName, sha256: attachment.sha256 } });
  });
}
