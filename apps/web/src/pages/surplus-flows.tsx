import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../auth/session';
import { useMember } from '../components/member-gate';
import { Page } from '../components/page';
import { type Flow, flowNodes, SankeyDiagram } from '../components/sankey';
import { Empty, Loading, Problem } from '../components/states';
import { addDecimals, compareDecimals, formatAmount, formatDate, formatDay, subtractDecimals } from '../format';
import {
  BudgetCommonsTraceDocument,
  type CommonsFundingFieldsFragment,
  FundedProjectsDocument,
  PeriodLedgerPostingsDocument,
  PeriodTrialBalanceDocument,
  SurplusFlowsPageDocument,
} from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';

const POSTINGS_PAGE = 10;
const KNOWN_ACCOUNTS = [
  'bank',
  'revenue',
  'expenses',
  'surplus',
  'reserve',
  'education',
  'commons',
  'patronage_payable',
  'member_capital',
  'cash_payable',
];

const money = (amount: string) => formatAmount(amount, locale());

/** An account's name for people: the chart's accounts translated, a budget by its title, anything else as it is. */
function useAccountName(budgets: Map<string, string>) {
  const { t } = useTranslation();
  return (account: string) => {
    if (KNOWN_ACCOUNTS.includes(account)) return t(`accounts.${account}`);
    const [control, id] = account.split(':');
    if (control === 'budget' && id) return budgets.get(id) ?? t('accounts.budget');
    if (KNOWN_ACCOUNTS.includes(control)) return `${t(`accounts.${control}`)} (${account.slice(control.length + 1)})`;
    return account;
  };
}

function FlowsFigure({ flows, name }: { flows: Flow[]; name: (account: string) => string }) {
  const { t } = useTranslation();
  if (flows.length === 0) return <Empty>{t('surplusFlows.noFlows')}</Empty>;
  const nodes = flowNodes(flows);
  const summary = t('surplusFlows.summary', {
    list: flows
      .map((flow) => t('surplusFlows.summaryFlow', { from: name(flow.from), to: name(flow.to), amount: money(flow.amount) }))
      .join('; '),
  });
  return (
    <>
      <figure className="card sankey-figure" aria-labelledby="flows-caption">
        <figcaption id="flows-caption">{t('surplusFlows.figure')}</figcaption>
        <SankeyDiagram flows={flows} label={name} money={money} summary={summary} />
      </figure>
      <div className="table-scroll">
        <table className="flows-table">
          <caption>{t('surplusFlows.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('surplusFlows.from')}</th>
              <th scope="col">{t('surplusFlows.to')}</th>
              <th scope="col" className="number">
                {t('surplusFlows.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {flows.map((flow) => (
              <tr key={`${flow.from}-${flow.to}`}>
                <td>{name(flow.from)}</td>
                <td>{name(flow.to)}</td>
                <td className="number">{money(flow.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="meta">{t('surplusFlows.nodes', { count: nodes.length })}</p>
    </>
  );
}

/** The posting that drew the money, and the distribution and vote it came from. */
function TraceSource({ funding, periodId }: { funding: CommonsFundingFieldsFragment; periodId: string }) {
  const { t } = useTranslation();
  const distribution = funding.distribution;
  return (
    <li>
      <p>
        {t('trace.posting', {
          number: funding.posting.number,
          date: formatDate(funding.posting.postedAt, locale()),
          amount: money(funding.posting.amount),
        })}{' '}
        <q>{funding.posting.memo}</q>
      </p>
      {distribution ? (
        <p>
          {t('trace.from', { amount: money(funding.amount), period: distribution.period.name })}{' '}
          <Link to={`/proposals/${distribution.proposal.id}`}>{t('trace.proposal', { title: distribution.proposal.title })}</Link>
          {' · '}
          <Link to={distribution.period.id === periodId ? '#commons-forward' : `/surplus/${distribution.period.id}#commons-forward`}>
            {t('trace.forward', { period: distribution.period.name })}
          </Link>
        </p>
      ) : (
        <p>{t('trace.fromElsewhere', { amount: money(funding.amount) })}</p>
      )}
    </li>
  );
}

function BackwardTrace({ budgetId, projectId, periodId }: { budgetId: string; projectId: string; periodId: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: BudgetCommonsTraceDocument, variables: { budgetId } });
  if (error) return <Problem error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const budget = data.budget;
  const project = budget?.projects.find((candidate) => candidate.id === projectId);
  if (!budget || !project) return null;
  return (
    <ol className="trace" aria-label={t('trace.chain', { title: project.title })}>
      <li>
        <p>
          {t('trace.project', { title: project.title })} <Link to={`/budgets/${budget.id}`}>{budget.title}</Link>
        </p>
      </li>
      {data.commonsFunding.map((funding) => (
        <TraceSource key={`${funding.posting.id}-${funding.periodId ?? ''}`} funding={funding} periodId={periodId} />
      ))}
    </ol>
  );
}

/** The funded projects of one budget, as a group of the project picker. */
function FundedProjectOptions({ budgetId, title }: { budgetId: string; title: string }) {
  const [{ data }] = useQuery({ query: FundedProjectsDocument, variables: { budgetId } });
  const funded = data?.budget?.projects.filter((project) => project.status === 'FUNDED') ?? [];
  if (funded.length === 0) return null;
  return (
    <optgroup label={title}>
      {funded.map((project) => (
        <option key={project.id} value={`${budgetId}/${project.id}`}>
          {project.title}
        </option>
      ))}
    </optgroup>
  );
}

function CommonsTrace({
  periodId,
  fundings,
  distribution,
}: {
  periodId: string;
  fundings: CommonsFundingFieldsFragment[];
  distribution: { status: string; amounts: { commons: string }; proposal: { id: string; title: string } } | null | undefined;
}) {
  const { t } = useTranslation();
  const budgets = new Map<string, string>();
  for (const funding of fundings) if (funding.budget) budgets.set(funding.budget.id, funding.budget.title);
  const [chosen, setChosen] = useState('');
  const [budgetId, projectId] = chosen.split('/');
  const posted = distribution?.status === 'POSTED';
  const spent = addDecimals(['0', ...fundings.map((funding) => funding.amount)]);
  return (
    <section aria-labelledby="commons-heading" className="card">
      <h2 id="commons-heading">{t('trace.title')}</h2>
      <h3 id="commons-forward" tabIndex={-1}>
        {t('trace.forwardTitle')}
      </h3>
      {!posted || !distribution ? (
        <p>{t('trace.notPosted')}</p>
      ) : (
        <>
          <p>
            {t('trace.intoCommons', { amount: money(distribution.amounts.commons) })}{' '}
            <Link to={`/proposals/${distribution.proposal.id}`}>{t('trace.proposal', { title: distribution.proposal.title })}</Link>
          </p>
          {fundings.length === 0 ? (
            <Empty>{t('trace.nothingFunded')}</Empty>
          ) : (
            <ul className="funded" aria-label={t('trace.funded')}>
              {fundings.map((funding) => (
                <li key={`${funding.posting.id}-${funding.account}`}>
                  {funding.budget ? (
                    <Link to={`/budgets/${funding.budget.id}`}>{funding.budget.title}</Link>
                  ) : (
                    <code>{funding.account}</code>
                  )}{' '}
                  {t('trace.fundedBy', { amount: money(funding.amount), number: funding.posting.number })}
                </li>
              ))}
            </ul>
          )}
          <p>
            {t('trace.unspent', {
              amount: money(
                compareDecimals(distribution.amounts.commons, spent) > 0 ? subtractDecimals(distribution.amounts.commons, spent) : '0.00',
              ),
            })}
          </p>
        </>
      )}
      <h3>{t('trace.backTitle')}</h3>
      {budgets.size === 0 ? (
        <Empty>{t('trace.noProjects')}</Empty>
      ) : (
        <>
          <label>
            {t('trace.pick')}
            <select value={chosen} onChange={(event) => setChosen(event.target.value)}>
              <option value="">{t('trace.choose')}</option>
              {[...budgets].map(([id, title]) => (
                <FundedProjectOptions key={id} budgetId={id} title={title} />
              ))}
            </select>
          </label>
          <div aria-live="polite">
            {budgetId && projectId ? <BackwardTrace budgetId={budgetId} projectId={projectId} periodId={periodId} /> : null}
          </div>
        </>
      )}
    </section>
  );
}

function PostingsPage({
  periodId,
  after,
  start,
  last,
  onMore,
  name,
}: {
  periodId: string;
  after?: string;
  start: number;
  last: boolean;
  onMore: (cursor: string) => void;
  name: (account: string) => string;
}) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({
    query: PeriodLedgerPostingsDocument,
    variables: { periodId, first: POSTINGS_PAGE, after },
  });
  if (error) return <Problem error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const { edges, pageInfo, totalCount } = data.ledgerPostings;
  if (!after && edges.length === 0) return <Empty>{t('ledger.none')}</Empty>;
  return (
    <>
      <ol className="postings" start={start} aria-label={after ? undefined : t('ledger.postings', { count: totalCount })}>
        {edges.map(({ node: posting }) => (
          <li key={posting.id} className="posting">
            <p>
              <strong>#{posting.number}</strong> · {formatDate(posting.postedAt, locale())} ·{' '}
              {t(`ledger.kind.${posting.kind}`, { defaultValue: posting.kind })} · {money(posting.amount)}
            </p>
            <p className="memo">{posting.memo}</p>
            <ul className="lines">
              {posting.lines.edges.map(({ node: line }) => (
                <li key={line.lineNo}>
                  {compareDecimals(line.debit, '0') > 0
                    ? t('ledger.debit', { account: name(line.account), amount: money(line.debit) })
                    : t('ledger.credit', { account: name(line.account), amount: money(line.credit) })}
                </li>
              ))}
            </ul>
            {posting.lineCount > posting.lines.edges.length ? (
              <p className="meta">{t('ledger.moreLines', { count: posting.lineCount - posting.lines.edges.length })}</p>
            ) : null}
          </li>
        ))}
      </ol>
      {last && pageInfo.hasNextPage && pageInfo.endCursor ? (
        <button type="button" onClick={() => onMore(pageInfo.endCursor!)}>
          {t('list.more')}
        </button>
      ) : null}
    </>
  );
}

function Postings({ periodId, name }: { periodId: string; name: (account: string) => string }) {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  return (
    <section aria-labelledby="ledger-heading" className="card">
      <h2 id="ledger-heading">{t('ledger.title')}</h2>
      {cursors.map((after, index) => (
        <PostingsPage
          key={after ?? ''}
          periodId={periodId}
          after={after}
          start={index * POSTINGS_PAGE + 1}
          last={index === cursors.length - 1}
          onMore={(cursor) => setCursors((current) => [...current, cursor])}
          name={name}
        />
      ))}
    </section>
  );
}

function TrialBalance({ periodId, name }: { periodId: string; name: (account: string) => string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: PeriodTrialBalanceDocument, variables: { periodId } });
  const rows = data?.trialBalance ?? [];
  const debits = addDecimals(['0.00', ...rows.map((row) => row.debit)]);
  const credits = addDecimals(['0.00', ...rows.map((row) => row.credit)]);
  return (
    <section aria-labelledby="trial-heading" className="card">
      <h2 id="trial-heading">{t('trial.title')}</h2>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data ? (
        <>
          <p className="balanced">
            {compareDecimals(debits, credits) === 0 ? t('trial.balanced', { amount: money(debits) }) : t('trial.unbalanced')}
          </p>
          <div className="table-scroll">
            <table>
              <caption>{t('trial.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('trial.account')}</th>
                  <th scope="col" className="number">
                    {t('trial.debit')}
                  </th>
                  <th scope="col" className="number">
                    {t('trial.credit')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.account}>
                    <th scope="row">{name(row.account)}</th>
                    <td className="number">{money(row.debit)}</td>
                    <td className="number">{money(row.credit)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('trial.total')}</th>
                  <td className="number">{money(debits)}</td>
                  <td className="number">{money(credits)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

/** A CSV export: the API wants the bearer token, so it is fetched and handed to the browser as a file. */
function Download({ path, periodId, label, fallbackName }: { path: string; periodId: string; label: string; fallbackName: string }) {
  const { t } = useTranslation();
  const { token } = useSession();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const download = async () => {
    setState('busy');
    try {
      const response = await fetch(`${path}?periodId=${encodeURIComponent(periodId)}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok) throw new Error(String(response.status));
      const blob = await response.blob();
      const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = named;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <li>
      <button type="button" onClick={download} disabled={state === 'busy'}>
        {label}
      </button>
      {state === 'busy' ? (
        <span role="status" className="meta">
          {' '}
          {t('downloads.busy')}
        </span>
      ) : null}
      {state === 'failed' ? (
        <span role="alert" className="problem-inline">
          {' '}
          {t('downloads.failed')}
        </span>
      ) : null}
    </li>
  );
}

function Books({ periodId }: { periodId: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: SurplusFlowsPageDocument, variables: { periodId } });
  const budgets = new Map<string, string>();
  for (const funding of data?.commonsFunding ?? []) if (funding.budget) budgets.set(funding.budget.id, funding.budget.title);
  const name = useAccountName(budgets);
  const period = data?.fiscalPeriod;
  return (
    <Page title={period ? t('surplusFlows.title', { name: period.name }) : t('surplusFlows.titleLoading')}>
      <p>
        <Link to="/surplus">{t('surplusFlows.back')}</Link>
      </p>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data && !period ? <Empty>{t('surplusFlows.noPeriod')}</Empty> : null}
      {period && data ? (
        <>
          <p className="meta">
            {formatDay(period.startsOn, locale())} – {formatDay(period.endsOn, locale())} · {t(`periodStatus.${period.status}`)} ·{' '}
            {t('surplus.surplus', { amount: money(period.surplus) })}
          </p>
          <p>{t('surplusFlows.intro')}</p>
          <FlowsFigure flows={data.surplusFlows} name={name} />
          <CommonsTrace periodId={period.id} fundings={data.commonsFunding} distribution={period.distribution} />
          <TrialBalance periodId={period.id} name={name} />
          <Postings periodId={period.id} name={name} />
          <section aria-labelledby="downloads-heading" className="card">
            <h2 id="downloads-heading">{t('downloads.title')}</h2>
            <ul className="downloads">
              <Download path="/exports/ledger.csv" periodId={period.id} label={t('downloads.ledger')} fallbackName="ledger.csv" />
              <Download
                path="/exports/member-allocations.csv"
                periodId={period.id}
                label={t('downloads.allocations')}
                fallbackName="member-allocations.csv"
              />
            </ul>
          </section>
        </>
      ) : null}
    </Page>
  );
}

/** The auditors' view of a period: where the surplus went, the trace of the commons money, the ledger and its exports. */
export function SurplusFlowsPage() {
  const { t } = useTranslation();
  const member = useMember();
  const { periodId = '' } = useParams();
  if (!member.roles.some((role) => role === 'AUDITOR' || role === 'ADMIN'))
    return (
      <Page title={t('surplusFlows.deniedTitle')}>
        <p role="alert" className="problem">
          {t('surplusFlows.denied')}
        </p>
        <p>
          <Link to="/surplus">{t('surplusFlows.back')}</Link>
        </p>
      </Page>
    );
  return <Books periodId={periodId} />;
}
