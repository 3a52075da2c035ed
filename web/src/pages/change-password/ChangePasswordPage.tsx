/** A password that has expired, or was issued by an administrator, must be replaced before going on. */
import { Alert } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { ChangePasswordForm } from '../../components/ChangePasswordForm.tsx';
import { SignOutLink } from '../../components/SignOutLink.tsx';
import { pathAfter } from '../../lib/navigation.ts';

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const { data } = useSession();
  return (
    <AuthCard title={t('password.forced.title')} footer={<SignOutLink />}>
      <Alert className="form-alert" type="warning" showIcon title={t('password.forced.reason')} />
      <ChangePasswordForm
        accountName={data?.user?.email ?? ''}
        submitText={t('password.forced.submit')}
        onChanged={(session) => void navigate(pathAfter(session, search.get('next')), { replace: true })}
      />
    </AuthCard>
  );
}
