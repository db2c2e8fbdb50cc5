import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { AssemblyList } from '../components/assembly-list';
import { Page } from '../components/page';
import { Problem } from '../components/states';
import { formatDate } from '../format';
import { AdminConveneAssemblyDocument, AdminConveneDataDocument, type AssemblyKind } from '../graphql/generated/graphql';
import { problemOf } from '../graphql/errors';
import { locale } from '../i18n/i18n';
import { AdminGate, AdminProblem } from './admin-gate';

const DAY_MS = 86_400_000;

export function AdminAssembliesPage() {
  const { t } = useTranslation();
  return (
    <AdminGate>
      <Page title={t('admin.assemblies.title')}>
        <AdminAssemblyList />
        <ConveneAssembly />
      </Page>
    </AdminGate>
  );
}

function AdminAssemblyList() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="assembly-list-heading" className="card">
      <h2 id="assembly-list-heading">{t('admin.assemblies.list')}</h2>
      <AssemblyList linkBase="/admin/assemblies" />
    </section>
  );
}

interface Item {
  key: string;
  title: string;
  proposalId?: string;
}

/** The earliest start the bylaws allow, as a datetime-local value in the browser's time zone. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Convening: title, kind, start, place, and an agenda in order, built from the draft proposals and items without a vote. */
function ConveneAssembly() {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const [{ data, error }] = useQuery({ query: AdminConveneDataDocument, requestPolicy: 'cache-and-network' });
  const [convening, convene] = useMutation(AdminConveneAssemblyDocument);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<AssemblyKind>('ANNUAL');
  const [startsAt, setStartsAt] = useState('');
  const [location, setLocation] = useState('');
  const [agenda, setAgenda] = useState<Item[]>([]);
  const [other, setOther] = useState('');
  const [moved, setMoved] = useState('');
  const [tooSoon, setTooSoon] = useState(false);
  const [emptyAgenda, setEmptyAgenda] = useState(false);

  const noticeDays = data?.bylaws.noticeDays ?? 0;
  const earliest = () => formatDate(new Date(Date.now() + noticeDays * DAY_MS).toISOString(), locale());
  const drafts = (data?.proposals.edges.map((edge) => edge.node) ?? []).filter((proposal) => !proposal.closesAt);
  const chosen = new Set(agenda.map((item) => item.proposalId));

  function add(item: Item) {
    setAgenda((items) => [...items, item]);
    setEmptyAgenda(false);
    setMoved(t('admin.assemblies.added', { title: item.title, position: agenda.length + 1 }));
  }
  function move(index: number, by: -1 | 1) {
    const next = [...agenda];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item);
    setAgenda(next);
    setMoved(t('admin.assemblies.moved', { title: item.title, position: index + by + 1 }));
    requestAnimationFrame(() => document.getElementById(`${id}-${by < 0 ? 'up' : 'down'}-${item.key}`)?.focus());
  }
  function remove(index: number) {
    const item = agenda[index];
    setAgenda(agenda.filter((_, at) => at !== index));
    setMoved(t('admin.assemblies.removed', { title: item.title }));
  }
  function addOther() {
    const text = other.trim();
    if (!text) return;
    add({ key: `other-${Date.now()}-${agenda.length}`, title: text });
    setOther('');
  }

  async function onConvene(event: FormEvent) {
    event.preventDefault();
    setTooSoon(false);
    if (agenda.length === 0) return setEmptyAgenda(true);
    const result = await convene({
      input: {
        title,
        kind,
        startsAt: new Date(startsAt).toISOString(),
        location: location.trim() || null,
        agenda: agenda.map((item) => ({ title: item.title, proposalId: item.proposalId ?? null })),
      },
    });
    if (result.error && problemOf(result.error).field === 'startsAt') setTooSoon(true);
    if (result.data) navigate(`/admin/assemblies/${result.data.conveneAssembly.id}`);
  }

  return (
    <section aria-labelledby="convene-heading" className="card">
      <h2 id="convene-heading">{t('admin.assemblies.convene')}</h2>
      {error ? <Problem error={error} /> : null}
      <form onSubmit={onConvene} className="narrow">
        <label htmlFor={`${id}-title`}>{t('admin.assemblies.assemblyTitle')}</label>
        <input id={`${id}-title`} required maxLength={300} value={title} onChange={(event) => setTitle(event.target.value)} />
        <label htmlFor={`${id}-kind`}>{t('admin.assemblies.kind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as AssemblyKind)}>
          {(['ANNUAL', 'EXTRAORDINARY'] as const).map((value) => (
            <option key={value} value={value}>
              {t(`assemblyKind.${value}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-starts`}>{t('admin.assemblies.startsAt')}</label>
        <input
          id={`${id}-starts`}
          type="datetime-local"
          required
          value={startsAt}
          onChange={(event) => setStartsAt(event.target.value)}
          aria-describedby={`${id}-notice`}
          aria-invalid={tooSoon || undefined}
        />
        <p id={`${id}-notice`} className="hint">
          {data ? t('admin.assemblies.notice', { days: noticeDays, date: earliest() }) : ''}
        </p>
        {tooSoon ? (
          <div className="problem" role="alert">
            <p>{t('admin.assemblies.tooSoon', { days: noticeDays, date: earliest() })}</p>
            <button type="button" onClick={() => setStartsAt(localInput(new Date(Date.now() + noticeDays * DAY_MS + 3_600_000)))}>
              {t('admin.assemblies.useEarliest')}
            </button>
          </div>
        ) : null}
        <label htmlFor={`${id}-location`}>{t('admin.assemblies.location')}</label>
        <input
          id={`${id}-location`}
          maxLength={300}
          value={location}
          onChange={(event) => setLocation(event.target.value)}
          aria-describedby={`${id}-location-hint`}
        />
        <p id={`${id}-location-hint`} className="hint">
          {t('admin.assemblies.locationHint')}
        </p>

        <fieldset>
          <legend>{t('admin.assemblies.agenda')}</legend>
          <p id={`${id}-agenda-moved`} role="status" className="hint">
            {moved}
          </p>
          {agenda.length === 0 ? <p className="state empty">{t('admin.assemblies.agendaEmpty')}</p> : null}
          <ol className="agenda-builder" aria-label={t('admin.assemblies.agendaInOrder')}>
            {agenda.map((item, index) => (
              <li key={item.key}>
                <span className="agenda-title">
                  {item.title}
                  {item.proposalId ? null : <span className="meta">{t('admin.assemblies.noVote')}</span>}
                </span>
                <span className="actions">
                  <button
                    type="button"
                    id={`${id}-up-${item.key}`}
                    disabled={index === 0}
                    aria-label={t('admin.assemblies.moveUp', { title: item.title })}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    id={`${id}-down-${item.key}`}
                    disabled={index === agenda.length - 1}
                    aria-label={t('admin.assemblies.moveDown', { title: item.title })}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                  <button type="button" aria-label={t('admin.assemblies.remove', { title: item.title })} onClick={() => remove(index)}>
                    {t('admin.assemblies.removeShort')}
                  </button>
                </span>
              </li>
            ))}
          </ol>
          {emptyAgenda ? (
            <div className="problem" role="alert">
              <p>{t('admin.assemblies.agendaNeeded')}</p>
            </div>
          ) : null}
        </fieldset>

        <fieldset>
          <legend>{t('admin.assemblies.drafts')}</legend>
          <p className="hint">{t('admin.assemblies.draftsHint')}</p>
          {data && drafts.length === 0 ? <p className="state empty">{t('admin.assemblies.noDrafts')}</p> : null}
          <ul className="list">
            {drafts.map((proposal) => (
              <li key={proposal.id}>
                <span>
                  {proposal.title} <span className="meta">{proposal.author.name}</span>
                </span>
                <button
                  type="button"
                  disabled={chosen.has(proposal.id)}
                  aria-label={t('admin.assemblies.addName', { title: proposal.title })}
                  onClick={() => add({ key: proposal.id, title: proposal.title, proposalId: proposal.id })}
                >
                  {chosen.has(proposal.id) ? t('admin.assemblies.onAgenda') : t('admin.assemblies.add')}
                </button>
              </li>
            ))}
          </ul>
          <label htmlFor={`${id}-other`}>{t('admin.assemblies.otherItem')}</label>
          <div className="inline-form">
            <input
              id={`${id}-other`}
              maxLength={300}
              value={other}
              onChange={(event) => setOther(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  addOther();
                }
              }}
            />
            <button type="button" onClick={addOther}>
              {t('admin.assemblies.addOther')}
            </button>
          </div>
        </fieldset>

        {convening.error && !tooSoon ? <AdminProblem error={convening.error} /> : null}
        <button type="submit" className="primary" disabled={convening.fetching}>
          {t('admin.assemblies.conveneButton')}
        </button>
      </form>
    </section>
  );
}
