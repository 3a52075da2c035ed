/**
 * One organization: what the platform knows of it, and its contact details, editable by those the
 * policy lets update it (the server still decides for this particular organization).
 */
import { useEffect } from 'react';
import { App, Button, Descriptions, Divider, Form, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Organization, OrganizationUpdateInput } from '../../../contracts/organizations.ts';
import { useFormat } from '../lib/format.ts';
import { PHONE } from '../lib/form-rules.ts';
import { useOrganization, useUpdateOrganization } from '../pages/organizations/data.ts';
import { QueryView } from './QueryState.tsx';

type ContactValues = { contactName?: string; contactPhone?: string; address?: string };

export function OrganizationProfile({ id, editable, compact = false }: { id: string; editable: boolean; compact?: boolean }) {
  const organization = useOrganization(id);
  return (
    <QueryView query={organization}>
      {(data) => (
        <>
          <OrganizationFacts organization={data} compact={compact} />
          <Divider />
          {editable ? <ContactForm organization={data} /> : <ContactFacts organization={data} />}
        </>
      )}
    </QueryView>
  );
}

export function KindTag({ kind }: { kind: Organization['kind'] }) {
  const { t } = useTranslation();
  const colors: Record<Organization['kind'], string> = {
    platform: 'purple',
    province: 'geekblue',
    department: 'blue',
    city: 'cyan',
    task_force: 'gold',
    expert_pool: 'magenta',
    enterprise: 'green',
  };
  return <Tag color={colors[kind]}>{t(`organizationKind.${kind}`)}</Tag>;
}

function OrganizationFacts({ organization, compact }: { organization: Organization; compact: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Descriptions
      column={compact ? 1 : { xs: 1, md: 2 }}
      size="small"
      title={
        compact ? undefined : (
        <Space wrap>
          <span>{format.language === 'en' && organization.nameEn ? organization.nameEn : organization.name}</span>
          <KindTag kind={organization.kind} />
        </Space>
        )
      }
      items={[
        { key: 'name', label: t('organization.name'), children: organization.name },
        { key: 'nameEn', label: t('organization.nameEn'), children: organization.nameEn ?? none },
        { key: 'code', label: t('organization.code'), children: <Typography.Text copyable>{organization.code}</Typography.Text> },
        { key: 'ancestors', label: t('organization.ancestors'), children: organization.ancestors.length ? organization.ancestors.join(' / ') : none },
        ...(organization.creditCode
          ? [{ key: 'creditCode', label: t('organization.creditCode'), children: <Typography.Text copyable>{organization.creditCode}</Typography.Text> }]
          : []),
        ...(organization.divisionCode ? [{ key: 'divisionCode', label: t('organization.divisionCode'), children: organization.divisionCode }] : []),
        ...(organization.coveredDivisionCodes.length
          ? [{ key: 'covered', label: t('organization.coveredDivisionCodes'), children: organization.coveredDivisionCodes.join('、') }]
          : []),
        ...(organization.note ? [{ key: 'note', label: t('organization.note'), children: organization.note }] : []),
        { key: 'createdAt', label: t('organization.createdAt'), children: format.dateTime(organization.createdAt) },
        { key: 'updatedAt', label: t('organization.updatedAt'), children: format.dateTime(organization.updatedAt) },
      ]}
    />
  );
}

function ContactFacts({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Descriptions
      column={1}
      size="small"
      title={t('organization.contact')}
      items={[
        { key: 'contactName', label: t('organization.contactName'), children: organization.contactName ?? none },
        { key: 'contactPhone', label: t('organization.contactPhone'), children: organization.contactPhone ?? none },
        { key: 'address', label: t('organization.address'), children: organization.address ?? none },
      ]}
    />
  );
}

function ContactForm({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactValues>();
  const update = useUpdateOrganization(organization.id, { form });

  useEffect(() => {
    form.setFieldsValue({
      contactName: organization.contactName ?? '',
      contactPhone: organization.contactPhone ?? '',
      address: organization.address ?? '',
    });
  }, [form, organization.id]); // reset only when another organization is shown, not after each save

  const submit = (values: ContactValues) => {
    // An emptied field clears the value on the server.
    const input: OrganizationUpdateInput = {
      contactName: values.contactName?.trim() || null,
      contactPhone: values.contactPhone?.trim() || null,
      address: values.address?.trim() || null,
    };
    update.mutate(input, { onSuccess: () => void message.success(t('organization.saved')) });
  };

  return (
    <Form<ContactValues> form={form} layout="vertical" onFinish={submit} className="contact-form">
      <Typography.Title level={5}>{t('organization.contact')}</Typography.Title>
      <Form.Item name="contactName" label={t('organization.contactName')} rules={[{ max: 50 }]}>
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label={t('organization.contactPhone')}
        rules={[{ pattern: PHONE, message: t('validation.phone', { field: t('organization.contactPhone') }) }]}
        extra={t('organization.contactPhoneHint')}
      >
        <Input autoComplete="tel" inputMode="tel" />
      </Form.Item>
      <Form.Item name="address" label={t('organization.address')} rules={[{ max: 200 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} autoComplete="street-address" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
