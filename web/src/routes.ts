/**
 * The route table, as data: each screen's path, its lazily loaded page, its title (nav.<id> in the
 * locale files), whether it is in the side menu, and who may open it. The router (router.tsx), the
 * side menu and the home page's shortcuts are all derived from this one list, and access is asked
 * of the same policy the server enforces (src/core/access-policy.ts).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import {
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  HeatMapOutlined,
  LineChartOutlined,
  AccountBookOutlined,
  BarChartOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  ProjectOutlined,
  StopOutlined,
  BranchesOutlined,
  ClusterOutlined,
  FormOutlined,
  OrderedListOutlined,
  SolutionOutlined,
  BankOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  MailOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { SessionStage, SessionUser } from '../../contracts/auth.ts';
import { mayAttempt, scopeFor, type Action, type Actor } from '../../src/core/access-policy.ts';
import type { Role } from '../../src/core/roles.ts';
import type zhCN from './locales/zh-CN.json';

/** A screen's id: its title is `nav.<id>` and its menu description `navDesc.<id>` in the locale files. */
export type ScreenId = keyof (typeof zhCN)['nav'];

/**
 * Who may open an app screen. `action` asks the access policy; `beyondOwn` further requires that the
 * actor reach more than their own organization for it (a list of organizations is no use to an
 * applicant or an expert, who only ever see their own; they have "本单位信息" instead).
 */
export type Access = { roles: readonly Role[] } | { action: Action; beyondOwn?: boolean };

/**
 * - public: for anyone (sign-in, registration, password reset);
 * - stage: one step of signing in (second factor, forced password change), for that stage only;
 * - app: signed in completely, inside the main layout;
 * - open: error pages, in the main layout when signed in and the public one otherwise.
 */
export type Area = 'public' | 'stage' | 'app' | 'open';

export interface AppRoute {
  path: string;
  id: ScreenId;
  component: LazyExoticComponent<ComponentType>;
  area: Area;
  /** For area 'stage': the session stage this screen completes. */
  stage?: Exclude<SessionStage, 'full'>;
  /** For area 'public': a signed-in user has no business here and goes on to the app. */
  leaveWhenSignedIn?: boolean;
  /** For area 'app': absent means every signed-in user. */
  access?: Access;
  /**
   * Shown in the side menu (in table order) and as a shortcut card on the home page. `forActions`
   * narrows the menu entry (not the screen) to those who may attempt one of these actions: every
   * role may read a call, but the list is work only for those who apply or manage calls.
   */
  menu?: { icon: ComponentType; forActions?: readonly Action[] };
  /**
   * The title for a user whose reach of the access action is their own organization (an applicant
   * sees 我的申报 where officers see 申报项目, on the same screen).
   */
  ownId?: ScreenId;
}

export const ROUTES: readonly AppRoute[] = [
  // Signing in
  { path: '/login', id: 'login', area: 'public', leaveWhenSignedIn: true, component: lazy(() => import('./pages/login/LoginPage.tsx')) },
  { path: '/register', id: 'register', area: 'public', leaveWhenSignedIn: true, component: lazy(() => import('./pages/register/RegisterPage.tsx')) },
  { path: '/forgot-password', id: 'forgotPassword', area: 'public', component: lazy(() => import('./pages/forgot-password/ForgotPasswordPage.tsx')) },
  { path: '/reset-password', id: 'resetPassword', area: 'public', component: lazy(() => import('./pages/reset-password/ResetPasswordPage.tsx')) },
  { path: '/two-factor', id: 'twoFactor', area: 'stage', stage: 'totp', component: lazy(() => import('./pages/two-factor/TwoFactorPage.tsx')) },
  { path: '/two-factor/setup', id: 'twoFactorSetup', area: 'stage', stage: 'totp_enrol', component: lazy(() => import('./pages/two-factor-setup/TwoFactorSetupPage.tsx')) },
  { path: '/change-password', id: 'changePassword', area: 'stage', stage: 'password_change', component: lazy(() => import('./pages/change-password/ChangePasswordPage.tsx')) },

  // The app
  { path: '/', id: 'home', area: 'app', menu: { icon: HomeOutlined }, component: lazy(() => import('./pages/home/HomePage.tsx')) },
  {
    path: '/my-organization',
    id: 'myOrganization',
    area: 'app',
    access: { action: 'organization.read' },
    menu: { icon: BankOutlined },
    component: lazy(() => import('./pages/my-organization/MyOrganizationPage.tsx')),
  },
  {
    path: '/profile',
    id: 'profile',
    area: 'app',
    access: { action: 'profile.update' },
    menu: { icon: IdcardOutlined },
    component: lazy(() => import('./pages/profile/ProfilePage.tsx')),
  },
  {
    path: '/organizations',
    id: 'organizations',
    area: 'app',
    access: { action: 'organization.read', beyondOwn: true },
    menu: { icon: ApartmentOutlined },
    component: lazy(() => import('./pages/organizations/OrganizationsPage.tsx')),
  },
  {
    path: '/calls',
    id: 'calls',
    area: 'app',
    access: { action: 'call.read' },
    menu: { icon: NotificationOutlined, forActions: ['application.apply', 'call.manage'] },
    component: lazy(() => import('./pages/calls/CallsPage.tsx')),
  },
  {
    path: '/calls/:id',
    id: 'call',
    area: 'app',
    access: { action: 'call.read' },
    component: lazy(() => import('./pages/call/CallPage.tsx')),
  },
  {
    path: '/applications',
    id: 'applications',
    ownId: 'myApplications',
    area: 'app',
    access: { action: 'application.read' },
    menu: { icon: FileTextOutlined },
    component: lazy(() => import('./pages/applications/ApplicationsPage.tsx')),
  },
  {
    path: '/applications/:id',
    id: 'application',
    area: 'app',
    access: { action: 'application.read' },
    component: lazy(() => import('./pages/application/ApplicationPage.tsx')),
  },
  {
    path: '/recommendations',
    id: 'recommendations',
    area: 'app',
    access: { action: 'application.review' },
    menu: { icon: OrderedListOutlined },
    component: lazy(() => import('./pages/recommendations/RecommendationsPage.tsx')),
  },
  {
    path: '/recommendations/:callId',
    id: 'recommendation',
    area: 'app',
    access: { action: 'application.review' },
    component: lazy(() => import('./pages/recommendation/RecommendationPage.tsx')),
  },
  {
    path: '/selection',
    id: 'selection',
    area: 'app',
    access: { action: 'selection.read' },
    menu: { icon: BranchesOutlined },
    component: lazy(() => import('./pages/selection/SelectionPage.tsx')),
  },
  {
    path: '/selection/:callId',
    id: 'selectionCall',
    area: 'app',
    access: { action: 'selection.read' },
    component: lazy(() => import('./pages/selection-call/SelectionCallPage.tsx')),
  },
  {
    path: '/task-force',
    id: 'taskForce',
    area: 'app',
    access: { action: 'taskforce.opine' },
    menu: { icon: ClusterOutlined },
    component: lazy(() => import('./pages/task-force/TaskForcePage.tsx')),
  },
  {
    path: '/experts',
    id: 'experts',
    area: 'app',
    access: { action: 'selection.manage' },
    menu: { icon: SolutionOutlined },
    component: lazy(() => import('./pages/experts/ExpertsPage.tsx')),
  },
  {
    path: '/reviews',
    id: 'reviews',
    area: 'app',
    access: { action: 'expert.review' },
    menu: { icon: FormOutlined },
    component: lazy(() => import('./pages/reviews/ReviewsPage.tsx')),
  },
  {
    path: '/reviews/:id',
    id: 'review',
    area: 'app',
    access: { action: 'expert.review' },
    component: lazy(() => import('./pages/review/ReviewPage.tsx')),
  },
  {
    path: '/projects',
    id: 'projects',
    ownId: 'myProjects',
    area: 'app',
    access: { action: 'project.read' },
    menu: { icon: ProjectOutlined },
    component: lazy(() => import('./pages/projects/ProjectsPage.tsx')),
  },
  {
    path: '/projects/:id',
    id: 'project',
    area: 'app',
    access: { action: 'project.read' },
    component: lazy(() => import('./pages/project/ProjectPage.tsx')),
  },
  {
    path: '/disbursements',
    id: 'disbursements',
    area: 'app',
    access: { action: 'funds.disburse' },
    menu: { icon: AccountBookOutlined },
    component: lazy(() => import('./pages/disbursements/DisbursementsPage.tsx')),
  },
  {
    path: '/spot-checks',
    id: 'spotChecks',
    area: 'app',
    access: { action: 'oversight.manage' },
    menu: { icon: FileSearchOutlined },
    component: lazy(() => import('./pages/spot-checks/SpotChecksPage.tsx')),
  },
  {
    path: '/bans',
    id: 'bans',
    area: 'app',
    access: { action: 'oversight.manage' },
    menu: { icon: StopOutlined },
    component: lazy(() => import('./pages/bans/BansPage.tsx')),
  },
  {
    path: '/operations/report',
    id: 'operationsReport',
    area: 'app',
    access: { action: 'operations.report' },
    menu: { icon: CloudUploadOutlined },
    component: lazy(() => import('./pages/operations-report/OperationsReportPage.tsx')),
  },
  {
    path: '/targets',
    id: 'targets',
    area: 'app',
    access: { action: 'targets.read' },
    menu: { icon: AimOutlined },
    component: lazy(() => import('./pages/targets/TargetsPage.tsx')),
  },
  {
    path: '/statistics',
    id: 'statistics',
    area: 'app',
    access: { action: 'statistics.read' },
    menu: { icon: BarChartOutlined },
    component: lazy(() => import('./pages/statistics/StatisticsPage.tsx')),
  },
  {
    path: '/statistics/map',
    id: 'statisticsMap',
    area: 'app',
    access: { action: 'statistics.read' },
    menu: { icon: EnvironmentOutlined },
    component: lazy(() => import('./pages/statistics-map/StatisticsMapPage.tsx')),
  },
  {
    // Officers' view; an applicant reads only its own figures, which its report page already shows.
    path: '/operations',
    id: 'operations',
    area: 'app',
    access: { action: 'operations.read', beyondOwn: true },
    menu: { icon: LineChartOutlined },
    component: lazy(() => import('./pages/operations/OperationsPage.tsx')),
  },
  {
    path: '/operations/capacity',
    id: 'capacityMap',
    area: 'app',
    access: { action: 'operations.read', beyondOwn: true },
    menu: { icon: HeatMapOutlined },
    component: lazy(() => import('./pages/capacity-map/CapacityMapPage.tsx')),
  },
  {
    path: '/programs',
    id: 'programs',
    area: 'app',
    access: { action: 'program.manage' },
    menu: { icon: ProfileOutlined },
    component: lazy(() => import('./pages/programs/ProgramsPage.tsx')),
  },
  {
    // The designer; every role may read a program (the server refuses changes to those who may not manage it).
    path: '/programs/:code/versions/:version',
    id: 'programVersion',
    area: 'app',
    access: { action: 'program.read' },
    component: lazy(() => import('./pages/program-version/ProgramVersionPage.tsx')),
  },
  {
    path: '/accounts',
    id: 'accounts',
    area: 'app',
    access: { action: 'account.read' },
    menu: { icon: TeamOutlined },
    component: lazy(() => import('./pages/accounts/AccountsPage.tsx')),
  },
  {
    path: '/audit',
    id: 'audit',
    area: 'app',
    access: { action: 'audit.read' },
    menu: { icon: AuditOutlined },
    component: lazy(() => import('./pages/audit/AuditPage.tsx')),
  },
  {
    path: '/admin/outbox',
    id: 'outbox',
    area: 'app',
    access: { roles: ['administrator'] },
    menu: { icon: MailOutlined },
    component: lazy(() => import('./pages/outbox/OutboxPage.tsx')),
  },
  {
    // Reached from the bell in the header, for every signed-in user.
    path: '/notifications',
    id: 'notifications',
    area: 'app',
    component: lazy(() => import('./pages/notifications/NotificationsPage.tsx')),
  },
  {
    path: '/account/security',
    id: 'security',
    area: 'app',
    menu: { icon: SafetyCertificateOutlined },
    component: lazy(() => import('./pages/security/SecurityPage.tsx')),
  },

  // The public portal: open to anyone, in the main layout when signed in
  { path: '/public/notices', id: 'publicNotices', area: 'open', component: lazy(() => import('./pages/public-notices/PublicNoticesPage.tsx')) },
  { path: '/public/titles', id: 'publicTitles', area: 'open', component: lazy(() => import('./pages/public-titles/PublicTitlesPage.tsx')) },
  { path: '/public/notices/:id', id: 'publicNotice', area: 'open', component: lazy(() => import('./pages/public-notice/PublicNoticePage.tsx')) },
  { path: '/portal', id: 'portal', area: 'open', component: lazy(() => import('./pages/portal/PortalHomePage.tsx')) },
  { path: '/portal/calls', id: 'portalCalls', area: 'open', component: lazy(() => import('./pages/portal-calls/PortalCallsPage.tsx')) },
  { path: '/portal/calls/:id', id: 'portalCall', area: 'open', component: lazy(() => import('./pages/portal-call/PortalCallPage.tsx')) },
  { path: '/portal/final-lists', id: 'portalFinalLists', area: 'open', component: lazy(() => import('./pages/portal-final-lists/PortalFinalListsPage.tsx')) },
  { path: '/portal/final-lists/:id', id: 'portalFinalList', area: 'open', component: lazy(() => import('./pages/portal-final-list/PortalFinalListPage.tsx')) },

  // Errors
  { path: '/403', id: 'forbidden', area: 'open', component: lazy(() => import('./pages/forbidden/ForbiddenPage.tsx')) },
  { path: '*', id: 'notFound', area: 'open', component: lazy(() => import('./pages/not-found/NotFoundPage.tsx')) },
];

/**
 * The signed-in user as the access policy sees them. The session does not carry the organization's
 * ancestry, and the route table only asks whether an action may be attempted at all (which depends
 * on the role alone); decisions about a particular record are the server's.
 */
export function actorOf(user: SessionUser): Actor {
  return { accountId: user.id, role: user.role, organizationId: user.organization.id, organizationPath: [user.organization.id] };
}

/** May this user attempt the action at all (to show or hide a button; the server decides per record)? */
export function userMay(user: SessionUser, action: Action): boolean {
  return mayAttempt(actorOf(user), action);
}

/** May this user open the screen? */
export function mayOpen(route: AppRoute, user: SessionUser): boolean {
  const access = route.access;
  if (!access) return true;
  if ('roles' in access) return access.roles.includes(user.role);
  const actor = actorOf(user);
  if (!mayAttempt(actor, access.action)) return false;
  return !access.beyondOwn || scopeFor(actor, access.action).kind !== 'own';
}

/** The side menu for this user, in table order. */
export function menuFor(user: SessionUser): AppRoute[] {
  return ROUTES.filter((route) => {
    if (route.area !== 'app' || !route.menu || !mayOpen(route, user)) return false;
    const only = route.menu.forActions;
    return !only || only.some((action) => userMay(user, action));
  });
}

/** The screen's title id for this user (`nav.<id>`): its own-organization title where it has one. */
export function titleOf(route: AppRoute, user: SessionUser | null | undefined): ScreenId {
  const access = route.access;
  if (!route.ownId || !user || !access || 'roles' in access) return route.id;
  const actor = actorOf(user);
  return mayAttempt(actor, access.action) && scopeFor(actor, access.action).kind === 'own' ? route.ownId : route.id;
}

export type Gate = { kind: 'render' } | { kind: 'redirect'; to: string } | { kind: 'forbidden' };
