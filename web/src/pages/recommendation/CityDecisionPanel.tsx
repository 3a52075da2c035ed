/**
 * 初审结论 (city officer, on an application under its review): the authenticity checklist as the
 * API gives it, each item confirmed with a note; pass (every item confirmed) or reject with a
 * reason. The server's field errors are shown on their items. Renders nothing for anyone else or in
 * any other state.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Input, Radio, Space, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../contracts/applicants.ts';
import { ApiError } from '../../api/client.ts';
import { useUser } from '../../api/session.ts';
import { ErrorResult } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { userMay } from '../../routes.ts';
import { useCityDecision, useRecommendation } from './data.ts';

export function CityDecisionPanel({ application }: { application: Pick<ApplicationDetail, 'id' | 'callId' | 'state'> }) {
  const { user } = useUser();
  if (application.state !== 'city_review' || !userMay(user, 'application.review')) return null;
  return <DecisionCard application={application} />;
}

interface Answer {
  checked: boolean;
  note: string;
}

function DecisionCard({ application }: { application: Pick<ApplicationDetail, 'id' | 'callId'> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message, modal } = App.useApp();
  const view = useRecommendation(application.callId, { secondary: true });
  const [decision, setDecision] = useState<'pass' | 'reject'>('pass');
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const decide = useCityDecision(application.id, { handles: (e) => e instanceof ApiError && (e.problem.errors?.length ?? 0) > 0 });

  if (view.isPending) return <Card size="small" className="form-card" loading title={t('recommendation.decision.title')} />;
  if (view.isError) return <ErrorResult error={view.error} onRetry={() => void view.refetch()} />;
  const checklist = view.data.checklist;
  const answer = (id: string): Answer => answers[id] ?? { checked: false, note: '' };
  const setAnswer = (id: string, change: Partial<Answer>) => {
    setAnswers((prev) => ({ ...prev, [id]: { ...answer(id), ...change } }));
    setErrors(({ [id]: _gone, ...rest }) => rest);
  };
  const allChecked = checklist.every((i) => answer(i.id).checked);

  const send = () => {
    const input = { decision, reason: reason.trim(), checklist: checklist.map((i) => ({ id: i.id, ...answer(i.id) })) };
    decide.mutate(input, {
      onSuccess: () => void message.success(t(decision === 'pass' ? 'recommendation.decision.passed' : 'recommendation.decision.rejected')),
      onError: (error) => {
        if (!(error instanceof ApiError)) return;
        const next: Record<string, string> = {};
        for (const e of error.problem.errors ?? []) {
          const m = /^checklist\.(\d+)/.exec(e.path);
          const item = m ? checklist[Number(m[1])] : undefined;
          next[item ? item.id : e.path] = e.messages[language];
        }
        setErrors(next);
        void message.error({ content: error.localMessage, key: 'city-decision' });
      },
    });
  };

  const confirm = () => {
    if (decision === 'reject' && reason.trim().length < 2) {
      setErrors({ reason: t('recommendation.decision.reasonRequired') });
      return;
    }
    modal.confirm({
      title: t(decision === 'pass' ? 'recommendation.decision.confirmPass' : 'recommendation.decision.confirmReject'),
      content: t('recommendation.decision.confirmContent'),
      okButtonProps: { danger: decision === 'reject', 'data-testid': 'city-decision-confirm' } as never,
      onOk: send,
    });
  };

  return (
    <Card size="small" className="form-card" title={t('recommendation.decision.title')} data-testid="city-decision">
      <Typography.Paragraph type="secondary">{t('recommendation.decision.hint')}</Typography.Paragraph>
      <ul className="plain-list checklist">
        {checklist.map((item) => {
          const a = answer(item.id);
          return (
            <li key={item.id} data-testid={`checklist-${item.id}`}>
              <Space orientation="vertical" size={4} className="full-width">
                <Checkbox checked={a.checked} onChange={(e) => setAnswer(item.id, { checked: e.target.checked })} data-testid={`checklist-check-${item.id}`}>
                  {item.name[language]}
                </Checkbox>
                <Input size="small" maxLength={500} value={a.note} placeholder={t('recommendation.decision.notePlaceholder')} onChange={(e) => setAnswer(item.id, { note: e.target.value })} data-testid={`checklist-note-${item.id}`} />
                {errors[item.id] ? (
                  <Typography.Text type="danger" data-testid={`checklist-error-${item.id}`}>
                    {errors[item.id]}
                  </Typography.Text>
                ) : null}
              </Space>
            </li>
          );
        })}
      </ul>
      <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value as 'pass' | 'reject')} data-testid="city-decision-choice" className="decision-choice">
        <Radio value="pass" data-testid="city-decision-pass">
          {t('recommendation.decision.pass')}
        </Radio>
        <Radio value="reject" data-testid="city-decision-reject">
          {t('recommendation.decision.reject')}
        </Radio>
      </Radio.Group>
      {decision === 'reject' ? (
        <div className="decision-reason">
          <Input.TextArea
            rows={3}
            maxLength={2000}
            value={reason}
            status={errors.reason ? 'error' : undefined}
            placeholder={t('recommendation.decision.reasonPlaceholder')}
            onChange={(e) => {
              setReason(e.target.value);
              setErrors(({ reason: _gone, ...rest }) => rest);
            }}
            data-testid="city-decision-reason"
          />
          {errors.reason ? <Typography.Text type="danger">{errors.reason}</Typography.Text> : null}
        </div>
      ) : !allChecked ? (
        <Alert type="info" showIcon className="page-alert" title={t('recommendation.decision.checkAll')} />
      ) : null}
      <div className="decision-actions">
        <Button
          type="primary"
          danger={decision === 'reject'}
          icon={decision === 'pass' ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
          loading={decide.isPending}
          onClick={confirm}
          data-testid="city-decision-submit"
        >
          {t(decision === 'pass' ? 'recommendation.decision.passButton' : 'recommendation.decision.rejectButton')}
        </Button>
      </div>
    </Card>
  );
}
