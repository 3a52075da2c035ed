/**
 * A rule's CEL expression, type-checked by the server as it is typed (300 ms after the last key):
 * ✓ with the inputs it reads, or ✗ with the reason — the same check publication applies. A form
 * control (value/onChange), so antd's Form.Item drives it.
 */
import { useEffect, useState } from 'react';
import { Input, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { useExpressionCheck } from '../programs/data.ts';

const DEBOUNCE_MS = 300;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function ExpressionInput({ id, value, onChange }: { id?: string; value?: string; onChange?: (value: string) => void }) {
  const { t } = useTranslation();
  const text = value ?? '';
  const settled = useDebounced(text, DEBOUNCE_MS);
  const check = useExpressionCheck(settled.trim());
  const typing = settled !== text;

  let state: 'empty' | 'checking' | 'valid' | 'invalid' | 'failed';
  if (text.trim() === '') state = 'empty';
  else if (typing || check.isFetching || (check.isPending && check.fetchStatus !== 'idle')) state = 'checking';
  else if (check.isError) state = 'failed';
  else if (check.data?.valid) state = 'valid';
  else if (check.data) state = 'invalid';
  else state = 'checking';

  return (
    <div className="expression-field">
      <Input.TextArea
        id={id}
        value={text}
        onChange={(e) => onChange?.(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 8 }}
        spellCheck={false}
        autoComplete="off"
        className="expression-input"
        maxLength={2000}
      />
      <div className={`expression-check expression-${state}`} data-testid="expression-check" data-state={state} aria-live="polite">
        {state === 'empty' ? <Typography.Text type="secondary">{t('programs.rules.expressionHint')}</Typography.Text> : null}
        {state === 'checking' ? (
          <Typography.Text type="secondary">
            <LoadingOutlined /> {t('programs.rules.checking')}
          </Typography.Text>
        ) : null}
        {state === 'failed' ? (
          <Typography.Text type="warning">
            <WarningOutlined /> {t('programs.rules.checkFailed', { reason: errorText(check.error) })}
          </Typography.Text>
        ) : null}
        {state === 'valid' && check.data ? (
          <Space size={[6, 4]} wrap>
            <Typography.Text type="success">
              <CheckCircleFilled /> {t('programs.rules.valid')}
            </Typography.Text>
            {check.data.inputs.length ? <Typography.Text type="secondary">{t('programs.rules.reads')}</Typography.Text> : null}
            {check.data.inputs.map((input) => (
              <Tag key={input} className="mono">
                {input}
              </Tag>
            ))}
          </Space>
        ) : null}
        {state === 'invalid' && check.data ? (
          <Typography.Text type="danger">
            <CloseCircleFilled /> {t('programs.rules.invalid', { reason: check.data.error ?? '' })}
          </Typography.Text>
        ) : null}
      </div>
    </div>
  );
}
