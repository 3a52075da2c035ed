/** Signing out (this device or all of them): the server ends the session, the UI forgets everything cached. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api/auth.ts';
import { SESSION_KEY } from '../api/session.ts';

export function useSignOut(everywhere = false) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: everywhere ? authApi.logoutEverywhere : authApi.logout,
    onSuccess: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      void navigate('/login', { replace: true });
      void message.success(t(everywhere ? 'security.sessions.doneEverywhere' : 'header.signedOut'));
    },
  });
}
