/**
 * 实施协议: the applicant enters the implementation plan (goals, period, milestones, budget by the
 * program's expense categories in 万元, indicators) and submits it; the province approves or returns
 * it, downloads the generated agreement (.docx) and records the signing.
 */
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../api/session.ts';
import { DocumentDownload } from '../../components/DocumentDownload.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { fenToWan, formatFen, wanToFen } from '../../lib/money.ts';
import { userMay } from '../../routes.ts';
import { agreementPath, useAgreement, useProject, useReviewPlan, useSavePlan, useSignAgreement, type AgreementView } from '../project/data.ts';

interface PlanForm {
  goals: string;
  period: [Dayjs, Dayjs];
  milestones: { name: string; dueDate: Dayjs }[];
  budget: { category: string; amountWan: number }[];
  indicators: { name: string; target: string; unit: string }[];
}

const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

export default function AgreementTab({ projectId }: { projectId: string }) {
  const agreement = useAgreement(projectId);
  return <QueryView query={agreement}>{(a) => <Agreement projectId={projectId} a={a} />}</QueryView>;
}

function Agreement({ projectId, a }: { projectId: string; a: AgreementView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { user } = useUser();
  const project = useProject(projectId);
  const [planForm] = Form.useForm<PlanForm>();
  const [reviewForm] = Form.useForm<{ comment: string }>();
  const [signForm] = Form.useForm<{ signedOn: Dayjs; province: string; enterprise: string }>();
  const save = useSavePlan(projectId, { form: planForm });
  const review = useReviewPlan(projectId, { form: reviewForm });
  const sign = useSignAgreement(projectId, { form: signForm });
  const pending = project.data?.status === 'agreement_pending';
  const editable = pending && userMay(user, 'project.report') && (a.planStatus === 'none' || a.planStatus === 'draft' || a.planStatus === 'returned');
  const manager = userMay(user, 'project.manage');
  const categoryName = (code: string) => a.categories.find((c) => c.code === code)?.name[language] ?? code;

  const submit = (submitPlan: boolean) => (v: PlanForm) =>
    save.mutate({
      submit: submitPlan,
      goals: v.goals,
      startDate: ymd(v.period[0]),
      endDate: ymd(v.period[1]),
      milestones: (v.milestones ?? []).map((m) => ({ name: m.name, dueDate: ymd(m.dueDate) })),
      budget: (v.budget ?? []).map((b) => ({ category: b.category, amountFen: wanToFen(b.amountWan) })),
      indicators: v.indicators ?? [],
    });

  const initial: Partial<PlanForm> | undefined = a.plan
    ? {
        goals: a.plan.goals,
        period: [dayjs(a.plan.startDate), dayjs(a.plan.endDate)],
        milestones: a.plan.milestones.map((m) => ({ name: m.name, dueDate: dayjs(m.dueDate) })),
        budget: a.plan.budget.map((b) => ({ category: b.category, amountWan: fenToWan(b.amountFen) })),
        indicators: a.plan.indicators,
      }
    : { milestones: [{ name: '', dueDate: dayjs() }], budget: [{ category: a.categories[0]?.code ?? '', amountWan: 0 }], indicators: [{ name: '', target: '', unit: '' }] };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('agreement.planStatus')}>
          <Tag data-testid="plan-status">{t(`agreement.planStatuses.${a.planStatus}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('agreement.number')}>{a.agreementNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('agreement.signedOn')}>{a.signedOn ? format.date(a.signedOn) : '—'}</Descriptions.Item>
        {a.signatories ? (
          <Descriptions.Item label={t('agreement.signatories')}>
            {a.signatories.province} / {a.signatories.enterprise}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('agreement.budgetTotal')}>{formatFen(a.budgetTotalFen, language)}</Descriptions.Item>
      </Descriptions>
      {a.planStatus === 'returned' && a.reviewComment ? <Alert type="warning" showIcon message={t('agreement.returned')} description={a.reviewComment} /> : null}

      {editable ? (
        <Card size="small" title={t('agreement.planTitle')}>
          <Form form={planForm} layout="vertical" initialValues={initial} onFinish={submit(true)} data-testid="plan-form">
            <Form.Item name="goals" label={t('agreement.goals')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={4000} data-testid="plan-goals" />
            </Form.Item>
            <Form.Item name="period" label={t('agreement.period')} rules={[{ required: true }]}>
              <DatePicker.RangePicker data-testid="plan-period" />
            </Form.Item>
            <Form.List name="milestones">
              {(fields, { add, remove }) => (
                <Form.Item label={t('agreement.milestones')}>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                        <Input placeholder={t('agreement.milestoneName')} data-testid={`plan-milestone-name-${f.name}`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true }]}>
                        <DatePicker data-testid={`plan-milestone-date-${f.name}`} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '', dueDate: dayjs() })} data-testid="plan-milestone-add">
                    {t('agreement.addMilestone')}
                  </Button>
                </Form.Item>
              )}
            </Form.List>
            <Form.List name="budget">
              {(fields, { add, remove }) => (
                <Form.Item label={t('agreement.budget')}>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, 'category']} rules={[{ required: true }]}>
                        {a.categories.length ? (
                          <Select style={{ width: 260 }} options={a.categories.map((c) => ({ value: c.code, label: c.name[language] }))} data-testid={`plan-budget-category-${f.name}`} />
                        ) : (
                          <Input style={{ width: 260 }} data-testid={`plan-budget-category-${f.name}`} />
                        )}
                      </Form.Item>
                      <Form.Item name={[f.name, 'amountWan']} rules={[{ required: true }]}>
                        <InputNumber min={0} step={1} addonAfter={t('agreement.wan')} data-testid={`plan-budget-amount-${f.name}`} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ category: '', amountWan: 0 })} data-testid="plan-budget-add">
                    {t('agreement.addBudget')}
                  </Button>
                </Form.Item>
              )}
            </Form.List>
            <Form.List name="indicators">
              {(fields, { add, remove }) => (
                <Form.Item label={t('agreement.indicators')}>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                        <Input placeholder={t('agreement.indicatorName')} data-testid={`plan-indicator-name-${f.name}`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'target']} rules={[{ required: true }]}>
                        <Input placeholder={t('agreement.indicatorTarget')} data-testid={`plan-indicator-target-${f.name}`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'unit']}>
                        <Input placeholder={t('agreement.indicatorUnit')} style={{ width: 90 }} data-testid={`plan-indicator-unit-${f.name}`} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '', target: '', unit: '' })} data-testid="plan-indicator-add">
                    {t('agreement.addIndicator')}
                  </Button>
                </Form.Item>
              )}
            </Form.List>
            <Space>
              <Button onClick={() => void planForm.validateFields().then(submit(false))} loading={save.isPending} data-testid="plan-save">
                {t('agreement.saveDraft')}
              </Button>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="plan-submit">
                {t('agreement.submitPlan')}
              </Button>
            </Space>
          </Form>
        </Card>
      ) : a.plan ? (
        <Card size="small" title={t('agreement.planTitle')}>
          <p>{a.plan.goals}</p>
          <p>
            {t('agreement.period')}: {format.date(a.plan.startDate)} – {format.date(a.plan.endDate)}
          </p>
          <Table size="small" rowKey="name" pagination={false} dataSource={a.plan.milestones} columns={[{ title: t('agreement.milestoneName'), dataIndex: 'name' }, { title: t('agreement.dueDate'), dataIndex: 'dueDate' }]} />
          <Table
            size="small"
            rowKey="category"
            pagination={false}
            dataSource={a.plan.budget}
            columns={[
              { title: t('agreement.category'), render: (_, b) => categoryName(b.category) },
              { title: t('agreement.amount'), render: (_, b) => formatFen(b.amountFen, language) },
            ]}
          />
          <Table size="small" rowKey="name" pagination={false} dataSource={a.plan.indicators} columns={[{ title: t('agreement.indicatorName'), dataIndex: 'name' }, { title: t('agreement.indicatorTarget'), dataIndex: 'target' }, { title: t('agreement.indicatorUnit'), dataIndex: 'unit' }]} />
        </Card>
      ) : (
        <Alert type="info" showIcon message={t('agreement.noPlan')} />
      )}

      {a.planStatus === 'approved' ? (
        <DocumentDownload base={agreementPath(projectId)} formats={['docx', 'pdf']} fileName="agreement" label={t('agreement.download')} testId="agreement-download" />
      ) : null}

      {manager && pending && a.planStatus === 'submitted' ? (
        <Card size="small" title={t('agreement.reviewTitle')}>
          <Form form={reviewForm} layout="vertical">
            <Form.Item name="comment" label={t('agreement.reviewComment')}>
              <Input.TextArea rows={2} data-testid="plan-review-comment" />
            </Form.Item>
            <Space>
              <Button type="primary" loading={review.isPending} onClick={() => review.mutate({ decision: 'approve', comment: reviewForm.getFieldValue('comment') ?? '' })} data-testid="plan-approve">
                {t('agreement.approve')}
              </Button>
              <Button danger loading={review.isPending} onClick={() => review.mutate({ decision: 'return', comment: reviewForm.getFieldValue('comment') ?? '' })} data-testid="plan-return">
                {t('agreement.return')}
              </Button>
            </Space>
          </Form>
        </Card>
      ) : null}

      {manager && pending && a.planStatus === 'approved' ? (
        <Card size="small" title={t('agreement.signTitle')}>
          <Form
            form={signForm}
            layout="inline"
            onFinish={(v) => sign.mutate({ signedOn: ymd(v.signedOn), signatories: { province: v.province, enterprise: v.enterprise } })}
            data-testid="sign-form"
          >
            <Form.Item name="signedOn" label={t('agreement.signedOn')} rules={[{ required: true }]}>
              <DatePicker data-testid="sign-date" />
            </Form.Item>
            <Form.Item name="province" label={t('agreement.provinceSignatory')} rules={[{ required: true }]}>
              <Input data-testid="sign-province" />
            </Form.Item>
            <Form.Item name="enterprise" label={t('agreement.enterpriseSignatory')} rules={[{ required: true }]}>
              <Input data-testid="sign-enterprise" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={sign.isPending} data-testid="sign-submit">
              {t('agreement.recordSigning')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}
