import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useSession } from '../auth/session';
import { MeDocument, type MemberFieldsFragment } from '../graphql/generated/graphql';
import { Page } from './page';
import { Loading, Problem } from './states';

const MemberContext = createContext<MemberFieldsFragment | undefined>(undefined);

/** The signed-in member, for pages inside the gate. */
export function useMember(): MemberFieldsFragment {
  const member = useContext(MemberContext);
  if (!member) throw new Error('useMember outside MemberGate');
  return member;
}

/** Loads the member; an applicant sees that they await admission, a suspended or former member why not. */
export function MemberGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const [{ data, error, fetching }] = useQuery({ query: MeDocument });
  const expired = error?.graphQLErrors[0]?.extensions.code === 'UNAUTHENTICATED';
  // A token the server no longer accepts (expired, or the member removed) is forgotten.
  useEffect(() => {
    if (expired) signOut();
  }, [expired, signOut]);
  if (error) return <Problem error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const member = data.me;
  if (member.status !== 'ACTIVE')
    return (
      <Page title={t(`gate.${member.status}.title`)}>
        <p>{t(`gate.${member.status}.body`, { name: member.name })}</p>
      </Page>
    );
  return <MemberContext.Provider value={member}>{children}</MemberContext.Provider>;
}
