import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { formatAmount } from '../format';
import { BooksOpenPeriodDocument, BooksPeriodsDocument } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';
import { AdminGate, AdminProblem } from './admin-gate';

/** A period runs from its first day up to (not including) the day after its last: the API's half-open [startsOn, endsOn). */
export function periodDays(startsOn: string, endsOn: string, language: string): string {
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  const last = new Date(new Date(endsOn).getTime() - 86_400_000);
  return `${format.format(new Date(startsOn))} – ${format.format(last)}`;
}

export function AdminBooksPage() {
  const { t } = useTranslation();
  return (
    <AdminGate>
      <Page title={t('admin.books.title')}>
        <p>{t('admin.books.intro')}</p>
        <PeriodList />
        <OpenPeriod />
      </Page>
    </AdminGate>
  );
}

function PeriodList() {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | undefined>();
  const [{ data, error, fetching }] = useQuery({
    query: BooksPeriodsDocument,
    variables: { first: 25, after },
    requestPolicy: 'cache-and-network',
  });
  return (
    <section aria-labelledby="period-list-heading" className="card">
      <h2 id="period-list-heading">{t('admin.books.periods')}</h2>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data && data.fiscalPeriods.edges.length === 0 ? <Empty>{t('admin.books.none')}</Empty> : null}
      <ul className="list">
        {data?.fiscalPeriods.edges.map(({ node }) => (
          <li key={node.id}>
            <Link to={`/admin/books/${node.id}`}>{node.name}</Link>
            <span className="meta">
              {periodDays(node.startsOn, node.endsOn, locale())} · {t(`periodStatus.${node.status}`)} ·{' '}
              {t('admin.books.surplusIs', { amount: formatAmount(node.surplus, locale()) })}
            </span>
          </li>
        ))}
      </ul>
      {data?.fiscalPeriods.pageInfo.hasNextPage ? (
        <button type="button" onClick={() => setAfter(data.fiscalPeriods.pageInfo.endCursor ?? undefined)}>
          {t('list.more')}
        </button>
      ) : null}
    </section>
  );
}

function OpenPeriod() {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const [opening, open] = useMutation(BooksOpenPeriodDocument);
  const [name, setName] = useState('');
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  const [wrongOrder, setWrongOrder] = useState(false);

  async function onOpen(event: FormEvent) {
    event.preventDefault();
    setWrongOrder(last < first);
    if (last < first) return;
    const startsOn = `${first}T00:00:00.000Z`;
    const endsOn = new Date(new Date(`${last}T00:00:00.000Z`).getTime() + 86_400_000).toISOString();
    const result = await open({ name: name.trim(), startsOn, endsOn });
    if (result.data) navigate(`/admin/books/${result.data.openFiscalPeriod.id}`);
  }

  return (
    <section aria-labelledby="open-period-heading" className="card">
      <h2 id="open-period-heading">{t('admin.books.open')}</h2>
      <form onSubmit={onOpen} className="narrow">
        <label htmlFor={`${id}-name`}>{t('admin.books.name')}</label>
        <input id={`${id}-name`} required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
        <label htmlFor={`${id}-first`}>{t('admin.books.firstDay')}</label>
        <input id={`${id}-first`} type="date" required value={first} onChange={(event) => setFirst(event.target.value)} />
        <label htmlFor={`${id}-last`}>{t('admin.books.lastDay')}</label>
        <input
          id={`${id}-last`}
          type="date"
          required
          value={last}
          aria-describedby={`${id}-last-hint`}
          onChange={(event) => setLast(event.target.value)}
        />
        <p id={`${id}-last-hint`} className="hint">
          {t('admin.books.lastDayHint')}
        </p>
        {wrongOrder ? (
          <div className="problem" role="alert">
            <p>{t('admin.books.wrongOrder')}</p>
          </div>
        ) : null}
        {opening.error ? <AdminProblem error={opening.error} /> : null}
        <button type="submit" className="primary" disabled={opening.fetching}>
          {t('admin.books.openButton')}
        </button>
      </form>
    </section>
  );
}
