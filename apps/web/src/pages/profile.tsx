import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useSession } from '../auth/session';
import { useMember } from '../components/member-gate';
import { Page } from '../components/page';
import { Problem } from '../components/states';
import { formatAmount, formatDay } from '../format';
import { WithdrawMembershipDocument } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';

export function ProfilePage() {
  const { t } = useTranslation();
  const member = useMember();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [withdrawal, withdraw] = useMutation(WithdrawMembershipDocument);

  async function confirm() {
    const result = await withdraw({});
    if (result.data) {
      signOut();
      navigate('/sign-in');
    }
  }

  return (
    <Page title={t('profile.title')}>
      <dl className="facts card">
        <dt>{t('fields.name')}</dt>
        <dd>{member.name}</dd>
        <dt>{t('fields.email')}</dt>
        <dd>{member.email}</dd>
        <dt>{t('profile.class')}</dt>
        <dd>{member.stakeholderClass}</dd>
        <dt>{t('profile.shareCapital')}</dt>
        <dd>
          {formatAmount(member.shareCapital, locale())} · <Link to="/shares">{t('mySpace.shares.title')}</Link>
        </dd>
        <dt>{t('profile.roles')}</dt>
        <dd>{member.roles.map((role) => t(`roles.${role}`)).join(', ')}</dd>
        {member.joinedAt ? (
          <>
            <dt>{t('profile.joined')}</dt>
            <dd>{formatDay(member.joinedAt, locale())}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="withdraw-heading" className="card danger">
        <h2 id="withdraw-heading">{t('profile.withdrawTitle')}</h2>
        <p>{t('profile.withdrawBody')}</p>
        {confirming ? (
          <div role="alertdialog" aria-labelledby="withdraw-confirm" className="confirm">
            <p id="withdraw-confirm">{t('profile.withdrawConfirm')}</p>
            <button type="button" className="danger" onClick={confirm} disabled={withdrawal.fetching} autoFocus>
              {t('profile.withdrawYes')}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              {t('profile.withdrawNo')}
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            {t('profile.withdraw')}
          </button>
        )}
        {withdrawal.error ? <Problem error={withdrawal.error} /> : null}
      </section>
    </Page>
  );
}
