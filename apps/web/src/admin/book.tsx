import { useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { Page } from '../components/page';
import { ConfirmStep } from '../components/confirm';
import { Empty, Loading, Problem } from '../components/states';
import { formatAmount } from '../format';
import {
  BooksClosePeriodDocument,
  BooksEntriesDocument,
  BooksExecuteDocument,
  BooksImportPatronageDocument,
  BooksPatronageDocument,
  BooksPeriodDocument,
  BooksProposeDocument,
  BooksRecordEntryDocument,
  BooksReverseEntryDocument,
  type BooksDistributionFieldsFragment,
  type BooksEntriesQuery,
  type BooksPatronageQuery,
  type BooksPeriodFieldsFragment,
  type BooksPeriodQuery,
  type EntryKind,
} from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';
import { AdminGate, AdminProblem } from './admin-gate';
import { periodDays } from './books';
import {
  formatCents,
  formatPercent,
  parseCents,
  parsePercent,
  POLICY_FIELDS,
  previewSplit,
  SHARES,
  type Minimums,
  type Share,
  type Policy,
  type PolicyField,
  type PolicyProblem,
} from './split-money';

type Period = BooksPeriodFieldsFragment;
const money = (amount: string) => formatAmount(amount, locale());
/** "35.00" (a Decimal from the API) -> "35", "12.50" -> "12.5", with the language's decimal separator. */
const percent = (value: string) => {
  const basisPoints = parsePercent(value);
  return basisPoints === undefined ? value : formatAmount(formatPercent(basisPoints), locale());
};

export function AdminBookPage() {
  return (
    <AdminGate>
      <AdminBook />
    </AdminGate>
  );
}

function AdminBook() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: BooksPeriodDocument,
    variables: { id },
    requestPolicy: 'cache-and-network',
  });
  const [done, setDone] = useState('');
  if (error && !data) return <Problem error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const period = data.fiscalPeriod;
  if (!period)
    return (
      <Page title={t('admin.books.notFound')}>
        <Empty>{t('admin.books.notFoundBody')}</Empty>
        <Link to="/admin/books">{t('admin.books.back')}</Link>
      </Page>
    );
  const reload = () => refetch({ requestPolicy: 'network-only' });
  function announce(message: string) {
    setDone(message);
    reload();
    requestAnimationFrame(() => document.getElementById('admin-book-done')?.focus());
  }
  const distribution = period.distribution;
  const canPropose = period.status === 'CLOSED' && (!distribution || distribution.status === 'REJECTED');
  const patronageOpen = period.status !== 'DISTRIBUTED' && !(distribution && ['PROPOSED', 'APPROVED'].includes(distribution.status));
  return (
    <Page title={period.name}>
      <p>
        <Link to="/admin/books">{t('admin.books.back')}</Link>
      </p>
      <dl className="facts">
        <dt>{t('admin.books.days')}</dt>
        <dd>{periodDays(period.startsOn, period.endsOn, locale())}</dd>
        <dt>{t('admin.books.status')}</dt>
        <dd>{t(`periodStatus.${period.status}`)}</dd>
        <dt>{t('admin.books.revenue')}</dt>
        <dd>{money(period.revenue)}</dd>
        <dt>{t('admin.books.expenses')}</dt>
        <dd>{money(period.expenses)}</dd>
        <dt>{t('admin.books.surplus')}</dt>
        <dd>{money(period.surplus)}</dd>
      </dl>
      <p id="admin-book-done" tabIndex={-1} role="status" className="done">
        {done}
      </p>
      <Entries period={period} onChange={announce} />
      <Patronage period={period} open={patronageOpen} onChange={announce} />
      {period.status === 'OPEN' ? <ClosePeriod period={period} onClosed={announce} /> : null}
      {distribution ? <Distribution distribution={distribution} onChange={announce} /> : null}
      {canPropose ? <SplitEditor period={period} minimums={data.surplusPolicyMinimums} onProposed={announce} /> : null}
    </Page>
  );
}

/** The API serves at most 100 items a page; "Show more" asks for the next page after the last one loaded. */
const ENTRIES_PAGE = 100;
const PATRONAGE_PAGE = 50;
type PostingNode = BooksEntriesQuery['ledgerPostings']['edges'][number]['node'];
type PatronageNode = BooksPatronageQuery['patronageRecords']['edges'][number]['node'] & { id: string };

/** The pages loaded before, then the current one (none while it loads), each item once. */
function loadedSoFar<T extends { id: string }>(earlier: readonly T[], current: readonly T[] | undefined): T[] {
  const seen = new Set(earlier.map((item) => item.id));
  return [...earlier, ...(current ?? []).filter((item) => !seen.has(item.id))];
}

/** The period's revenue and expenses as posted to the ledger, with their reversals. */
function Entries({ period, onChange }: { period: Period; onChange: (message: string) => void }) {
  const { t } = useTranslation();
  // Pages of at most 100 (the API's most), the ones loaded before kept here so a reversal on a later page
  // still marks its entry on an earlier one.
  const [after, setAfter] = useState<string | undefined>();
  const [earlier, setEarlier] = useState<PostingNode[]>([]);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: BooksEntriesDocument,
    variables: { periodId: period.id, first: ENTRIES_PAGE, after },
    requestPolicy: 'cache-and-network',
  });
  const prefix = `${period.name}: `;
  const postings = loadedSoFar(
    earlier,
    data?.ledgerPostings.edges.map(({ node }) => node),
  ).filter((node) => node.kind === 'entry' || node.kind === 'reversal');
  const reversed = new Set(postings.map((posting) => posting.reversesId).filter(Boolean));
  const numberOf = new Map(postings.map((posting) => [posting.id, posting.number]));
  const changed = (message: string) => {
    // Back to the first page, read afresh.
    setEarlier([]);
    setAfter(undefined);
    refetch({ requestPolicy: 'network-only' });
    onChange(message);
  };
  return (
    <section aria-labelledby="entries-heading" className="card">
      <h2 id="entries-heading">{t('admin.books.entries')}</h2>
      {period.status === 'OPEN' ? (
        <RecordEntry period={period} onRecorded={changed} />
      ) : (
        <p className="hint">{t('admin.books.entriesClosed')}</p>
      )}
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data && postings.length === 0 ? <Empty>{t('admin.books.noEntries')}</Empty> : null}
      {postings.length > 0 ? (
        <ul className="list" aria-label={t('admin.books.entryList')}>
          {postings.map((posting) => {
            const lines = posting.lines.edges.map(({ node }) => node);
            const kind: EntryKind = lines.some((line) => line.account === 'revenue') ? 'REVENUE' : 'EXPENSE';
            const memo = posting.memo.startsWith(prefix) ? posting.memo.slice(prefix.length) : posting.memo;
            const label = t('admin.books.entryLabel', { number: posting.number });
            return (
              <li key={posting.id} aria-label={label}>
                <strong>
                  #{posting.number} · {memo}
                </strong>
                <span className="meta">
                  {posting.kind === 'reversal'
                    ? t('admin.books.reversalOf', { number: numberOf.get(posting.reversesId ?? '') ?? '?', amount: money(posting.amount) })
                    : t(`admin.books.kindAmount.${kind}`, { amount: money(posting.amount) })}
                  {reversed.has(posting.id) ? ` · ${t('admin.books.reversed')}` : ''}
                </span>
                {posting.kind === 'entry' && !reversed.has(posting.id) && period.status === 'OPEN' ? (
                  <ReverseEntry postingId={posting.id} number={posting.number} amount={posting.amount} kind={kind} onReversed={changed} />
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {data?.ledgerPostings.pageInfo.hasNextPage ? (
        <button
          type="button"
          onClick={() => {
            setEarlier(
              loadedSoFar(
                earlier,
                data.ledgerPostings.edges.map(({ node }) => node),
              ),
            );
            setAfter(data.ledgerPostings.pageInfo.endCursor ?? undefined);
          }}
        >
          {t('list.more')}
        </button>
      ) : null}
    </section>
  );
}

function RecordEntry({ period, onRecorded }: { period: Period; onRecorded: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [recording, record] = useMutation(BooksRecordEntryDocument);
  const [kind, setKind] = useState<EntryKind>('REVENUE');
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  async function onRecord(event: FormEvent) {
    event.preventDefault();
    const given = amount.trim().replace(',', '.');
    const result = await record({ periodId: period.id, kind, amount: given, memo: memo.trim() });
    if (result.data) {
      setAmount('');
      setMemo('');
      const cents = parseCents(given);
      onRecorded(t(`admin.books.recorded.${kind}`, { amount: money(cents === undefined ? given : formatCents(cents)) }));
    }
  }
  return (
    <form onSubmit={onRecord} className="narrow" aria-label={t('admin.books.record')}>
      <label htmlFor={`${id}-kind`}>{t('admin.books.kind')}</label>
      <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as EntryKind)}>
        <option value="REVENUE">{t('admin.books.kinds.REVENUE')}</option>
        <option value="EXPENSE">{t('admin.books.kinds.EXPENSE')}</option>
      </select>
      <label htmlFor={`${id}-amount`}>{t('admin.books.amount')}</label>
      <input
        id={`${id}-amount`}
        required
        inputMode="decimal"
        pattern="\d+([.,]\d{1,2})?"
        value={amount}
        aria-describedby={`${id}-amount-hint`}
        onChange={(event) => setAmount(event.target.value)}
      />
      <p id={`${id}-amount-hint`} className="hint">
        {t('admin.books.amountHint')}
      </p>
      <label htmlFor={`${id}-memo`}>{t('admin.books.memo')}</label>
      <input id={`${id}-memo`} required maxLength={500} value={memo} onChange={(event) => setMemo(event.target.value)} />
      {recording.error ? <AdminProblem error={recording.error} /> : null}
      <button type="submit" className="primary" disabled={recording.fetching}>
        {t('admin.books.recordButton')}
      </button>
    </form>
  );
}

function ReverseEntry(props: {
  postingId: string;
  number: number;
  amount: string;
  kind: EntryKind;
  onReversed: (message: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [reversing, reverse] = useMutation(BooksReverseEntryDocument);
  async function onReverse(event: FormEvent) {
    event.preventDefault();
    const result = await reverse({ postingId: props.postingId, memo: reason.trim() });
    if (result.data) {
      setConfirming(false);
      props.onReversed(t('admin.books.reversedDone', { number: props.number }));
    }
  }
  if (!confirming)
    return (
      <button type="button" onClick={() => setConfirming(true)}>
        {t('admin.books.reverse', { number: props.number })}
      </button>
    );
  return (
    <form onSubmit={onReverse} className="notice narrow" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        <strong>{t('admin.books.reverseTitle', { number: props.number })}</strong>
      </p>
      <p>{t(`admin.books.reverseMeans.${props.kind}`, { amount: money(props.amount) })}</p>
      <label htmlFor={`${id}-reason`}>{t('admin.books.reverseReason')}</label>
      <input id={`${id}-reason`} required maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />
      {reversing.error ? <AdminProblem error={reversing.error} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={reversing.fetching}>
          {t('admin.books.reverseConfirm')}
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}

interface LineProblem {
  line: number;
  rule: string;
  email?: string;
  firstLine?: number;
}

/** The bad lines the API named, each in words; or the API's refusal as usual. */
function ImportProblem({ error }: { error: CombinedError }) {
  const { t } = useTranslation();
  const problems = (error.graphQLErrors[0]?.extensions as { problems?: LineProblem[] } | undefined)?.problems;
  if (!Array.isArray(problems)) return <AdminProblem error={error} />;
  return (
    <div className="problem" role="alert">
      <p>{t('admin.books.csvRefused', { count: problems.length })}</p>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.line}-${problem.rule}`}>
            {t(`admin.books.csvLine.${problem.rule}`, {
              line: problem.line,
              email: problem.email ?? '',
              firstLine: problem.firstLine ?? 0,
              defaultValue: t('admin.books.csvLine.other', { line: problem.line }),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Patronage({ period, open, onChange }: { period: Period; open: boolean; onChange: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [after, setAfter] = useState<string | undefined>();
  const [earlier, setEarlier] = useState<PatronageNode[]>([]);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: BooksPatronageDocument,
    variables: { periodId: period.id, first: PATRONAGE_PAGE, after },
    requestPolicy: 'cache-and-network',
  });
  const [importing, importPatronage] = useMutation(BooksImportPatronageDocument);
  const [file, setFile] = useState<File | undefined>();
  async function onImport(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    const result = await importPatronage({ periodId: period.id, csv: await file.text() });
    if (result.data) {
      const { members, replaced, total } = result.data.importPatronage;
      setEarlier([]);
      setAfter(undefined);
      refetch({ requestPolicy: 'network-only' });
      onChange(t('admin.books.imported', { count: members, replaced, total: money(total) }));
    }
  }
  const records = loadedSoFar(
    earlier,
    data?.patronageRecords.edges.map(({ node }) => ({ ...node, id: node.member.id })),
  );
  return (
    <section aria-labelledby="patronage-heading" className="card">
      <h2 id="patronage-heading">{t('admin.books.patronage')}</h2>
      <p>{t('admin.books.patronageIntro')}</p>
      {open ? (
        <form onSubmit={onImport} className="narrow">
          <label htmlFor={`${id}-file`}>{t('admin.books.csvFile')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv,text/plain"
            required
            aria-describedby={`${id}-file-hint`}
            onChange={(event: ChangeEvent<HTMLInputElement>) => setFile(event.target.files?.[0])}
          />
          <p id={`${id}-file-hint`} className="hint">
            {t('admin.books.csvHint')}
          </p>
          {importing.error ? <ImportProblem error={importing.error} /> : null}
          <button type="submit" className="primary" disabled={importing.fetching}>
            {t('admin.books.csvButton')}
          </button>
        </form>
      ) : (
        <p className="hint">{t('admin.books.patronageFixed')}</p>
      )}
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data && records.length === 0 ? <Empty>{t('admin.books.noPatronage')}</Empty> : null}
      {records.length > 0 ? (
        <div className="table-scroll books">
          <table>
            <caption>{t('admin.books.patronageTable', { count: data?.patronageRecords.totalCount ?? 0 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.books.member')}</th>
                <th scope="col" className="number">
                  {t('admin.books.patronageAmount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <tr key={record.member.id}>
                  <td>
                    {record.member.name}
                    <span className="meta">{record.member.email}</span>
                  </td>
                  <td className="number">{money(record.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data?.patronageRecords.pageInfo.hasNextPage ? (
        <button
          type="button"
          onClick={() => {
            setEarlier(records);
            setAfter(data.patronageRecords.pageInfo.endCursor ?? undefined);
          }}
        >
          {t('list.more')}
        </button>
      ) : null}
    </section>
  );
}

function ClosePeriod({ period, onClosed }: { period: Period; onClosed: (message: string) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [closing, close] = useMutation(BooksClosePeriodDocument);
  async function onClose() {
    const result = await close({ id: period.id });
    if (result.data) {
      setConfirming(false);
      onClosed(t('admin.books.closed', { name: period.name }));
    }
  }
  return (
    <section aria-labelledby="close-heading" className="card">
      <h2 id="close-heading">{t('admin.books.close')}</h2>
      {!confirming ? (
        <button type="button" className="primary" onClick={() => setConfirming(true)}>
          {t('admin.books.closeButton', { name: period.name })}
        </button>
      ) : (
        <ConfirmStep
          id="confirm-close"
          title={t('admin.books.closeTitle', { name: period.name })}
          confirm={t('admin.books.closeConfirm', { name: period.name })}
          busy={closing.fetching}
          onConfirm={() => void onClose()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {t('admin.books.closeMeans', {
              revenue: money(period.revenue),
              expenses: money(period.expenses),
              surplus: money(period.surplus),
            })}
          </p>
        </ConfirmStep>
      )}
      {closing.error ? <AdminProblem error={closing.error} /> : null}
    </section>
  );
}

function Distribution({ distribution, onChange }: { distribution: BooksDistributionFieldsFragment; onChange: (message: string) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [executing, execute] = useMutation(BooksExecuteDocument);
  async function onExecute() {
    const result = await execute({ id: distribution.id });
    if (result.data) {
      setConfirming(false);
      onChange(t('admin.books.executed'));
    }
  }
  const { amounts, policy } = distribution;
  return (
    <section aria-labelledby="distribution-heading" className="card">
      <h2 id="distribution-heading">{t('admin.books.distribution')}</h2>
      <p>
        <strong>{t(`admin.books.distributionStatus.${distribution.status}`)}</strong>
      </p>
      <p>
        {t('admin.books.proposalLink')} <Link to={`/proposals/${distribution.proposal.id}`}>{distribution.proposal.title}</Link>
      </p>
      <SharesTable
        caption={t('admin.books.distributionTable', { amount: money(amounts.surplus) })}
        percentOf={(share) => percent(policy[share])}
        moneyOf={(share) => money(amounts[share])}
      />
      <p className="hint">{t('admin.books.cashShare', { percent: percent(policy.patronageCash) })}</p>
      {distribution.status === 'APPROVED' && !confirming ? (
        <button type="button" className="primary" onClick={() => setConfirming(true)}>
          {t('admin.books.execute')}
        </button>
      ) : null}
      {distribution.status === 'APPROVED' && confirming ? (
        <ConfirmStep
          id="confirm-execute"
          title={t('admin.books.executeTitle')}
          confirm={t('admin.books.executeConfirm')}
          busy={executing.fetching}
          onConfirm={() => void onExecute()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {t('admin.books.executeMeans', {
              reserve: money(amounts.reserve),
              education: money(amounts.education),
              commons: money(amounts.commons),
              patronage: money(amounts.patronage),
            })}
          </p>
        </ConfirmStep>
      ) : null}
      {executing.error ? <AdminProblem error={executing.error} /> : null}
    </section>
  );
}

/** The four shares of a surplus, each with its percentage and its money; `children` are rows after them (a sum). */
function SharesTable({
  caption,
  live = false,
  percentOf,
  moneyOf,
  children,
}: {
  caption: string;
  live?: boolean;
  percentOf: (share: Share) => string;
  moneyOf: (share: Share) => string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll books">
      <table aria-live={live ? 'polite' : undefined}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.books.share')}</th>
            <th scope="col" className="number">
              {t('admin.books.percent')}
            </th>
            <th scope="col" className="number">
              {t('admin.books.money')}
            </th>
          </tr>
        </thead>
        <tbody>
          {SHARES.map((share) => (
            <tr key={share}>
              <th scope="row">{t(`admin.books.shares.${share}`)}</th>
              <td className="number">{percentOf(share)} %</td>
              <td className="number">{moneyOf(share)}</td>
            </tr>
          ))}
          {children}
        </tbody>
      </table>
    </div>
  );
}

type MinimumsData = BooksPeriodQuery['surplusPolicyMinimums'];

/** The split: five percentages, each share's money as they are typed, the bylaws' floors, and the proposal. */
function SplitEditor({ period, minimums, onProposed }: { period: Period; minimums: MinimumsData; onProposed: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [typed, setTyped] = useState<Policy>({ reserve: '30', education: '10', commons: '20', patronage: '40', patronageCash: '25' });
  const [tried, setTried] = useState(false);
  const [proposing, propose] = useMutation(BooksProposeDocument);
  const floors: Minimums = {
    reserve: minimums.reserve,
    education: minimums.education,
    commons: minimums.commons,
    patronage: minimums.patronage,
    patronageCash: minimums.patronageCash,
  };
  const preview = previewSplit(period.surplus, typed, floors);
  const noSurplus = !period.surplus.match(/[1-9]/) || period.surplus.startsWith('-');
  async function onPropose(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (!preview.policy) {
      requestAnimationFrame(() => document.getElementById(`${id}-problems`)?.focus());
      return;
    }
    const result = await propose({ periodId: period.id, policy: preview.policy });
    if (result.data) onProposed(t('admin.books.proposed'));
  }
  const sentence = (problem: PolicyProblem) =>
    problem.rule === 'total'
      ? t('admin.books.split.total', { total: percent(problem.total) })
      : problem.rule === 'minimum'
        ? t('admin.books.split.minimum', { share: t(`admin.books.shares.${problem.field}`), minimum: percent(problem.minimum) })
        : t('admin.books.split.number', { share: t(`admin.books.shares.${problem.field}`) });
  const fieldProblems = (field: PolicyField) => preview.problems.filter((problem) => problem.field === field);
  const shareMoney = (cents: bigint | undefined) => (cents === undefined ? '—' : money(formatCents(cents)));
  return (
    <section aria-labelledby="split-heading" className="card">
      <h2 id="split-heading">{t('admin.books.split.title')}</h2>
      {noSurplus ? (
        <p>{t('admin.books.split.noSurplus')}</p>
      ) : (
        <form onSubmit={onPropose} noValidate>
          <p>{t('admin.books.split.intro', { amount: money(period.surplus) })}</p>
          <div className="split-fields narrow">
            {POLICY_FIELDS.map((field) => {
              const floor = floors[field];
              const bad = fieldProblems(field).length > 0;
              return (
                <div key={field}>
                  <label htmlFor={`${id}-${field}`}>{t(`admin.books.split.label.${field}`)}</label>
                  <input
                    id={`${id}-${field}`}
                    inputMode="decimal"
                    value={typed[field]}
                    aria-invalid={bad}
                    aria-describedby={`${id}-${field}-hint`}
                    onChange={(event) => setTyped({ ...typed, [field]: event.target.value })}
                  />
                  <p id={`${id}-${field}-hint`} className="hint">
                    {field !== 'patronageCash' ? `${shareMoney(preview.shares[field])}` : t('admin.books.split.cashHint')}
                    {floor ? ` · ${t('admin.books.split.floor', { minimum: percent(floor) })}` : ''}
                  </p>
                </div>
              );
            })}
          </div>
          <SharesTable
            caption={t('admin.books.split.preview')}
            live
            percentOf={(share) => typed[share]}
            moneyOf={(share) => shareMoney(preview.shares[share])}
          >
            <tr>
              <th scope="row">{t('admin.books.split.sum')}</th>
              <td className="number">{preview.total === undefined ? '—' : percent(preview.total)} %</td>
              <td className="number">
                {shareMoney(
                  SHARES.every((share) => preview.shares[share] !== undefined)
                    ? SHARES.reduce((sum, share) => sum + (preview.shares[share] ?? 0n), 0n)
                    : undefined,
                )}
              </td>
            </tr>
          </SharesTable>
          <div id={`${id}-problems`} tabIndex={-1} aria-live="polite" className={preview.problems.length > 0 ? 'problem' : undefined}>
            {preview.problems.length > 0 ? (
              <>
                <p>{tried ? t('admin.books.split.refused') : t('admin.books.split.notYet')}</p>
                <ul>
                  {preview.problems.map((problem) => (
                    <li key={`${problem.field}-${problem.rule}`}>{sentence(problem)}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
          {proposing.error ? <AdminProblem error={proposing.error} /> : null}
          <button type="submit" className="primary" disabled={proposing.fetching}>
            {t('admin.books.split.propose')}
          </button>
        </form>
      )}
    </section>
  );
}
