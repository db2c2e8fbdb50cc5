import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { MemberPicker } from '../components/member-picker';
import { useMember } from '../components/member-gate';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { formatDate } from '../format';
import { DelegateVoteDocument, MyDelegationsDocument, RevokeDelegationDocument } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';

export function DelegationPage() {
  const { t } = useTranslation();
  const member = useMember();
  const [{ data, error, fetching }, refetch] = useQuery({ query: MyDelegationsDocument });
  const [delegation, delegate] = useMutation(DelegateVoteDocument);
  const [revocation, revoke] = useMutation(RevokeDelegationDocument);
  const [chosen, setChosen] = useState('');
  const [done, setDone] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await delegate({ toMemberId: chosen });
    if (result.data) {
      setDone(t('delegation.delegated', { name: result.data.delegateVote.to.name }));
      setChosen('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function end() {
    const result = await revoke({});
    if (result.data) {
      setDone(t('delegation.revoked'));
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <Page title={t('delegation.title')}>
      <p>{t('delegation.intro')}</p>
      <p role="status" className="done">
        {done}
      </p>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data ? (
        <>
          <section aria-labelledby="given" className="card">
            <h2 id="given">{t('delegation.given')}</h2>
            {data.myDelegations.given ? (
              <>
                <p>
                  {t('delegation.current', {
                    name: data.myDelegations.given.to.name,
                    since: formatDate(data.myDelegations.given.createdAt, locale()),
                  })}
                </p>
                <button type="button" onClick={end} disabled={revocation.fetching}>
                  {t('delegation.revoke')}
                </button>
                {revocation.error ? <Problem error={revocation.error} /> : null}
              </>
            ) : (
              <Empty>{t('delegation.none')}</Empty>
            )}
            <form onSubmit={submit}>
              <MemberPicker label={t('delegation.delegate')} excludeId={member.id} value={chosen} onChange={setChosen} />
              {delegation.error ? <Problem error={delegation.error} /> : null}
              <button type="submit" className="primary" disabled={delegation.fetching}>
                {data.myDelegations.given ? t('delegation.replace') : t('delegation.submit')}
              </button>
            </form>
          </section>
          <section aria-labelledby="received" className="card">
            <h2 id="received">{t('delegation.received')}</h2>
            {data.myDelegations.received.length === 0 ? <Empty>{t('delegation.noneReceived')}</Empty> : null}
            <ul className="list">
              {data.myDelegations.received.map((received) => (
                <li key={received.id}>
                  {received.from.name} <span className="meta">{formatDate(received.createdAt, locale())}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </Page>
  );
}
