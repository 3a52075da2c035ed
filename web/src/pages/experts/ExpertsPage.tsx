/**
 * 评审专家库: the province's expert pool, filtered (name/organization, tag) and paged on the server;
 * a drawer to add or edit an expert (or deactivate them), the .xlsx import with its refused rows, and
 * the import template.
 */
import { useState } from 'react';
import { Alert, Button, Card, Drawer, Form, Input, Select, Space, Switch, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Expert } from '../../../../contracts/review.ts';
import type { Page } from '../../../../contracts/common.ts';
import { api, downloadFile } from '../../api/client.ts';
import { useUser } from '../../api/session.ts';
import { ListToolbar, SearchFilter, SelectFilter } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useListParams } from '../../lib/list-params.ts';
import { userMay } from '../../routes.ts';

type ExpertPage = Page<Expert> & { tags: string[] };
interface ImportResult {
  created: number;
  updated: number;
  linked: number;
  errors: { row: number; column: string; messages: { 'zh-CN': string; en: string } }[];
}

const FILTERS = ['q', 'tag', 'active'] as const;

export default function ExpertsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { user } = useUser();
  const manage = userMay(user, 'selection.manage');
  const queryClient = useQueryClient();
  const { params, onTableChange, filtered, clearFilters, filterProps } = useListParams(FILTERS);
  const [editing, setEditing] = useState<Expert | 'new' | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [form] = Form.useForm();

  const list = useQuery({
    queryKey: ['experts', params],
    queryFn: ({ signal }) => api.get<ExpertPage>('/api/experts', { page: params.page, pageSize: params.pageSize, ...params.filters }, signal),
    placeholderData: keepPreviousData,
  });

  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      editing === 'new' ? api.post<Expert>('/api/experts', values) : api.patch<Expert>(`/api/experts/${(editing as Expert).id}`, values),
    meta: { form },
    onSuccess: () => {
      setEditing(null);
      void queryClient.invalidateQueries({ queryKey: ['experts'] });
    },
  });

  const importFile = useMutation({
    mutationFn: (file: File) => api.post<ImportResult>('/api/experts/import', undefined, { bytes: file }),
    onSuccess: (r) => {
      setImported(r);
      void queryClient.invalidateQueries({ queryKey: ['experts'] });
    },
  });

  const open = (e: Expert | 'new') => {
    setEditing(e);
    form.resetFields();
    if (e !== 'new') form.setFieldsValue({ ...e, tags: e.tags });
    else form.setFieldsValue({ active: true, tags: [] });
  };

  const columns: TableColumnsType<Expert> = [
    {
      key: 'name',
      title: t('experts.name'),
      render: (_, e) => (
        <div className="cell-stack">
          <Typography.Text strong>{e.name}</Typography.Text>
          <Typography.Text type="secondary" className="cell-sub">{e.title}</Typography.Text>
        </div>
      ),
    },
    { key: 'organization', title: t('experts.organization'), render: (_, e) => <div className="cell-stack"><span>{e.organizationName}</span><Typography.Text type="secondary" className="cell-sub mono">{e.creditCode ?? ''}</Typography.Text></div> },
    { key: 'city', dataIndex: 'cityName', title: t('experts.city'), width: 110, render: (v: string | null) => v ?? '—' },
    { key: 'tags', title: t('experts.tags'), render: (_, e) => <Space size={[4, 4]} wrap>{e.tags.map((x) => <Tag key={x}>{x}</Tag>)}</Space> },
    { key: 'contact', title: t('experts.contact'), width: 200, render: (_, e) => <div className="cell-stack"><span>{e.phone ?? '—'}</span><Typography.Text type="secondary" className="cell-sub">{e.email ?? ''}</Typography.Text></div> },
    {
      key: 'status',
      title: t('experts.status'),
      width: 130,
      render: (_, e) => (
        <Space size={4} wrap>
          <Tag color={e.active ? 'green' : 'default'}>{e.active ? t('experts.active') : t('experts.inactive')}</Tag>
          {e.accountId ? <Tag color="blue">{t('experts.linked')}</Tag> : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('experts.title')}
        subtitle={t('experts.subtitle')}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} data-testid="experts-template" onClick={() => void downloadFile('/api/experts/template.xlsx', 'experts-template.xlsx')}>
              {t('experts.template')}
            </Button>
            {manage ? (
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => (importFile.mutate(file), false)}>
                <Button icon={<UploadOutlined />} loading={importFile.isPending} data-testid="experts-import">
                  {t('experts.import')}
                </Button>
              </Upload>
            ) : null}
            {manage ? (
              <Button type="primary" icon={<PlusOutlined />} data-testid="experts-add" onClick={() => open('new')}>
                {t('experts.add')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {imported ? (
        <Alert
          className="page-alert"
          data-testid="experts-import-result"
          type={imported.errors.length ? 'warning' : 'success'}
          closable={{ onClose: () => setImported(null) }}
          title={t('experts.importResult', { created: imported.created, updated: imported.updated, linked: imported.linked, refused: imported.errors.length })}
          description={
            imported.errors.length ? (
              <Table
                size="small"
                rowKey={(r) => `${r.row}-${r.column}`}
                pagination={false}
                dataSource={imported.errors}
                columns={[
                  { key: 'row', dataIndex: 'row', title: t('experts.row'), width: 80 },
                  { key: 'column', dataIndex: 'column', title: t('experts.column'), width: 160 },
                  { key: 'problem', title: t('experts.problem'), render: (_, r) => r.messages[lang] },
                ]}
              />
            ) : null
          }
        />
      ) : null}
      <Card variant="borderless" className="page-card">
        <ListToolbar filtered={filtered} onClear={clearFilters} onRefresh={() => void list.refetch()}>
          <SearchFilter id="experts-search" placeholder={t('experts.searchPlaceholder')} {...filterProps('q')} />
          <SelectFilter id="experts-tag" placeholder={t('experts.tags')} options={(list.data?.tags ?? []).map((x) => ({ value: x, label: x }))} {...filterProps('tag')} />
          <SelectFilter
            id="experts-active"
            placeholder={t('experts.status')}
            options={[
              { value: 'true', label: t('experts.active') },
              { value: 'false', label: t('experts.inactive') },
            ]}
            {...filterProps('active')}
          />
        </ListToolbar>
        <ServerTable<Expert>
          query={list}
          columns={columns}
          params={params}
          onChange={onTableChange}
          emptyText={t('experts.empty')}
          scroll={{ x: 980 }}
          onRow={(record) => (manage ? { onClick: () => open(record), className: 'clickable-row', 'data-testid': `experts-row-${record.id}` } as never : {})}
        />
      </Card>
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        size={520}
        destroyOnHidden
        title={editing === 'new' ? t('experts.add') : t('experts.edit')}
        extra={
          <Button type="primary" loading={save.isPending} data-testid="expert-save" onClick={() => form.submit()}>
            {t('experts.save')}
          </Button>
        }
      >
        <Form form={form} layout="vertical" onFinish={(values: Record<string, unknown>) => save.mutate(editing === 'new' ? { ...values, active: undefined } : values)}>
          <Form.Item name="name" label={t('experts.name')} rules={[{ required: true, message: t('experts.required') }]}>
            <Input data-testid="expert-name" maxLength={50} />
          </Form.Item>
          <Form.Item name="title" label={t('experts.jobTitle')}>
            <Input data-testid="expert-title" maxLength={50} />
          </Form.Item>
          <Form.Item name="organizationName" label={t('experts.organization')} rules={[{ required: true, message: t('experts.required') }]}>
            <Input data-testid="expert-organization" maxLength={200} />
          </Form.Item>
          <Form.Item name="creditCode" label={t('experts.creditCode')}>
            <Input data-testid="expert-credit-code" maxLength={18} className="mono" />
          </Form.Item>
          <Form.Item name="cityName" label={t('experts.city')}>
            <Input data-testid="expert-city" maxLength={50} />
          </Form.Item>
          <Form.Item name="tags" label={t('experts.tags')}>
            <Select mode="tags" data-testid="expert-tags" tokenSeparators={[',', '，', '、', ';']} options={(list.data?.tags ?? []).map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="phone" label={t('experts.phone')}>
            <Input data-testid="expert-phone" maxLength={30} />
          </Form.Item>
          <Form.Item name="email" label={t('experts.email')}>
            <Input data-testid="expert-email" maxLength={200} />
          </Form.Item>
          {editing !== 'new' ? (
            <Form.Item name="active" label={t('experts.activeSwitch')} valuePropName="checked">
              <Switch data-testid="expert-active" />
            </Form.Item>
          ) : null}
        </Form>
      </Drawer>
    </>
  );
}
