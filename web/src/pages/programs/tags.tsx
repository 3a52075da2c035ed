/** Tags shared by the program list and the designer: a version's status, a program's kind. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function VersionStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return status === 'published' ? (
    <Tag color="success">{t('programs.status.published')}</Tag>
  ) : (
    <Tag color="warning">{t('programs.status.draft')}</Tag>
  );
}

export function ProgramKindTag({ kind }: { kind: string | undefined }) {
  const { t } = useTranslation();
  if (kind === 'target_plan') return <Tag color="purple">{t('programs.kind.target_plan')}</Tag>;
  if (kind === 'application_program') return <Tag color="blue">{t('programs.kind.application_program')}</Tag>;
  return <Tag>{kind ?? '—'}</Tag>;
}

/** "v2" */
export const versionLabel = (version: number) => `v${version}`;
