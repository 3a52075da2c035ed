/** The password rules, shown up front and ticked off while typing. */
import type { ReactNode } from 'react';
import { CheckCircleFilled, CloseCircleFilled, InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ruleStates, type RuleState } from '../lib/password.ts';

const ICONS: Record<RuleState, ReactNode> = {
  ok: <CheckCircleFilled className="rule-ok" />,
  bad: <CloseCircleFilled className="rule-bad" />,
  pending: <InfoCircleOutlined className="rule-pending" />,
};

export function PasswordRules({ password, accountName }: { password: string | undefined; accountName: string | undefined }) {
  const { t } = useTranslation();
  const states = ruleStates(password ?? '', accountName ?? '');
  const rules = [
    { key: 'length', text: t('password.rules.length'), state: states.length },
    { key: 'classes', text: t('password.rules.classes'), state: states.classes },
    { key: 'account', text: t('password.rules.account'), state: states.account },
    { key: 'common', text: t('password.rules.common'), state: states.common },
  ];
  return (
    <ul className="password-rules" aria-label={t('password.rules.title')} data-testid="password-rules">
      {rules.map((rule) => (
        <li key={rule.key} className={`rule rule-${rule.state}`}>
          {ICONS[rule.state]}
          <span>{rule.text}</span>
        </li>
      ))}
    </ul>
  );
}
