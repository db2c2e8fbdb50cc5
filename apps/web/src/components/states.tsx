import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { problemOf } from '../graphql/errors';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="state" role="status" aria-live="polite">
      {t('state.loading')}
    </p>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="state empty">{children}</p>;
}

/** An error in words, from the API's code (and the field it names). */
export function Problem({ error, id }: { error: CombinedError; id?: string }) {
  const { t } = useTranslation();
  const problem = problemOf(error);
  return (
    <div className="problem" role="alert" id={id}>
      <p>{t(`errors.${problem.code}`, { seconds: problem.retryAfter ?? 60 })}</p>
      {problem.code === 'BAD_USER_INPUT' && problem.message ? <p className="detail">{problem.message}</p> : null}
    </div>
  );
}
