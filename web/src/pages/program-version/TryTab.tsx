/**
 * 试算 ("try it"): run this version's rules on a saved sample applicant and see, rule by rule, the
 * outcome, the message the applicant would get, the article it rests on and the input values it
 * read; and whether the applicant may apply at all. A draft is tried as saved: with unsaved changes
 * the button saves first.
 */
import { useState } from 'react';
import { Alert, Button, Collapse, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CaretRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { EmptyState, ErrorResult } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { useEvaluate, useSamples, type Evaluation, type Outcome } from '../programs/data.ts';
import { versionLabel } from '../programs/tags.tsx';
import { RuleKindTag } from './RulesTab.tsx';
import { Citation, useEnumLabel } from './parts.tsx';

const STATUS_COLORS: Record<Outcome['status'], string> = { pass: 'success', fail: 'error', priority: 'processing', no_priority: 'default', error: 'warning' };

/** An input value as CEL would write it: strings quoted, lists in brackets. */
const celText = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

export function TryTab({ code, version, dirty, saveFirst }: { code: string; version: number; dirty: boolean; saveFirst: () => Promise<boolean> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const samples = useSamples(code);
  const [sampleId, setSampleId] = useState<string | undefined>();
  const [result, setResult] = useState<{ sampleId: string; evaluation: Evaluation } | null>(null);
  const [refused, setRefused] = useState<ApiError | null>(null);
  const evaluate = useEvaluate(code, version, { handled: ['definition_invalid'] });
  const sample = samples.data?.items.find((s) => s.id === sampleId);

  const run = async () => {
    if (!sampleId) return;
    if (dirty && !(await saveFirst())) return;
    setRefused(null);
    evaluate.mutate(sampleId, {
      onSuccess: (evaluation) => setResult({ sampleId, evaluation }),
      onError: (error) => {
        setResult(null);
        if (error instanceof ApiError && error.code === 'definition_invalid') setRefused(error);
      },
    });
  };

  if (samples.isError && !samples.data) return <ErrorResult error={samples.error} onRetry={() => void samples.refetch()} />;

  const columns: TableColumnsType<Outcome> = [
    {
      key: 'rule',
      title: t('programs.rules.id'),
      width: 190,
      render: (_, o) => (
        <div className="cell-stack">
          <span className="mono">{o.ruleId}</span>
          <span>
            <RuleKindTag kind={o.kind} />
          </span>
        </div>
      ),
    },
    {
      key: 'status',
      title: t('programs.try.outcome'),
      width: 110,
      render: (_, o) => (
        <div className="cell-stack">
          <span>
            <Tag color={STATUS_COLORS[o.status]} className="outcome-tag">
              {label('outcome', o.status)}
            </Tag>
          </span>
          {o.status === 'fail' && !o.blocking ? (
            <Typography.Text type="secondary" className="cell-sub">
              {t('programs.try.warnOnly')}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      key: 'message',
      title: t('programs.rules.message'),
      render: (_, o) => (
        <div className="cell-stack">
          <span>{o.message[language]}</span>
          {o.error ? (
            <Typography.Text type="danger" className="cell-sub mono">
              {o.error}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    { key: 'citation', title: t('programs.citation'), width: 140, render: (_, o) => <Citation value={o.citation} /> },
    {
      key: 'inputs',
      title: t('programs.try.inputs'),
      width: 260,
      render: (_, o) => {
        const entries = Object.entries(o.inputs);
        if (entries.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <ul className="inputs-list">
            {entries.map(([path, value]) => (
              <li key={path} className="mono">
                {path} = {celText(value)}
              </li>
            ))}
          </ul>
        );
      },
    },
  ];

  const evaluation = result && result.sampleId === sampleId ? result.evaluation : null;
  const failed = evaluation?.outcomes.filter((o) => o.blocking) ?? [];

  return (
    <>
      <div className="tab-toolbar try-toolbar">
        <Space wrap>
          <Select
            id="try-sample"
            className="sample-select"
            placeholder={t('programs.try.pickSample')}
            loading={samples.isPending}
            value={sampleId}
            onChange={(id: string) => setSampleId(id)}
            options={(samples.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            notFoundContent={<EmptyState description={t('programs.try.noSamples')} />}
          />
          <Button type="primary" icon={<CaretRightOutlined />} disabled={!sampleId} loading={evaluate.isPending} onClick={() => void run()}>
            {dirty ? t('programs.try.saveAndRun') : t('programs.try.run')}
          </Button>
        </Space>
        <Typography.Text type="secondary">{t('programs.try.versionNote', { version: versionLabel(version) })}</Typography.Text>
      </div>
      {dirty ? <Alert className="form-alert" type="warning" showIcon title={t('programs.try.unsaved')} /> : null}

      {refused ? (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          title={refused.localMessage}
          description={
            <ul className="problem-list">
              {(refused.problem.errors ?? []).map((e, i) => (
                <li key={i}>{e.messages[language]}</li>
              ))}
            </ul>
          }
        />
      ) : null}

      {sample ? (
        <Collapse
          size="small"
          className="sample-data"
          items={[{ key: 'input', label: t('programs.try.sampleData'), children: <pre className="json-block">{JSON.stringify(sample.input, null, 2)}</pre> }]}
        />
      ) : null}

      {evaluation ? (
        <>
          <Alert
            className="try-verdict"
            type={evaluation.eligible ? 'success' : 'error'}
            showIcon
            data-testid="try-verdict"
            title={evaluation.eligible ? t('programs.try.eligible') : t('programs.try.notEligible')}
            description={
              <>
                {failed.length ? <div>{t('programs.try.blockedBy', { rules: failed.map((o) => o.ruleId).join('、') })}</div> : null}
                <div>{evaluation.priorities.length ? t('programs.try.priorities', { rules: evaluation.priorities.join('、') }) : t('programs.try.noPriorities')}</div>
              </>
            }
          />
          <Table<Outcome>
            rowKey="ruleId"
            size="small"
            columns={columns}
            dataSource={evaluation.outcomes}
            pagination={false}
            scroll={{ x: 960 }}
            rowClassName={(o) => (o.blocking ? 'outcome-blocking' : '')}
          />
        </>
      ) : !refused ? (
        <EmptyState description={samples.data && samples.data.items.length === 0 ? t('programs.try.noSamples') : t('programs.try.prompt')} />
      ) : null}
    </>
  );
}
