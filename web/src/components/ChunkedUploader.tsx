/**
 * Uploads one file in chunks with a progress bar (lib/upload.ts): resumes by itself after a dropped
 * connection, and shows the server's refusal (a type or size it does not accept) in place.
 */
import { useRef, useState } from 'react';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { CloseOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../contracts/applicants.ts';
import { api, ApiError, detailText, NetworkError, presentError } from '../api/client.ts';
import { acceptFor, runUpload, type FailureKind, type UploadProgress, type UploadState, type UploadTransport } from '../lib/upload.ts';

/** A chunk that takes longer than this counts as a dropped connection (and is retried). */
const CHUNK_TIMEOUT_MS = 60_000;

export interface UploadTarget {
  purpose: 'application' | 'credential' | 'acceptance';
  applicationId?: string;
  /** The attachment requirement, or the credential code. */
  requirementId: string;
}

function classify(error: unknown): FailureKind {
  if (error instanceof NetworkError) return { kind: 'transient' };
  if (error instanceof ApiError) {
    if (error.status === 409 && error.code === 'offset_mismatch' && typeof error.problem.receivedBytes === 'number') {
      return { kind: 'offset', receivedBytes: error.problem.receivedBytes };
    }
    if (error.status >= 500 || error.status === 408) return { kind: 'transient' };
  }
  return { kind: 'fatal' };
}

function transport(target: UploadTarget, signal: AbortSignal): UploadTransport<Attachment> {
  const within = () => AbortSignal.any([signal, AbortSignal.timeout(CHUNK_TIMEOUT_MS)]);
  const at = (id: string) => `/api/uploads/${encodeURIComponent(id)}`;
  return {
    create: (file) => api.post<UploadState>('/api/uploads', { ...target, fileName: file.name, sizeBytes: file.size }, { signal: within() }),
    put: (id, offset, bytes) => api.putBytes<UploadState>(at(id), { offset }, bytes, within()),
    status: (id) => api.get<UploadState>(at(id), undefined, within()),
    complete: (id) => api.post<Attachment>(`${at(id)}/complete`, undefined, { signal: within() }),
    classify,
    sleep: (ms) =>
      new Promise((resolve, reject) => {
        const timer = window.setTimeout(resolve, ms);
        signal.addEventListener('abort', () => {
          window.clearTimeout(timer);
          reject(signal.reason);
        });
      }),
  };
}

export function ChunkedUploader({
  target,
  kinds,
  disabled,
  onUploaded,
  label,
  testId,
}: {
  target: UploadTarget;
  /** Accepted kinds (pdf, docx, …) for the file picker; the server checks the content. */
  kinds?: readonly string[];
  disabled?: boolean;
  onUploaded: (attachment: Attachment) => void;
  label?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<{ name: string; progress: UploadProgress; controller: AbortController } | null>(null);
  const [failure, setFailure] = useState<{ name: string; message: string } | null>(null);

  const start = async (file: File) => {
    const controller = new AbortController();
    setFailure(null);
    setBusy({ name: file.name, controller, progress: { sentBytes: 0, sizeBytes: file.size, percent: 0, retry: 0 } });
    try {
      const attachment = await runUpload(file, transport(target, controller.signal), (progress) => setBusy((b) => (b ? { ...b, progress } : b)), controller.signal);
      onUploaded(attachment);
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) presentError(error, { surface: 'action' });
      setFailure({ name: file.name, message: detailText(error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="uploader" data-testid={testId}>
      <input
        ref={input}
        type="file"
        hidden
        accept={kinds ? acceptFor(kinds) : undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same file may be chosen again after a failure
          if (file) void start(file);
        }}
      />
      {busy ? (
        <div className="uploader-progress">
          <Space size={8} className="uploader-line">
            <Typography.Text ellipsis className="uploader-name">
              {busy.name}
            </Typography.Text>
            <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('upload.cancel')} onClick={() => busy.controller.abort()} />
          </Space>
          <Progress percent={busy.progress.percent} size="small" status={busy.progress.retry > 0 ? 'exception' : 'active'} />
          {busy.progress.retry > 0 ? (
            <Typography.Text type="warning" className="uploader-retry">
              {t('upload.retrying', { count: busy.progress.retry })}
            </Typography.Text>
          ) : null}
        </div>
      ) : (
        <Button size="small" icon={<UploadOutlined />} disabled={disabled} onClick={() => input.current?.click()}>
          {label ?? t('upload.choose')}
        </Button>
      )}
      {failure ? (
        <Alert
          type="error"
          showIcon
          className="uploader-error"
          title={t('upload.failed', { name: failure.name })}
          description={failure.message}
          closable={{ onClose: () => setFailure(null) }}
        />
      ) : null}
    </div>
  );
}
