/**
 * One formally published final list for the public: its title and document number, who issued it
 * and when, and its projects in order (enterprise, project, city, direction) — a table at desktop
 * width, cards on a phone — with the list as .docx and the way to the notice it came from.
 */
import type { HTMLAttributes } from 'react';
import { Button, Card, Grid, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { downloadFile, presentError } from '../../api/client.ts';
import { EmptyState, QueryView } from '../../components/QueryState.tsx';
import { useFormat } from '../../lib/format.ts';
import { MetaList } from '../portal/cards.tsx';
import { usePublicFinalList, type PublicFinalList } from '../portal/data.ts';
import { PortalPage, PortalTheme } from '../portal/parts.tsx';

type Item = PublicFinalList['items'][number];

export default function PortalFinalListPage() {
  const { id = '' } = useParams();
  const query = usePublicFinalList(id);
  return (
    <PortalTheme>
      <QueryView query={query}>{(list) => <ListBody list={list} />}</QueryView>
    </PortalTheme>
  );
}

function ListBody({ list }: { list: PublicFinalList }) {
  const { t } = useTranslation();
  const format = useFormat();
  const phone = !Grid.useBreakpoint().md;
  const download = () => void downloadFile(`/api/public/notices/${list.id}/final-list.docx`, 'final-list.docx').catch((e: unknown) => presentError(e, { surface: 'action' }));
  const columns = [
    { key: 'position', title: t('portal.list.position'), width: 70, render: (_: unknown, i: Item) => i.position },
    { key: 'organization', title: t('portal.list.organization'), render: (_: unknown, i: Item) => i.organizationName },
    { key: 'project', title: t('portal.list.project'), render: (_: unknown, i: Item) => <span data-testid="final-item-project">{i.projectName}</span> },
    { key: 'city', title: t('portal.list.city'), width: 120, render: (_: unknown, i: Item) => i.cityName ?? '—' },
    { key: 'direction', title: t('portal.list.direction'), width: 220, render: (_: unknown, i: Item) => i.direction || '—' },
  ];
  return (
    <PortalPage
      testId="portal-final-list"
      title={<span data-testid="portal-final-list-title">{list.title}</span>}
      subtitle={<span data-testid="portal-final-list-number">{list.documentNumber}</span>}
      breadcrumb={<Link to="/portal/final-lists">← {t('portal.list.back')}</Link>}
    >
      <Card className="portal-section">
        <MetaList
          items={[
            { key: 'issuer', label: t('portal.issuer'), value: list.issuer },
            { key: 'date', label: t('portal.publishedAt'), value: format.date(list.publishedAt) },
            { key: 'program', label: t('portal.program'), value: list.programName[format.language] },
            { key: 'province', label: t('portal.province'), value: list.provinceName[format.language] },
            { key: 'call', label: t('portal.list.call'), value: <Link to={`/portal/calls/${list.callId}`}>{list.callTitle}</Link> },
          ]}
        />
        <div className="portal-actions" style={{ marginTop: 12 }}>
          <Button icon={<DownloadOutlined />} onClick={download} data-testid="portal-final-list-docx">
            {t('portal.list.download')}
          </Button>
          <Link to={`/public/notices/${list.id}`} className="portal-sign-in" data-testid="portal-final-list-notice">
            {t('portal.list.notice')}
          </Link>
        </div>
      </Card>
      <section className="portal-section" aria-labelledby="items-heading">
        <Card
          title={
            <Typography.Title level={2} className="portal-h2" id="items-heading">
              {t('portal.list.items')}（{t('portal.itemCount', { count: list.items.length })}）
            </Typography.Title>
          }
        >
          {list.items.length === 0 ? (
            <EmptyState description={t('portal.list.empty')} />
          ) : phone ? (
            <ol className="portal-list" data-testid="portal-final-list-items">
              {list.items.map((i) => (
                <li key={i.position} className="portal-card" data-testid={`final-item-${i.position}`}>
                  <Typography.Title level={3} className="portal-h3">
                    {i.position}. <span data-testid="final-item-project">{i.projectName}</span>
                  </Typography.Title>
                  <MetaList
                    items={[
                      { key: 'org', label: t('portal.list.organization'), value: i.organizationName },
                      { key: 'city', label: t('portal.list.city'), value: i.cityName ?? '—' },
                      { key: 'direction', label: t('portal.list.direction'), value: i.direction || '—' },
                    ]}
                  />
                </li>
              ))}
            </ol>
          ) : (
            <Table<Item>
              className="portal-table"
              data-testid="portal-final-list-items"
              rowKey="position"
              columns={columns}
              dataSource={list.items}
              pagination={list.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              onRow={(i) => ({ 'data-testid': `final-item-${i.position}` }) as HTMLAttributes<HTMLElement>}
            />
          )}
        </Card>
      </section>
    </PortalPage>
  );
}
