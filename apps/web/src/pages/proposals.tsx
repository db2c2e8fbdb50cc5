import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { formatDate } from '../format';
import { ProposalsDocument, type ProposalStatus } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';

const STATUSES: ProposalStatus[] = ['OPEN', 'CLOSED', 'DRAFT', 'WITHDRAWN'];

export function ProposalsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ProposalStatus | ''>('OPEN');
  const [after, setAfter] = useState<string | undefined>();
  const [{ data, error, fetching }] = useQuery({ query: ProposalsDocument, variables: { status: status || undefined, first: 25, after } });
  return (
    <Page title={t('proposals.title')}>
      <label htmlFor="status-filter">{t('proposals.filter')}</label>
      <select
        id="status-filter"
        value={status}
        onChange={(event) => {
          setStatus(event.target.value as ProposalStatus | '');
          setAfter(undefined);
        }}
      >
        <option value="">{t('proposals.all')}</option>
        {STATUSES.map((value) => (
          <option key={value} value={value}>
            {t(`status.${value}`)}
          </option>
        ))}
      </select>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data && data.proposals.edges.length === 0 ? <Empty>{t('proposals.none')}</Empty> : null}
      <ul className="list card">
        {data?.proposals.edges.map(({ node }) => (
          <li key={node.id}>
            <Link to={`/proposals/${node.id}`}>{node.title}</Link>
            <span className="meta">
              {t(`methodNames.${node.method}`)} · {t(`status.${node.status}`)}
              {node.outcome ? ` · ${t(`outcome.${node.outcome}`)}` : ''}
              {node.closesAt ? ` · ${formatDate(node.closesAt, locale())}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {data?.proposals.pageInfo.hasNextPage ? (
        <button type="button" onClick={() => setAfter(data.proposals.pageInfo.endCursor ?? undefined)}>
          {t('list.more')}
        </button>
      ) : null}
    </Page>
  );
}
