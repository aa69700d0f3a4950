import type { ReactNode } from 'react';
import { mayOpen, membersFor, rolesFor, type PagePath } from '../shared/page-access.ts';
import { useViewer } from '../shared/session.tsx';
import { NoAccess } from '../shared/ui/NoAccess.tsx';

/** Renders a page only for the roles (or members) the access table lets open it; anyone else gets the kind no-access page. */
export function PageGate({ page, children }: { page: PagePath; children: ReactNode }) {
  const viewer = useViewer();
  if (!mayOpen(viewer, page)) return <NoAccess roles={rolesFor(page)} members={membersFor(page)} />;
  return children;
}
