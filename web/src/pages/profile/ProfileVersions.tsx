/** The profile's saved versions, newest first; choosing one shows it read-only. */
import { useState } from 'react';
import { Col, List, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorResult, PageSkeleton } from '../../components/QueryState.tsx';
import { useFormat } from '../../lib/format.ts';
import { useProfileVersion, useProfileVersions } from './data.ts';
import { ProfileView } from './ProfileView.tsx';

export function ProfileVersionsDrawer({ current }: { current: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = useProfileVersions(true);
  const [chosen, setChosen] = useState<number>(current);
  const version = useProfileVersion(chosen);

  if (versions.isPending) return <PageSkeleton />;
  if (versions.isError) return <ErrorResult error={versions.error} onRetry={() => void versions.refetch()} />;
  const items = [...versions.data.items].sort((a, b) => b.version - a.version);
  if (items.length === 0) return <EmptyState />;

  return (
    <Row gutter={16}>
      <Col span={8}>
        <List
          size="small"
          dataSource={items}
          renderItem={(v) => (
            <List.Item className={`clickable version-item${v.version === chosen ? ' version-item-active' : ''}`} onClick={() => setChosen(v.version)}>
              <div className="cell-stack">
                <span>
                  <Typography.Text strong>{t('profile.versionN', { version: v.version })}</Typography.Text>
                  {v.version === current ? <Tag color="blue" className="version-current">{t('profile.current')}</Tag> : null}
                </span>
                <Typography.Text type="secondary" className="cell-sub">
                  {format.dateTime(v.createdAt)}
                </Typography.Text>
                {v.createdBy ? (
                  <Typography.Text type="secondary" className="cell-sub">
                    {v.createdBy}
                  </Typography.Text>
                ) : null}
              </div>
            </List.Item>
          )}
        />
      </Col>
      <Col span={16}>
        {version.isPending ? <PageSkeleton /> : version.isError ? <ErrorResult error={version.error} onRetry={() => void version.refetch()} /> : <ProfileView profile={version.data} compact />}
      </Col>
    </Row>
  );
}
