import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import { useSession } from '../auth/session';
import { ConfirmStep } from '../components/confirm';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { formatDate, formatPercent } from '../format';
import {
  AdminAssemblyDocument,
  AdminAttendanceDocument,
  AdminCheckInDocument,
  AdminCloseAssemblyDocument,
  AdminOpenAssemblyDocument,
  type AdminAttendanceQuery,
} from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';
import { AdminGate, AdminProblem } from './admin-gate';

/** How often the quorum and the checked-in list are read again while the assembly is convened or sitting. */
const POLL_MS = 3000;

type Attendee = NonNullable<AdminAttendanceQuery['assembly']>['attendance']['edges'][number]['node'];

export function AdminAssemblyPage() {
  return (
    <AdminGate>
      <Sitting />
    </AdminGate>
  );
}

function announce(setDone: (message: string) => void, message: string) {
  setDone(message);
  requestAnimationFrame(() => document.getElementById('admin-assembly-done')?.focus());
}

function Sitting() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { token } = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({ query: AdminAssemblyDocument, variables: { id } });
  const [opening, openAssembly] = useMutation(AdminOpenAssemblyDocument);
  const [closing, closeAssembly] = useMutation(AdminCloseAssemblyDocument);
  const [confirming, setConfirming] = useState<'' | 'open' | 'close'>('');
  const [done, setDone] = useState('');
  const [download, setDownload] = useState<{ failed: boolean; busy: boolean }>({ failed: false, busy: false });
  const status = data?.assembly?.status;
  const live = status === 'CONVENED' || status === 'IN_SESSION';

  // No subscription tells of check-ins: the quorum is read again on an interval, from the network.
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [live, refetch]);

  if (error && !data) return <Problem error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const assembly = data.assembly;
  if (!assembly)
    return (
      <Page title={t('assembly.notFound')}>
        <Empty>{t('assembly.notFoundBody')}</Empty>
      </Page>
    );
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const counted = assembly.present + assembly.represented;

  async function onOpen() {
    const result = await openAssembly({ id });
    setConfirming('');
    if (result.data) {
      announce(setDone, t('admin.assemblies.opened'));
      reload();
    }
  }
  async function onClose() {
    const result = await closeAssembly({ id });
    setConfirming('');
    if (result.data) {
      announce(setDone, t('admin.assemblies.closed'));
      reload();
    }
  }

  /** The minutes come from the API's download route, which wants the bearer token: fetched, then saved from a Blob URL. */
  async function onDownload() {
    setDownload({ failed: false, busy: true });
    try {
      const response = await fetch(`/assemblies/${encodeURIComponent(id)}/minutes.md`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `minutes-${id}.md`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setDownload({ failed: false, busy: false });
      announce(setDone, t('admin.assemblies.downloaded'));
    } catch {
      setDownload({ failed: true, busy: false });
    }
  }

  return (
    <Page title={assembly.title}>
      <p className="meta">
        {t(`assemblyKind.${assembly.kind}`)} · {formatDate(assembly.startsAt, locale())}
        {assembly.location ? ` · ${assembly.location}` : ''} · {t(`assemblyStatus.${assembly.status}`)}
      </p>
      <p>
        <Link to="/admin/assemblies">{t('admin.assemblies.back')}</Link> ·{' '}
        <Link to={`/assemblies/${assembly.id}`}>{t('admin.assemblies.membersView')}</Link>
      </p>
      {assembly.cancelReason ? <p className="notice">{t('assembly.cancelled', { reason: assembly.cancelReason })}</p> : null}
      <p id="admin-assembly-done" tabIndex={-1} role="status" className="done">
        {done}
      </p>

      <section aria-labelledby="quorum-heading" className="card">
        <h2 id="quorum-heading">{t('admin.assemblies.quorumTitle')}</h2>
        <div aria-live="polite" aria-atomic="true" className="quorum">
          <p className={assembly.quorumReached ? 'done' : 'notice'}>
            <strong>{assembly.quorumReached ? t('admin.assemblies.quorumReached') : t('admin.assemblies.quorumNotReached')}</strong>{' '}
            {t('admin.assemblies.quorumCount', { counted, needed: assembly.quorumNeeded })}
          </p>
          <p>
            {t('admin.assemblies.quorumDetail', {
              present: assembly.present,
              represented: assembly.represented,
              roll: assembly.roll,
              share: formatPercent(Number(assembly.quorum), locale()),
            })}
          </p>
        </div>
        {live ? <p className="hint">{t('admin.assemblies.quorumLive', { seconds: POLL_MS / 1000 })}</p> : null}
      </section>

      <section aria-labelledby="sitting-heading" className="card">
        <h2 id="sitting-heading">{t('admin.assemblies.sittingTitle')}</h2>
        <p>{t(`admin.assemblies.now.${assembly.status}`)}</p>
        {assembly.status === 'CONVENED' && confirming !== 'open' ? (
          <button type="button" className="primary" onClick={() => setConfirming('open')}>
            {t('admin.assemblies.open')}
          </button>
        ) : null}
        {assembly.status === 'IN_SESSION' && confirming !== 'close' ? (
          <button type="button" className="primary" onClick={() => setConfirming('close')}>
            {t('admin.assemblies.close')}
          </button>
        ) : null}
        {confirming ? (
          <ConfirmStep
            id="confirm-sitting"
            title={t(`admin.assemblies.confirm.${confirming}`)}
            confirm={t(`admin.assemblies.yes.${confirming}`)}
            busy={opening.fetching || closing.fetching}
            onConfirm={() => void (confirming === 'open' ? onOpen() : onClose())}
            onCancel={() => setConfirming('')}
          >
            <p>{t(`admin.assemblies.consequence.${confirming}`)}</p>
            {confirming === 'close' && !assembly.quorumReached ? (
              <p>
                <strong>{t('admin.assemblies.closeWithoutQuorum')}</strong>
              </p>
            ) : null}
          </ConfirmStep>
        ) : null}
        {opening.error ? <AdminProblem error={opening.error} /> : null}
        {closing.error ? <AdminProblem error={closing.error} /> : null}
      </section>

      {assembly.status === 'CLOSED' && assembly.minutes ? (
        <section aria-labelledby="minutes-heading" className="card">
          <h2 id="minutes-heading">{t('admin.assemblies.minutes')}</h2>
          <p className="hint">{t('admin.assemblies.minutesHint')}</p>
          <p className="hash">
            {t('admin.assemblies.hash')} <code>{assembly.minutes.hash}</code>
          </p>
          <button type="button" className="primary" disabled={download.busy} onClick={() => void onDownload()}>
            {t('admin.assemblies.download')}
          </button>
          {download.failed ? (
            <div className="problem" role="alert">
              <p>{t('admin.assemblies.downloadFailed')}</p>
            </div>
          ) : null}
        </section>
      ) : null}
      {assembly.status === 'IN_SESSION' ? <Door assemblyId={assembly.id} onCheckedIn={reload} /> : null}
      {assembly.status === 'IN_SESSION' || assembly.status === 'CLOSED' ? <CheckedIn assemblyId={assembly.id} live={live} /> : null}

      <section aria-labelledby="admin-agenda-heading" className="card">
        <h2 id="admin-agenda-heading">{t('assembly.agenda')}</h2>
        <ol>
          {assembly.agenda.map((item) => (
            <li key={item.position}>
              {item.proposal ? <Link to={`/proposals/${item.proposal.id}`}>{item.title}</Link> : item.title}
              <span className="meta">
                {item.proposal ? t(`status.${item.proposal.status}`) : t('admin.assemblies.noVote')}
                {item.proposal?.outcome ? ` · ${t(`outcome.${item.proposal.outcome}`)}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}

/**
 * The door: a search over the roll by name. Enter in the field checks in the first match, in person; every match
 * also has its own button. The field is cleared and keeps the focus for the next member in the queue.
 */
function Door({ assemblyId, onCheckedIn }: { assemblyId: string; onCheckedIn(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useClient();
  const field = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState('');
  const [{ data, error }] = useQuery({
    query: AdminAttendanceDocument,
    variables: { id: assemblyId, search, first: 8 },
    requestPolicy: 'network-only',
    pause: search.trim() === '',
  });
  const [checking, checkIn] = useMutation(AdminCheckInDocument);
  const [message, setMessage] = useState<{ text: string; kind: 'done' | 'notice' } | undefined>();
  const [problem, setProblem] = useState<CombinedError | undefined>();
  const matches = search.trim() === '' ? [] : (data?.assembly?.attendance.edges.map((edge) => edge.node) ?? []);

  function when(attendee: Attendee): string {
    return t('admin.assemblies.checkedInWhen', {
      time: formatDate(attendee.checkedInAt!, locale()),
      mode: t(`admin.assemblies.mode.${attendee.mode}`),
    });
  }

  async function admit(attendee: Attendee) {
    setProblem(undefined);
    if (attendee.checkedInAt) {
      setMessage({ kind: 'notice', text: t('admin.assemblies.already', { name: attendee.member.name, when: when(attendee) }) });
      return;
    }
    const result = await checkIn({ assemblyId, memberId: attendee.member.id });
    if (result.error) {
      if (result.error.graphQLErrors[0]?.message.includes('checked in already'))
        setMessage({ kind: 'notice', text: t('admin.assemblies.alreadyShort', { name: attendee.member.name }) });
      else {
        setMessage(undefined);
        setProblem(result.error);
      }
      return;
    }
    setMessage({ kind: 'done', text: t('admin.assemblies.checkedIn', { name: attendee.member.name }) });
    setSearch('');
    field.current?.focus();
    onCheckedIn();
  }

  /** Enter: the first match of what is in the field now, read afresh (the list shown may be a keystroke behind). */
  async function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const needle = search.trim();
    if (!needle || checking.fetching) return;
    const fresh = await client
      .query(AdminAttendanceDocument, { id: assemblyId, search: needle, first: 8 }, { requestPolicy: 'network-only' })
      .toPromise();
    if (fresh.error) return setProblem(fresh.error);
    const first = fresh.data?.assembly?.attendance.edges[0]?.node;
    if (!first) {
      setMessage({ kind: 'notice', text: t('admin.assemblies.noMatch', { search: needle }) });
      return;
    }
    await admit(first);
  }

  return (
    <section aria-labelledby="door-heading" className="card door">
      <h2 id="door-heading">{t('admin.assemblies.door')}</h2>
      <label htmlFor={`${id}-search`}>{t('admin.assemblies.doorSearch')}</label>
      <input
        id={`${id}-search`}
        ref={field}
        type="search"
        autoComplete="off"
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
          setMessage(undefined);
        }}
        onKeyDown={(event) => void onKeyDown(event)}
        aria-describedby={`${id}-hint ${id}-message`}
      />
      <p id={`${id}-hint`} className="hint">
        {t('admin.assemblies.doorHint')}
      </p>
      <div id={`${id}-message`} role="status">
        {message ? <p className={message.kind}>{message.text}</p> : null}
      </div>
      {problem ? <AdminProblem error={problem} /> : null}
      {error ? <Problem error={error} /> : null}
      {search.trim() !== '' && data && matches.length === 0 ? (
        <p className="state empty">{t('admin.assemblies.noMatch', { search: search.trim() })}</p>
      ) : null}
      {matches.length > 0 ? (
        <ul className="list door-results" aria-label={t('admin.assemblies.matches', { n: data?.assembly?.attendance.totalCount ?? 0 })}>
          {matches.map((attendee, index) => (
            <li key={attendee.member.id} aria-label={attendee.member.name}>
              <span>
                {attendee.member.name}
                <span className="meta">
                  {attendee.checkedInAt ? when(attendee) : t('admin.assemblies.notYet')}
                  {index === 0 && !attendee.checkedInAt ? ` · ${t('admin.assemblies.enterHint')}` : ''}
                </span>
              </span>
              {attendee.checkedInAt ? null : (
                <button type="button" disabled={checking.fetching} onClick={() => void admit(attendee)}>
                  {t('admin.assemblies.checkIn', { name: attendee.member.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Who is checked in, newest state from the network on the same interval as the quorum. */
function CheckedIn({ assemblyId, live }: { assemblyId: string; live: boolean }) {
  const { t } = useTranslation();
  const [{ data, error }, refetch] = useQuery({
    query: AdminAttendanceDocument,
    variables: { id: assemblyId, checkedIn: true, first: 100 },
    requestPolicy: 'cache-and-network',
  });
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [live, refetch]);
  const attendance = data?.assembly?.attendance;
  return (
    <section aria-labelledby="checked-in-heading" className="card">
      <h2 id="checked-in-heading">{t('admin.assemblies.checkedInTitle', { n: attendance?.totalCount ?? 0 })}</h2>
      {error ? <Problem error={error} /> : null}
      {attendance && attendance.totalCount === 0 ? <Empty>{t('admin.assemblies.nobodyYet')}</Empty> : null}
      <ul className="list">
        {attendance?.edges.map(({ node }) => (
          <li key={node.member.id}>
            <span>{node.member.name}</span>
            <span className="meta">
              {formatDate(node.checkedInAt!, locale())} · {t(`admin.assemblies.mode.${node.mode}`)}
            </span>
          </li>
        ))}
      </ul>
      {attendance && attendance.totalCount > attendance.edges.length ? (
        <p className="hint">{t('admin.assemblies.moreCheckedIn', { n: attendance.totalCount - attendance.edges.length })}</p>
      ) : null}
    </section>
  );
}
