import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useSession } from '../auth/session';
import { Page } from '../components/page';
import { Problem } from '../components/states';
import { SignInDocument } from '../graphql/generated/graphql';

export function SignInPage() {
  const { t } = useTranslation();
  const { token, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [result, login] = useMutation(SignInDocument);
  if (token) return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await login({ email, password });
    if (outcome.data) {
      signIn(outcome.data.login.token);
      navigate(from, { replace: true });
    }
  }

  return (
    <Page title={t('signIn.title')}>
      <form className="card narrow" onSubmit={submit} aria-describedby={result.error ? 'sign-in-problem' : undefined}>
        <label htmlFor="email">{t('fields.email')}</label>
        <input id="email" type="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
        <label htmlFor="password">{t('fields.password')}</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {result.error ? <Problem error={result.error} id="sign-in-problem" /> : null}
        <button type="submit" className="primary" disabled={result.fetching}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        {t('signIn.noAccount')} <Link to="/register">{t('register.link')}</Link>
      </p>
    </Page>
  );
}
