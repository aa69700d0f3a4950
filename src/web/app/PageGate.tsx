import type { ReactNode } from 'react';
import { mayOpen, rolesFor, type PagePath } from '../shared/page-access.ts';
import { useSignedIn } from '../shared/session.tsx';
import { NoAccess } from '../shared/ui/NoAccess.tsx';

/** Renders a page only for the roles the access table lets open it; anyone else gets the kind no-access page. */
export function PageGate({ page, children }: { page: PagePath; children: ReactNode }) {
  const { user } = useSignedIn();
  if (!mayOpen(user.role, page)) return <NoAccess roles={rolesFor(page)} />;
  return children;
}
