import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectStatusValue } from '../../../../contracts/implementation.ts';

const COLOR: Record<ProjectStatusValue, string> = {
  agreement_pending: 'gold',
  implementing: 'processing',
  acceptance_requested: 'blue',
  initial_accepted: 'cyan',
  rectifying: 'orange',
  accepted: 'success',
  failed: 'error',
  revoked: 'default',
};

export function ProjectStatusTag({ status }: { status: ProjectStatusValue }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status]} data-testid="project-status">
      {t(`projects.statuses.${status}`)}
    </Tag>
  );
}
