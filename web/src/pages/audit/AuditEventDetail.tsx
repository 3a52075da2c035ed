/** One audit record unfolded: what changed (before → after), and where the request came from. */
import { Col, Descriptions, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../contracts/audit.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

/** Top-level fields whose values differ, when both sides are objects. */
function changes(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] | null {
  if (!isRecord(before) || !isRecord(after)) return null;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field])).map((field) => ({ field, before: before[field], after: after[field] }));
}

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('audit.noData')}</Typography.Text>;
  return <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditEventDetail({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const changed = changes(event.before, event.after);
  return (
    <div className="audit-detail">
      {changed && changed.length > 0 ? (
        <Table
          size="small"
          rowKey="field"
          pagination={false}
          className="audit-changes"
          dataSource={changed}
          columns={[
            { key: 'field', dataIndex: 'field', title: t('audit.field'), width: 200, render: (field: string) => <span className="mono">{field}</span> },
            { key: 'before', title: t('audit.before'), render: (_, row) => <span className="mono diff-before">{show(row.before)}</span> },
            { key: 'after', title: t('audit.after'), render: (_, row) => <span className="mono diff-after">{show(row.after)}</span> },
          ]}
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <Json value={event.before} />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <Json value={event.after} />
        </Col>
      </Row>
      <Descriptions
        size="small"
        column={{ xs: 1, lg: 2 }}
        items={[
          { key: 'id', label: t('audit.eventId'), children: <span className="mono">{event.id}</span> },
          { key: 'requestId', label: t('audit.requestId'), children: event.requestId ? <Typography.Text copyable className="mono">{event.requestId}</Typography.Text> : '—' },
          { key: 'organizationId', label: t('audit.organizationId'), children: event.organizationId ?? '—' },
          { key: 'userAgent', label: t('audit.userAgent'), children: event.userAgent ?? '—' },
          { key: 'hash', label: t('audit.hash'), span: 2, children: event.hash ? <Typography.Text copyable className="mono hash">{event.hash}</Typography.Text> : t('audit.notSealedYet') },
        ]}
      />
    </div>
  );
}
