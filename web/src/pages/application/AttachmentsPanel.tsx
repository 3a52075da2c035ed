/**
 * 申报附件: one row per attachment requirement of the forms that apply — its name, whether it is
 * required, the accepted types, the size limit and the citation — with the files uploaded for it
 * (size, download, delete while editable) and the chunked uploader. Problems (missing, refused) and
 * an officer's comment show on the row they concern.
 */
import { App, Button, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, Attachment } from '../../../../contracts/applicants.ts';
import type { ProgramDefinition } from '../../../../src/core/programs/definition.ts';
import { downloadFile, presentError } from '../../api/client.ts';
import { ChunkedUploader } from '../../components/ChunkedUploader.tsx';
import { Citation } from '../../components/Citation.tsx';
import { useLanguage } from '../../i18n.ts';
import { requirementsOf } from '../../lib/definition.ts';
import { useFormat } from '../../lib/format.ts';
import { formatBytes } from '../../lib/upload.ts';
import { attachmentPath, useDeleteAttachment } from '../applications/data.ts';

type Form = ProgramDefinition['forms'][number];

export function AttachmentsPanel({
  application,
  forms,
  editable,
  problems,
  onAdded,
  onRemoved,
}: {
  application: ApplicationDetail;
  forms: readonly Form[];
  editable: boolean;
  /** Problems by requirement id (missing, refused). */
  problems: Record<string, string[]>;
  onAdded: (attachment: Attachment) => void;
  onRemoved: (attachment: Attachment) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { message } = App.useApp();
  const remove = useDeleteAttachment();
  const requirements = requirementsOf(forms);

  const download = (a: Attachment) => void downloadFile(attachmentPath(a), a.fileName).catch((error) => presentError(error, { surface: 'action' }));

  return (
    <List
      className="attachments"
      dataSource={requirements}
      rowKey={(r) => r.id}
      locale={{ emptyText: t('attachments.none') }}
      renderItem={(r) => {
        const files = application.attachments.filter((a) => a.purpose === 'application' && a.requirementId === r.id);
        const comment = application.fieldComments[`attachments.${r.id}`];
        const rowProblems = problems[r.id] ?? [];
        return (
          <List.Item className={`attachment-row${rowProblems.length ? ' attachment-row-problem' : ''}`} data-requirement={r.id} id={`attachment-${r.id}`}>
            <div className="attachment-main">
              <div className="attachment-head">
                <Space size={6} wrap>
                  <Typography.Text strong>{r.name[language]}</Typography.Text>
                  {r.required ? <Tag color="red">{t('attachments.mandatory')}</Tag> : r.requiredWhen ? <Tag color="orange">{t('attachments.conditional')}</Tag> : <Tag>{t('attachments.optional')}</Tag>}
                  <Citation value={r.citation} hideEmpty />
                </Space>
                <Typography.Text type="secondary" className="cell-sub">
                  {t('attachments.limits', { types: r.types.join(' / ').toUpperCase(), size: r.maxSizeMb })}
                </Typography.Text>
              </div>
              {comment ? (
                <Typography.Text type="warning" className="officer-comment" data-testid={`comment-attachments.${r.id}`}>
                  <WarningOutlined /> {t('application.officerComment', { comment: comment.comment })}
                </Typography.Text>
              ) : null}
              {rowProblems.map((p, i) => (
                <Typography.Text key={i} type="danger" className="attachment-problem">
                  {p}
                </Typography.Text>
              ))}
              {files.length ? (
                <ul className="attachment-files">
                  {files.map((a) => (
                    <li key={a.id} className="attachment-file" data-testid="attachment-file">
                      <PaperClipOutlined />
                      <Typography.Text ellipsis className="attachment-file-name" title={a.fileName}>
                        {a.fileName}
                      </Typography.Text>
                      <Typography.Text type="secondary" className="cell-sub">
                        {formatBytes(a.sizeBytes)} · {a.kind.toUpperCase()} · {format.dateTime(a.uploadedAt)}
                      </Typography.Text>
                      <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => download(a)}>
                        {t('upload.download')}
                      </Button>
                      {editable ? (
                        <Popconfirm
                          title={t('attachments.deleteConfirm', { name: a.fileName })}
                          okText={t('attachments.delete')}
                          okButtonProps={{ danger: true }}
                          onConfirm={() =>
                            remove.mutateAsync(a).then(() => {
                              onRemoved(a);
                              void message.success(t('attachments.deleted'));
                            })
                          }
                        >
                          <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                            {t('attachments.delete')}
                          </Button>
                        </Popconfirm>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
            {editable ? (
              <div className="attachment-upload">
                <ChunkedUploader
                  testId={`upload-${r.id}`}
                  target={{ purpose: 'application', applicationId: application.id, requirementId: r.id }}
                  kinds={r.types}
                  onUploaded={(a) => {
                    onAdded(a);
                    void message.success(t('upload.done', { name: a.fileName }));
                  }}
                />
              </div>
            ) : null}
          </List.Item>
        );
      }}
    />
  );
}
