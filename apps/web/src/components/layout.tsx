import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../auth/session';
import { MeDocument } from '../graphql/generated/graphql';
import { LANGUAGES, setLanguage } from '../i18n/i18n';
import { AdminLinks } from '../admin/admin-links';

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { token, signOut } = useSession();
  const navigate = useNavigate();
  // The same query as the member gate's (answered from the cache): only active members get the pages.
  const [{ data }] = useQuery({ query: MeDocument, pause: !token });
  const active = token && data?.me.status === 'ACTIVE';
  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <NavLink to="/" className="brand">
          {t('app.name')}
        </NavLink>
        {active ? (
          <nav aria-label={t('nav.label')}>
            <ul>
              <li>
                <NavLink to="/proposals">{t('nav.proposals')}</NavLink>
              </li>
              <li>
                <NavLink to="/budgets">{t('nav.budgets')}</NavLink>
              </li>
              <li>
                <NavLink to="/assemblies">{t('nav.assemblies')}</NavLink>
              </li>
              <li>
                <NavLink to="/delegation">{t('nav.delegation')}</NavLink>
              </li>
              <li>
                <NavLink to="/verify">{t('nav.verify')}</NavLink>
              </li>
              <li>
                <NavLink to="/surplus">{t('nav.surplus')}</NavLink>
              </li>
              {data?.me.roles.some((role) => role === 'ADMIN' || role === 'AUDITOR') ? (
                <li>
                  <NavLink to="/audit">{t('auditLog.nav')}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/governance-health">{t('health.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/notifications">{t('mySpace.nav.inbox')}</NavLink>
              </li>
              <li>
                <NavLink to="/shares">{t('mySpace.nav.shares')}</NavLink>
              </li>
              <li>
                <NavLink to="/profile">{t('nav.profile')}</NavLink>
              </li>
              {data?.me.roles.includes('ADMIN') ? <AdminLinks /> : null}
            </ul>
          </nav>
        ) : null}
        <div className="tools">
          <label>
            <span className="visually-hidden">{t('nav.language')}</span>
            <select value={i18n.resolvedLanguage} onChange={(event) => setLanguage(event.target.value)}>
              {LANGUAGES.map((language) => (
                <option key={language.code} value={language.code} lang={language.code}>
                  {language.name}
                </option>
              ))}
            </select>
          </label>
          {token ? (
            <button
              type="button"
              onClick={() => {
                signOut();
                navigate('/sign-in');
              }}
            >
              {t('nav.signOut')}
            </button>
          ) : null}
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}
