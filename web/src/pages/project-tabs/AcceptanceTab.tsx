/**
 * 验收: the program's acceptance procedure (steps, materials with their citations), the applicant's
 * request (or resubmission after rectification), the city's and the province's decisions with
 * opinions (and experts' opinions), the rectification deadline, every round.
 */
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Radio, Space, Steps, Tag, Typography } from 'antd';
import { DeleteOutlined, MinusCircleOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { Attachment } from '../../../../contracts/applicants.ts';
import { downloadFile } from '../../api/client.ts';
import { ChunkedUploader } from '../../components/ChunkedUploader.tsx';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../api/session.ts';
import { Citation } from '../../components/Citation.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { formatBytes } from '../../lib/upload.ts';
import { userMay } from '../../routes.ts';
import { attachmentPath, useDeleteAttachment } from '../applications/data.ts';
import { projectKeys, useAcceptance, useDecideAcceptance, useRequestAcceptance, type AcceptanceView } from '../project/data.ts';

const MATERIAL_KINDS = ['pdf', 'docx', 'doc', 'xlsx', 'xls', 'jpg', 'png'] as const;

/** A file as a link that downloads it (with the session's cookie). */
function FileLink({ id, fileName, testId }: { id: string; fileName: string; testId?: string }) {
  return (
    <Typography.Link data-testid={testId} onClick={() => void downloadFile(attachmentPath({ id }), fileName)}>
      <PaperClipOutlined /> {fileName}
    </Typography.Link>
  );
}

/**
 * The files uploaded for one material (not yet submitted), each removable, and the uploader. Sits in a Form.Item
 * so the server's field error for the material (materials.<id>) shows under it.
 */
function MaterialFiles({ projectId, materialId, files }: { projectId: string; materialId: string; files: Attachment[]; value?: unknown; onChange?: unknown }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useDeleteAttachment();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: projectKeys.part(projectId, 'acceptance') });
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      {files.map((f) => (
        <Space key={f.id} size={8}>
          <FileLink id={f.id} fileName={f.fileName} testId={`acceptance-file-${materialId}`} />
          <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('acceptance.removeFile')} loading={remove.isPending} onClick={() => remove.mutate(f, { onSuccess: refresh })} />
        </Space>
      ))}
      <ChunkedUploader target={{ purpose: 'acceptance', applicationId: projectId, requirementId: materialId }} kinds={MATERIAL_KINDS} onUploaded={refresh} label={t(files.length ? 'acceptance.addFile' : 'acceptance.upload')} testId={`acceptance-upload-${materialId}`} />
    </Space>
  );
}

export default function AcceptanceTab({ projectId }: { projectId: string }) {
  const acceptance = useAcceptance(projectId);
  return <QueryView query={acceptance}>{(a) => <Acceptance projectId={projectId} a={a} />}</QueryView>;
}

function Acceptance({ projectId, a }: { projectId: string; a: AcceptanceView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { user } = useUser();
  const [requestForm] = Form.useForm<{ note: string }>();
  const [decisionForm] = Form.useForm<{ passed: boolean; opinion: string; experts: { name: string; opinion: string }[]; rectificationDeadline?: Dayjs }>();
  const request = useRequestAcceptance(projectId, { form: requestForm });
  const party: 'city' | 'province' = userMay(user, 'project.supervise') ? 'city' : 'province';
  const decide = useDecideAcceptance(projectId, party, { form: decisionForm });
  const passed = Form.useWatch('passed', decisionForm);
  if (!a.config) return <Alert type="info" showIcon message={t('acceptance.none')} />;
  const config = a.config;
  const mayRequest = a.next?.by === 'applicant' && userMay(user, 'project.report');
  const mayDecide = a.next !== null && a.next.by !== 'applicant' && a.next.by === party && userMay(user, party === 'city' ? 'project.supervise' : 'project.manage');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('acceptance.procedure')} extra={<Citation value={config.citation} />}>
        <Steps
          size="small"
          items={[
            { title: t('acceptance.steps.request') },
            ...config.sequence.map((s) => ({ title: t(`acceptance.steps.${s}`), description: t(`acceptance.by.${s === 'initial_acceptance' ? 'city' : config.acceptedBy}`) })),
          ]}
        />
        {config.materials.length ? (
          <ul>
            {config.materials.map((m) => (
              <li key={m.id}>
                {m.name[language]} <Citation value={m.citation} />
              </li>
            ))}
          </ul>
        ) : null}
        {a.next ? (
          <Alert type="info" showIcon data-testid="acceptance-next" message={t('acceptance.next', { step: t(`acceptance.steps.${a.next.step}`), by: t(`acceptance.by.${a.next.by}`) })} />
        ) : null}
      </Card>

      {a.rounds.map((r) => (
        <Card key={r.id} size="small" title={t('acceptance.round', { n: r.round })} extra={<Tag data-testid={`acceptance-round-${r.round}-status`}>{t(`acceptance.statuses.${r.status}`)}</Tag>}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('acceptance.requestedAt')}>{format.dateTime(r.requestedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('acceptance.materials')}>
              {r.materials.length ? (
                <Space direction="vertical" size={2}>
                  {r.materials.map((m) => (
                    <span key={m.attachmentId}>
                      {config.materials.find((x) => x.id === m.id)?.name[language] ?? m.id}：<FileLink id={m.attachmentId} fileName={m.fileName} /> <Typography.Text type="secondary">{formatBytes(m.sizeBytes)}</Typography.Text>
                    </span>
                  ))}
                </Space>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            {r.note ? <Descriptions.Item label={t('acceptance.note')}>{r.note}</Descriptions.Item> : null}
            {[r.initial, r.final].filter((s) => s !== null).map((s) => (
              <Descriptions.Item key={s!.step} label={t(`acceptance.steps.${s!.step}`)}>
                <Tag color={s!.passed ? 'success' : 'error'}>{t(s!.passed ? 'acceptance.pass' : 'acceptance.fail')}</Tag>
                {s!.opinion}
                <Typography.Text type="secondary">
                  {' '}
                  — {s!.actorName}，{format.dateTime(s!.at)}
                </Typography.Text>
                {s!.experts.map((e, i) => (
                  <div key={i}>
                    {e.name}：{e.opinion}
                  </div>
                ))}
              </Descriptions.Item>
            ))}
            {r.rectificationDeadline ? <Descriptions.Item label={t('acceptance.deadline')}>{format.date(r.rectificationDeadline)}</Descriptions.Item> : null}
          </Descriptions>
        </Card>
      ))}

      {mayRequest ? (
        <Card size="small" title={t(a.rounds.length ? 'acceptance.resubmit' : 'acceptance.request')}>
          <Form
            form={requestForm}
            layout="vertical"
            onFinish={(v) => request.mutate({ materials: a.pending.map((f) => ({ id: f.requirementId, attachmentId: f.id })), note: v.note ?? '' })}
          >
            {a.rounds.length ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('acceptance.rectifiedHint')} /> : null}
            {config.materials.map((m) => (
              <Form.Item key={m.id} name={['materials', m.id]} label={m.name[language]} required extra={<Citation value={m.citation} />}>
                <MaterialFiles projectId={projectId} materialId={m.id} files={a.pending.filter((f) => f.requirementId === m.id)} />
              </Form.Item>
            ))}
            <Form.Item name="note" label={t('acceptance.note')}>
              <Input.TextArea rows={2} data-testid="acceptance-note" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={request.isPending} data-testid="acceptance-request">
              {t(a.rounds.length ? 'acceptance.resubmit' : 'acceptance.request')}
            </Button>
          </Form>
        </Card>
      ) : null}

      {mayDecide ? (
        <Card size="small" title={t(`acceptance.steps.${a.next!.step}`)}>
          <Form
            form={decisionForm}
            layout="vertical"
            initialValues={{ passed: true, experts: [] }}
            // A decision is given with its button only: Enter in a field (confirming a typed date) must not submit it.
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
            }}
            onFinish={(v) => decide.mutate({ passed: v.passed, opinion: v.opinion, experts: v.experts ?? [], ...(v.rectificationDeadline ? { rectificationDeadline: v.rectificationDeadline.format('YYYY-MM-DD') } : {}) })}
          >
            <Form.Item name="passed" label={t('acceptance.result')}>
              <Radio.Group data-testid="acceptance-result">
                <Radio value={true}>{t('acceptance.pass')}</Radio>
                <Radio value={false}>{t('acceptance.fail')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="opinion" label={t('acceptance.opinion')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} data-testid="acceptance-opinion" />
            </Form.Item>
            {party === 'province' ? (
              <Form.List name="experts">
                {(fields, { add, remove }) => (
                  <Form.Item label={t('acceptance.experts')}>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline">
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                          <Input placeholder={t('acceptance.expertName')} data-testid={`acceptance-expert-name-${f.name}`} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'opinion']} rules={[{ required: true }]}>
                          <Input placeholder={t('acceptance.expertOpinion')} style={{ width: 320 }} data-testid={`acceptance-expert-opinion-${f.name}`} />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button icon={<PlusOutlined />} onClick={() => add({ name: '', opinion: '' })} data-testid="acceptance-expert-add">
                      {t('acceptance.addExpert')}
                    </Button>
                  </Form.Item>
                )}
              </Form.List>
            ) : null}
            {passed === false && config.rectification.allowed && a.rounds.length === 1 ? (
              <Form.Item name="rectificationDeadline" label={t('acceptance.deadline')} rules={[{ required: true }]}>
                <DatePicker data-testid="acceptance-deadline" />
              </Form.Item>
            ) : null}
            <Button type="primary" htmlType="submit" loading={decide.isPending} data-testid="acceptance-decide">
              {t('acceptance.record')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}
