/**
 * One project: its status and timeline in the header, and tabs for the agreement, quarterly
 * progress, the investment ledger, the funds, acceptance and oversight (spot checks, sanctions).
 */
import { lazy, Suspense, useState } from 'react';
import { Button, Card, Descriptions, Drawer, Tabs, Timeline, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSkeleton, QueryView } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { useProject } from './data.ts';
import { ProjectStatusTag } from './ProjectStatusTag.tsx';

const AgreementTab = lazy(() => import('../project-tabs/AgreementTab.tsx'));
const ProgressTab = lazy(() => import('../project-tabs/ProgressTab.tsx'));
const AcceptanceTab = lazy(() => import('../project-tabs/AcceptanceTab.tsx'));
const LedgerTab = lazy(() => import('../project-funding/LedgerTab.tsx'));
const FundsTab = lazy(() => import('../project-funding/FundsTab.tsx'));
const OversightTab = lazy(() => import('../project-oversight/OversightTab.tsx'));

const TABS = [
  ['agreement', AgreementTab],
  ['progress', ProgressTab],
  ['ledger', LedgerTab],
  ['funds', FundsTab],
  ['acceptance', AcceptanceTab],
  ['oversight', OversightTab],
] as const;

export default function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const project = useProject(id);
  const [tab, setTab] = useState<string>('agreement');
  const [timeline, setTimeline] = useState(false);

  return (
    <QueryView query={project}>
      {(p) => (
        <>
          <PageHeader
            title={
              <span>
                {p.projectName} <ProjectStatusTag status={p.status} />
              </span>
            }
            subtitle={`${p.organizationName}${p.cityName ? ` · ${p.cityName}` : ''} · ${p.programName[language]}`}
            extra={
              <Button icon={<HistoryOutlined />} onClick={() => setTimeline(true)} data-testid="project-timeline-open">
                {t('projects.timeline')}
              </Button>
            }
          />
          <Card variant="borderless" className="page-card">
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('projects.call')}>{p.callTitle}</Descriptions.Item>
              <Descriptions.Item label={t('projects.selectedAt')}>{format.date(p.selectedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('projects.signedAt')}>{format.date(p.agreementSignedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('projects.acceptedAt')}>{format.date(p.acceptedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('projects.overdueReports')}>
                <Typography.Text type={p.overdueReports ? 'danger' : undefined} data-testid="project-overdue-count">
                  {p.overdueReports}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              destroyOnHidden
              items={TABS.map(([key, Component]) => ({
                key,
                label: <span data-testid={`project-tab-${key}`}>{t(`projects.tabs.${key}`)}</span>,
                children: (
                  <Suspense fallback={<PageSkeleton />}>
                    <Component projectId={id} />
                  </Suspense>
                ),
              }))}
            />
          </Card>
          <Drawer open={timeline} onClose={() => setTimeline(false)} title={t('projects.timeline')} size={480}>
            <Timeline
              data-testid="project-timeline"
              items={p.timeline.map((e) => ({
                children: (
                  <div>
                    <Typography.Text strong>{t(`projects.events.${e.kind}`, { defaultValue: e.kind })}</Typography.Text>
                    <div>
                      <Typography.Text type="secondary">
                        {format.dateTime(e.at)} · {e.actorName ?? '—'}
                      </Typography.Text>
                    </div>
                    {e.comment ? <div>{e.comment}</div> : null}
                  </div>
                ),
              }))}
            />
          </Drawer>
        </>
      )}
    </QueryView>
  );
}
