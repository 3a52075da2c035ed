/** The authentication endpoints. Each returns the new SessionInfo, which the client hands to the session cache. */
import type { ChangePasswordInput, LoginInput, PasswordResetInput, RegisterInput, SessionInfo, TotpEnrolment } from '../../../contracts/auth.ts';
import type { RecommendingUnit } from '../../../contracts/organizations.ts';
import { api } from './client.ts';

export const authApi = {
  login: (input: LoginInput) => api.post<SessionInfo>('/api/auth/login', input, { credentialCheck: true }),
  register: (input: RegisterInput) => api.post<SessionInfo>('/api/auth/register', input),
  verifyTotp: (code: string) => api.post<SessionInfo>('/api/auth/totp/verify', { code }, { credentialCheck: true }),
  startEnrolment: () => api.post<TotpEnrolment>('/api/auth/totp/enrolment'),
  confirmEnrolment: (code: string) => api.post<SessionInfo>('/api/auth/totp/enrolment/confirm', { code }, { credentialCheck: true }),
  disableTotp: (code: string) => api.post<SessionInfo>('/api/auth/totp/disable', { code }, { credentialCheck: true }),
  changePassword: (input: ChangePasswordInput) => api.post<SessionInfo>('/api/auth/password', input, { credentialCheck: true }),
  requestReset: (email: string) => api.post<{ ok: true }>('/api/auth/password-reset/request', { email }),
  resetPassword: (input: PasswordResetInput) => api.post<{ ok: true }>('/api/auth/password-reset', input),
  logout: () => api.post<SessionInfo>('/api/auth/logout'),
  logoutEverywhere: () => api.post<SessionInfo>('/api/auth/logout-everywhere'),
  recommendingUnits: () => api.get<{ items: RecommendingUnit[] }>('/api/public/recommending-units'),
};
