import { en as surveys } from '../../features/surveys/strings.ts';
import { en as responses } from '../../features/responses/strings.ts';
import { en as distribution } from '../../features/distribution/strings.ts';
import { en as workbench } from '../../features/workbench/strings.ts';
import { en as recognition } from '../../features/recognition/strings.ts';
import { en as dashboards } from '../../features/dashboards/strings.ts';
import { en as board } from '../../features/board/strings.ts';
import { en as webhooks } from '../../features/webhooks/strings.ts';
import { en as chatRobots } from '../../features/chat-robots/strings.ts';
import { en as improvements } from '../../features/improvements/strings.ts';
import { en as journeys } from '../../features/journeys/strings.ts';
import { en as textAnalytics } from '../../features/text-analytics/strings.ts';
import { en as culture } from '../../features/culture/strings.ts';
import { en as partners } from '../../features/partners/strings.ts';
import { en as frontline } from '../../features/frontline/strings.ts';
import { en as learning } from '../../features/learning/strings.ts';
import { en as explainers } from '../../shared/ui/figure-explainer.strings.ts';
import { en as noAccess } from '../../shared/ui/no-access.strings.ts';
import { en as governance } from '../../features/governance/strings.ts';
import { en as audit } from '../../features/audit/strings.ts';
import { en as reports } from '../../features/reports/strings.ts';
import { en as identity } from '../../features/identity/strings.ts';
import { en as privacy } from '../../features/privacy/strings.ts';

/**
 * English UI strings: the shared ones here, each feature's in its own `strings.ts` (both languages side by side).
 * The key set is the contract: zh-CN.ts must have exactly the same keys.
 */
export const en = {
  brand: {
    name: 'Lodestar 北极星',
    tagline: 'Turn your customer-experience north star into daily practice',
  },
  common: {
    save: 'Save',
    cancel: 'Cancel',
    create: 'Create',
    edit: 'Edit',
    actions: 'Actions',
    yes: 'Yes',
    no: 'No',
    none: '—',
    retry: 'Retry',
    loadFailed: 'Could not load data',
    saved: 'Saved',
    created: 'Created',
    total: '{{count}} in total',
    searchByName: 'Search by name',
  },
  nav: {
    organisation: 'Organisation',
    units: 'Units',
    positions: 'Positions',
    employees: 'Employees',
  },
  header: {
    language: 'Language',
    logout: 'Log out',
    loggedOut: 'You have logged out',
    signedInAs: 'Signed in as',
  },
  roles: {
    admin: 'Administrator',
    manager: 'Manager',
    employee: 'Employee',
    partner: 'Partner',
  },
  login: {
    title: 'Sign in',
    subtitle: 'Experience management for every team',
    email: 'Email',
    emailRequired: 'Please enter your email',
    password: 'Password',
    passwordRequired: 'Please enter your password',
    org: 'Organisation',
    orgHelp: 'Organisation slug, needed only when your email belongs to several organisations',
    optional: 'optional',
    submit: 'Sign in',
    failed: 'Sign-in failed',
  },
  units: {
    title: 'Units',
    subtitle: 'The unit tree: company, regions, departments, stores and teams',
    tree: 'Unit tree',
    empty: 'No units yet',
    selectHint: 'Select a unit in the tree to see its details and employees',
    details: 'Unit details',
    name: 'Name',
    nameEn: 'English name',
    kind: 'Kind',
    parent: 'Parent unit',
    noParent: 'None (top level)',
    employees: 'Employees in this unit and below',
    addChild: 'Add child unit',
    addRoot: 'Add top-level unit',
    edit: 'Edit unit',
    nameRequired: 'Please enter a name',
    kindRequired: 'Please choose a kind',
    kinds: {
      company: 'Company',
      region: 'Region',
      department: 'Department',
      store: 'Store',
      team: 'Team',
    },
  },
  positions: {
    title: 'Positions',
    subtitle: 'Positions and their authority limits for compensating customers',
    name: 'Name',
    nameEn: 'English name',
    authorityLimit: 'Authority limit',
    compensationLimit: 'Compensation limit per case',
    currency: 'Currency',
    compensationTypes: 'Compensation types',
    exemptionAllowed: 'Process exemption',
    exemptionAllowedHelp: 'May break a process rule for the customer and report it within 24 h',
    allowed: 'Allowed',
    notAllowed: 'Not allowed',
    create: 'New position',
    edit: 'Edit position',
    nameRequired: 'Please enter a name',
    limitRequired: 'Please enter a limit',
    types: {
      refund: 'Refund',
      voucher: 'Voucher',
      upgrade: 'Upgrade',
      gift: 'Gift',
    },
  },
  employees: {
    title: 'Employees',
    subtitle: 'People, their unit, position and manager',
    name: 'Name',
    email: 'Email',
    emailInvalid: 'Please enter a valid email',
    unit: 'Unit',
    position: 'Position',
    manager: 'Manager',
    noManager: 'No manager',
    filterByUnit: 'Filter by unit (includes sub-units)',
    create: 'New employee',
    edit: 'Edit employee',
    nameRequired: 'Please enter a name',
    unitRequired: 'Please choose a unit',
    positionRequired: 'Please choose a position',
  },
  surveys,
  responses,
  distribution,
  workbench,
  recognition,
  dashboards,
  board,
  webhooks,
  chatRobots,
  improvements,
  journeys,
  textAnalytics,
  culture,
  partners,
  frontline,
  learning,
  explainers,
  noAccess,
  governance,
  audit,
  reports,
  identity,
  privacy,
  errors: {
    invalid_credentials: 'The email or password is wrong',
    organisation_required: 'This email belongs to several organisations: please enter the organisation',
    rate_limited: 'Too many attempts. Please wait a minute and try again',
    unauthorized: 'Your session has ended. Please sign in again',
    csrf_failed: 'This page is out of date. Please reload it and try again',
    forbidden: 'You do not have permission to do this',
    not_found: 'It no longer exists. Please reload the page',
    conflict: 'A record with the same value already exists',
    network_error: 'Cannot reach the server. Please check your connection',
    insufficient_points: 'Not enough points for this reward',
    monthly_cap_exceeded: 'This would pass your monthly limit for awarding points',
    already_voted: 'You have already voted for this idea',
    invalid_transition: 'The idea cannot move to that status from where it is',
    already_awarded: 'These awards have already been granted',
    period_not_over: 'That period is not over yet',
    already_owned: 'Someone else took this case first',
    claim_first: 'Claim this case before working on it',
    not_owner: 'Only the case’s owner or a manager can hand it over',
    employee_left: 'That colleague has left the organisation',
    personal_only: 'Sign in with your own account to use support requests',
    unsupported_photo: 'The photo must be a JPEG, PNG or WebP image',
    photo_too_large: 'The photo is too large',
    already_flagged: 'You have already flagged this case',
    invalid_supporter: 'Choose someone else to ask',
  },
  notFound: {
    title: 'Page not found',
    description: 'The page you are looking for does not exist or has moved.',
    backHome: 'Back to home',
  },
};

/** The shape every locale must have: the same keys, string leaves. */
export type Messages = DeepStrings<typeof en>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
