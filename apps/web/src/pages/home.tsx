import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useMember } from '../components/member-gate';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { UnreadNotifications } from '../components/unread-notifications';
import { formatDate, formatTimeLeft } from '../format';
import { AssembliesDocument, BudgetsDocument, OpenProposalsDocument } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';

export function HomePage() {
  const { t } = useTranslation();
  const member = useMember();
  const [proposals] = useQuery({ query: OpenProposalsDocument, variables: { first: 50 } });
  const [budgets] = useQuery({ query: BudgetsDocument, variables: { first: 50 } });
  const [assemblies] = useQuery({ query: AssembliesDocument, variables: { first: 20, status: 'CONVENED' } });
  const voting = budgets.data?.budgets.edges
    .map((edge) => edge.node)
    .filter((budget) => budget.phase === 'VOTING' || budget.phase === 'SUBMISSION');

  return (
    <Page title={t('home.title', { name: member.name })}>
      <UnreadNotifications />
      <section aria-labelledby="open-proposals" className="card">
        <h2 id="open-proposals">{t('home.openProposals')}</h2>
        {proposals.error ? <Problem error={proposals.error} /> : null}
        {!proposals.data && proposals.fetching ? <Loading /> : null}
        {proposals.data && proposals.data.proposals.edges.length === 0 ? <Empty>{t('home.noProposals')}</Empty> : null}
        <ul className="list">
          {proposals.data?.proposals.edges.map(({ node }) => (
            <li key={node.id}>
              <Link to={`/proposals/${node.id}`}>{node.title}</Link>
              <span className="meta">
                {t(`methodNames.${node.method}`)}
                {node.closesAt ? ` · ${formatTimeLeft(node.closesAt, locale()) ?? t('home.closing')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="open-budgets" className="card">
        <h2 id="open-budgets">{t('home.openBudgets')}</h2>
        {budgets.error ? <Problem error={budgets.error} /> : null}
        {!budgets.data && budgets.fetching ? <Loading /> : null}
        {voting && voting.length === 0 ? <Empty>{t('home.noBudgets')}</Empty> : null}
        <ul className="list">
          {voting?.map((budget) => (
            <li key={budget.id}>
              <Link to={`/budgets/${budget.id}`}>{budget.title}</Link>
              <span className="meta">{t(`phase.${budget.phase}`)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="coming-assemblies" className="card">
        <h2 id="coming-assemblies">{t('home.assemblies')}</h2>
        {assemblies.error ? <Problem error={assemblies.error} /> : null}
        {!assemblies.data && assemblies.fetching ? <Loading /> : null}
        {assemblies.data && assemblies.data.assemblies.edges.length === 0 ? <Empty>{t('home.noAssemblies')}</Empty> : null}
        <ul className="list">
          {assemblies.data?.assemblies.edges.map(({ node }) => (
            <li key={node.id}>
              <Link to={`/assemblies/${node.id}`}>{node.title}</Link>
              <span className="meta">{formatDate(node.startsAt, locale())}</span>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
