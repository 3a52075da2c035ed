/** The application as an official document: .docx in the program's layout, and PDF from it. */
import type { ProfileInput } from '../../../contracts/applicants.ts';
import { formsFor } from '../../core/applications/form-data.ts';
import { STATE_LABELS, type ApplicationState } from '../../core/applications/lifecycle.ts';
import type { Deps, RequestContext } from '../ports.ts';
import { recordAudit } from '../support.ts';
import { getApplication } from './applications.ts';

export async function applicationDocument(deps: Deps, ctx: RequestContext, id: string, format: 'docx' | 'pdf'): Promise<{ fileName: string; content: Buffer }> {
  const view = await getApplication(deps, ctx, id);
  const { row, definition } = view;
  const profile = await deps.uow.read(async (repos) => {
    const p = row.profileVersionId ? await repos.profiles.findById(row.profileVersionId) : await repos.profiles.latest(row.organizationId);
    return (p?.data ?? null) as ProfileInput | null;
  });
  const forms = formsFor(definition, row.formData);
  const names = new Map(forms.flatMap((f) => f.attachments.map((a) => [a.id, a.name['zh-CN']] as const)));
  const commitment = row.commitment as { signatoryName: string; acceptedAt: string; text: string } | null;
  const docx = await deps.documents.applicationDocx({
    definition,
    formIds: forms.map((f) => f.id),
    formData: row.formData,
    organization: { name: row.organizationName, creditCode: row.creditCode },
    profile,
    attachments: view.attachments.map((a) => ({ requirementName: names.get(a.requirementId) ?? a.requirementId, fileName: a.fileName, sizeBytes: a.sizeBytes, sha256: a.sha256 })),
    commitment: commitment ? { signatoryName: commitment.signatoryName, acceptedAt: new Date(commitment.acceptedAt), text: commitment.text } : null,
    state: { label: STATE_LABELS[row.state as ApplicationState]?.['zh-CN'] ?? row.state, submittedAt: row.submittedAt },
    callTitle: row.callTitle,
    generatedAt: deps.clock.now(),
  });
  const content = format === 'pdf' ? await deps.documents.toPdf(docx) : docx;
  await deps.uow.transaction((repos) =>
    recordAudit(repos, ctx, deps.clock, { action: 'application.document_generated', entityType: 'application', entityId: id, organizationId: row.organizationId, after: { format } }),
  );
  const base = `${row.projectName || '申报书'}-${row.organizationName}`.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
  return { fileName: `${base}.${format}`, content };
}
