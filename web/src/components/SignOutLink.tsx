/** On the sign-in steps: give up and sign in as someone else. */
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSignOut } from '../lib/sign-out.ts';

export function SignOutLink() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <Button type="link" size="small" onClick={() => signOut.mutate()} loading={signOut.isPending} data-testid="stage-sign-out">
      {t('stage.otherAccount')}
    </Button>
  );
}
