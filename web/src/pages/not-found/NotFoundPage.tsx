/** 404: no such screen. */
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session.ts';

export default function NotFoundPage() {
  const { t } = useTranslation();
  const { data } = useSession();
  const signedIn = Boolean(data?.authenticated && data.user);
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('errorPages.notFound')}
      extra={
        <Link to={signedIn ? '/' : '/login'}>
          <Button type="primary">{signedIn ? t('common.backHome') : t('common.toLogin')}</Button>
        </Link>
      }
    />
  );
}
