/**
 * One published notice or final list for the public (no sign-in): the period, the projects with
 * their public fields, the documents, and — while the period runs — the objection form. A refused
 * objection puts the server's field errors on the fields and keeps everything typed.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Result, Select, Space, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PublicNotice } from '../../../../contracts/notices.ts';
import { api, downloadFile, presentError } from '../../api/client.ts';
import { QueryView } from '../../components/QueryState.tsx';
import { useFormat } from '../../lib/format.ts';
import { PortalTheme } from '../portal/parts.tsx';
import { periodText } from './period.ts';

const MAX_BYTES = 2 * 1024 * 1024;
/** Badge classes (web/src/components/portal.css) whose colours keep 4.5:1 contrast. */
const BADGE = { published: 'portal-badge-notice', ended: 'portal-badge-ended', final: 'portal-badge-final' } as const;

export default function PublicNoticePage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['public-notice', id], queryFn: ({ signal }) => api.get<PublicNotice>(`/api/public/notices/${id}`, undefined, signal) });
  return (
    <PortalTheme>
      <div className="public-notice portal-page">
        <QueryView query={query}>{(notice) => <NoticeBody notice={notice} />}</QueryView>
      </div>
    </PortalTheme>
  );
}

function NoticeBody({ notice }: { notice: PublicNotice }) {
  const { t } = useTranslation();
  const format = useFormat();
  const final = notice.finalList;
  const download = (path: string, name: string) => () => void downloadFile(path, name).catch((e: unknown) => presentError(e, { surface: 'action' }));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/public/notices" data-testid="public-notice-back">
        <ArrowLeftOutlined /> {t('publicNotice.public.back')}
      </Link>
      <Card data-testid="public-notice">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={1} className="portal-h1" style={{ textAlign: 'center', marginTop: 0 }} data-testid="public-notice-title">
            {final ? final.title : notice.title}
          </Typography.Title>
          {final ? <Typography.Paragraph style={{ textAlign: 'center' }}>{final.documentNumber}</Typography.Paragraph> : null}
          <Space wrap style={{ justifyContent: 'center', width: '100%' }}>
            <span className={`portal-badge ${BADGE[notice.status]}`} data-testid="public-notice-status">
              {t(`publicNotice.status.${notice.status}`)}
            </span>
            <Typography.Text type="secondary">
              {notice.issuer} · {format.date(final ? final.publishedAt : notice.publishedAt)}
            </Typography.Text>
          </Space>
          {final ? (
            // The notice's own text speaks of the shortlist being on notice; the final list says what became of it.
            <Typography.Paragraph data-testid="final-list-body">{notice.period ? t('publicNotice.public.finalBody', { title: notice.title }) : t('publicNotice.public.finalBodyWithoutNotice')}</Typography.Paragraph>
          ) : notice.body ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{notice.body}</Typography.Paragraph>
          ) : null}
          <Descriptions size="small" column={1} bordered>
            {notice.period ? (
              <Descriptions.Item label={t('publicNotice.period')}>
                <span data-testid="public-notice-period">{periodText(notice.period, format.language, t)}</span>
              </Descriptions.Item>
            ) : null}
            {notice.contact ? (
              <Descriptions.Item label={t('publicNotice.public.contact')}>
                {notice.contact.name} {notice.contact.phone}
                {notice.contact.email ? ` ${notice.contact.email}` : ''}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {notice.period?.provisional ? <Alert type="warning" showIcon title={t('publicNotice.provisional')} /> : null}
          <Space wrap>
            {notice.period ? (
              <Button icon={<DownloadOutlined />} data-testid="public-notice-docx" onClick={download(`/api/public/notices/${notice.id}/document.docx`, 'notice.docx')}>
                {t('publicNotice.public.downloadNotice')}
              </Button>
            ) : null}
            {final ? (
              <Button icon={<DownloadOutlined />} data-testid="public-final-docx" onClick={download(`/api/public/notices/${notice.id}/final-list.docx`, 'final-list.docx')}>
                {t('publicNotice.public.downloadFinal')}
              </Button>
            ) : null}
          </Space>
        </Space>
      </Card>
      <Card
        title={
          <Typography.Title level={2} className="portal-h2">
            {final ? t('publicNotice.public.finalList') : t('publicNotice.items')}
          </Typography.Title>
        }
      >
        <List
          data-testid="public-notice-items"
          dataSource={notice.items}
          renderItem={(item) => (
            <List.Item key={item.position}>
              <Space orientation="vertical" size={2}>
                <Typography.Text strong>
                  {item.position}. {item.projectName}
                </Typography.Text>
                <Typography.Text>{item.organizationName}</Typography.Text>
                <Typography.Text type="secondary">
                  {[item.cityName, item.direction].filter(Boolean).join(' · ')}
                </Typography.Text>
                {Object.entries(item.fields).map(([k, v]) => (
                  <Typography.Text key={k} type="secondary">
                    {v}
                  </Typography.Text>
                ))}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {final ? null : notice.objectionsOpen ? <ObjectionForm notice={notice} /> : <Alert type="info" showIcon data-testid="objections-closed" title={t('publicNotice.public.objectionsClosed')} />}
    </Space>
  );
}

interface FormValues {
  name: string;
  contact: string;
  itemPosition?: number | null;
  content: string;
  /** Not a value: the field exists so that the server's error on the attachment shows under it. */
  attachment?: never;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function ObjectionForm({ notice }: { notice: PublicNotice }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const [form] = Form.useForm<FormValues>();
  const [file, setFile] = useState<File | null>(null);
  const [receipt, setReceipt] = useState<{ id: string; receivedAt: string } | null>(null);
  const submit = useMutation({
    mutationFn: async (values: FormValues) =>
      api.post<{ id: string; receivedAt: string }>(`/api/public/notices/${notice.id}/objections`, {
        name: values.name ?? '',
        contact: values.contact ?? '',
        content: values.content ?? '',
        itemPosition: values.itemPosition ?? null,
        attachment: file ? { fileName: file.name, contentBase64: await readBase64(file) } : null,
      }),
    onSuccess: (r) => {
      setReceipt(r);
      form.resetFields();
      setFile(null);
    },
    // The form keeps what was typed; the server's field errors go onto its fields.
    onError: (error) => presentError(error, { surface: 'action', form }),
  });
  if (receipt) {
    return (
      <Card data-testid="objection-receipt">
        <Result
          status="success"
          title={t('objection.received')}
          subTitle={t('objection.receipt', { id: receipt.id, at: format.dateTime(receipt.receivedAt) })}
          extra={<Button onClick={() => setReceipt(null)}>{t('objection.another')}</Button>}
        />
      </Card>
    );
  }
  return (
    <Card
      title={
        <Typography.Title level={2} className="portal-h2">
          {t('objection.formTitle')}
        </Typography.Title>
      }
      data-testid="objection-form-card"
    >
      <Typography.Paragraph type="secondary">{t('publicNotice.public.objectionsOpen')}。{t('objection.formIntro')}</Typography.Paragraph>
      <Form<FormValues> form={form} layout="vertical" onFinish={(values) => submit.mutate(values)} data-testid="objection-form" scrollToFirstError>
        <Form.Item name="name" label={t('objection.name')}>
          <Input data-testid="objection-name" maxLength={100} autoComplete="name" />
        </Form.Item>
        <Form.Item name="contact" label={t('objection.contact')}>
          <Input data-testid="objection-contact" maxLength={100} inputMode="tel" />
        </Form.Item>
        <Form.Item name="itemPosition" label={t('objection.item')}>
          <Select
            data-testid="objection-item"
            allowClear
            placeholder={t('objection.itemPlaceholder')}
            options={notice.items.map((i) => ({ value: i.position, label: `${i.position}. ${i.projectName}` }))}
          />
        </Form.Item>
        <Form.Item name="content" label={t('objection.content')}>
          <Input.TextArea data-testid="objection-content" autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount placeholder={t('objection.contentPlaceholder')} />
        </Form.Item>
        <Form.Item name="attachment" label={t('objection.attachment')}>
          <Upload
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            maxCount={1}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
            onRemove={() => setFile(null)}
            beforeUpload={(f) => {
              if (f.size > MAX_BYTES) {
                message.error(t('objection.tooBig'));
                return Upload.LIST_IGNORE;
              }
              setFile(f);
              form.setFields([{ name: 'attachment', errors: [] }]);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="objection-attachment">
              {t('objection.chooseFile')}
            </Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="objection-submit" loading={submit.isPending} block>
          {t('objection.submit')}
        </Button>
      </Form>
    </Card>
  );
}
