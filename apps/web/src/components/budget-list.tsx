import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { formatAmount } from '../format';
import { BudgetsDocument } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';
import { Empty, Loading, Problem } from './states';

/** The budgets, 25 at a time, each linking to `${linkBase}/:id` (the member's page or the admin's). */
export function BudgetList({ linkBase, className = 'list' }: { linkBase: string; className?: string }) {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | undefined>();
  const [{ data, error, fetching }] = useQuery({
    query: BudgetsDocument,
    variables: { first: 25, after },
    requestPolicy: 'cache-and-network',
  });
  return (
    <>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data && data.budgets.edges.length === 0 ? <Empty>{t('budgets.none')}</Empty> : null}
      <ul className={className}>
        {data?.budgets.edges.map(({ node }) => (
          <li key={node.id}>
            <Link to={`${linkBase}/${node.id}`}>{node.title}</Link>
            <span className="meta">
              {formatAmount(node.amount, locale(), node.currency)} · {t(`phase.${node.phase}`)}
            </span>
          </li>
        ))}
      </ul>
      {data?.budgets.pageInfo.hasNextPage ? (
        <button type="button" onClick={() => setAfter(data.budgets.pageInfo.endCursor ?? undefined)}>
          {t('list.more')}
        </button>
      ) : null}
    </>
  );
}
