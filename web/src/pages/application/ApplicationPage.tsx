/**
 * One application. For the applicant while it is editable: the form of the forms that apply (a
 * category's forms appear once it is chosen), saved by itself as it is typed and kept in the browser
 * until the server has it; the attachments; a live pre-check; submission with the commitment, and
 * withdrawal. For a city officer: the same, read-only, with 开始初审 and 退回修改. For everyone who
 * may read it: the timeline of its states and the generated documents.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Drawer, Dropdown, Form, Popover, Row, Space, Tag, Timeline, Typography } from 'antd';
import {
  CheckCircleOutlined,
  CloudSyncOutlined,
  DownloadOutlined,
  ExclamationCircleOutlined,
  FileWordOutlined,
  FilePdfOutlined,
  IdcardOutlined,
  LoadingOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  SendOutlined,
  StopOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, Attachment, CallDetail } from '../../../../contracts/applicants.ts';
import { formsFor, validateFormData, type Mode } from '../../../../src/core/applications/form-data.ts';
import { directionCodes, type ProgramDefinition } from '../../../../src/core/programs/definition.ts';
import { ApiError, downloadFile, presentError } from '../../api/client.ts';
import { useUser } from '../../api/session.ts';
import { Citation } from '../../components/Citation.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PrecheckPanel } from '../../components/PrecheckPanel.tsx';
import { ErrorResult, PageSkeleton } from '../../components/QueryState.tsx';
import { ApplicationStateTag, DeadlineTag, stateLabel } from '../../components/StatusTags.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { roleLabel } from '../../lib/labels.ts';
import { dropCopies, readCopies, restorable, type LocalCopy } from '../../lib/local-draft.ts';
import { userMay } from '../../routes.ts';
import { applicationKeys, documentPath, useApplication, useApplicationPrecheck, useReturnApplication, useStartReview, useSubmitApplication, useWithdrawApplication, type FormData, type SaveDraftResult } from '../applications/data.ts';
import { useCall } from '../calls/data.ts';
import { useOrganizationProfile } from '../profile/data.ts';
import { ProfileView } from '../profile/ProfileView.tsx';
import { ReturnModal, SubmitModal, WithdrawModal, type ReturnValues } from './ActionModals.tsx';
import { ApplicationForms, ReturnBanner, type FormContext } from './ApplicationForm.tsx';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';
import { CityDecisionPanel } from '../recommendation/CityDecisionPanel.tsx';
import { commentTargets, missingRequired, replacementValues, sortProblems, type PathProblem } from './model.ts';
import { useAutosave, type SaveStatus } from './useAutosave.ts';

export default function ApplicationPage() {
  const { id = '' } = useParams();
  const application = useApplication(id);
  const call = useCall(application.data?.callId ?? '');
  if (application.isPending || (application.data && call.isPending)) return <PageSkeleton />;
  if (application.isError) return <ErrorResult error={application.error} onRetry={() => void application.refetch()} />;
  if (call.isError) return <ErrorResult error={call.error} onRetry={() => void call.refetch()} />;
  return <ApplicationView key={application.data.id} application={application.data} call={call.data!} reload={() => application.refetch().then((r) => r.data)} />;
}

const isFieldProblem = (error: unknown) => error instanceof ApiError && (error.problem.errors?.length ?? 0) > 0;

function ApplicationView({ application, call, reload }: { application: ApplicationDetail; call: CallDetail; reload: () => Promise<ApplicationDetail | undefined> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { user } = useUser();
  const definition = call.definition as unknown as ProgramDefinition;
  const allowedDirections = useMemo(() => new Set(directionCodes(definition.directions ?? [], definition.directionLevel ?? 1)), [definition]);
  const permissions = application.permissions;
  const editable = permissions.edit;
  const own = userMay(user, 'application.apply');

  const [form] = Form.useForm<FormData>();
  const [returnForm] = Form.useForm<ReturnValues>();
  const mode = useRef<Mode>('draft');
  const submitting = useRef(false);
  const [live, setLive] = useState<FormData>(application.formData);
  const [serverIssues, setServerIssues] = useState<PathProblem[]>([]);
  const [attachmentProblems, setAttachmentProblems] = useState<Record<string, string[]>>({});
  const [offer, setOffer] = useState<LocalCopy | null>(null);
  const [submitOpen, setSubmitOpen] = useState(false);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const [returnOpen, setReturnOpen] = useState(false);
  const [profileOpen, setProfileOpen] = useState(false);

  const forms = useMemo(() => formsFor(definition, live), [definition, live]);
  const precheck = useApplicationPrecheck(application.id, true);
  const submit = useSubmitApplication(application.id, { handles: (e) => isFieldProblem(e) || (e instanceof ApiError && (e.code === 'not_eligible' || e.code === 'stale_revision')) });
  const withdraw = useWithdrawApplication(application.id, {});
  const startReview = useStartReview(application.id);
  const returnIt = useReturnApplication(application.id, { form: returnForm });
  const officerProfile = useOrganizationProfile(application.organizationId, profileOpen && !own);

  const ctx: FormContext = { definition, allowedDirections, mode, readOnly: !editable, fieldComments: application.fieldComments };

  const autosave = useAutosave({
    applicationId: application.id,
    revision: application.revision,
    enabled: editable,
    read: () => form.getFieldsValue(true) as FormData,
    onSaved: (result: SaveDraftResult) => {
      setServerIssues(result.issues);
      void queryClient.invalidateQueries({ queryKey: applicationKeys.precheck(application.id) });
      void queryClient.invalidateQueries({ queryKey: applicationKeys.list });
    },
    onConflict: (mine) => void resolveConflict(mine),
    onInvalid: (error) => showProblems(error.problem.errors ?? []),
  });

  // A copy typed here earlier and never saved (closed tab, failed save): offer it back.
  useEffect(() => {
    if (!editable) {
      dropCopies(application.id);
      return;
    }
    setOffer(restorable(readCopies(application.id), { id: application.id, updatedAt: application.updatedAt, formData: application.formData }));
  }, [application.id]); // once per application

  const showProblems = (problems: readonly PathProblem[]) => {
    const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
    const sorted = sortProblems(problems, language, (name) => registered.has(JSON.stringify(name)));
    if (sorted.fields.length) form.setFields(sorted.fields.map((f) => ({ name: f.name, errors: f.messages })));
    setAttachmentProblems(sorted.attachments);
    if (sorted.other.length) void message.error({ content: sorted.other.join('；'), key: 'application-problems' });
    const first = sorted.fields[0];
    if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
    else {
      const firstAttachment = Object.keys(sorted.attachments)[0];
      if (firstAttachment) document.getElementById(`attachment-${firstAttachment}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
  };

  const resolveConflict = async (mine: FormData) => {
    const fresh = await reload();
    if (!fresh) return;
    form.setFieldsValue(replacementValues(form.getFieldsValue(true) as FormData, fresh.formData));
    setLive(fresh.formData);
    autosave.reset(fresh.revision, false);
    modal.confirm({
      title: t('application.conflict.title'),
      content: t('application.conflict.content', { revision: fresh.revision }),
      okText: t('application.conflict.keepMine'),
      cancelText: t('application.conflict.useTheirs'),
      onOk: () => {
        form.setFieldsValue(replacementValues(fresh.formData, mine));
        setLive(mine);
        autosave.reset(fresh.revision, true);
      },
      onCancel: () => dropCopies(application.id),
    });
  };

  const restore = () => {
    if (!offer) return;
    form.setFieldsValue(replacementValues(application.formData, offer.formData));
    setLive(offer.formData);
    setOffer(null);
    autosave.changed();
    void message.success(t('application.restore.done'));
  };

  const uploaded = useMemo(() => new Set(application.attachments.filter((a) => a.purpose === 'application').map((a) => a.requirementId)), [application.attachments]);
  const liveIssues = useMemo(() => {
    if (!editable) return [];
    const fieldIssues = validateFormData(definition, live, 'submit').filter((i) => !i.path.startsWith('attachments.'));
    const requirementIds = new Set(forms.flatMap((f) => f.attachments.map((a) => a.id)));
    const missing = new Set([...missingRequired(forms, uploaded), ...serverIssues.filter((i) => i.path.startsWith('attachments.')).map((i) => i.path.slice(12))]);
    const attachmentIssues = [...missing]
      .filter((id) => requirementIds.has(id) && !uploaded.has(id))
      .map((id) => {
        const requirement = forms.flatMap((f) => f.attachments).find((a) => a.id === id);
        return { path: `attachments.${id}`, code: 'attachment_missing', messages: { 'zh-CN': `${requirement?.name['zh-CN'] ?? id}：必须上传`, en: `${requirement?.name.en ?? id}: must be uploaded` } };
      });
    return [...fieldIssues, ...attachmentIssues];
  }, [definition, live, forms, serverIssues, editable, uploaded]);

  const updateAttachments = (change: (list: Attachment[]) => Attachment[]) => {
    queryClient.setQueryData<ApplicationDetail>(applicationKeys.detail(application.id), (prev) => (prev ? { ...prev, attachments: change(prev.attachments) } : prev));
    void queryClient.invalidateQueries({ queryKey: applicationKeys.precheck(application.id) });
  };

  const trySubmit = async () => {
    if (submit.isPending) return;
    mode.current = 'submit';
    try {
      await form.validateFields();
    } catch (info) {
      const first = (info as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
      void message.error({ content: t('application.fixFirst'), key: 'fix-first' });
      return;
    }
    const missing = missingRequired(forms, uploaded);
    if (missing.length) {
      showProblems(liveIssues.filter((i) => i.path.startsWith('attachments.')));
      void message.error({ content: t('application.attachmentsMissing', { count: missing.length }), key: 'fix-first' });
      return;
    }
    if (!(await autosave.saveAll())) {
      void message.error({ content: t('application.saveBeforeSubmit'), key: 'fix-first' });
      return;
    }
    setSubmitOpen(true);
  };

  const doSubmit = ({ signatoryName }: { signatoryName: string }) => {
    // A double click reaches here twice before the first request has re-rendered the button.
    if (submitting.current) return;
    submitting.current = true;
    submit.mutate(
      { revision: autosave.revision(), commitment: { signatoryName, accepted: true } },
      {
        onSuccess: () => {
          setSubmitOpen(false);
          dropCopies(application.id);
          void message.success(t('application.submit.done'));
        },
        onError: (error) => {
          setSubmitOpen(false);
          if (!(error instanceof ApiError)) return;
          if (error.code === 'not_eligible') void showNotEligible(error);
          else if (error.code === 'stale_revision') void resolveConflict(form.getFieldsValue(true) as FormData);
          else if (isFieldProblem(error)) {
            void message.error({ content: error.localMessage, key: 'fix-first' });
            showProblems(error.problem.errors ?? []);
          }
        },
        onSettled: () => {
          submitting.current = false;
        },
      },
    );
  };

  const showNotEligible = async (error: ApiError) => {
    // The refusal names the blocking rules; the refreshed pre-check shows the same on the page.
    void precheck.refetch();
    const outcomes = Array.isArray(error.problem.outcomes) ? (error.problem.outcomes as { ruleId: string; message: { 'zh-CN': string; en: string }; citation: string }[]) : [];
    modal.error({
      title: t('application.notEligible.title'),
      width: 560,
      content: (
        <div data-testid="not-eligible">
          <Typography.Paragraph>{error.localMessage}</Typography.Paragraph>
          <ul className="plain-list">
            {outcomes.length
              ? outcomes.map((o) => (
                  <li key={o.ruleId}>
                    {o.message[language]} <Citation value={o.citation} hideEmpty />
                  </li>
                ))
              : (error.problem.errors ?? []).map((e, i) => <li key={i}>{e.messages[language]}</li>)}
          </ul>
        </div>
      ),
    });
  };

  const download = (kind: 'docx' | 'pdf') =>
    void downloadFile(documentPath(application.id, kind), `${application.projectName || application.id}.${kind}`).catch((error) => {
      if (error instanceof ApiError && error.code === 'pdf_unavailable') void message.warning(error.localMessage);
      else presentError(error, { surface: 'action' });
    });

  // The project's name as typed (the server's summary has it only as of the last load).
  const typedName = Object.values(live)
    .map((values) => values?.projectName)
    .find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const title = (editable ? typedName : undefined) ?? (application.projectName || call.title);
  const deadlinePassed = Date.parse(application.deadlineAt) <= Date.now();

  return (
    <>
      <Typography.Text className="page-breadcrumb">
        <Link to="/applications">{t(own ? 'nav.myApplications' : 'nav.applications')}</Link> / {title}
      </Typography.Text>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="application-title">{title}</span>
            <ApplicationStateTag state={application.state} />
          </Space>
        }
        subtitle={
          <Space size={8} wrap>
            <Link to={`/calls/${call.id}`}>{call.title}</Link>
            {own ? null : <span>· {application.organizationName}{application.cityName ? `（${application.cityName}）` : ''}</span>}
            <span>
              · {t('calls.deadline')} {format.dateTime(application.deadlineAt)}
            </span>
            {editable ? <DeadlineTag opensAt={null} deadlineAt={application.deadlineAt} /> : null}
          </Space>
        }
        extra={
          <Space wrap>
            {editable ? <SaveStatusText status={autosave.status} /> : null}
            {!own && userMay(user, 'profile.read') ? (
              <Button icon={<IdcardOutlined />} onClick={() => setProfileOpen(true)}>
                {t('application.viewProfile')}
              </Button>
            ) : null}
            <Dropdown
              menu={{
                items: [
                  { key: 'docx', icon: <FileWordOutlined />, label: t('application.download.docx') },
                  { key: 'pdf', icon: <FilePdfOutlined />, label: t('application.download.pdf') },
                ],
                onClick: ({ key }) => download(key as 'docx' | 'pdf'),
              }}
            >
              <Button icon={<DownloadOutlined />}>{t('application.download.title')}</Button>
            </Dropdown>
            {permissions.withdraw ? (
              <Button danger icon={<StopOutlined />} onClick={() => setWithdrawOpen(true)}>
                {t('application.withdraw.title')}
              </Button>
            ) : null}
            {permissions.startReview ? (
              <Button
                icon={<PlayCircleOutlined />}
                data-testid="start-review"
                loading={startReview.isPending}
                onClick={() =>
                  modal.confirm({
                    title: t('application.startReview.title'),
                    content: t('application.startReview.content'),
                    okText: t('application.startReview.confirm'),
                    onOk: () => startReview.mutateAsync().then(() => void message.success(t('application.startReview.done'))),
                  })
                }
              >
                {t('application.startReview.confirm')}
              </Button>
            ) : null}
            {permissions.returnForRevision ? (
              <Button icon={<RollbackOutlined />} onClick={() => setReturnOpen(true)}>
                {t('application.return.title')}
              </Button>
            ) : null}
            {permissions.submit ? (
              <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} disabled={submit.isPending} onClick={() => void trySubmit()} data-testid="submit-application">
                {t(application.state === 'returned' ? 'application.submit.again' : 'application.submit.button')}
              </Button>
            ) : null}
          </Space>
        }
      />

      {application.returnComment && (application.state === 'returned' || editable) ? <ReturnBanner comment={application.returnComment} /> : null}
      {offer ? (
        <Alert
          type="info"
          showIcon
          className="page-alert"
          data-testid="restore-offer"
          title={t('application.restore.title', { at: format.dateTime(offer.changedAt, true) })}
          description={t('application.restore.description')}
          action={
            <Space orientation="vertical">
              <Button size="small" type="primary" onClick={restore}>
                {t('application.restore.restore')}
              </Button>
              <Button
                size="small"
                onClick={() => {
                  dropCopies(application.id);
                  setOffer(null);
                }}
              >
                {t('application.restore.discard')}
              </Button>
            </Space>
          }
        />
      ) : null}
      {own && !editable && application.state !== 'draft' ? <Alert type="info" showIcon className="page-alert" title={t(`application.readOnly.${application.state === 'withdrawn' ? 'withdrawn' : 'submitted'}`)} /> : null}
      {editable && deadlinePassed ? <Alert type="error" showIcon className="page-alert" title={t('application.deadlinePassed')} /> : null}
      <CityDecisionPanel application={application} />

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <div
            onBlur={() => {
              // A field lost focus: save now rather than after the pause.
              if (editable) window.setTimeout(() => autosave.flush(), 0);
            }}
          >
            <Form<FormData>
              form={form}
              layout="vertical"
              initialValues={application.formData}
              disabled={!editable}
              onValuesChange={() => {
                setLive(form.getFieldsValue(true) as FormData);
                autosave.changed();
              }}
              className="application-form-root"
            >
              <ApplicationForms forms={forms} ctx={ctx} />
            </Form>
          </div>
          <Card title={t('attachments.title')} className="form-card" size="small" extra={<Typography.Text type="secondary">{t('attachments.hint')}</Typography.Text>}>
            <AttachmentsPanel
              application={application}
              forms={forms}
              editable={editable}
              problems={attachmentProblems}
              onAdded={(a) => {
                updateAttachments((list) => [...list, a]);
                setAttachmentProblems(({ [a.requirementId]: _gone, ...rest }) => rest);
              }}
              onRemoved={(a) => updateAttachments((list) => list.filter((x) => x.id !== a.id))}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <div className="side-column">
            {editable ? <CompletenessCard issues={liveIssues} onGo={(path) => goTo(path)} /> : null}
            <Card title={t('precheck.title')} size="small" className="form-card" extra={precheck.isFetching ? <LoadingOutlined /> : null}>
              <PrecheckPanel query={precheck} profileLinks={own} />
            </Card>
            <Card title={t('application.timeline.title')} size="small" className="form-card">
              <Timeline
                data-testid="timeline"
                items={[...application.timeline].reverse().map((e, i) => ({
                  key: i,
                  color: e.toState === 'returned' || e.toState === 'rejected' ? 'red' : e.toState === 'withdrawn' ? 'gray' : e.toState === 'draft' ? 'blue' : 'green',
                  content: (
                    <div className="timeline-entry">
                      <Typography.Text strong>{stateLabel(e.toState, language)}</Typography.Text>
                      <Typography.Text type="secondary" className="cell-sub">
                        {format.dateTime(e.at)}
                        {e.actorName ? ` · ${e.actorName}` : ''}
                        {e.actorRole ? ` · ${roleLabel(e.actorRole, language)}` : ''}
                      </Typography.Text>
                      {e.comment ? <div className="pre-wrap timeline-comment">{e.comment}</div> : null}
                    </div>
                  ),
                }))}
              />
              {application.commitment ? (
                <Typography.Text type="secondary" className="cell-sub">
                  {t('application.committed', { name: application.commitment.signatoryName, at: format.dateTime(application.commitment.acceptedAt) })}
                </Typography.Text>
              ) : null}
            </Card>
          </div>
        </Col>
      </Row>

      <SubmitModal open={submitOpen} commitmentText={application.commitmentText} defaultSignatory={user.displayName} pending={submit.isPending} onSubmit={doSubmit} onCancel={() => setSubmitOpen(false)} />
      <WithdrawModal
        open={withdrawOpen}
        pending={withdraw.isPending}
        onCancel={() => setWithdrawOpen(false)}
        onSubmit={(reason) =>
          withdraw.mutate(reason, {
            onSuccess: () => {
              setWithdrawOpen(false);
              dropCopies(application.id);
              void message.success(t('application.withdraw.done'));
            },
          })
        }
      />
      <ReturnModal
        open={returnOpen}
        pending={returnIt.isPending}
        form={returnForm}
        targets={commentTargets(forms, language)}
        onCancel={() => setReturnOpen(false)}
        onSubmit={(input) =>
          returnIt.mutate(input, {
            onSuccess: () => {
              setReturnOpen(false);
              returnForm.resetFields();
              void message.success(t('application.return.done'));
            },
          })
        }
      />
      <Drawer open={profileOpen} onClose={() => setProfileOpen(false)} size={720} title={`${t('nav.profile')} · ${application.organizationName}`} destroyOnHidden>
        {officerProfile.isPending ? <PageSkeleton /> : officerProfile.isError ? <ErrorResult error={officerProfile.error} onRetry={() => void officerProfile.refetch()} /> : <ProfileView profile={officerProfile.data} />}
      </Drawer>
    </>
  );

  function goTo(path: string) {
    if (path.startsWith('attachments.')) {
      document.getElementById(`attachment-${path.slice(12)}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    const name = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    form.scrollToField(name.slice(0, 2), { block: 'center', behavior: 'smooth' });
    form.focusField(name.slice(0, 2));
  }
}

/** 已保存 14:05:09 / 保存中… / 有未保存的修改 / 保存失败（将重试）. */
function SaveStatusText({ status }: { status: SaveStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const body = (() => {
    switch (status.kind) {
      case 'idle':
        return <Typography.Text type="secondary">{t('autosave.idle')}</Typography.Text>;
      case 'pending':
        return (
          <Typography.Text type="secondary">
            <CloudSyncOutlined /> {t('autosave.pending')}
          </Typography.Text>
        );
      case 'saving':
        return (
          <Typography.Text type="secondary">
            <LoadingOutlined /> {t('autosave.saving')}
          </Typography.Text>
        );
      case 'saved': {
        const time = format.dateTime(status.at, true).split(' ').pop();
        return (
          <Typography.Text type="success">
            <CheckCircleOutlined /> {t('autosave.saved', { time })}
          </Typography.Text>
        );
      }
      case 'error':
        return (
          <Typography.Text type="danger">
            <ExclamationCircleOutlined /> {t('autosave.error')}
          </Typography.Text>
        );
      case 'invalid':
        return (
          <Typography.Text type="danger">
            <WarningOutlined /> {t('autosave.invalid')}
          </Typography.Text>
        );
      case 'conflict':
        return (
          <Typography.Text type="warning">
            <WarningOutlined /> {t('autosave.conflict')}
          </Typography.Text>
        );
    }
  })();
  return (
    <span className="save-status" data-testid="save-status" data-state={status.kind} aria-live="polite">
      {body}
    </span>
  );
}

/** 待完善: what still stops submission (checked in the browser as the user types), each a link to its place. */
function CompletenessCard({ issues, onGo }: { issues: readonly PathProblem[]; onGo: (path: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card size="small" className="form-card" data-testid="completeness">
      {issues.length === 0 ? (
        <Typography.Text type="success">
          <CheckCircleOutlined /> {t('application.complete')}
        </Typography.Text>
      ) : (
        <Popover
          placement="leftTop"
          title={t('application.incompleteTitle')}
          content={
            <ul className="issue-list">
              {issues.slice(0, 30).map((i) => (
                <li key={i.path}>
                  <Button type="link" size="small" className="issue-link" onClick={() => onGo(i.path)}>
                    {i.messages[language]}
                  </Button>
                </li>
              ))}
            </ul>
          }
        >
          <Space className="clickable">
            <Tag color="orange">{t('application.incomplete', { count: issues.length })}</Tag>
            <Typography.Text type="secondary">{t('application.incompleteHint')}</Typography.Text>
          </Space>
        </Popover>
      )}
    </Card>
  );
}
