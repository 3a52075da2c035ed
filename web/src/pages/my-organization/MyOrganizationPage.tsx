/** 本单位信息: the user's own organization, with its contact details editable where the policy allows. */
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../api/session.ts';
import { OrganizationProfile } from '../../components/OrganizationProfile.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { userMay } from '../../routes.ts';

export default function MyOrganizationPage() {
  const { t } = useTranslation();
  const { user } = useUser();
  return (
    <>
      <PageHeader title={t('nav.myOrganization')} subtitle={t('navDesc.myOrganization')} />
      <Card variant="borderless" className="page-card">
        <OrganizationProfile id={user.organization.id} editable={userMay(user, 'organization.update')} />
      </Card>
    </>
  );
}
