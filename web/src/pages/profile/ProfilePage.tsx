/**
 * 企业档案: the applicant's profile, the facts every program's rules read (where it is registered,
 * its legal form, industry, size, 两化融合 stage, IT team, credentials, declarations). Saved as a new
 * version on top of the one the edit started from (a stale one is refused, and nothing typed is
 * lost); earlier versions can be read. A pre-check's "fix the profile" link lands on the field.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { DeleteOutlined, HistoryOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CREDENTIAL_CODES, LEGAL_FORMS, type Profile, type ProfileInput } from '../../../../contracts/applicants.ts';
import { ApiError } from '../../api/client.ts';
import { useUser } from '../../api/session.ts';
import { DateInput, MoneyInput, YesNoInput } from '../../components/FieldInputs.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { fieldName } from '../../lib/field-path.ts';
import { useFormat } from '../../lib/format.ts';
import { MOBILE } from '../../lib/form-rules.ts';
import { provinceName, recommendingUnitOfDivision, regionName } from '../../lib/regions.ts';
import { CredentialEvidence } from './CredentialEvidence.tsx';
import { credentialName, INTEGRATION_LEVELS, legalFormEffects, toProfileInput } from './model.ts';
import { ProfileVersionsDrawer } from './ProfileVersions.tsx';
import { useProfile, useSaveProfile } from './data.ts';

export default function ProfilePage() {
  const profile = useProfile();
  return (
    <QueryView query={profile}>
      {(data) => <ProfileEditor profile={data} refetch={() => profile.refetch()} />}
    </QueryView>
  );
}

/** The values a never-filled profile starts from: the organization's name and the signed-in user as the first contact. */
function initialValues(profile: Profile, user: ReturnType<typeof useUser>['user']): Partial<ProfileInput> {
  if (profile.data) return profile.data;
  return {
    name: user.organization.name,
    contacts: [{ name: user.displayName, position: '', mobile: '', email: user.email }],
    credentials: [],
    independentLegalPerson: true,
    independentAccounting: true,
    localStatisticsAndTax: false,
  };
}

function ProfileEditor({ profile, refetch }: { profile: Profile; refetch: () => Promise<{ data?: Profile | undefined }> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { message, modal } = App.useApp();
  const { user } = useUser();
  const [search] = useSearchParams();
  const [form] = Form.useForm<ProfileInput>();
  const save = useSaveProfile({ form, handled: ['stale_version'] });
  const [historyOpen, setHistoryOpen] = useState(false);
  const baseVersion = useRef(profile.version);
  baseVersion.current = profile.version;

  const legalForm = Form.useWatch('legalForm', form);
  const independentLegalPerson = Form.useWatch('independentLegalPerson', form);
  const divisionCode = Form.useWatch('divisionCode', form);
  const effects = legalFormEffects(legalForm, independentLegalPerson);
  const city = useMemo(() => recommendingUnitOfDivision(divisionCode ?? ''), [divisionCode]);

  useEffect(() => {
    form.setFieldsValue(initialValues(profile, user));
  }, [form]); // once: a save or a refetch must not replace what is being typed

  // The pre-check's "fix the profile" link: scroll to the field and put the cursor there.
  const focus = search.get('focus');
  useEffect(() => {
    if (!focus) return;
    const name = fieldName(focus);
    const timer = window.setTimeout(() => {
      form.scrollToField(name, { block: 'center', behavior: 'smooth' });
      form.focusField(name);
    }, 150);
    return () => window.clearTimeout(timer);
  }, [focus, form]);

  // The legal form decides some answers: a branch is never an independent legal person, and a legal person keeps its own accounts.
  useEffect(() => {
    if (effects.legalPersonFixed !== null && form.getFieldValue('independentLegalPerson') !== effects.legalPersonFixed) {
      form.setFieldValue('independentLegalPerson', effects.legalPersonFixed);
    }
    if (effects.accountingFixed !== null && form.getFieldValue('independentAccounting') !== effects.accountingFixed) {
      form.setFieldValue('independentAccounting', effects.accountingFixed);
    }
  }, [effects.legalPersonFixed, effects.accountingFixed, form]);

  const send = (values: ProfileInput, base: number) =>
    save.mutate(
      { profile: toProfileInput(values), baseVersion: base },
      {
        onSuccess: (saved) => void message.success(t('profile.saved', { version: saved.version })),
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'stale_version') void staleVersion();
        },
      },
    );

  const staleVersion = async () => {
    const latest = (await refetch()).data;
    modal.confirm({
      title: t('profile.stale.title'),
      content: t('profile.stale.content', { version: latest?.version ?? '?' }),
      okText: t('profile.stale.overwrite'),
      cancelText: t('profile.stale.reload'),
      onOk: () => send(form.getFieldsValue(true) as ProfileInput, latest?.version ?? baseVersion.current),
      onCancel: () => {
        if (latest?.data) form.setFieldsValue(latest.data);
      },
    });
  };

  const subtitle =
    profile.version === 0
      ? t('profile.never')
      : profile.updatedBy
        ? t('profile.versionLine', { version: profile.version, at: format.dateTime(profile.updatedAt), by: profile.updatedBy })
        : t('profile.versionLineNoBy', { version: profile.version, at: format.dateTime(profile.updatedAt) });

  return (
    <>
      <PageHeader
        title={t('nav.profile')}
        subtitle={subtitle}
        extra={
          <Space>
            <Button icon={<HistoryOutlined />} disabled={profile.version === 0} onClick={() => setHistoryOpen(true)}>
              {t('profile.history')}
            </Button>
            <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => form.submit()} data-testid="profile-save">
              {t('profile.save')}
            </Button>
          </Space>
        }
      />
      {profile.version === 0 ? <Alert type="info" showIcon className="page-alert" title={t('profile.firstTime')} /> : null}

      <Form<ProfileInput>
        form={form}
        layout="vertical"
        onFinish={(values) => send(values, baseVersion.current)}
        scrollToFirstError={{ block: 'center', behavior: 'smooth' }}
        className="profile-form"
      >
        <Card title={t('profile.sections.basic')} className="form-card">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('profile.name')} rules={[{ required: true }, { min: 2 }, { max: 100 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('profile.creditCode')} extra={t('profile.creditCodeHint')}>
                <Typography.Text copyable className="mono" data-testid="profile-credit-code">
                  {profile.creditCode ?? '—'}
                </Typography.Text>
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="divisionCode"
                label={t('profile.divisionCode')}
                normalize={(v: string) => v.replace(/\s/g, '')}
                rules={[{ required: true }, { pattern: /^\d{6}$/, message: t('profile.rules.divisionCode', { field: t('profile.divisionCode') }) }]}
                extra={
                  city && profile.provinceCode && `${(divisionCode ?? '').slice(0, 2)}0000` !== profile.provinceCode ? (
                    <Typography.Text type="warning">{t('profile.otherProvince', { city: regionName(city, language), province: provinceName(`${(divisionCode ?? '').slice(0, 2)}0000`, language) })}</Typography.Text>
                  ) : city ? (
                    <span data-testid="profile-city">{t('profile.cityIs', { city: regionName(city, language) })}</span>
                  ) : divisionCode && /^\d{6}$/.test(divisionCode) ? (
                    <Typography.Text type="warning">{t('profile.cityUnknown')}</Typography.Text>
                  ) : (
                    t('profile.divisionCodeHint')
                  )
                }
              >
                <Input maxLength={6} inputMode="numeric" className="mono-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="address" label={t('profile.address')} rules={[{ required: true }, { min: 2 }, { max: 200 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="legalForm" label={t('profile.legalForm')} rules={[{ required: true }]}>
                <Select options={LEGAL_FORMS.map((value) => ({ value, label: t(`profile.legalForms.${value}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="legalRepresentative" label={t('profile.legalRepresentative')} rules={[{ required: true }, { max: 50 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="independentLegalPerson" label={t('profile.independentLegalPerson')} valuePropName="checked" extra={effects.legalPersonFixed !== null ? t('profile.effects.branch') : undefined}>
                <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} disabled={effects.legalPersonFixed !== null} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="independentAccounting" label={t('profile.independentAccounting')} valuePropName="checked" extra={effects.accountingFixed !== null ? t('profile.effects.accounting') : undefined}>
                <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} disabled={effects.accountingFixed !== null} />
              </Form.Item>
            </Col>
            {effects.showLocalStatistics ? (
              <Col xs={24} md={8}>
                <Form.Item name="localStatisticsAndTax" label={t('profile.localStatisticsAndTax')} valuePropName="checked" extra={t('profile.localStatisticsAndTaxHint')}>
                  <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
                </Form.Item>
              </Col>
            ) : null}
          </Row>
        </Card>

        <Card title={t('profile.sections.contacts')} className="form-card">
          <Form.List
            name="contacts"
            rules={[
              {
                validator: async (_rule, contacts: unknown[] | undefined) => {
                  if (!contacts || contacts.length < 1) throw new Error(t('profile.rules.contactsMin'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Row gutter={12} key={field.key} className="contact-row" align="top">
                    <Col xs={24} md={5}>
                      <Form.Item name={[field.name, 'name']} label={index === 0 ? t('profile.contact.name') : undefined} rules={[{ required: true, message: t('profile.rules.required', { field: t('profile.contact.name') }) }, { max: 50 }]}>
                        <Input placeholder={t('profile.contact.name')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={5}>
                      <Form.Item name={[field.name, 'position']} label={index === 0 ? t('profile.contact.position') : undefined} rules={[{ max: 50 }]}>
                        <Input placeholder={t('profile.contact.position')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={5}>
                      <Form.Item
                        name={[field.name, 'mobile']}
                        label={index === 0 ? t('profile.contact.mobile') : undefined}
                        rules={[
                          { required: true, message: t('profile.rules.required', { field: t('profile.contact.mobile') }) },
                          { pattern: MOBILE, message: t('validation.mobile', { field: t('profile.contact.mobile') }) },
                        ]}
                      >
                        <Input inputMode="tel" maxLength={11} placeholder={t('profile.contact.mobile')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={7}>
                      <Form.Item
                        name={[field.name, 'email']}
                        label={index === 0 ? t('profile.contact.email') : undefined}
                        rules={[
                          { required: true, message: t('profile.rules.required', { field: t('profile.contact.email') }) },
                          { type: 'email', message: t('profile.rules.email', { field: t('profile.contact.email') }) },
                        ]}
                      >
                        <Input inputMode="email" placeholder={t('profile.contact.email')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={2} className={index === 0 ? 'row-action-first' : 'row-action'}>
                      <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(field.name)} aria-label={t('profile.contact.remove')} />
                    </Col>
                  </Row>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= 5} onClick={() => add({ name: '', position: '', mobile: '', email: '' })}>
                  {t('profile.contact.add')}
                </Button>
                <Typography.Text type="secondary" className="hint-inline">
                  {t('profile.contact.limit')}
                </Typography.Text>
              </>
            )}
          </Form.List>
        </Card>

        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Card title={t('profile.sections.industry')} className="form-card">
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="industryCode"
                    label={t('profile.industryCode')}
                    normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
                    rules={[{ required: true }, { pattern: /^[A-T]\d{2,4}$/, message: t('profile.rules.industryCode', { field: t('profile.industryCode') }) }]}
                    extra={t('profile.industryCodeHint')}
                  >
                    <Input maxLength={5} className="mono-input" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="employees" label={t('profile.employees')} rules={[{ required: true }]}>
                    <InputNumber<number> min={0} max={10_000_000} precision={0} className="full-width" suffix={t('units.people')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="financialYear" label={t('profile.financialYear')} rules={[{ required: true }]} extra={t('profile.financialYearHint')}>
                    <InputNumber<number> min={2000} max={2100} precision={0} className="full-width" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="annualSalesFen" label={t('profile.annualSales')} rules={[{ required: true }]}>
                    <MoneyInput unit="万元" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="annualProfitFen" label={t('profile.annualProfit')} rules={[{ required: true }]} extra={t('profile.annualProfitHint')}>
                    <MoneyInput unit="万元" allowNegative />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('profile.sections.informatization')} className="form-card">
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="integrationLevel" label={t('profile.integrationLevel')} rules={[{ required: true }]} extra={t('profile.integrationLevelHint')}>
                    <Select options={INTEGRATION_LEVELS.map((level) => ({ value: level, label: `${level} · ${t(`profile.integrationLevels.${level}`)}` }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="itTeamSize" label={t('profile.itTeamSize')} rules={[{ required: true }]} extra={t('profile.itTeamSizeHint')}>
                    <InputNumber<number> min={0} max={1_000_000} precision={0} className="full-width" suffix={t('units.people')} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
        </Row>

        <Card title={t('profile.sections.credentials')} className="form-card" extra={<Typography.Text type="secondary">{t('profile.credentialsHint')}</Typography.Text>}>
          <Form.List name="credentials">
            {(fields, { add, remove }) => (
              <>
                {fields.length === 0 ? (
                  <Typography.Paragraph type="secondary">{t('profile.credential.none')}</Typography.Paragraph>
                ) : null}
                {fields.map((field) => (
                  <div className="credential-row" key={field.key}>
                    <Row gutter={12} align="top">
                      <Col xs={24} md={8}>
                        <Form.Item name={[field.name, 'code']} label={t('profile.credential.code')} rules={[{ required: true, message: t('profile.rules.required', { field: t('profile.credential.code') }) }]}>
                          <Select showSearch={{ optionFilterProp: 'label' }} options={CREDENTIAL_CODES.map((code) => ({ value: code, label: credentialName(code, language) }))} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={5}>
                        <Form.Item name={[field.name, 'obtainedOn']} label={t('profile.credential.obtainedOn')}>
                          <DateInput />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={9}>
                        <Form.Item name={[field.name, 'note']} label={t('profile.credential.note')} rules={[{ max: 200 }]}>
                          <Input placeholder={t('profile.credential.notePlaceholder')} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={2} className="row-action-first">
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('profile.credential.remove')} />
                      </Col>
                    </Row>
                    <Form.Item noStyle shouldUpdate>
                      {() => (
                        <Form.Item name={[field.name, 'evidenceIds']} label={t('profile.credential.evidence')} extra={t('profile.credential.evidenceHint')}>
                          <CredentialEvidence code={form.getFieldValue(['credentials', field.name, 'code']) as string | undefined} />
                        </Form.Item>
                      )}
                    </Form.Item>
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= 20} onClick={() => add({ code: undefined, obtainedOn: '', note: '', evidenceIds: [] })}>
                  {t('profile.credential.add')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card title={t('profile.sections.declarations')} className="form-card" extra={<Typography.Text type="secondary">{t('profile.declarationsHint')}</Typography.Text>}>
          <Row gutter={16}>
            {(['badRecords', 'safetyAccident', 'underInvestigation', 'goodCredit', 'soundFinances'] as const).map((key) => (
              <Col xs={24} md={12} key={key}>
                <Form.Item name={['declarations', key]} label={t(`profile.declarations.${key}`)} rules={[{ required: true, message: t('profile.rules.choose', { field: t(`profile.declarations.${key}`) }) }]}>
                  <YesNoInput />
                </Form.Item>
              </Col>
            ))}
            <Col xs={24} md={12}>
              <Form.Item name={['declarations', 'lastMajorAccidentDate']} label={t('profile.declarations.lastMajorAccidentDate')} extra={t('profile.declarations.lastMajorAccidentDateHint')}>
                <DateInput />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <div className="form-savebar">
          <Space>
            {profile.version > 0 ? <Tag>{t('profile.basedOn', { version: profile.version })}</Tag> : null}
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>
              {t('profile.save')}
            </Button>
          </Space>
        </div>
      </Form>

      <Drawer open={historyOpen} onClose={() => setHistoryOpen(false)} size={720} title={t('profile.history')} destroyOnHidden>
        {historyOpen ? <ProfileVersionsDrawer current={profile.version} /> : null}
      </Drawer>
    </>
  );
}
