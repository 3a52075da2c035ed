/** Staff must set up two-factor authentication before anything else (等保 三级: two authentication factors). */
import { Alert } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthCard } from '../../components/AuthCard.tsx';
import { SignOutLink } from '../../components/SignOutLink.tsx';
import { TotpEnrolment } from '../../components/TotpEnrolment.tsx';
import { pathAfter } from '../../lib/navigation.ts';

export default function TwoFactorSetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  return (
    <AuthCard wide title={t('totp.setup.title')} footer={<SignOutLink />}>
      <Alert className="form-alert" type="info" showIcon title={t('totp.setup.required')} />
      <TotpEnrolment onDone={(session) => void navigate(pathAfter(session, search.get('next')), { replace: true })} />
    </AuthCard>
  );
}
