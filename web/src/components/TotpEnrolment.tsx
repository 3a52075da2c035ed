/**
 * Setting up an authenticator: the QR code to scan, the same secret as text to type in by hand,
 * then one code from the app to prove it works. Used by the forced set-up screen and by applicants
 * turning two-factor on from the account-security page.
 */
import { Button, Col, Form, Input, Row, Steps, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contracts/auth.ts';
import { authApi } from '../api/auth.ts';
import { TOTP } from '../lib/form-rules.ts';
import { QueryView } from './QueryState.tsx';

export function TotpEnrolment({ onDone, onCancel }: { onDone: (session: SessionInfo) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  // One enrolment per visit: a query (not a mutation) so a double mount does not start two.
  const enrolment = useQuery({ queryKey: ['totp-enrolment'], queryFn: authApi.startEnrolment, staleTime: Infinity, gcTime: 0, retry: false });
  const confirm = useMutation({
    mutationFn: (code: string) => authApi.confirmEnrolment(code),
    meta: { form },
    onSuccess: onDone,
  });

  return (
    <QueryView query={enrolment}>
      {(data) => (
        <div className="totp-enrolment">
          <Steps
            orientation="vertical"
            size="small"
            current={-1}
            items={[
              { title: t('totp.setup.step1'), content: t('totp.setup.step1Detail') },
              {
                title: t('totp.setup.step2'),
                content: (
                  <Row gutter={[24, 12]} align="middle" className="totp-scan">
                    <Col flex="none">
                      <img src={data.qrCode} alt={t('totp.setup.qrAlt')} width={176} height={176} className="totp-qr" />
                    </Col>
                    <Col flex="auto">
                      <Typography.Paragraph type="secondary">{t('totp.setup.manual')}</Typography.Paragraph>
                      <Typography.Text code copyable={{ text: data.secret }} className="totp-secret" data-testid="totp-secret">
                        {data.secret}
                      </Typography.Text>
                    </Col>
                  </Row>
                ),
              },
              {
                title: t('totp.setup.step3'),
                content: (
                  <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => confirm.mutate(values.code.trim())} className="totp-confirm">
                    <Form.Item name="code" label={t('totp.code')} rules={[{ required: true }, { pattern: TOTP, message: t('validation.totp', { field: t('totp.code') }) }]}>
                      <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder="123456" className="code-input" />
                    </Form.Item>
                    <div className="form-actions">
                      <Button type="primary" htmlType="submit" loading={confirm.isPending}>
                        {t('totp.setup.confirm')}
                      </Button>
                      {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
                    </div>
                  </Form>
                ),
              },
            ]}
          />
        </div>
      )}
    </QueryView>
  );
}
