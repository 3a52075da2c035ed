/** A profile version read-only: for its history, and for officers reading an applicant's profile. */
import { Descriptions, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../../contracts/applicants.ts';
import { useLanguage } from '../../i18n.ts';
import { formatDate } from '../../lib/format.ts';
import { formatFen } from '../../lib/money.ts';
import { recommendingUnitOfDivision, regionName } from '../../lib/regions.ts';
import { credentialName } from './model.ts';

/** `compact`: one column (beside the list of versions). */
export function ProfileView({ profile, compact = false }: { profile: Profile; compact?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const data = profile.data;
  if (!data) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('profile.never')} />;
  const yes = (v: boolean) => (v ? t('common.yes') : t('common.no'));
  const city = profile.cityName ?? (recommendingUnitOfDivision(data.divisionCode) ? regionName(recommendingUnitOfDivision(data.divisionCode)!, language) : '—');
  return (
    <div className="profile-view">
      <Descriptions
        size="small"
        column={compact ? 1 : { xs: 1, md: 2 }}
        title={t('profile.sections.basic')}
        items={[
          { key: 'name', label: t('profile.name'), children: data.name },
          { key: 'creditCode', label: t('profile.creditCode'), children: <span className="mono">{profile.creditCode ?? '—'}</span> },
          { key: 'division', label: t('profile.divisionCode'), children: `${data.divisionCode}（${city}）` },
          { key: 'address', label: t('profile.address'), children: data.address },
          { key: 'legalForm', label: t('profile.legalForm'), children: t(`profile.legalForms.${data.legalForm}`) },
          { key: 'rep', label: t('profile.legalRepresentative'), children: data.legalRepresentative },
          { key: 'ilp', label: t('profile.independentLegalPerson'), children: yes(data.independentLegalPerson) },
          { key: 'ia', label: t('profile.independentAccounting'), children: yes(data.independentAccounting) },
          ...(!data.independentLegalPerson ? [{ key: 'lst', label: t('profile.localStatisticsAndTax'), children: yes(data.localStatisticsAndTax) }] : []),
        ]}
      />
      <Descriptions
        size="small"
        column={1}
        title={t('profile.sections.contacts')}
        items={data.contacts.map((c, i) => ({
          key: String(i),
          label: c.name,
          children: [c.position, c.mobile, c.email].filter(Boolean).join(' · '),
        }))}
      />
      <Descriptions
        size="small"
        column={compact ? 1 : { xs: 1, md: 2 }}
        title={t('profile.sections.scale')}
        items={[
          { key: 'industry', label: t('profile.industryCode'), children: <span className="mono">{data.industryCode}</span> },
          { key: 'employees', label: t('profile.employees'), children: t('units.peopleCount', { count: data.employees }) },
          { key: 'year', label: t('profile.financialYear'), children: String(data.financialYear) },
          { key: 'sales', label: t('profile.annualSales'), children: formatFen(data.annualSalesFen, language) },
          { key: 'profit', label: t('profile.annualProfit'), children: formatFen(data.annualProfitFen, language) },
          { key: 'level', label: t('profile.integrationLevel'), children: `${data.integrationLevel} · ${t(`profile.integrationLevels.${data.integrationLevel}` as 'profile.integrationLevels.0')}` },
          { key: 'it', label: t('profile.itTeamSize'), children: t('units.peopleCount', { count: data.itTeamSize }) },
        ]}
      />
      <Typography.Title level={5} className="view-subtitle">
        {t('profile.sections.credentials')}
      </Typography.Title>
      {data.credentials.length === 0 ? (
        <Typography.Text type="secondary">{t('profile.credential.none')}</Typography.Text>
      ) : (
        <ul className="plain-list">
          {data.credentials.map((c, i) => (
            <li key={i}>
              {credentialName(c.code, language)}
              {c.obtainedOn ? `（${formatDate(`${c.obtainedOn}T12:00:00+08:00`, language)}）` : ''}
              {c.note ? ` · ${c.note}` : ''}
              {c.evidenceIds.length ? <Tag className="evidence-count">{t('profile.credential.files', { count: c.evidenceIds.length })}</Tag> : null}
            </li>
          ))}
        </ul>
      )}
      <Descriptions
        size="small"
        column={compact ? 1 : { xs: 1, md: 2 }}
        title={t('profile.sections.declarations')}
        className="view-block"
        items={[
          ...(['badRecords', 'safetyAccident', 'underInvestigation', 'goodCredit', 'soundFinances'] as const).map((key) => ({
            key,
            label: t(`profile.declarations.${key}`),
            children: yes(data.declarations[key]),
          })),
          {
            key: 'last',
            label: t('profile.declarations.lastMajorAccidentDate'),
            children: data.declarations.lastMajorAccidentDate ? formatDate(`${data.declarations.lastMajorAccidentDate}T12:00:00+08:00`, language) : t('profile.none'),
          },
        ]}
      />
    </div>
  );
}
