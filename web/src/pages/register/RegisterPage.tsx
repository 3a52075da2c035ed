/**
 * An enterprise registers itself: the organization (name, 统一社会信用代码, the city that will
 * recommend it) and the account of the person who will apply on its behalf. Signed in on success.
 */
import { useMemo } from 'react';
import { Alert, Button, Col, Divider, Form, Input, Row, Select } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RegisterInput } from '../../../../contracts/auth.ts';
import type { RecommendingUnit } from '../../../../contracts/organizations.ts';
import { authApi } from '../../api/auth.ts';
import { errorText } from '../../api/client.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { PasswordRules } from '../../components/PasswordRules.tsx';
import { useLanguage, type Language } from '../../i18n.ts';
import { confirmRules, CREDIT_CODE, MOBILE, newPasswordRules, withoutEmpty } from '../../lib/form-rules.ts';
import { pathAfter, withNext } from '../../lib/navigation.ts';

type Values = RegisterInput & { confirmPassword: string };

/** The recommending units grouped by province, provinces in code order. */
function cityOptions(units: RecommendingUnit[], language: Language) {
  const provinces = new Map<string, { label: string; code: string; options: { value: string; label: string }[] }>();
  for (const unit of [...units].sort((a, b) => a.code.localeCompare(b.code))) {
    const group = provinces.get(unit.provinceCode) ?? { label: unit.province, code: unit.provinceCode, options: [] };
    group.options.push({ value: unit.id, label: language === 'en' && unit.nameEn ? unit.nameEn : unit.name });
    provinces.set(unit.provinceCode, group);
  }
  return [...provinces.values()].sort((a, b) => a.code.localeCompare(b.code)).map(({ label, options }) => ({ label, title: label, options }));
}

export default function RegisterPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const next = search.get('next');
  const [form] = Form.useForm<Values>();
  const password = Form.useWatch('password', form);
  const email = Form.useWatch('email', form);

  const units = useQuery({ queryKey: ['recommending-units'], queryFn: authApi.recommendingUnits, staleTime: 10 * 60_000 });
  const options = useMemo(() => cityOptions(units.data?.items ?? [], language), [units.data, language]);

  const register = useMutation({
    mutationFn: (values: Values) => {
      const { confirmPassword: _confirm, ...input } = values;
      return authApi.register(withoutEmpty({ ...input, creditCode: input.creditCode.trim().toUpperCase() }));
    },
    meta: { form },
    onSuccess: (session) => void navigate(pathAfter(session, next), { replace: true }),
  });

  return (
    <AuthCard
      wide
      title={t('register.title')}
      subtitle={t('register.subtitle')}
      footer={
        <>
          {t('register.haveAccount')} <Link to={withNext('/login', next)}>{t('register.login')}</Link>
        </>
      }
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional" onFinish={(values) => register.mutate(values)} scrollToFirstError>
        <Divider titlePlacement="start" plain className="form-section">
          {t('register.organizationSection')}
        </Divider>
        <Form.Item name="organizationName" label={t('register.organizationName')} rules={[{ required: true }, { min: 2 }, { max: 100 }]} extra={t('register.organizationNameHint')}>
          <Input autoComplete="organization" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="creditCode"
              label={t('register.creditCode')}
              normalize={(value: string) => value.toUpperCase().replace(/\s/g, '')}
              rules={[{ required: true }, { pattern: CREDIT_CODE, message: t('validation.creditCode', { field: t('register.creditCode') }) }]}
            >
              <Input maxLength={18} showCount autoComplete="off" className="mono-input" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="cityId" label={t('register.city')} rules={[{ required: true }]} extra={t('register.cityHint')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={options}
                loading={units.isPending}
                placeholder={t('register.cityPlaceholder')}
                notFoundContent={units.isError ? errorText(units.error) : undefined}
              />
            </Form.Item>
          </Col>
        </Row>
        {units.isError ? (
          <Alert
            type="error"
            showIcon
            className="form-alert"
            title={t('register.citiesFailed')}
            action={
              <Button size="small" onClick={() => void units.refetch()}>
                {t('common.retry')}
              </Button>
            }
          />
        ) : null}

        <Divider titlePlacement="start" plain className="form-section">
          {t('register.accountSection')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="displayName" label={t('register.displayName')} rules={[{ required: true }, { max: 50 }]}>
              <Input autoComplete="name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('register.phone')} rules={[{ pattern: MOBILE, message: t('validation.mobile', { field: t('register.phone') }) }]}>
              <Input autoComplete="tel" inputMode="tel" maxLength={11} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="email" label={t('register.email')} rules={[{ required: true }, { type: 'email' }]} extra={t('register.emailHint')}>
          <Input autoComplete="username" inputMode="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('register.password')}
          dependencies={['email']}
          rules={newPasswordRules(t, t('register.password'), () => form.getFieldValue('email') as string | undefined)} extra={<PasswordRules password={password} accountName={email} />}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirmPassword" label={t('register.confirmPassword')} dependencies={['password']} rules={confirmRules(t, t('register.confirmPassword'), 'password')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={register.isPending}>
          {t('register.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
