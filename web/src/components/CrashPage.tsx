/**
 * What shows if rendering fails outright. The usual cause is a new release: the page's code chunk
 * named by the old build is gone, and reloading fetches the new one.
 */
import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';

export function CrashPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  console.error(error);
  return (
    <Result
      status="warning"
      title={t('crash.title')}
      subTitle={t('crash.subtitle')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('crash.reload')}
        </Button>
      }
    />
  );
}
