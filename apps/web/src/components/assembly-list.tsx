import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { formatDate } from '../format';
import { AssembliesDocument } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';
import { Empty, Loading, Problem } from './states';

/** The assemblies, 25 at a time, each linking to `${linkBase}/:id` (the member's page or the admin's). */
export function AssemblyList({
  linkBase,
  className = 'list',
  showKind = false,
}: {
  linkBase: string;
  className?: string;
  showKind?: boolean;
}) {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | undefined>();
  const [{ data, error, fetching }] = useQuery({
    query: AssembliesDocument,
    variables: { first: 25, after },
    requestPolicy: 'cache-and-network',
  });
  return (
    <>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data && data.assemblies.edges.length === 0 ? <Empty>{t('assemblies.none')}</Empty> : null}
      <ul className={className}>
        {data?.assemblies.edges.map(({ node }) => (
          <li key={node.id}>
            <Link to={`${linkBase}/${node.id}`}>{node.title}</Link>
            <span className="meta">
              {showKind ? `${t(`assemblyKind.${node.kind}`)} · ` : ''}
              {formatDate(node.startsAt, locale())} · {t(`assemblyStatus.${node.status}`)}
            </span>
          </li>
        ))}
      </ul>
      {data?.assemblies.pageInfo.hasNextPage ? (
        <button type="button" onClick={() => setAfter(data.assemblies.pageInfo.endCursor ?? undefined)}>
          {t('list.more')}
        </button>
      ) : null}
    </>
  );
}
