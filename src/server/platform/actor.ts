/** Who is calling: a logged-in user or an API key, always inside one organisation. */
export type Role = 'admin' | 'manager' | 'employee' | 'partner';

export const ROLES: readonly Role[] = ['admin', 'manager', 'employee', 'partner'];

export interface Actor {
  orgId: string;
  /** `share_link`: a partner's people behind an unlocked passcode link (no account; the id is the link's). */
  kind: 'user' | 'api_key' | 'share_link';
  /** The user's or the API key's id: what the audit log records as "who". */
  id: string;
  role: Role;
  /** The employee this account acts as; the root of a manager's or employee's data scope. */
  employeeId: string | null;
  /** The partner a `partner` key, login or share link acts for; such an actor reads that partner's report and nothing else. */
  partnerId?: string | null;
  /** Set for cookie sessions, which must echo it in X-CSRF-Token on writes. */
  session?: { id: string; csrfToken: string };
}
