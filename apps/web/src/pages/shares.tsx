import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { MemberPicker } from '../components/member-picker';
import { useMember } from '../components/member-gate';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { formatAmount, formatDate, formatDay } from '../format';
import {
  CancelShareOperationDocument,
  MySharesDocument,
  RequestRedemptionDocument,
  RequestShareTransferDocument,
  RequestSharesDocument,
  type ShareOperationFieldsFragment,
} from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';

const PAGE = 50;

/** What the status line says, translated when shown (so it follows a change of language). */
interface Done {
  key: 'mySpace.shares.cancelled' | 'mySpace.shares.requestedDone';
  values?: { quantity: number; class: string; amount: string };
}
/** A request changes the register and maybe the holdings: the page's query is fetched again. */
const REFRESH = { additionalTypenames: ['ShareOperation', 'ShareHolding'] };

/** The member's holdings and their share-register operations, with requests to subscribe, redeem or transfer. */
export function SharesPage() {
  const { t } = useTranslation();
  const member = useMember();
  const [after, setAfter] = useState<string | undefined>();
  const [{ data, error, fetching }] = useQuery({ query: MySharesDocument, variables: { memberId: member.id, first: PAGE, after } });
  const [cancelling, cancel] = useMutation(CancelShareOperationDocument);
  const [done, setDone] = useState<Done | undefined>();
  const amount = (value: string) => formatAmount(value, locale());

  async function withdraw(operation: ShareOperationFieldsFragment) {
    const result = await cancel({ id: operation.id }, REFRESH);
    if (result.data) setDone({ key: 'mySpace.shares.cancelled' });
  }

  const holdings = data?.me.holdings ?? [];
  const redeemable = holdings.filter((holding) => holding.shareClass.redeemable && holding.quantity > 0);
  const held = holdings.filter((holding) => holding.quantity > 0);

  return (
    <Page title={t('mySpace.shares.title')}>
      <p role="status" className="done">
        {done ? t(done.key, done.values ? { ...done.values, amount: amount(done.values.amount) } : {}) : ''}
      </p>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data ? (
        <>
          <section aria-labelledby="holdings" className="card">
            <h2 id="holdings">{t('mySpace.shares.holdings')}</h2>
            {held.length === 0 ? (
              <Empty>{t('mySpace.shares.noHoldings')}</Empty>
            ) : (
              <div className="scroll holdings" tabIndex={0} role="group" aria-labelledby="holdings">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('mySpace.shares.class')}</th>
                      <th scope="col">{t('mySpace.shares.quantity')}</th>
                      <th scope="col">{t('mySpace.shares.amount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {held.map((holding) => (
                      <tr key={holding.shareClass.id}>
                        <th scope="row">
                          {holding.shareClass.code} — {holding.shareClass.name}
                          <span className="meta">{t('mySpace.shares.nominal', { amount: amount(holding.shareClass.nominalValue) })}</span>
                        </th>
                        <td>{holding.quantity}</td>
                        <td>{amount(holding.amount)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p>{t('mySpace.shares.total', { amount: amount(data.me.shareCapital) })}</p>
          </section>

          <section aria-labelledby="operations" className="card">
            <h2 id="operations">{t('mySpace.shares.operations')}</h2>
            {data.shareRegister.edges.length === 0 ? <Empty>{t('mySpace.shares.noOperations')}</Empty> : null}
            {cancelling.error ? <Problem error={cancelling.error} /> : null}
            <ul className="list">
              {data.shareRegister.edges.map(({ node }) => {
                const what = `${t(`mySpace.shares.kind.${node.kind}`)} ${node.quantity} × ${node.shareClass.code}`;
                const mine = node.member.id === member.id;
                return (
                  <li key={node.id} className="operation">
                    <strong>{what}</strong> · {amount(node.amount)} ·{' '}
                    <span className={`share-status status-${node.status.toLowerCase()}`}>{t(`mySpace.shares.status.${node.status}`)}</span>
                    <span className="meta">
                      {node.number ? `${t('mySpace.shares.entry', { number: node.number })} · ` : ''}
                      {t('mySpace.shares.requested', { date: formatDate(node.requestedAt, locale()) })}
                      {node.settledAt ? ` · ${t('mySpace.shares.settled', { date: formatDay(node.settledAt, locale()) })}` : ''}
                      {node.kind === 'TRANSFER' && mine && node.counterpart
                        ? ` · ${t('mySpace.shares.to', { name: node.counterpart.name })}`
                        : ''}
                      {node.kind === 'TRANSFER' && !mine ? ` · ${t('mySpace.shares.from', { name: node.member.name })}` : ''}
                    </span>
                    {node.reason ? <span className="meta">{t('mySpace.shares.reason', { reason: node.reason })}</span> : null}
                    {mine && (node.status === 'REQUESTED' || node.status === 'QUEUED') ? (
                      <button
                        type="button"
                        onClick={() => withdraw(node)}
                        disabled={cancelling.fetching}
                        aria-label={t('mySpace.shares.cancelLabel', { what })}
                      >
                        {t('mySpace.shares.cancel')}
                      </button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            {data.shareRegister.pageInfo.hasNextPage ? (
              <button type="button" onClick={() => setAfter(data.shareRegister.pageInfo.endCursor ?? undefined)}>
                {t('list.more')}
              </button>
            ) : null}
          </section>

          <RequestForm
            kind="request"
            options={data.shareClasses.map((shareClass) => ({
              id: shareClass.id,
              label: t('mySpace.shares.classOption', {
                code: shareClass.code,
                name: shareClass.name,
                amount: amount(shareClass.nominalValue),
              }),
            }))}
            none={t('mySpace.shares.noClasses')}
            onDone={setDone}
          />
          <RequestForm
            kind="redeem"
            hint={t('mySpace.shares.redeemHint')}
            options={redeemable.map((holding) => ({
              id: holding.shareClass.id,
              label: t('mySpace.shares.heldOption', {
                code: holding.shareClass.code,
                name: holding.shareClass.name,
                quantity: holding.quantity,
              }),
            }))}
            none={t('mySpace.shares.redeemNone')}
            onDone={setDone}
          />
          <RequestForm
            kind="transfer"
            options={held.map((holding) => ({
              id: holding.shareClass.id,
              label: t('mySpace.shares.heldOption', {
                code: holding.shareClass.code,
                name: holding.shareClass.name,
                quantity: holding.quantity,
              }),
            }))}
            none={t('mySpace.shares.transferNone')}
            onDone={setDone}
          />
        </>
      ) : null}
    </Page>
  );
}

const TITLES = { request: 'mySpace.shares.request', redeem: 'mySpace.shares.redeem', transfer: 'mySpace.shares.transfer' } as const;
const SUBMITS = {
  request: 'mySpace.shares.requestSubmit',
  redeem: 'mySpace.shares.redeemSubmit',
  transfer: 'mySpace.shares.transferSubmit',
} as const;

/** One request form: a class, a number of shares (and for a transfer, who receives them). */
function RequestForm(props: {
  kind: 'request' | 'redeem' | 'transfer';
  options: Array<{ id: string; label: string }>;
  none: string;
  hint?: string;
  onDone: (done: Done) => void;
}) {
  const { t } = useTranslation();
  const member = useMember();
  const [classId, setClassId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [toMemberId, setToMemberId] = useState('');
  const [subscribing, subscribe] = useMutation(RequestSharesDocument);
  const [redeeming, redeem] = useMutation(RequestRedemptionDocument);
  const [transferring, transfer] = useMutation(RequestShareTransferDocument);
  const state = props.kind === 'request' ? subscribing : props.kind === 'redeem' ? redeeming : transferring;
  const id = `shares-${props.kind}`;
  const chosen = classId || props.options[0]?.id || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const variables = { shareClassId: chosen, quantity: Number.parseInt(quantity, 10) };
    const result =
      props.kind === 'request'
        ? await subscribe(variables, REFRESH)
        : props.kind === 'redeem'
          ? await redeem(variables, REFRESH)
          : await transfer({ ...variables, toMemberId }, REFRESH);
    const operation =
      result.data &&
      ('requestShares' in result.data
        ? result.data.requestShares
        : 'requestRedemption' in result.data
          ? result.data.requestRedemption
          : result.data.requestShareTransfer);
    if (operation) {
      props.onDone({
        key: 'mySpace.shares.requestedDone',
        values: { quantity: operation.quantity, class: operation.shareClass.code, amount: operation.amount },
      });
      setQuantity('1');
      setToMemberId('');
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{t(TITLES[props.kind])}</h2>
      {props.options.length === 0 ? (
        <Empty>{props.none}</Empty>
      ) : (
        <form onSubmit={submit} aria-labelledby={`${id}-title`}>
          {props.hint ? <p className="hint">{props.hint}</p> : null}
          <label htmlFor={`${id}-class`}>{t('mySpace.shares.class')}</label>
          <select id={`${id}-class`} value={chosen} onChange={(event) => setClassId(event.target.value)} required>
            {props.options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-quantity`}>{t('mySpace.shares.quantity')}</label>
          <input
            id={`${id}-quantity`}
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            required
            value={quantity}
            onChange={(event) => setQuantity(event.target.value)}
            aria-describedby={state.error ? `${id}-error` : undefined}
          />
          {props.kind === 'transfer' ? (
            <MemberPicker label={t('mySpace.shares.transferTo')} excludeId={member.id} value={toMemberId} onChange={setToMemberId} />
          ) : null}
          {state.error ? <Problem error={state.error as CombinedError} id={`${id}-error`} /> : null}
          <button type="submit" className="primary" disabled={state.fetching || (props.kind === 'transfer' && !toMemberId)}>
            {t(SUBMITS[props.kind])}
          </button>
        </form>
      )}
    </section>
  );
}
