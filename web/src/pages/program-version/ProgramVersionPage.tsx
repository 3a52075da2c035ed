/**
 * The program designer: one version of a program, tab by tab. A published version is read (and
 * cloned into a new draft); a draft is edited here as a whole definition, saved (problems and all)
 * and published once it has none. Any version can be tried on saved sample applicants and compared
 * with another. The tab, and the versions compared, are in the URL.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link, useBlocker, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, App, Badge, Breadcrumb, Button, Card, Select, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { CopyOutlined, DiffOutlined, RollbackOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useUser } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult, QueryView } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { mayManageProgram } from '../programs/access.ts';
import { useCloneVersion, useProgramVersion, usePrograms, usePublish, useSaveDraft, versionHref, type ProgramVersionDetail } from '../programs/data.ts';
import { VersionStatusTag, versionLabel } from '../programs/tags.tsx';
import { BasicsTab } from './BasicsTab.tsx';
import { DiffTab } from './DiffTab.tsx';
import { DirectionsTab } from './DirectionsTab.tsx';
import { FormsTab } from './FormsTab.tsx';
import { MoneyTab } from './MoneyTab.tsx';
import { ProblemsTab } from './ProblemsTab.tsx';
import { QuotasTab } from './QuotasTab.tsx';
import { RulesTab, type RuleTarget } from './RulesTab.tsx';
import { StagesTab } from './StagesTab.tsx';
import { TryTab } from './TryTab.tsx';
import { ruleIndexOf, sameJson, TAB_KEYS, type Definition, type TabKey, type Update } from './model.ts';
import type { TabProps } from './parts.tsx';

type Refusal = { message: string; errors: { path: string; text: string }[] };

export default function ProgramVersionPage() {
  const { t } = useTranslation();
  const params = useParams();
  const code = params.code ?? '';
  const version = Number(params.version);
  const detail = useProgramVersion(code, version);
  if (!Number.isInteger(version) || version < 1) {
    return <ErrorResult error={new Error(t('programs.badVersion'))} />;
  }
  return <QueryView query={detail}>{(data) => <Designer key={`${code}@${version}`} detail={data} />}</QueryView>;
}

function Designer({ detail }: { detail: ProgramVersionDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { user } = useUser();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const { code, version } = detail;

  const saved = detail.definition as Definition;
  const isDraft = detail.status === 'draft';
  const manage = mayManageProgram(user, String(saved.provinceCode ?? ''));
  const editable = isDraft && manage;
  const [draft, setDraft] = useState<Definition>(saved);
  // Bumped when the draft is thrown away, so the tabs' forms start again from the saved values.
  const [revision, setRevision] = useState(0);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [ruleTarget, setRuleTarget] = useState<RuleTarget>(null);
  const definition = editable ? draft : saved;
  const dirty = editable && !sameJson(draft, saved);
  const update: Update = useCallback((recipe) => setDraft((current) => recipe(current)), []);

  const programs = usePrograms({ secondary: true });
  const summary = programs.data?.items.find((p) => p.code === code);
  const versions = summary ? summary.versions.map((v) => v.version) : Array.from({ length: version }, (_, i) => version - i);
  const previous = detail.basedOnVersion ?? (version > 1 ? version - 1 : null);

  // The tab and the compared versions live in the URL.
  const tabParam = search.get('tab');
  const tab: TabKey = TAB_KEYS.find((k) => k === tabParam && (k !== 'problems' || isDraft)) ?? 'basics';
  const numberParam = (name: string) => {
    const n = Number(search.get(name));
    return Number.isInteger(n) && n >= 1 ? n : undefined;
  };
  const diffFrom = numberParam('from') ?? previous ?? undefined;
  const diffTo = numberParam('to') ?? version;
  const goTo = (key: TabKey, extra: Record<string, string | undefined> = {}) => {
    const next = new URLSearchParams(search);
    next.set('tab', key);
    for (const [name, value] of Object.entries(extra)) {
      if (value === undefined) next.delete(name);
      else next.set(name, value);
    }
    setSearch(next, { replace: true });
  };

  // Unsaved changes are not lost by a click elsewhere in the app, nor by closing the tab.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('programs.leave.title'),
      content: t('programs.leave.content'),
      okText: t('programs.leave.ok'),
      okButtonProps: { danger: true },
      cancelText: t('programs.leave.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const clone = useCloneVersion(code);
  const save = useSaveDraft(code, version);
  const publish = usePublish(code, version, { handled: ['definition_invalid'] });

  /** Saves the draft; resolves whether it worked (a failure has been shown already). */
  const saveDraft = async (): Promise<boolean> => {
    try {
      const result = await save.mutateAsync(draft);
      if (result.problems.length) void message.warning(t('programs.savedWithProblems', { count: result.problems.length }));
      else void message.success(t('programs.saved'));
      return true;
    } catch {
      return false;
    }
  };

  const doPublish = async () => {
    if (dirty && !(await saveDraft())) return;
    try {
      await publish.mutateAsync();
      setRefusal(null);
      void message.success(t('programs.published', { version: versionLabel(version) }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'definition_invalid') {
        setRefusal({
          message: error.localMessage,
          errors: (error.problem.errors ?? []).map((e) => ({ path: e.path, text: e.messages[language] })),
        });
      }
    }
  };

  const confirmPublish = () =>
    modal.confirm({
      title: t('programs.publishConfirm.title', { version: versionLabel(version) }),
      content: (
        <>
          <p>{t('programs.publishConfirm.content')}</p>
          {dirty ? <p>{t('programs.publishConfirm.unsaved')}</p> : null}
        </>
      ),
      okText: t('programs.actions.publish'),
      onOk: doPublish,
    });

  const revert = () =>
    modal.confirm({
      title: t('programs.revert.title'),
      content: t('programs.revert.content'),
      okText: t('programs.revert.ok'),
      okButtonProps: { danger: true },
      onOk: () => {
        setDraft(saved);
        setRevision((r) => r + 1);
      },
    });

  const doClone = () =>
    clone.mutate(version, {
      onSuccess: (created) => {
        void message.success(t('programs.cloned', { version: versionLabel(created.version) }));
        void navigate(`${versionHref(code, created.version)}?tab=${tab}`);
      },
    });

  const openProblem = (key: TabKey, ruleIndex: number | null) => {
    goTo(key);
    if (key === 'rules' && ruleIndex !== null && editable) setRuleTarget(ruleIndex);
  };

  const name = saved.name?.[language] ?? code;
  const problems = isDraft ? detail.problems : [];
  const tabProps: TabProps = { definition, editable, update, problems };

  const actions = (
    <Space wrap>
      {versions.length > 1 ? (
        <Select<number>
          size="middle"
          aria-label={t('programs.versionPick')}
          className="select-sm"
          value={version}
          onChange={(v) => void navigate(versionHref(code, v))}
          options={(summary?.versions ?? []).map((v) => ({
            value: v.version,
            label: `${versionLabel(v.version)} ${v.status === 'draft' ? t('programs.status.draft') : t('programs.status.published')}`,
          }))}
        />
      ) : null}
      {previous ? (
        <Button icon={<DiffOutlined />} onClick={() => goTo('diff', { from: String(previous), to: String(version) })}>
          {t('programs.actions.compare')}
        </Button>
      ) : null}
      {!isDraft && manage ? (
        <Button type="primary" icon={<CopyOutlined />} loading={clone.isPending} onClick={doClone}>
          {t('programs.actions.clone')}
        </Button>
      ) : null}
      {editable ? (
        <>
          {dirty ? (
            <Button icon={<RollbackOutlined />} onClick={revert}>
              {t('programs.actions.revert')}
            </Button>
          ) : null}
          <Button type={dirty ? 'primary' : 'default'} icon={<SaveOutlined />} loading={save.isPending} disabled={!dirty} onClick={() => void saveDraft()}>
            {t('programs.actions.save')}
          </Button>
          <Tooltip title={problems.length && !dirty ? t('programs.publishHasProblems', { count: problems.length }) : undefined}>
            <Button icon={<SendOutlined />} loading={publish.isPending} onClick={confirmPublish}>
              {t('programs.actions.publish')}
            </Button>
          </Tooltip>
        </>
      ) : null}
    </Space>
  );

  const subtitle = [
    code,
    saved.issuer,
    detail.basedOnVersion ? t('programs.basedOn', { version: versionLabel(detail.basedOnVersion) }) : null,
    detail.status === 'published' ? t('programs.publishedAt', { at: format.dateTime(detail.publishedAt) }) : t('programs.updatedAt', { at: format.dateTime(detail.updatedAt) }),
  ]
    .filter(Boolean)
    .join(' · ');

  const pane = (children: ReactNode) => <div key={revision}>{children}</div>;
  const items = [
    { key: 'basics', label: t('programs.tabs.basics'), children: pane(<BasicsTab {...tabProps} />) },
    { key: 'directions', label: t('programs.tabs.directions'), children: pane(<DirectionsTab {...tabProps} />) },
    { key: 'rules', label: t('programs.tabs.rules'), children: pane(<RulesTab {...tabProps} target={ruleTarget} onTarget={setRuleTarget} />) },
    { key: 'forms', label: t('programs.tabs.forms'), children: pane(<FormsTab {...tabProps} />) },
    { key: 'quotas', label: t('programs.tabs.quotas'), children: pane(<QuotasTab {...tabProps} />) },
    { key: 'stages', label: t('programs.tabs.stages'), children: pane(<StagesTab {...tabProps} />) },
    { key: 'money', label: t('programs.tabs.money'), children: pane(<MoneyTab {...tabProps} />) },
    { key: 'try', label: t('programs.tabs.try'), children: <TryTab code={code} version={version} dirty={dirty} saveFirst={saveDraft} /> },
    {
      key: 'diff',
      label: t('programs.tabs.diff'),
      children: (
        <DiffTab
          code={code}
          versions={versions}
          from={diffFrom}
          to={diffTo}
          dirty={dirty}
          onChange={(from, to) => goTo('diff', { from: from === undefined ? undefined : String(from), to: to === undefined ? undefined : String(to) })}
        />
      ),
    },
    ...(isDraft
      ? [
          {
            key: 'problems',
            label: (
              <Badge count={problems.length} size="small" offset={[8, -2]} color={problems.length ? 'red' : 'green'} showZero={false}>
                <span>{t('programs.tabs.problems')}</span>
              </Badge>
            ),
            children: <ProblemsTab problems={problems} dirty={dirty} onOpen={openProblem} />,
          },
        ]
      : []),
  ];

  return (
    <>
      <Breadcrumb className="page-breadcrumb" items={[{ title: <Link to="/programs">{t('nav.programs')}</Link> }, { title: name }]} />
      <PageHeader
        title={
          <Space wrap size={8}>
            <span>{name}</span>
            <Tag className="version-tag">{versionLabel(version)}</Tag>
            <span data-testid="version-status">
              <VersionStatusTag status={detail.status} />
            </span>
            {dirty ? <Tag color="orange">{t('programs.unsaved')}</Tag> : null}
            {isDraft && !manage ? <Tag>{t('programs.readOnly')}</Tag> : null}
          </Space>
        }
        subtitle={subtitle}
        extra={actions}
      />
      {refusal ? (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          closable
          onClose={() => setRefusal(null)}
          data-testid="publish-refusal"
          title={refusal.message}
          description={
            <ul className="problem-list">
              {refusal.errors.map((e, i) => {
                const ruleIndex = ruleIndexOf(e.path);
                return (
                  <li key={i}>
                    <span>{e.text}</span>
                    {ruleIndex !== null && editable ? (
                      <Button type="link" size="small" onClick={() => openProblem('rules', ruleIndex)}>
                        {t('programs.problems.fix')}
                      </Button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          }
        />
      ) : null}
      <Card variant="borderless" className="page-card designer-card">
        <Tabs activeKey={tab} onChange={(key) => goTo(key as TabKey)} items={items} />
      </Card>
      {isDraft && !manage ? (
        <Typography.Paragraph type="secondary" className="designer-note">
          {t('programs.readOnlyHint')}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}
