/**
 * One call: what it is (program, document number, dates), what to prepare (materials, directions,
 * the rules with their citations, the attachments), and for an applicant a 资格自查 of its profile
 * against every rule and the way into its application (开始申报 / 继续填写).
 */
import { App, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { EditOutlined, FormOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CallDetail } from '../../../../contracts/applicants.ts';
import type { ProgramDefinition } from '../../../../src/core/programs/definition.ts';
import { ApiError } from '../../api/client.ts';
import { useUser } from '../../api/session.ts';
import { Citation, Text2 } from '../../components/Citation.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PrecheckPanel } from '../../components/PrecheckPanel.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { CallStatusTag, DeadlineTag } from '../../components/StatusTags.tsx';
import { useLanguage } from '../../i18n.ts';
import { directionTree, requirementsOf, type DirectionNode } from '../../lib/definition.ts';
import { useFormat } from '../../lib/format.ts';
import { userMay } from '../../routes.ts';
import { useCall, useCallPrecheck, usePublishCall, useStartApplication } from '../calls/data.ts';

export default function CallPage() {
  const { id = '' } = useParams();
  const call = useCall(id);
  return <QueryView query={call}>{(data) => <CallView call={data} />}</QueryView>;
}

type Rule = ProgramDefinition['rules'][number];

function toTreeData(nodes: DirectionNode[]): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.value,
    title: (
      <span className="direction-node">
        {node.title}
        <Citation value={node.citation} hideEmpty />
      </span>
    ),
    ...(node.children ? { children: toTreeData(node.children) } : {}),
  }));
}

function CallView({ call }: { call: CallDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const { user } = useUser();
  const applies = userMay(user, 'application.apply');
  const manages = userMay(user, 'call.manage');
  const definition = call.definition as unknown as ProgramDefinition;
  const precheck = useCallPrecheck(call.id, applies && call.status !== 'draft');
  const start = useStartApplication({ handled: ['profile_incomplete'] });
  const publish = usePublishCall();

  const applicantForms = (definition.forms ?? []).filter((f) => (f.filledBy ?? 'applicant') === 'applicant' && (f.scope ?? 'application') === 'application');
  const requirements = requirementsOf(applicantForms);
  const categoriesOf = (requirementId: string) =>
    applicantForms.filter((f) => f.attachments.some((a) => a.id === requirementId) && f.appliesTo?.categories?.length).flatMap((f) => f.appliesTo.categories ?? []);

  const startApplication = () =>
    start.mutate(call.id, {
      onSuccess: (application) => void navigate(`/applications/${application.id}`),
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'profile_incomplete') {
          modal.confirm({
            title: t('calls.profileIncomplete.title'),
            content: error.localMessage,
            okText: t('calls.profileIncomplete.go'),
            onOk: () => void navigate('/profile'),
          });
        }
      },
    });

  const ruleColumns = [
    { key: 'kind', title: t('calls.rule.kind'), width: 90, render: (_: unknown, r: Rule) => <Tag>{t(`programs.enums.ruleKind.${r.kind}`)}</Tag> },
    { key: 'message', title: t('calls.rule.message'), render: (_: unknown, r: Rule) => <Text2 value={r.message} /> },
    {
      key: 'severity',
      title: t('calls.rule.severity'),
      width: 90,
      render: (_: unknown, r: Rule) => (r.severity === 'block' ? <Tag color="red">{t('calls.rule.block')}</Tag> : <Tag color="gold">{t('calls.rule.warn')}</Tag>),
    },
    { key: 'citation', title: t('calls.rule.citation'), width: 160, render: (_: unknown, r: Rule) => <Citation value={r.citation} /> },
  ];

  const action = applies ? (
    call.myApplicationId ? (
      <Button type="primary" icon={<EditOutlined />} onClick={() => void navigate(`/applications/${call.myApplicationId}`)} data-testid="continue-application">
        {t('calls.continue')}
      </Button>
    ) : (
      <Button type="primary" icon={<FormOutlined />} disabled={call.status !== 'open'} loading={start.isPending} onClick={startApplication} data-testid="start-application">
        {t('calls.start')}
      </Button>
    )
  ) : manages && call.status === 'draft' ? (
    <Button
      type="primary"
      icon={<SendOutlined />}
      loading={publish.isPending}
      onClick={() =>
        modal.confirm({
          title: t('calls.publishConfirm.title'),
          content: t('calls.publishConfirm.content', { title: call.title }),
          okText: t('calls.publish'),
          onOk: () => publish.mutateAsync(call.id).then(() => void message.success(t('calls.published'))),
        })
      }
    >
      {t('calls.publish')}
    </Button>
  ) : null;

  return (
    <>
      <Typography.Text className="page-breadcrumb">
        <Link to="/calls">{t('nav.calls')}</Link> / {call.title}
      </Typography.Text>
      <PageHeader
        title={
          <Space wrap>
            <span>{call.title}</span>
            <CallStatusTag status={call.status} />
          </Space>
        }
        subtitle={`${call.programName[language]}${call.documentNumber ? ` · ${call.documentNumber}` : ''}`}
        extra={action}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={applies ? 15 : 24}>
          <Card title={t('calls.sections.notice')} className="form-card">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'program', label: t('calls.program'), children: `${call.programName[language]}（v${call.programVersion}）` },
                { key: 'doc', label: t('calls.documentNumber'), children: call.documentNumber ?? '—' },
                { key: 'issuer', label: t('calls.issuer'), children: definition.issuer ?? '—' },
                { key: 'opens', label: t('calls.opensAt'), children: format.dateTime(call.opensAt) },
                {
                  key: 'deadline',
                  label: t('calls.deadline'),
                  children: (
                    <Space size={8} wrap>
                      <span data-testid="call-deadline">{format.dateTime(call.deadlineAt)}</span>
                      {call.status === 'draft' ? null : <DeadlineTag opensAt={call.opensAt} deadlineAt={call.deadlineAt} />}
                    </Space>
                  ),
                },
                {
                  key: 'limit',
                  label: t('calls.perApplicant'),
                  children: definition.perApplicant?.maxApplications ? (
                    <Space size={6}>
                      {t('calls.perApplicantMax', { count: definition.perApplicant.maxApplications })}
                      <Citation value={definition.perApplicant.citation} hideEmpty />
                    </Space>
                  ) : (
                    t('calls.noLimit')
                  ),
                },
              ]}
            />
          </Card>

          {call.materials ? (
            <Card title={t('calls.materials')} className="form-card">
              <Typography.Paragraph className="pre-wrap">{call.materials}</Typography.Paragraph>
            </Card>
          ) : null}

          {(definition.directions ?? []).length ? (
            <Card title={t('calls.sections.directions')} className="form-card" extra={<Typography.Text type="secondary">{t('calls.directionLevel', { level: definition.directionLevel ?? 1 })}</Typography.Text>}>
              <Tree
                selectable={false}
                defaultExpandAll
                className="direction-tree"
                treeData={toTreeData(directionTree(definition.directions, definition.directionLevel ?? 1, language))}
              />
            </Card>
          ) : null}

          <Card title={t('calls.sections.rules')} className="form-card">
            <Table<Rule> size="small" rowKey="id" pagination={false} columns={ruleColumns} dataSource={definition.rules ?? []} scroll={{ x: 640 }} />
          </Card>

          <Card title={t('calls.sections.attachments')} className="form-card">
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={requirements}
              scroll={{ x: 640 }}
              columns={[
                {
                  key: 'name',
                  title: t('attachments.name'),
                  render: (_, a) => (
                    <div className="cell-stack">
                      <Text2 value={a.name} />
                      {categoriesOf(a.id).length ? (
                        <Typography.Text type="secondary" className="cell-sub">
                          {t('attachments.forCategories', { categories: categoriesOf(a.id).join('、') })}
                        </Typography.Text>
                      ) : null}
                    </div>
                  ),
                },
                {
                  key: 'required',
                  title: t('attachments.required'),
                  width: 110,
                  render: (_, a) => (a.required ? <Tag color="red">{t('attachments.mandatory')}</Tag> : a.requiredWhen ? <Tag color="orange">{t('attachments.conditional')}</Tag> : <Tag>{t('attachments.optional')}</Tag>),
                },
                { key: 'types', title: t('attachments.types'), width: 150, render: (_, a) => a.types.join(' / ').toUpperCase() },
                { key: 'size', title: t('attachments.maxSize'), width: 100, render: (_, a) => `${a.maxSizeMb} MB` },
                { key: 'citation', title: t('calls.rule.citation'), width: 150, render: (_, a) => <Citation value={a.citation} /> },
              ]}
            />
          </Card>
        </Col>
        {applies ? (
          <Col xs={24} xl={9}>
            <Card title={t('precheck.title')} className="form-card sticky-card" extra={<Typography.Text type="secondary">{t('precheck.hint')}</Typography.Text>}>
              {call.status === 'draft' ? <Typography.Text type="secondary">{t('precheck.notPublished')}</Typography.Text> : <PrecheckPanel query={precheck} profileLinks />}
            </Card>
          </Col>
        ) : null}
      </Row>
    </>
  );
}
