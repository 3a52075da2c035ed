/**
 * 票据台账 (project tab): the project's invoices, each counted or excluded with its reason and
 * duplicates of other projects flagged; the eligible investment with its window, formula and the
 * article it follows. The project owner adds and corrects invoices until the subsidy is fixed.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Citation } from '../../components/Citation.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { FEN_PER_YUAN } from '../../lib/money.ts';
import { useDeleteInvoice, useLedger, useSaveInvoice, type Invoice, type LedgerView } from './data.ts';
import { Money } from './parts.tsx';

interface InvoiceForm {
  number: string;
  issuedOn: string;
  sellerName: string;
  sellerCreditCode?: string;
  /** In 元 on the form (named as the API's field, so its field errors land here); sent as fen. */
  amountFen: number;
  taxFen?: number;
  category: string;
  note?: string;
}

const toFen = (yuan: number | undefined) => Math.round((yuan ?? 0) * FEN_PER_YUAN);

export default function LedgerTab({ projectId }: { projectId: string }) {
  const query = useLedger(projectId);
  return <QueryView query={query}>{(ledger) => <Ledger projectId={projectId} ledger={ledger} />}</QueryView>;
}

function Ledger({ projectId, ledger }: { projectId: string; ledger: LedgerView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [editing, setEditing] = useState<Invoice | 'new' | null>(null);
  const remove = useDeleteInvoice(projectId);
  const verdictOf = new Map((ledger.investment?.verdicts ?? []).map((v) => [v.invoiceId, v]));
  const categoryName = new Map(ledger.categories.map((c) => [c.code, c.name[language]]));

  const columns: TableColumnsType<Invoice> = [
    { key: 'number', title: t('ledger.number'), dataIndex: 'number', width: 130 },
    { key: 'issuedOn', title: t('ledger.issuedOn'), dataIndex: 'issuedOn', width: 110 },
    { key: 'seller', title: t('ledger.seller'), render: (_, i) => i.sellerName, ellipsis: true },
    { key: 'category', title: t('ledger.category'), width: 170, render: (_, i) => categoryName.get(i.category) ?? i.category },
    { key: 'amount', title: t('ledger.amount'), width: 130, align: 'right', render: (_, i) => <Money fen={i.amountFen} /> },
    { key: 'tax', title: t('ledger.tax'), width: 110, align: 'right', render: (_, i) => <Money fen={i.taxFen} /> },
    {
      key: 'verdict',
      title: t('ledger.verdict'),
      width: 260,
      render: (_, i) => {
        const v = verdictOf.get(i.id);
        if (!v) return '—';
        return (
          <Space orientation="vertical" size={2} data-testid={`ledger-verdict-${i.id}`}>
            <Space size={4}>
              {v.included ? <Tag color="green">{t('ledger.included')}</Tag> : <Tag color="orange">{t('ledger.excluded')}</Tag>}
              {v.duplicates.length > 0 ? <Tag color="red">{t('ledger.duplicate')}</Tag> : null}
            </Space>
            {v.reasons.map((r) => (
              <Typography.Text key={r.code} type="secondary" className="funding-reason">
                {r.messages[language]}
              </Typography.Text>
            ))}
          </Space>
        );
      },
    },
    ...(ledger.editable
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 130,
            render: (_: unknown, i: Invoice) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setEditing(i)} data-testid={`ledger-edit-${i.id}`}>
                  {t('ledger.edit')}
                </Button>
                <Popconfirm title={t('ledger.deleteConfirm')} onConfirm={() => remove.mutate(i.id)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                  <Button size="small" type="link" danger data-testid={`ledger-delete-${i.id}`}>
                    {t('ledger.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const inv = ledger.investment;
  const sourceLabel = t(`ledger.completionSource.${ledger.completionDateSource}`);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('ledger.summary')} data-testid="ledger-summary">
        {inv ? (
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
            <Descriptions.Item label={t('ledger.eligible')}>
              <Typography.Text strong>
                <Money fen={inv.eligibleFen} testId="ledger-eligible" />
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('ledger.excludedTotal')}>
              <Money fen={inv.excludedFen} testId="ledger-excluded" />
            </Descriptions.Item>
            <Descriptions.Item label={t('ledger.window')}>
              <span data-testid="ledger-window">
                {inv.window.from} — {inv.window.to}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('ledger.completionDate')}>
              {ledger.completionDate}（{sourceLabel}）
            </Descriptions.Item>
            <Descriptions.Item label={t('ledger.formula')} span={2}>
              <span data-testid="ledger-formula">{inv.explanation.formula[language]}</span> <Citation value={inv.explanation.citation} />
            </Descriptions.Item>
            <Descriptions.Item label={t('ledger.rule')} span={3}>
              {inv.explanation.rule[language]}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">{t('ledger.noFormula')}</Typography.Text>
        )}
      </Card>
      {!ledger.editable && ledger.invoices.length > 0 ? <Alert type="info" showIcon title={t('ledger.readOnly')} /> : null}
      <Card
        size="small"
        title={t('ledger.invoices')}
        extra={
          ledger.editable ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="ledger-add">
              {t('ledger.add')}
            </Button>
          ) : null
        }
      >
        <Table<Invoice>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={ledger.invoices}
          pagination={ledger.invoices.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t('ledger.empty') }}
          data-testid="ledger-table"
        />
      </Card>
      <InvoiceModal projectId={projectId} ledger={ledger} editing={editing} onClose={() => setEditing(null)} />
    </Space>
  );
}

function InvoiceModal({ projectId, ledger, editing, onClose }: { projectId: string; ledger: LedgerView; editing: Invoice | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<InvoiceForm>();
  const save = useSaveInvoice(projectId, { form });
  const current = editing && editing !== 'new' ? editing : null;
  const initial: Partial<InvoiceForm> = current
    ? {
        number: current.number,
        issuedOn: current.issuedOn,
        sellerName: current.sellerName,
        sellerCreditCode: current.sellerCreditCode ?? '',
        amountFen: current.amountFen / FEN_PER_YUAN,
        taxFen: current.taxFen / FEN_PER_YUAN,
        category: current.category,
        note: current.note ?? '',
      }
    : { taxFen: 0 };
  const submit = () =>
    void form.validateFields().then((v) =>
      save.mutate(
        {
          id: current?.id ?? null,
          input: {
            number: v.number,
            issuedOn: v.issuedOn,
            sellerName: v.sellerName,
            sellerCreditCode: v.sellerCreditCode ?? '',
            amountFen: toFen(v.amountFen),
            taxFen: toFen(v.taxFen),
            category: v.category,
            note: v.note?.trim() ? v.note.trim() : null,
          },
        },
        { onSuccess: onClose },
      ),
    );
  return (
    <Modal
      open={editing !== null}
      title={current ? t('ledger.editTitle') : t('ledger.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'invoice-save' } as never}
      destroyOnHidden
      width={620}
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="number" label={t('ledger.number')} rules={[{ required: true, whitespace: true, message: t('ledger.required') }]}>
              <Input maxLength={50} data-testid="invoice-number" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="issuedOn" label={t('ledger.issuedOn')} rules={[{ required: true, message: t('ledger.required') }]}>
              <Input type="date" data-testid="invoice-issued-on" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="sellerName" label={t('ledger.seller')} rules={[{ required: true, whitespace: true, message: t('ledger.required') }]}>
          <Input maxLength={200} data-testid="invoice-seller" />
        </Form.Item>
        <Form.Item name="sellerCreditCode" label={t('ledger.sellerCreditCode')}>
          <Input maxLength={18} data-testid="invoice-seller-code" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="amountFen" label={t('ledger.amountYuan')} rules={[{ required: true, message: t('ledger.required') }]}>
              <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="invoice-amount" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="taxFen" label={t('ledger.taxYuan')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="invoice-tax" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="category" label={t('ledger.category')} rules={[{ required: true, message: t('ledger.required') }]}>
          <Select data-testid="invoice-category" options={ledger.categories.map((c) => ({ value: c.code, label: c.name[language] }))} />
        </Form.Item>
        <Form.Item name="note" label={t('ledger.note')}>
          <Input.TextArea maxLength={500} rows={2} data-testid="invoice-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
