import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { MemberPicker } from '../components/member-picker';
import { useMember } from '../components/member-gate';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { formatDate } from '../format';
import { AssemblyDocument, GrantProxyDocument, RevokeProxyDocument } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';

export function AssemblyPage() {
  const { t } = useTranslation();
  const member = useMember();
  const { id = '' } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({ query: AssemblyDocument, variables: { id } });
  const [grant, grantProxy] = useMutation(GrantProxyDocument);
  const [revocation, revokeProxy] = useMutation(RevokeProxyDocument);
  const [holder, setHolder] = useState('');
  const [done, setDone] = useState('');

  if (error && !data) return <Problem error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const assembly = data.assembly;
  if (!assembly)
    return (
      <Page title={t('assembly.notFound')}>
        <Empty>{t('assembly.notFoundBody')}</Empty>
      </Page>
    );
  const given = assembly.proxies.find((proxy) => proxy.grantor.id === member.id);
  const held = assembly.proxies.filter((proxy) => proxy.holder.id === member.id);
  const canGive = assembly.status === 'CONVENED' || assembly.status === 'IN_SESSION';

  async function give(event: FormEvent) {
    event.preventDefault();
    const result = await grantProxy({ assemblyId: id, holderId: holder });
    if (result.data) {
      setDone(t('assembly.given', { name: result.data.grantProxy.holder.name }));
      setHolder('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function revoke() {
    const result = await revokeProxy({ assemblyId: id });
    if (result.data) {
      setDone(t('assembly.revoked'));
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <Page title={assembly.title}>
      <p className="meta">
        {t(`assemblyKind.${assembly.kind}`)} · {formatDate(assembly.startsAt, locale())}
        {assembly.location ? ` · ${assembly.location}` : ''} · {t(`assemblyStatus.${assembly.status}`)}
      </p>
      {assembly.cancelReason ? <p className="notice">{t('assembly.cancelled', { reason: assembly.cancelReason })}</p> : null}
      <p>{t('assembly.attendance', { present: assembly.present, represented: assembly.represented, roll: assembly.roll })}</p>
      <section aria-labelledby="agenda-heading" className="card">
        <h2 id="agenda-heading">{t('assembly.agenda')}</h2>
        {assembly.agenda.length === 0 ? <Empty>{t('assembly.noAgenda')}</Empty> : null}
        <ol>
          {assembly.agenda.map((item) => (
            <li key={item.position}>
              {item.proposal ? <Link to={`/proposals/${item.proposal.id}`}>{item.title}</Link> : item.title}
              {item.proposal ? <span className="meta"> · {t(`status.${item.proposal.status}`)}</span> : null}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="proxy-heading" className="card">
        <h2 id="proxy-heading">{t('assembly.proxy')}</h2>
        <p id="assembly-done" role="status" className="done">
          {done}
        </p>
        {given ? (
          <>
            <p>{t('assembly.yourProxy', { name: given.holder.name })}</p>
            <button type="button" onClick={revoke} disabled={revocation.fetching}>
              {t('assembly.revoke')}
            </button>
            {revocation.error ? <Problem error={revocation.error} /> : null}
          </>
        ) : (
          <p>{t('assembly.noProxy')}</p>
        )}
        {held.length > 0 ? <p>{t('assembly.holding', { names: held.map((proxy) => proxy.grantor.name).join(', ') })}</p> : null}
        {canGive ? (
          <form onSubmit={give}>
            <MemberPicker label={t('assembly.holder')} excludeId={member.id} value={holder} onChange={setHolder} />
            {grant.error ? <Problem error={grant.error} /> : null}
            <button type="submit" className="primary" disabled={grant.fetching}>
              {t('assembly.give')}
            </button>
          </form>
        ) : null}
      </section>
    </Page>
  );
}
