/**
 * 一项评审: the conflict-of-interest declaration first (the application's content stays hidden until
 * the expert declares none); then the application's form and attachments beside the scoring form:
 * one input per criterion of the program's rubric, the weighted total as it is typed, a comment,
 * save as draft, and submit (final, after a confirmation).
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, List, Modal, Radio, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { OwnAssignment, ReviewDetail } from '../../../../contracts/review.ts';
import { api, downloadFile } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { STATUS_COLORS } from '../reviews/ReviewsPage.tsx';

type Lang = 'zh-CN' | 'en';

/** The weighted total as the server computes it (100 × Σ score/max × weight / Σ weight), for display while typing. */
export function liveTotal(rubric: ReviewDetail['rubric'], scores: Record<string, number | null | undefined>): number | null {
  const weights = rubric.reduce((s, c) => s + c.weight, 0);
  if (!weights) return null;
  let sum = 0;
  for (const c of rubric) {
    const v = scores[c.id];
    if (typeof v !== 'number') return null;
    sum += (v / c.max) * c.weight;
  }
  return Math.round((100 * sum * 100) / weights) / 100;
}

export default function ReviewPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['review', id], queryFn: ({ signal }) => api.get<ReviewDetail>(`/api/reviews/${encodeURIComponent(id)}`, undefined, signal) });
  const [conflict, setConflict] = useState<boolean | null>(null);
  const [relation, setRelation] = useState('');
  const [form] = Form.useForm();
  const watched = Form.useWatch('scores', form) as Record<string, number | null> | undefined;
  const refresh = (a: OwnAssignment) => {
    queryClient.setQueryData<ReviewDetail>(['review', id], (d) => (d ? { ...d, assignment: a } : d));
    void queryClient.invalidateQueries({ queryKey: ['review', id] });
    void queryClient.invalidateQueries({ queryKey: ['reviews'] });
  };
  const declare = useMutation({ mutationFn: () => api.post<OwnAssignment>(`/api/reviews/${id}/declaration`, { conflict, relation }), onSuccess: refresh });
  const draft = useMutation({ mutationFn: (v: { scores: Record<string, number>; comment: string }) => api.put<OwnAssignment>(`/api/reviews/${id}/scores`, v), meta: { form }, onSuccess: refresh });
  const submit = useMutation({ mutationFn: (v: { scores: Record<string, number>; comment: string }) => api.post<OwnAssignment>(`/api/reviews/${id}/submit`, v), meta: { form }, onSuccess: refresh });

  const values = () => {
    const v = form.getFieldsValue() as { scores?: Record<string, number | null>; comment?: string };
    const scores = Object.fromEntries(Object.entries(v.scores ?? {}).filter(([, x]) => typeof x === 'number')) as Record<string, number>;
    return { scores, comment: v.comment ?? '' };
  };

  const rubric = query.data?.rubric ?? [];
  const total = useMemo(() => liveTotal(rubric, watched ?? {}), [rubric, watched]);

  return (
    <QueryView query={query}>
      {(d) => {
        const a = d.assignment;
        const locked = a.status === 'submitted';
        return (
          <>
            <PageHeader
              title={d.application.projectName}
              subtitle={`${d.application.organizationName} · ${d.application.callTitle}`}
              extra={<Space><Tag color={STATUS_COLORS[a.status]} data-testid="review-status" data-status={a.status}>{t(`reviews.statuses.${a.status}`)}</Tag><Link to="/reviews">{t('reviews.back')}</Link></Space>}
            />
            <Card variant="borderless" className="page-card">
              <Descriptions size="small" column={1} items={[{ key: 'dir', label: t('reviews.directions'), children: d.application.directions.map((x) => `${x.code} ${x.name[lang]}`).join('；') || '—' }]} />
            </Card>
            {a.status === 'assigned' ? (
              <Card variant="borderless" className="page-card" title={t('reviews.declarationTitle')} data-testid="review-declaration">
                <Typography.Paragraph>{t('reviews.declarationText')}</Typography.Paragraph>
                <Radio.Group value={conflict} onChange={(e) => setConflict(e.target.value as boolean)} data-testid="review-conflict">
                  <Space direction="vertical">
                    <Radio value={false} data-testid="review-no-conflict">{t('reviews.noConflict')}</Radio>
                    <Radio value={true} data-testid="review-has-conflict">{t('reviews.hasConflict')}</Radio>
                  </Space>
                </Radio.Group>
                {conflict ? <Input.TextArea className="form-gap" rows={3} maxLength={1000} placeholder={t('reviews.relationPlaceholder')} value={relation} onChange={(e) => setRelation(e.target.value)} data-testid="review-relation" /> : null}
                <div className="form-gap">
                  <Button type="primary" disabled={conflict === null || (conflict && relation.trim().length < 2)} loading={declare.isPending} onClick={() => declare.mutate()} data-testid="review-declare">
                    {t('reviews.declare')}
                  </Button>
                </div>
              </Card>
            ) : null}
            {a.status === 'declined_conflict' ? <Alert type="info" showIcon className="page-alert" title={t('reviews.declinedText')} /> : null}
            {d.content ? (
              <Row gutter={16}>
                <Col xs={24} lg={14}>
                  <Card variant="borderless" className="page-card" title={t('reviews.content')} data-testid="review-content">
                    {d.content.forms.map((f) => (
                      <div key={f.id}>
                        <Typography.Title level={5}>{f.title[lang]}</Typography.Title>
                        {f.sections.map((s, i) => (
                          <Descriptions key={i} size="small" bordered column={1} title={s.title[lang]} className="form-gap" items={s.fields.map((x) => ({ key: x.id, label: x.label[lang], children: <span className="prewrap">{x.display[lang] || '—'}</span> }))} />
                        ))}
                      </div>
                    ))}
                    <Typography.Title level={5}>{t('reviews.attachments')}</Typography.Title>
                    <List
                      size="small"
                      dataSource={d.content.attachments}
                      locale={{ emptyText: t('reviews.noAttachments') }}
                      renderItem={(f) => (
                        <List.Item actions={[<Button key="dl" type="link" data-testid={`review-attachment-${f.id}`} onClick={() => void downloadFile(`/api/attachments/${f.id}/download`, f.fileName)}>{t('reviews.download')}</Button>]}>
                          {f.fileName}
                        </List.Item>
                      )}
                    />
                  </Card>
                </Col>
                <Col xs={24} lg={10}>
                  <Card variant="borderless" className="page-card" title={t('reviews.scoring')} data-testid="review-scoring">
                    <Form form={form} layout="vertical" disabled={locked} initialValues={{ scores: a.scores ?? {}, comment: a.comment ?? '' }}>
                      {d.rubric.map((c) => (
                        <Form.Item key={c.id} name={['scores', c.id]} label={`${c.name[lang]}（${t('reviews.max', { max: c.max })}，${t('reviews.weight', { weight: (c.weight / 100).toFixed(2) })}）`}>
                          <InputNumber min={0} max={c.max} step={0.5} precision={2} style={{ width: '100%' }} data-testid={`review-score-${c.id}`} />
                        </Form.Item>
                      ))}
                      <Form.Item name="comment" label={t('reviews.comment')}>
                        <Input.TextArea rows={4} maxLength={5000} data-testid="review-comment" />
                      </Form.Item>
                    </Form>
                    <Statistic title={t('reviews.liveTotal')} value={locked ? (a.total ?? '—') : (total ?? '—')} precision={total === null && !locked ? undefined : 2} data-testid="review-total" />
                    {locked ? (
                      <Alert type="success" showIcon className="form-gap" title={t('reviews.submittedText')} />
                    ) : (
                      <Space className="form-gap">
                        <Button loading={draft.isPending} onClick={() => draft.mutate(values())} data-testid="review-save-draft">{t('reviews.saveDraft')}</Button>
                        <Button
                          type="primary"
                          loading={submit.isPending}
                          data-testid="review-submit"
                          onClick={() => Modal.confirm({ title: t('reviews.confirmTitle'), content: t('reviews.confirmText'), okText: t('reviews.submit'), onOk: () => submit.mutateAsync(values()) })}
                        >
                          {t('reviews.submit')}
                        </Button>
                      </Space>
                    )}
                  </Card>
                </Col>
              </Row>
            ) : null}
          </>
        );
      }}
    </QueryView>
  );
}
