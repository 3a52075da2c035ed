/**
 * 项目资金 (project tab): the subsidy with its formula, inputs, steps and the article it follows;
 * the province's form to fix it (computed from the ledger, or entered within the cap for 003),
 * the tranches with their status and what they wait for, disbursements, recoveries (receivables)
 * with their repayments, and the project's totals.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../api/session.ts';
import { Citation } from '../../components/Citation.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { formatFen, FEN_PER_YUAN, fenToWan, formatBp, wanToFen } from '../../lib/money.ts';
import { shanghaiToday, useFixSubsidy, useFunds, useRecordRecovery, useRecordRepayment, type FundsView, type Recovery, type Tranche } from './data.ts';
import { DisburseModal, Money, TrancheStatusTag, useTriggerName } from './parts.tsx';

export default function FundsTab({ projectId }: { projectId: string }) {
  const query = useFunds(projectId);
  return <QueryView query={query}>{(funds) => <Funds projectId={projectId} funds={funds} />}</QueryView>;
}

function Funds({ projectId, funds }: { projectId: string; funds: FundsView }) {
  const { t } = useTranslation();
  const { user } = useUser();
  const canManage = user.role === 'province_officer' || user.role === 'administrator';
  const canDisburse = user.role === 'finance_officer';
  const [disbursing, setDisbursing] = useState<Tranche | null>(null);
  const [recovering, setRecovering] = useState(false);
  const [repaying, setRepaying] = useState<Recovery | null>(null);
  const rule = funds.rule;
  const disbursed = funds.tranches.some((x) => x.status === 'disbursed');

  if (!rule || rule.kind === 'none') {
    return <Alert type="info" showIcon title={t('subsidy.none')} description={rule?.reason ?? undefined} data-testid="funds-none" />;
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Totals funds={funds} />
      <SubsidyCard funds={funds} />
      {canManage && !disbursed ? <FixSubsidyCard projectId={projectId} funds={funds} /> : null}
      <TranchesCard funds={funds} canDisburse={canDisburse} onDisburse={setDisbursing} />
      <RecoveriesCard funds={funds} canManage={canManage} canDisburse={canDisburse} onAdd={() => setRecovering(true)} onRepay={setRepaying} />
      <DisburseModal tranche={disbursing} projectId={projectId} onClose={() => setDisbursing(null)} />
      <RecoveryModal projectId={projectId} open={recovering} maxFen={funds.recoverableFen} onClose={() => setRecovering(false)} />
      <RepaymentModal projectId={projectId} recovery={repaying} onClose={() => setRepaying(null)} />
    </Space>
  );
}

function Totals({ funds }: { funds: FundsView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const items = [
    ['committed', funds.totals.committedFen],
    ['disbursed', funds.totals.disbursedFen],
    ['undisbursed', funds.totals.undisbursedFen],
    ['recoverable', funds.totals.recoverableFen],
    ['recovered', funds.totals.recoveredFen],
    ['outstanding', funds.totals.outstandingFen],
  ] as const;
  return (
    <Card size="small" data-testid="funds-totals">
      <Row gutter={[16, 8]}>
        {items.map(([key, fen]) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Statistic title={t(`subsidy.totals.${key}`)} value={formatFen(fen, language)} styles={{ content: { fontSize: 18 } }} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function SubsidyCard({ funds }: { funds: FundsView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const s = funds.subsidy;
  if (!s) {
    return (
      <Card size="small" title={t('subsidy.title')}>
        <Typography.Text type="secondary" data-testid="subsidy-not-fixed">
          {t('subsidy.notFixed')}
        </Typography.Text>{' '}
        <Citation value={funds.rule?.citation} hideEmpty />
      </Card>
    );
  }
  const e = s.explanation;
  const valueOf = (i: (typeof e.inputs)[number]): string => {
    if (i.value === null) return '—';
    if (i.unit === 'fen') return formatFen(Number(i.value), language);
    if (i.unit === 'bp') return formatBp(Number(i.value));
    if (i.unit === 'bool') return i.value ? t('common.yes') : t('common.no');
    if (i.key === 'awardForm') return t(`subsidy.form.${i.value as AwardForm}`);
    return String(i.value);
  };
  return (
    <Card size="small" title={t('subsidy.title')} extra={<Citation value={e.citation} />} data-testid="subsidy-card">
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('subsidy.award')}>
          <Typography.Text strong>
            <Money fen={s.awardFen} testId="subsidy-award" />
          </Typography.Text>
          {e.capApplied ? <Tag color="orange" style={{ marginLeft: 8 }}>{t('subsidy.capApplied')}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('subsidy.formula')} span={2}>
          <span data-testid="subsidy-formula">{e.formula[language]}</span>
        </Descriptions.Item>
        {s.cityMatchingRatioBp !== null || s.cityMatchingFen !== null ? (
          <Descriptions.Item label={t('subsidy.cityMatching')}>
            {s.cityMatchingRatioBp !== null ? formatBp(s.cityMatchingRatioBp) : '—'} · <Money fen={s.cityMatchingFen} testId="subsidy-city-matching" />
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('subsidy.fixedBy')}>
          {s.fixedByName ?? '—'} · {s.fixedAt.slice(0, 10)}
        </Descriptions.Item>
        <Descriptions.Item label={t('subsidy.rounding')}>{e.rounding[language]}</Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Typography.Text type="secondary">{t('subsidy.inputs')}</Typography.Text>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={e.inputs}
            data-testid="subsidy-inputs"
            columns={[
              { key: 'label', title: t('subsidy.input'), render: (_, i) => i.label[language] },
              { key: 'value', title: t('subsidy.value'), align: 'right', render: (_, i) => valueOf(i) },
            ]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text type="secondary">{t('subsidy.steps')}</Typography.Text>
          <Table
            rowKey={(_, i) => String(i)}
            size="small"
            pagination={false}
            dataSource={e.steps}
            data-testid="subsidy-steps"
            columns={[
              { key: 'label', title: t('subsidy.step'), render: (_, x) => x.label[language] },
              { key: 'value', title: t('subsidy.value'), align: 'right', render: (_, x) => <Money fen={x.valueFen} /> },
            ]}
          />
          {e.notes.map((n, i) => (
            <Typography.Paragraph key={i} type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {n[language]}
            </Typography.Paragraph>
          ))}
        </Col>
      </Row>
    </Card>
  );
}

interface FixForm {
  completionDate?: string;
  cityMatchingPercent?: number | null;
  /** In 万元 on the form (named as the API's field, so its field errors land here); sent as fen. */
  awardFen?: number;
  awardForm?: 'interest_subsidy' | 'reward' | 'equity';
  shares?: Record<string, number>;
}

type AwardForm = 'interest_subsidy' | 'reward' | 'equity';

function FixSubsidyCard({ projectId, funds }: { projectId: string; funds: FundsView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<FixForm>();
  const fix = useFixSubsidy(projectId, { form });
  const rule = funds.rule!;
  const settable = rule.tranches.filter((x) => x.shareSetByCall && x.share !== 'remainder');
  const existing = new Map(funds.tranches.map((x) => [x.trancheCode, x.shareBp]));
  const askRatio = rule.kind === 'formula' && rule.cityMatching?.required && rule.cityMatching.ratioBp === null;
  const initial: FixForm = {
    completionDate: funds.subsidy?.completionDate ?? undefined,
    cityMatchingPercent: funds.subsidy?.cityMatchingRatioBp !== null && funds.subsidy?.cityMatchingRatioBp !== undefined ? funds.subsidy.cityMatchingRatioBp / 100 : null,
    awardFen: funds.subsidy && rule.kind === 'officer_entered' ? fenToWan(funds.subsidy.awardFen) : undefined,
    awardForm: funds.subsidy?.awardForm ?? undefined,
    shares: Object.fromEntries(settable.map((x) => [x.id, (existing.get(x.id) ?? (x.share as number)) / 100])),
  };
  const submit = () =>
    void form.validateFields().then((v) => {
      const shares = Object.fromEntries(Object.entries(v.shares ?? {}).map(([k, pct]) => [k, Math.round(Number(pct) * 100)]));
      fix.mutate(
        rule.kind === 'formula'
          ? {
              ...(v.completionDate ? { completionDate: v.completionDate } : {}),
              ...(askRatio ? { cityMatchingRatioBp: v.cityMatchingPercent === null || v.cityMatchingPercent === undefined ? null : Math.round(v.cityMatchingPercent * 100) } : {}),
              shares,
            }
          : { awardFen: wanToFen(v.awardFen ?? 0), awardForm: v.awardForm!, shares },
      );
    });
  return (
    <Card size="small" title={funds.subsidy ? t('subsidy.refix') : t('subsidy.fix')} data-testid="subsidy-fix-card">
      <Form form={form} layout="inline" initialValues={initial} className="funding-fix-form">
        {rule.kind === 'formula' ? (
          <>
            <Form.Item name="completionDate" label={t('subsidy.completionDate')} tooltip={t('subsidy.completionDateHint')}>
              <Input type="date" data-testid="subsidy-completion-date" />
            </Form.Item>
            {askRatio ? (
              <Form.Item name="cityMatchingPercent" label={t('subsidy.cityMatchingRatio')} tooltip={rule.cityMatching?.citation}>
                <InputNumber min={0} max={100} precision={2} suffix="%" data-testid="subsidy-city-ratio" />
              </Form.Item>
            ) : null}
          </>
        ) : (
          <>
            <Form.Item
              name="awardFen"
              label={t('subsidy.awardWan')}
              tooltip={rule.raisedCaps.map((r) => `${r.message[language]}（${r.citation}）`).join('；') || undefined}
              rules={[{ required: true, message: t('subsidy.awardRequired') }]} extra={rule.capFen !== null ? t('subsidy.capHint', { cap: formatFen(rule.capFen, language) }) : undefined}>
              <InputNumber min={0.000001} precision={6} suffix={t('subsidy.wan')} data-testid="subsidy-award-input" />
            </Form.Item>
            <Form.Item name="awardForm" label={t('subsidy.awardForm')} rules={[{ required: true, message: t('subsidy.formRequired') }]}>
              <Select style={{ width: 140 }} data-testid="subsidy-award-form" options={rule.awardForms.map((f) => ({ value: f, label: t(`subsidy.form.${f}`) }))} />
            </Form.Item>
          </>
        )}
        {settable.map((x) => (
          <Form.Item key={x.id} name={['shares', x.id]} label={t('subsidy.shareOf', { trigger: t(`disbursement.trigger.${x.trigger}`) })} tooltip={x.citation}>
            <InputNumber min={0} max={100} precision={2} suffix="%" data-testid={`subsidy-share-${x.id}`} />
          </Form.Item>
        ))}
        <Form.Item>
          <Button type="primary" onClick={submit} loading={fix.isPending} data-testid="subsidy-fix-submit">
            {funds.subsidy ? t('subsidy.refixButton') : t('subsidy.fixButton')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function TranchesCard({ funds, canDisburse, onDisburse }: { funds: FundsView; canDisburse: boolean; onDisburse: (t: Tranche) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const triggerName = useTriggerName();
  const columns: TableColumnsType<Tranche> = [
    { key: 'position', title: '#', width: 50, render: (_, x) => x.position },
    { key: 'trigger', title: t('disbursement.triggerTitle'), render: (_, x) => triggerName(x.trigger) },
    { key: 'share', title: t('disbursement.share'), width: 90, align: 'right', render: (_, x) => formatBp(x.shareBp) },
    { key: 'amount', title: t('disbursement.amount'), width: 140, align: 'right', render: (_, x) => <Money fen={x.amountFen} testId={`tranche-amount-${x.trancheCode}`} /> },
    { key: 'budgetYear', title: t('disbursement.budgetYear'), width: 100, render: (_, x) => x.budgetYear },
    {
      key: 'status',
      title: t('disbursement.statusTitle'),
      width: 220,
      render: (_, x) => (
        <Space orientation="vertical" size={0} data-testid={`tranche-status-${x.trancheCode}`}>
          <TrancheStatusTag status={x.status} releasable={x.releasable} blockedReason={x.blockedReason} />
          {x.status === 'planned' && !x.releasable && x.blockedReason ? <Typography.Text type="secondary">{x.blockedReason[language]}</Typography.Text> : null}
        </Space>
      ),
    },
    { key: 'paid', title: t('disbursement.paidOn'), width: 110, render: (_, x) => x.paidOn ?? '—' },
    { key: 'voucher', title: t('disbursement.voucherNumber'), width: 140, render: (_, x) => x.voucherNumber ?? '—' },
    { key: 'citation', title: t('disbursement.citation'), width: 130, render: (_, x) => <Citation value={x.citation} /> },
    ...(canDisburse
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 140,
            render: (_: unknown, x: Tranche) =>
              x.status === 'planned' ? (
                <Button size="small" type="primary" disabled={!x.releasable} onClick={() => onDisburse(x)} data-testid={`tranche-disburse-${x.trancheCode}`}>
                  {t('disbursement.approveAndRecord')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Card size="small" title={t('disbursement.tranches')}>
      <Table<Tranche> rowKey="id" size="small" columns={columns} dataSource={funds.tranches} pagination={false} scroll={{ x: 1100 }} locale={{ emptyText: t('disbursement.noTranches') }} data-testid="tranche-table" />
    </Card>
  );
}

function RecoveriesCard({ funds, canManage, canDisburse, onAdd, onRepay }: { funds: FundsView; canManage: boolean; canDisburse: boolean; onAdd: () => void; onRepay: (r: Recovery) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns: TableColumnsType<Recovery> = [
    { key: 'createdAt', title: t('subsidy.recovery.createdAt'), width: 110, render: (_, r) => r.createdAt.slice(0, 10) },
    { key: 'reason', title: t('subsidy.recovery.reason'), render: (_, r) => r.reason[language] },
    { key: 'citation', title: t('disbursement.citation'), width: 120, render: (_, r) => <Citation value={r.citation} /> },
    { key: 'amount', title: t('subsidy.recovery.amount'), width: 130, align: 'right', render: (_, r) => <Money fen={r.amountFen} /> },
    { key: 'repaid', title: t('subsidy.recovery.repaid'), width: 130, align: 'right', render: (_, r) => <Money fen={r.repaidFen} /> },
    {
      key: 'status',
      title: t('disbursement.statusTitle'),
      width: 100,
      render: (_, r) => (r.status === 'repaid' ? <Tag color="green">{t('subsidy.recovery.statusRepaid')}</Tag> : <Tag color="orange">{t('subsidy.recovery.statusOutstanding')}</Tag>),
    },
    ...(canDisburse
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 120,
            render: (_: unknown, r: Recovery) =>
              r.status === 'outstanding' ? (
                <Button size="small" onClick={() => onRepay(r)} data-testid={`recovery-repay-${r.id}`}>
                  {t('subsidy.recovery.repay')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Card
      size="small"
      title={t('subsidy.recovery.title')}
      extra={
        canManage ? (
          <Button onClick={onAdd} disabled={funds.recoverableFen <= 0} data-testid="recovery-add">
            {t('subsidy.recovery.add')}
          </Button>
        ) : null
      }
    >
      <Table<Recovery>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={funds.recoveries}
        pagination={false}
        locale={{ emptyText: t('subsidy.recovery.none') }}
        data-testid="recovery-table"
        expandable={{
          rowExpandable: (r) => r.repayments.length > 0,
          expandedRowRender: (r) => (
            <ul className="funding-repayments">
              {r.repayments.map((p) => (
                <li key={p.id}>
                  {p.paidOn} · <Money fen={p.amountFen} /> · {p.voucherNumber} · {p.recordedByName ?? '—'}
                </li>
              ))}
            </ul>
          ),
        }}
      />
    </Card>
  );
}

function RecoveryModal({ projectId, open, maxFen, onClose }: { projectId: string; open: boolean; maxFen: number; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<{ amountFen: number; reason: string; citation?: string }>();
  const record = useRecordRecovery(projectId, { form });
  return (
    <Modal
      open={open}
      title={t('subsidy.recovery.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ loading: record.isPending, 'data-testid': 'recovery-save' } as never}
      onOk={() =>
        void form.validateFields().then((v) =>
          record.mutate(
            { amountFen: Math.round(v.amountFen * FEN_PER_YUAN), reason: { 'zh-CN': v.reason.trim(), en: '' }, citation: v.citation?.trim() || null },
            { onSuccess: onClose },
          ),
        )
      }
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="amountFen" label={t('subsidy.recovery.amountYuan')} extra={t('subsidy.recovery.max', { max: formatFen(maxFen, language) })} rules={[{ required: true, message: t('ledger.required') }]}>
          <InputNumber min={0.01} max={maxFen / FEN_PER_YUAN} precision={2} style={{ width: '100%' }} data-testid="recovery-amount" />
        </Form.Item>
        <Form.Item name="reason" label={t('subsidy.recovery.reason')} rules={[{ required: true, whitespace: true, message: t('ledger.required') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="recovery-reason" />
        </Form.Item>
        <Form.Item name="citation" label={t('disbursement.citation')}>
          <Input maxLength={100} placeholder="000 第十六条" data-testid="recovery-citation" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RepaymentModal({ projectId, recovery, onClose }: { projectId: string; recovery: Recovery | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ amountFen: number; paidOn: string; voucherNumber: string }>();
  const repay = useRecordRepayment(projectId, { form });
  const due = recovery ? recovery.amountFen - recovery.repaidFen : 0;
  return (
    <Modal
      open={recovery !== null}
      title={t('subsidy.recovery.repay')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ loading: repay.isPending, 'data-testid': 'repayment-save' } as never}
      onOk={() =>
        void form.validateFields().then((v) =>
          repay.mutate({ recoveryId: recovery!.id, amountFen: Math.round(v.amountFen * FEN_PER_YUAN), paidOn: v.paidOn, voucherNumber: v.voucherNumber.trim() }, { onSuccess: onClose }),
        )
      }
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ paidOn: shanghaiToday(), amountFen: due / FEN_PER_YUAN }}>
        <Form.Item name="amountFen" label={t('subsidy.recovery.amountYuan')} rules={[{ required: true, message: t('ledger.required') }]}>
          <InputNumber min={0.01} max={due / FEN_PER_YUAN} precision={2} style={{ width: '100%' }} data-testid="repayment-amount" />
        </Form.Item>
        <Form.Item name="paidOn" label={t('disbursement.paidOn')} rules={[{ required: true, message: t('ledger.required') }]}>
          <Input type="date" data-testid="repayment-paid-on" />
        </Form.Item>
        <Form.Item name="voucherNumber" label={t('disbursement.voucherNumber')} rules={[{ required: true, whitespace: true, message: t('ledger.required') }]}>
          <Input maxLength={60} data-testid="repayment-voucher" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
