import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { useMember } from '../components/member-gate';
import { Page } from '../components/page';
import { Problem } from '../components/states';
import { problemOf } from '../graphql/errors';

/** Admin pages: a member without the ADMIN role sees why not, and none of the page (the API refuses them too). */
export function AdminGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const member = useMember();
  if (!member.roles.includes('ADMIN'))
    return (
      <Page title={t('admin.only.title')}>
        <p>{t('admin.only.body')}</p>
      </Page>
    );
  return <>{children}</>;
}

/** An error in words; the API's refusal to leave the co-op without an admin is explained. */
export function AdminProblem({ error }: { error: CombinedError }) {
  const { t } = useTranslation();
  const problem = problemOf(error);
  if (problem.code === 'CONFLICT' && problem.message?.includes('without an active admin'))
    return (
      <div className="problem" role="alert">
        <p>{t('admin.members.lastAdmin')}</p>
      </div>
    );
  const line = (error.graphQLErrors[0]?.extensions as { line?: number } | undefined)?.line;
  if (problem.code === 'BAD_USER_INPUT' && typeof line === 'number')
    return (
      <div className="problem" role="alert">
        <p>{t('admin.badLine', { line })}</p>
        {problem.message ? <p className="detail">{problem.message}</p> : null}
      </div>
    );
  if (problem.code === 'CONFLICT' && problem.message)
    return (
      <div className="problem" role="alert">
        <p>{t('errors.CONFLICT')}</p>
        <p className="detail">{problem.message}</p>
      </div>
    );
  return <Problem error={error} />;
}
