/** The enterprise profile: the current version, its history, one past version, evidence files, saving. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Attachment, Profile, ProfileInput, profileVersionList } from '../../../../contracts/applicants.ts';
import { api, ApiError } from '../../api/client.ts';
import type { ActionMeta } from '../../api/query-client.ts';

export type ProfileVersions = z.infer<typeof profileVersionList>;

export const profileKeys = {
  current: ['profile'] as const,
  versions: ['profile-versions'] as const,
  version: (version: number) => ['profile-version', version] as const,
  attachments: ['profile-attachments'] as const,
  ofOrganization: (id: string) => ['organization-profile', id] as const,
};

export function useProfile() {
  return useQuery({ queryKey: profileKeys.current, queryFn: ({ signal }) => api.get<Profile>('/api/profile', undefined, signal) });
}

/** An organization's profile as an officer reads it (on an application). */
export function useOrganizationProfile(organizationId: string | null, enabled = true) {
  return useQuery({
    queryKey: profileKeys.ofOrganization(organizationId ?? ''),
    queryFn: ({ signal }) => api.get<Profile>(`/api/organizations/${encodeURIComponent(organizationId ?? '')}/profile`, undefined, signal),
    enabled: enabled && Boolean(organizationId),
    meta: { secondary: true },
  });
}

export function useProfileVersions(enabled: boolean) {
  return useQuery({
    queryKey: profileKeys.versions,
    queryFn: ({ signal }) => api.get<ProfileVersions>('/api/profile/versions', undefined, signal),
    enabled,
    meta: { secondary: true },
  });
}

export function useProfileVersion(version: number | null) {
  return useQuery({
    queryKey: profileKeys.version(version ?? 0),
    queryFn: ({ signal }) => api.get<Profile>(`/api/profile/versions/${version ?? 0}`, undefined, signal),
    enabled: version !== null && version > 0,
    staleTime: Infinity, // a saved version never changes
    meta: { secondary: true },
  });
}

/** Evidence files of credentials (purpose `credential`). */
export function useProfileAttachments() {
  return useQuery({
    queryKey: profileKeys.attachments,
    queryFn: ({ signal }) => api.get<{ items: Attachment[] }>('/api/profile/attachments', undefined, signal),
    meta: { secondary: true },
  });
}

/**
 * A problem whose field paths start with `prefix` ("profile.name" for a body `{profile, baseVersion}`),
 * rebased so they name the form's own fields ("name").
 */
export function rebaseErrors(error: unknown, prefix: string): unknown {
  if (!(error instanceof ApiError) || !error.problem.errors) return error;
  const strip = (path: string) => {
    const dotted = path.replace(/^\//, '').replace(/\//g, '.');
    return dotted.startsWith(`${prefix}.`) ? dotted.slice(prefix.length + 1) : dotted;
  };
  return new ApiError({ ...error.problem, errors: error.problem.errors.map((e) => ({ ...e, path: strip(e.path) })) }, error.credentialCheck);
}

export function useSaveProfile(meta: ActionMeta) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { profile: ProfileInput; baseVersion: number }) => {
      try {
        return await api.put<Profile>('/api/profile', input);
      } catch (error) {
        throw rebaseErrors(error, 'profile');
      }
    },
    meta,
    onSuccess: (profile) => {
      queryClient.setQueryData(profileKeys.current, profile);
      void queryClient.invalidateQueries({ queryKey: profileKeys.versions });
      // Every pre-check reads the profile.
      void queryClient.invalidateQueries({ queryKey: ['call-precheck'] });
      void queryClient.invalidateQueries({ queryKey: ['application-precheck'] });
    },
  });
}
