/**
 * The project's oversight tab (/projects/:id): its titles with the certificate, the spot checks it was
 * sampled in, its sanctions and bans; the province imposes a sanction with its effects listed and
 * confirmed before they take place.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, presentError } from '../../api/client.ts';
import { Citation } from '../../components/Citation.tsx';
import { DocumentDownload } from '../../components/DocumentDownload.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { useFormat } from '../../lib/format.ts';
import type { Ban } from '../bans/BansPage.tsx';
import { FINDING_COLOR, type SpotCheckItem } from '../spot-checks/SpotChecksPage.tsx';

type Bilingual = { 'zh-CN': string; en: string };
type Effect = 'revoke_title' | 'recover_funds' | 'adjust_funds' | 'refer_to_finance';

interface SanctionOption {
  id: string;
  trigger: string;
  effects: string[];
  banYears: number | null;
  banScope: 'this_program' | 'all_programs' | null;
  message: Bilingual;
  citation: string;
}

interface ProjectOversight {
  applicationId: string;
  projectStatus: string | null;
  titles: { id: string; name: Bilingual; citation: string; awardedOn: string; status: 'active' | 'revoked'; revokedOn: string | null; revokedReason: string | null }[];
  sanctions: { id: string; sanctionId: string; effects: string[]; message: Bilingual; citation: string; reason: string; decidedOn: string; createdByName: string | null }[];
  bans: Ban[];
  checks: (SpotCheckItem & { seed: string })[];
  sanctionOptions: SanctionOption[];
  recoverableFen: number | null;
  canManage: boolean;
}

export default function OversightTab({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [imposing, setImposing] = useState(false);
  const query = useQuery({
    queryKey: ['project-oversight', projectId],
    queryFn: ({ signal }) => api.get<ProjectOversight>(`/api/projects/${projectId}/oversight`, undefined, signal),
  });
  return (
    <QueryView query={query}>
      {(v) => (
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="oversight-tab">
          <Card title={t('oversightTab.titles')} size="small">
            <List
              dataSource={v.titles}
              locale={{ emptyText: t('oversightTab.noTitles') }}
              renderItem={(title) => (
                <List.Item
                  key={title.id}
                  data-testid={`oversight-title-${title.id}`}
                  actions={
                    title.status === 'active'
                      ? [
                          <DocumentDownload key="certificate" base={`/api/titles/${title.id}/certificate`} formats={['pdf', 'docx']} fileName="certificate" label={t('oversightTab.certificate')} testId="oversight-certificate" />,
                        ]
                      : []
                  }
                >
                  <Space wrap>
                    <Typography.Text strong>{title.name[format.language]}</Typography.Text>
                    {title.status === 'active' ? <Tag color="gold">{t('oversightTab.active')}</Tag> : <Tag color="red">{t('oversightTab.revoked')}</Tag>}
                    <Typography.Text type="secondary">
                      {t('oversightTab.awardedOn')}：{title.awardedOn}
                    </Typography.Text>
                    {title.revokedOn ? (
                      <Typography.Text type="danger">
                        {t('oversightTab.revokedOn')}：{title.revokedOn}（{title.revokedReason}）
                      </Typography.Text>
                    ) : null}
                    <Citation value={title.citation} />
                  </Space>
                </List.Item>
              )}
            />
          </Card>

          {v.canManage ? (
            <Card title={t('oversightTab.checks')} size="small">
              <Table<SpotCheckItem & { seed: string }>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={v.checks}
                locale={{ emptyText: t('oversightTab.noChecks') }}
                columns={[
                  { title: t('spotCheck.seed'), dataIndex: 'seed', render: (s: string) => <Typography.Text code>{s}</Typography.Text> },
                  { title: t('spotCheck.finding'), dataIndex: 'finding', render: (f: SpotCheckItem['finding']) => (f ? <Tag color={FINDING_COLOR[f]}>{t(`spotCheck.findings.${f}`)}</Tag> : <Tag>{t('spotCheck.findings.pending')}</Tag>) },
                  { title: t('spotCheck.notes'), dataIndex: 'notes', render: (n: string | null) => n ?? '—' },
                ]}
              />
            </Card>
          ) : null}

          <Card
            title={t('oversightTab.sanctions')}
            size="small"
            extra={
              v.canManage && v.sanctionOptions.length > 0 ? (
                <Button danger data-testid="oversight-impose" onClick={() => setImposing(true)}>
                  {t('sanctions.impose')}
                </Button>
              ) : null
            }
          >
            <List
              dataSource={v.sanctions}
              locale={{ emptyText: t('sanctions.none') }}
              renderItem={(s) => (
                <List.Item key={s.id} data-testid={`oversight-sanction-${s.id}`}>
                  <Space orientation="vertical" size={2}>
                    <Space wrap>
                      <Typography.Text strong>{s.message[format.language]}</Typography.Text>
                      <Citation value={s.citation} />
                    </Space>
                    <Typography.Text type="secondary">
                      {t('sanctions.decidedOn')}：{s.decidedOn} · {s.createdByName ?? ''} · {t('sanctions.reason')}：{s.reason}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
            {v.bans.map((b) => (
              <Alert
                key={b.id}
                type={b.active ? 'error' : 'info'}
                showIcon
                style={{ marginTop: 8 }}
                message={`${t('oversightTab.bans')}：${b.fromDate} — ${b.lastDay}（${b.active ? t('bans.active') : t('bans.expired')}）`}
                description={<Citation value={b.citation} />}
              />
            ))}
          </Card>

          {imposing ? <ImposeModal view={v} projectId={projectId} onClose={() => setImposing(false)} /> : null}
        </Space>
      )}
    </QueryView>
  );
}

function ImposeModal({ view, projectId, onClose }: { view: ProjectOversight; projectId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [form] = Form.useForm<{ sanctionId: string; reason: string; spotCheckItemId: string | null; recoveryYuan: number | null }>();
  const sanctionId = Form.useWatch('sanctionId', form);
  const chosen = view.sanctionOptions.find((o) => o.id === sanctionId);
  const effectLabels = (o: SanctionOption): string[] => [
    ...o.effects.map((e) =>
      e === 'application_ban'
        ? t('sanctions.effects.application_ban', { years: o.banYears ?? 2, scope: t(`sanctions.scope.${o.banScope ?? 'all_programs'}`) })
        : t(`sanctions.effects.${e as Effect}`),
    ),
    ...(o.effects.includes('revoke_title') || o.effects.includes('application_ban') ? [t('sanctions.effects.project_revoked')] : []),
  ];
  const impose = useMutation({
    mutationFn: (v: { sanctionId: string; reason: string; spotCheckItemId: string | null; recoveryYuan: number | null }) =>
      api.post<ProjectOversight>(`/api/projects/${projectId}/sanctions`, { sanctionId: v.sanctionId, reason: v.reason, spotCheckItemId: v.spotCheckItemId ?? null, recoveryAmountFen: v.recoveryYuan ? Math.round(v.recoveryYuan * 100) : null }),
    onSuccess: (data) => {
      client.setQueryData(['project-oversight', projectId], data);
      void client.invalidateQueries({ queryKey: ['projects'] });
      onClose();
    },
    onError: (error) => presentError(error, { surface: 'action', form }),
  });
  const submit = (v: { sanctionId: string; reason: string; spotCheckItemId: string | null; recoveryYuan: number | null }) => {
    const option = view.sanctionOptions.find((o) => o.id === v.sanctionId);
    if (!option) return;
    Modal.confirm({
      title: t('sanctions.confirmTitle'),
      content: (
        <div data-testid="oversight-confirm-effects">
          <p>{t('sanctions.confirmBody')}</p>
          <ul>
            {effectLabels(option).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </div>
      ),
      okText: t('sanctions.confirm'),
      okButtonProps: { danger: true, 'data-testid': 'oversight-confirm' } as never,
      onOk: () => impose.mutateAsync(v).catch(() => undefined),
    });
  };
  return (
    <Modal open title={t('sanctions.impose')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={impose.isPending} okButtonProps={{ danger: true, 'data-testid': 'oversight-impose-submit' } as never}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ spotCheckItemId: view.checks.find((c) => c.finding === 'fraud' || c.finding === 'issues')?.id ?? null, recoveryYuan: null }}>
        <Form.Item name="sanctionId" label={t('sanctions.choose')} rules={[{ required: true, message: t('sanctions.choose') }]}>
          <Select data-testid="oversight-sanction" options={view.sanctionOptions.map((o) => ({ value: o.id, label: `${o.message[format.language]}（${o.citation}）` }))} />
        </Form.Item>
        {chosen ? (
          <Alert
            type="warning"
            style={{ marginBottom: 16 }}
            message={t('sanctions.effectsTitle')}
            description={
              <ul data-testid="oversight-effects" style={{ margin: 0, paddingInlineStart: 20 }}>
                {effectLabels(chosen).map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        <Form.Item name="reason" label={t('sanctions.reason')} rules={[{ required: true, message: t('sanctions.reason') }]}>
          <Input.TextArea data-testid="oversight-reason" rows={3} maxLength={2000} />
        </Form.Item>
        {view.checks.length > 0 ? (
          <Form.Item name="spotCheckItemId" label={t('sanctions.fromCheck')}>
            <Select allowClear data-testid="oversight-from-check" options={view.checks.map((c) => ({ value: c.id, label: `${c.seed} · ${c.finding ? t(`spotCheck.findings.${c.finding}`) : t('spotCheck.findings.pending')}` }))} />
          </Form.Item>
        ) : null}
        {chosen && (chosen.effects.includes('recover_funds') || chosen.effects.includes('adjust_funds')) ? (
          <Form.Item name="recoveryYuan" label={t('sanctions.recoveryAmount')} extra={t('sanctions.recoveryDefault', { amount: ((view.recoverableFen ?? 0) / 100).toFixed(2) })}>
            <InputNumber data-testid="oversight-recovery" min={0.01} precision={2} style={{ width: 220 }} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
