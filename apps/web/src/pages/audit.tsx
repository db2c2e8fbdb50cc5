import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { formatDate } from '../format';
import { AuditLogDocument, VerifyAuditChainDocument } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';

interface Filters {
  action?: string;
  actorId?: string;
  entityId?: string;
  atOrBefore?: number;
}

const PAGE = 25;

/** Brings the entry the log was opened at into view, for keyboard and screen-reader users too. */
function focusOnce(element: HTMLLIElement | null): void {
  if (element && document.activeElement !== element) element.focus();
}

/** One page of entries; the next is loaded from its end cursor by "Show more". */
function EntriesPage({
  filters,
  after,
  last,
  onMore,
}: {
  filters: Filters;
  after?: string;
  last: boolean;
  onMore: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: AuditLogDocument, variables: { ...filters, first: PAGE, after } });
  if (error) return <Problem error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const entries = data.auditLog.edges.map((edge) => edge.node);
  const target = after ? undefined : filters.atOrBefore;
  if (!after && entries.length === 0) return <Empty>{t('auditLog.none')}</Empty>;
  return (
    <>
      <ol className="audit-entries" aria-label={after ? undefined : t('auditLog.entries', { count: data.auditLog.totalCount })}>
        {entries.map((entry) => (
          <li
            key={entry.seq}
            id={`audit-entry-${entry.seq}`}
            className={entry.seq === target ? 'card target' : 'card'}
            aria-current={entry.seq === target ? 'true' : undefined}
            tabIndex={entry.seq === target ? -1 : undefined}
            ref={entry.seq === target ? focusOnce : undefined}
          >
            <p>
              <strong>#{entry.seq}</strong> <code>{entry.action}</code> · {formatDate(entry.at, locale())}
            </p>
            <p className="meta">
              {t('auditLog.by', { name: entry.actor?.name ?? t('auditLog.system') })} · {entry.entityType}
              {entry.entityId ? ` ${entry.entityId}` : ''}
            </p>
          </li>
        ))}
      </ol>
      {last && data.auditLog.pageInfo.hasNextPage && data.auditLog.pageInfo.endCursor ? (
        <button type="button" onClick={() => onMore(data.auditLog.pageInfo.endCursor!)}>
          {t('list.more')}
        </button>
      ) : null}
    </>
  );
}

function ChainCheck() {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(false);
  const [{ data, error, fetching }, verify] = useQuery({ query: VerifyAuditChainDocument, pause: true, requestPolicy: 'network-only' });
  const result = data?.verifyAuditChain;
  return (
    <section aria-labelledby="chain-heading" className="card">
      <h2 id="chain-heading">{t('auditLog.chainTitle')}</h2>
      <button
        type="button"
        onClick={() => {
          setAsked(true);
          verify({ requestPolicy: 'network-only' });
        }}
      >
        {t('auditLog.verify')}
      </button>
      <div role="status" aria-live="polite" aria-label={t('auditLog.verification')}>
        {asked && fetching ? <p>{t('auditLog.verifying')}</p> : null}
        {error ? <Problem error={error} /> : null}
        {result && !fetching ? (
          result.valid ? (
            <p>{t('auditLog.valid', { count: result.entries })}</p>
          ) : (
            <p>
              {t('auditLog.broken', { count: result.entries })}{' '}
              <Link to={`/audit?entry=${result.firstBrokenSeq}`}>{t('auditLog.brokenAt', { seq: result.firstBrokenSeq })}</Link>
            </p>
          )
        ) : null}
      </div>
    </section>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const entry = Number(search.get('entry'));
  const [filters, setFilters] = useState<Filters>({});
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  // "?entry=N" (the link from a broken chain) opens the log at entry N, with the ones before it.
  useEffect(() => {
    const at = Number.isSafeInteger(entry) && entry > 0 ? entry : undefined;
    setFilters((current) => (at ? { atOrBefore: at } : current.atOrBefore ? {} : current));
    setCursors([undefined]);
  }, [entry]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => (String(form.get(name) ?? '').trim() === '' ? undefined : String(form.get(name)).trim());
    setFilters({ action: value('action'), actorId: value('actorId'), entityId: value('entityId') });
    setCursors([undefined]);
    if (search.has('entry')) setSearch({});
  };
  return (
    <Page title={t('auditLog.title')}>
      <p>{t('auditLog.intro')}</p>
      <ChainCheck />
      {filters.atOrBefore ? (
        <p>
          {t('auditLog.openedAt', { seq: filters.atOrBefore })} <Link to="/audit">{t('auditLog.wholeLog')}</Link>
        </p>
      ) : null}
      <form onSubmit={submit} aria-label={t('auditLog.filters')} className="card filters">
        <label>
          {t('auditLog.action')}
          <input name="action" placeholder="proposal.closed" />
        </label>
        <label>
          {t('auditLog.actor')}
          <input name="actorId" />
        </label>
        <label>
          {t('auditLog.entity')}
          <input name="entityId" />
        </label>
        <button type="submit">{t('auditLog.apply')}</button>
      </form>
      {cursors.map((after, index) => (
        <EntriesPage
          key={`${JSON.stringify(filters)}-${after ?? ''}`}
          filters={filters}
          after={after}
          last={index === cursors.length - 1}
          onMore={(cursor) => setCursors((current) => [...current, cursor])}
        />
      ))}
    </Page>
  );
}
