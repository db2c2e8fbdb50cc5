import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useSession } from '../auth/session';
import { Page } from '../components/page';
import { Problem } from '../components/states';
import { RegisterDocument } from '../graphql/generated/graphql';

export function RegisterPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [result, register] = useMutation(RegisterDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await register({ input: { name, email, password } });
    if (outcome.data) {
      signIn(outcome.data.register.token);
      navigate('/', { replace: true });
    }
  }

  return (
    <Page title={t('register.title')}>
      <p>{t('register.intro')}</p>
      <form className="card narrow" onSubmit={submit}>
        <label htmlFor="name">{t('fields.name')}</label>
        <input id="name" autoComplete="name" required value={name} onChange={(event) => setName(event.target.value)} />
        <label htmlFor="email">{t('fields.email')}</label>
        <input id="email" type="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
        <label htmlFor="password">{t('fields.password')}</label>
        <input
          id="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          aria-describedby="password-hint"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <p id="password-hint" className="hint">
          {t('register.passwordHint')}
        </p>
        {result.error ? <Problem error={result.error} /> : null}
        <button type="submit" className="primary" disabled={result.fetching}>
          {t('register.submit')}
        </button>
      </form>
      <p>
        {t('register.haveAccount')} <Link to="/sign-in">{t('signIn.link')}</Link>
      </p>
    </Page>
  );
}
