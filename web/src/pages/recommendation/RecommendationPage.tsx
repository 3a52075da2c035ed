/**
 * 本市推荐 (city officer, /recommendations/:callId): the projects that passed the city's review, the
 * list within the city's quota and the program's category limits (a refused addition shows the
 * server's reason and its article), ranked by dragging a row or with ↑/↓, submitted to the
 * province under the city's document number (then locked; the province's comment is shown when it
 * sent the list back), and the recommendation table as .xlsx or .docx.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Progress, Row, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../../../contracts/applicants.ts';
import { ApiError } from '../../api/client.ts';
import { Citation } from '../../components/Citation.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, QueryView } from '../../components/QueryState.tsx';
import { ApplicationStateTag } from '../../components/StatusTags.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { useRank, useRecommend, useRecommendation, useSubmitRecommendation, useUnrecommend, type RecommendationView } from './data.ts';
import { ListStatusTag, TableDownload, useRefusal } from './parts.tsx';

/** Refusals the page explains itself (with the rule's article), instead of a passing message. */
const REFUSALS = ['city_quota_exceeded', 'city_quota_not_set', 'category_per_city_exceeded', 'category_total_exceeded', 'total_exceeded', 'not_recommendable', 'recommendation_locked', 'recommendation_empty', 'duplicate_application'];
const isRefusal = (e: unknown) => e instanceof ApiError && REFUSALS.includes(e.code);

export default function RecommendationPage() {
  const { callId = '' } = useParams();
  const view = useRecommendation(callId);
  return <QueryView query={view}>{(data) => <Workspace view={data} />}</QueryView>;
}

type Candidate = RecommendationView['candidates'][number];
type ListRow = Candidate & { rank: number };

function Workspace({ view }: { view: RecommendationView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { message } = App.useApp();
  const refuse = useRefusal();
  const callId = view.callId;
  const list = view.recommendation;
  const status = list?.status ?? null;
  const locked = status === 'submitted';
  const recommend = useRecommend(callId, { handles: isRefusal });
  const unrecommend = useUnrecommend(callId);
  const rank = useRank(callId);
  const submit = useSubmitRecommendation(callId, { handles: isRefusal });
  const [submitOpen, setSubmitOpen] = useState(false);
  const [dragged, setDragged] = useState<number | null>(null);
  const [form] = Form.useForm<{ documentNumber: string }>();

  const byId = new Map(view.candidates.map((c) => [c.id, c]));
  const items: ListRow[] = (list?.items ?? []).flatMap((i) => {
    const c = byId.get(i.applicationId);
    return c ? [{ ...c, rank: i.rank }] : [];
  });
  const inList = new Set(items.map((i) => i.id));
  const candidates = view.candidates.filter((c) => !inList.has(c.id) && c.state === 'city_passed');
  const categoryLabels = new Map(view.quotaStatus.categories.map((c) => [c.category, c.label[language]]));
  const busy = recommend.isPending || unrecommend.isPending || rank.isPending;

  const move = (from: number, to: number) => {
    if (to < 0 || to >= items.length || from === to) return;
    const order = items.map((i) => i.id);
    const [moved] = order.splice(from, 1);
    order.splice(to, 0, moved!);
    rank.mutate(order);
  };

  const add = (id: string) => recommend.mutate(id, { onSuccess: () => void message.success(t('recommendation.added')), onError: (e) => isRefusal(e) && refuse(e) });

  const project = (a: ApplicationSummary) => (
    <div className="cell-stack">
      <Link to={`/applications/${a.id}`}>
        <Typography.Text strong>{a.projectName || t('applications.untitled')}</Typography.Text>
      </Link>
      <Typography.Text type="secondary" className="cell-sub">
        {a.organizationName}
      </Typography.Text>
    </div>
  );
  const category = (a: ApplicationSummary) => (a.category ? <Tag>{categoryLabels.get(a.category) ?? a.category}</Tag> : null);

  const listColumns: TableColumnsType<ListRow> = [
    {
      key: 'rank',
      title: t('recommendation.rank'),
      width: 70,
      render: (_, r) => (
        <Space size={4}>
          {locked ? null : <HolderOutlined className="drag-handle" />}
          <span data-testid="item-rank">{r.rank}</span>
        </Space>
      ),
    },
    { key: 'project', title: t('recommendation.project'), render: (_, r) => project(r) },
    { key: 'category', title: t('recommendation.category'), width: 150, render: (_, r) => category(r) },
    { key: 'state', title: t('applications.state'), width: 110, render: (_, r) => <ApplicationStateTag state={r.state} /> },
    ...(locked
      ? []
      : ([
          {
            key: 'actions',
            title: t('common.actions'),
            width: 130,
            render: (_, r, index) => (
              <Space size={0}>
                <Tooltip title={t('recommendation.up')}>
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={index === 0 || busy} onClick={() => move(index, index - 1)} data-testid={`item-up-${r.id}`} aria-label={t('recommendation.up')} />
                </Tooltip>
                <Tooltip title={t('recommendation.down')}>
                  <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={index === items.length - 1 || busy} onClick={() => move(index, index + 1)} data-testid={`item-down-${r.id}`} aria-label={t('recommendation.down')} />
                </Tooltip>
                <Tooltip title={t('recommendation.remove')}>
                  <Button
                    type="text"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    disabled={busy}
                    onClick={() => unrecommend.mutate(r.id)}
                    data-testid={`item-remove-${r.id}`}
                    aria-label={t('recommendation.remove')}
                  />
                </Tooltip>
              </Space>
            ),
          },
        ] satisfies TableColumnsType<ListRow>)),
  ];

  const candidateColumns: TableColumnsType<Candidate> = [
    { key: 'project', title: t('recommendation.project'), render: (_, r) => project(r) },
    { key: 'category', title: t('recommendation.category'), width: 140, render: (_, r) => category(r) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 96,
      render: (_, r) => (
        <Button size="small" icon={<PlusOutlined />} disabled={locked || busy} onClick={() => add(r.id)} data-testid={`candidate-add-${r.id}`}>
          {t('recommendation.add')}
        </Button>
      ),
    },
  ];

  const cityQuota = view.quotaStatus.city;
  const doSubmit = ({ documentNumber }: { documentNumber: string }) =>
    submit.mutate(documentNumber, {
      onSuccess: () => {
        setSubmitOpen(false);
        void message.success(t('recommendation.submit.done'));
      },
      onError: (e) => {
        if (isRefusal(e)) {
          setSubmitOpen(false);
          refuse(e);
        }
      },
    });

  return (
    <>
      <Typography.Text className="page-breadcrumb">
        <Link to="/recommendations">{t('nav.recommendations')}</Link> / {view.callTitle}
      </Typography.Text>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="recommendation-title">{view.callTitle}</span>
            <ListStatusTag status={status} />
          </Space>
        }
        subtitle={`${view.city.name} · ${t('recommendation.subtitle')}`}
        extra={
          <Space wrap>
            <TableDownload callId={callId} disabled={items.length === 0} />
            <Button type="primary" icon={<SendOutlined />} disabled={locked || items.length === 0} onClick={() => setSubmitOpen(true)} data-testid="submit-list">
              {t(status === 'returned' ? 'recommendation.submit.again' : 'recommendation.submit.button')}
            </Button>
          </Space>
        }
      />
      {status === 'returned' && list?.returnedComment ? (
        <Alert type="warning" showIcon className="page-alert" data-testid="returned-comment" title={t('recommendation.returnedTitle')} description={<span className="pre-wrap">{list.returnedComment}</span>} />
      ) : null}
      {locked && list ? (
        <Alert
          type="success"
          showIcon
          className="page-alert"
          data-testid="list-locked"
          title={t('recommendation.lockedTitle', { documentNumber: list.documentNumber ?? '—', at: format.dateTime(list.submittedAt) })}
          description={t('recommendation.lockedHint')}
        />
      ) : null}

      <Card size="small" className="form-card" title={t('recommendation.quota.title')} data-testid="quota-card">
        <Row gutter={[24, 8]} align="middle">
          <Col xs={24} md={10}>
            {cityQuota === null ? (
              <Typography.Text type="secondary">{t('recommendation.quota.unbounded', { used: items.length })}</Typography.Text>
            ) : cityQuota.limit === null ? (
              <Alert type="warning" showIcon title={t('recommendation.quota.notSet')} data-testid="quota-not-set" />
            ) : (
              <Space orientation="vertical" size={2} className="full-width">
                <Typography.Text data-testid="quota-used" data-used={cityQuota.used} data-limit={cityQuota.limit}>
                  {t('recommendation.quota.used', { used: cityQuota.used, limit: cityQuota.limit, remaining: cityQuota.remaining ?? 0 })} <Citation value={cityQuota.citation} hideEmpty />
                </Typography.Text>
                <Progress percent={cityQuota.limit ? Math.round((cityQuota.used / cityQuota.limit) * 100) : 100} size="small" status={cityQuota.remaining === 0 ? 'success' : 'active'} showInfo={false} />
              </Space>
            )}
          </Col>
          <Col xs={24} md={14}>
            {view.quotaStatus.categories.length ? (
              <Space orientation="vertical" size={2}>
                {view.quotaStatus.categories.map((c) => (
                  <Typography.Text key={c.category} data-testid={`category-limit-${c.category}`}>
                    {c.label[language]}：{t('recommendation.quota.category', { used: c.used, limit: c.perCityMax ?? '—' })} <Citation value={c.citation} hideEmpty />
                  </Typography.Text>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('recommendation.quota.noCategories')}</Typography.Text>
            )}
          </Col>
        </Row>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" className="form-card" title={t('recommendation.listTitle', { count: items.length })} extra={locked ? null : <Typography.Text type="secondary">{t('recommendation.dragHint')}</Typography.Text>}>
            <Table<ListRow>
              rowKey="id"
              size="small"
              pagination={false}
              columns={listColumns}
              dataSource={items}
              loading={rank.isPending || unrecommend.isPending}
              scroll={{ x: 640 }}
              locale={{ emptyText: <EmptyState description={t('recommendation.listEmpty')} /> }}
              onRow={(_, index) =>
                (locked
                  ? { 'data-testid': 'list-row' }
                  : {
                      'data-testid': 'list-row',
                      draggable: true,
                      onDragStart: () => setDragged(index ?? null),
                      onDragOver: (e: React.DragEvent) => e.preventDefault(),
                      onDrop: () => {
                        if (dragged !== null && index !== undefined) move(dragged, index);
                        setDragged(null);
                      },
                    }) as never
              }
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" className="form-card" title={t('recommendation.candidatesTitle', { count: candidates.length })}>
            <Table<Candidate>
              rowKey="id"
              size="small"
              columns={candidateColumns}
              dataSource={candidates}
              pagination={candidates.length > 10 ? { pageSize: 10, size: 'small' } : false}
              loading={recommend.isPending}
              scroll={{ x: 420 }}
              locale={{ emptyText: <EmptyState description={t('recommendation.candidatesEmpty')} /> }}
              onRow={() => ({ 'data-testid': 'candidate-row' }) as never}
            />
          </Card>
        </Col>
      </Row>

      <Modal
        open={submitOpen}
        title={t('recommendation.submit.title')}
        okText={t('recommendation.submit.confirm')}
        okButtonProps={{ loading: submit.isPending, 'data-testid': 'submit-list-confirm' } as never}
        onOk={() => form.submit()}
        onCancel={() => setSubmitOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('recommendation.submit.content', { count: items.length })}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={doSubmit} preserve={false}>
          <Form.Item
            name="documentNumber"
            label={t('recommendation.documentNumber')}
            rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('recommendation.submit.numberRequired') }]}
            extra={t('recommendation.submit.numberHint')}
          >
            <Input data-testid="document-number" maxLength={100} placeholder={t('recommendation.submit.numberPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
