/**
 * One published call for the public: its key facts (program, issuer, document number, dates, the
 * days left), its text, the directions, who may apply, the conditions with the articles they
 * follow, the materials to attach, the blank forms to download, and the way in to apply (sign in).
 */
import type { ReactNode } from 'react';
import { Button, Card, Typography } from 'antd';
import { DownloadOutlined, LoginOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { downloadFile, presentError } from '../../api/client.ts';
import { QueryView } from '../../components/QueryState.tsx';
import { useFormat } from '../../lib/format.ts';
import { withNext } from '../../lib/navigation.ts';
import { isoDateText } from '../public-notice/period.ts';
import { MetaList } from '../portal/cards.tsx';
import { usePublicCall, type PublicCallDetail } from '../portal/data.ts';
import { CallStatusBadge, deadlineText, PortalPage, PortalTheme } from '../portal/parts.tsx';

type Direction = PublicCallDetail['directions'][number];

export default function PortalCallPage() {
  const { id = '' } = useParams();
  const query = usePublicCall(id);
  return (
    <PortalTheme>
      <QueryView query={query}>{(call) => <CallBody call={call} />}</QueryView>
    </PortalTheme>
  );
}

function Directions({ nodes }: { nodes: Direction[] }) {
  const format = useFormat();
  const { t } = useTranslation();
  return (
    <ul>
      {nodes.map((d) => (
        <li key={d.code}>
          <span>
            {d.code} {d.name[format.language]}
          </span>
          {d.citation ? <span className="portal-citation"> · {t('portal.call.citation', { citation: d.citation })}</span> : null}
          {d.children.length ? <Directions nodes={d.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

function SectionCard({ id, title, extra, children }: { id: string; title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="portal-section" aria-labelledby={`${id}-heading`} data-testid={`call-section-${id}`}>
      <Card
        title={
          <Typography.Title level={2} className="portal-h2" id={`${id}-heading`}>
            {title}
          </Typography.Title>
        }
        extra={extra}
      >
        {children}
      </Card>
    </section>
  );
}

function CallBody({ call }: { call: PublicCallDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const download = (path: string, name: string) => () => void downloadFile(path, name).catch((e: unknown) => presentError(e, { surface: 'action' }));
  return (
    <PortalPage
      testId="portal-call"
      title={<span data-testid="portal-call-title">{call.title}</span>}
      subtitle={`${call.programName[format.language]}${call.documentNumber ? ` · ${call.documentNumber}` : ''}`}
      breadcrumb={<Link to="/portal/calls">← {t('portal.call.back')}</Link>}
    >
      <SectionCard id="facts" title={t('portal.call.facts')}>
        <div style={{ marginBottom: 12 }}>
          <CallStatusBadge call={call} />
        </div>
        <MetaList
          items={[
            { key: 'program', label: t('portal.program'), value: call.programName[format.language] },
            { key: 'issuer', label: t('portal.issuer'), value: call.issuer },
            { key: 'province', label: t('portal.province'), value: call.provinceName[format.language] },
            ...(call.documentNumber ? [{ key: 'doc', label: t('portal.documentNumber'), value: call.documentNumber }] : []),
            { key: 'opens', label: t('portal.opensOn'), value: isoDateText(call.opensOn, format.language) },
            { key: 'deadline', label: t('portal.deadline'), value: <span data-testid="call-deadline">{deadlineText(call, format.language, t)}</span> },
            ...(call.perApplicant.maxApplications ? [{ key: 'limit', label: t('portal.call.applicantTypes'), value: t('portal.call.perApplicant', { count: call.perApplicant.maxApplications }) }] : []),
          ]}
        />
        {call.status === 'open' ? (
          <div className="portal-actions" style={{ marginTop: 16 }}>
            <Link to={withNext('/login', `/calls/${call.id}`)} className="portal-apply" data-testid="portal-call-apply">
              <LoginOutlined aria-hidden="true" /> {t('portal.call.apply')}
            </Link>
            <Typography.Text type="secondary">{t('portal.call.applyHint')}</Typography.Text>
          </div>
        ) : null}
      </SectionCard>

      <SectionCard id="materials" title={t('portal.call.materials')}>
        <Typography.Paragraph className="pre-wrap-text portal-section-body" data-testid="portal-call-materials">
          {call.materials || t('portal.call.noMaterials')}
        </Typography.Paragraph>
      </SectionCard>

      {call.directions.length ? (
        <SectionCard id="directions" title={t('portal.call.directions')}>
          <Typography.Paragraph className="portal-citation">{t('portal.call.directionLevel', { level: call.directionLevel })}</Typography.Paragraph>
          <div className="portal-direction-tree" data-testid="portal-call-directions">
            <Directions nodes={call.directions} />
          </div>
        </SectionCard>
      ) : null}

      {call.applicantTypes.length ? (
        <SectionCard id="applicant-types" title={t('portal.call.applicantTypes')}>
          <ul className="portal-list">
            {call.applicantTypes.map((a) => (
              <li key={a.code}>
                {a.name[format.language]}
                {a.citation ? <span className="portal-citation"> · {t('portal.call.citation', { citation: a.citation })}</span> : null}
              </li>
            ))}
          </ul>
        </SectionCard>
      ) : null}

      <SectionCard id="rules" title={t('portal.call.rules')}>
        <Typography.Paragraph className="portal-citation">{t('portal.call.rulesIntro')}</Typography.Paragraph>
        <ol className="portal-list" data-testid="portal-call-rules">
          {call.rules.map((r) => (
            <li key={r.id} className="portal-card" data-testid={`portal-rule-${r.id}`}>
              <span className="portal-badges">
                <span className="portal-badge portal-badge-plain">{t(`portal.ruleKind.${r.kind}`)}</span>
                <span className={`portal-badge ${r.severity === 'block' ? 'portal-badge-urgent' : 'portal-badge-closed'}`}>{t(`portal.severity.${r.severity}`)}</span>
              </span>
              <div style={{ marginTop: 6 }}>{r.message[format.language]}</div>
              <div className="portal-citation">{t('portal.call.citation', { citation: r.citation })}</div>
            </li>
          ))}
        </ol>
      </SectionCard>

      <SectionCard id="attachments" title={t('portal.call.attachments')}>
        <ul className="portal-list" data-testid="portal-call-attachments">
          {call.attachments.map((a) => (
            <li key={a.id} className="portal-card" data-testid={`portal-attachment-${a.id}`}>
              <span className="portal-card-title">{a.name[format.language]}</span>{' '}
              <span className={`portal-badge ${a.required ? 'portal-badge-urgent' : a.conditional ? 'portal-badge-ended' : 'portal-badge-closed'}`}>
                {a.required ? t('portal.call.required') : a.conditional ? t('portal.call.conditional') : t('portal.call.optional')}
              </span>
              <div className="portal-citation">
                {t('portal.call.fileTypes', { types: a.types.join(' / ').toUpperCase(), size: a.maxSizeMb })}
                {a.citation ? ` · ${t('portal.call.citation', { citation: a.citation })}` : ''}
              </div>
            </li>
          ))}
        </ul>
      </SectionCard>

      <SectionCard id="templates" title={t('portal.call.templates')}>
        {call.templates.length ? (
          <>
            <Typography.Paragraph className="portal-citation">{t('portal.call.templatesIntro')}</Typography.Paragraph>
            <div className="portal-actions">
              {call.templates.map((tpl) => (
                <Button key={tpl.id} icon={<DownloadOutlined />} onClick={download(tpl.path, `${tpl.name['zh-CN']}.docx`)} data-testid={`portal-template-${tpl.id}`}>
                  {t('portal.call.download', { name: tpl.name[format.language] })}
                </Button>
              ))}
            </div>
          </>
        ) : (
          <Typography.Paragraph>{t('portal.call.noTemplates')}</Typography.Paragraph>
        )}
      </SectionCard>
    </PortalPage>
  );
}
