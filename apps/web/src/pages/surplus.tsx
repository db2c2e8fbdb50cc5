import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useMember } from '../components/member-gate';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { formatAmount, formatDay } from '../format';
import { FiscalPeriodsDocument, MyAllocationsDocument } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';

function PeriodAllocation({ periodId, memberId }: { periodId: string; memberId: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: MyAllocationsDocument, variables: { periodId } });
  if (error) return <Problem error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const mine = data.memberAllocations.edges.map((edge) => edge.node).find((allocation) => allocation.member.id === memberId);
  if (!mine) return <Empty>{t('surplus.noAllocation')}</Empty>;
  const money = (amount: string) => formatAmount(amount, locale());
  return (
    <dl className="facts">
      <dt>{t('surplus.patronage')}</dt>
      <dd>{money(mine.patronage)}</dd>
      <dt>{t('surplus.refund')}</dt>
      <dd>{money(mine.refund)}</dd>
      <dt>{t('surplus.cash')}</dt>
      <dd>{money(mine.cash)}</dd>
      <dt>{t('surplus.retained')}</dt>
      <dd>{money(mine.retained)}</dd>
    </dl>
  );
}

export function SurplusPage() {
  const { t } = useTranslation();
  const member = useMember();
  const [{ data, error, fetching }] = useQuery({ query: FiscalPeriodsDocument, variables: { first: 20 } });
  const periods = data?.fiscalPeriods.edges.map((edge) => edge.node) ?? [];
  const oversees = member.roles.some((role) => role === 'AUDITOR' || role === 'ADMIN');
  return (
    <Page title={t('surplus.title')}>
      <p>{t('surplus.intro')}</p>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data && periods.length === 0 ? <Empty>{t('surplus.none')}</Empty> : null}
      {periods.map((period) => (
        <section key={period.id} aria-labelledby={`period-${period.id}`} className="card">
          <h2 id={`period-${period.id}`}>{period.name}</h2>
          <p className="meta">
            {formatDay(period.startsOn, locale())} – {formatDay(period.endsOn, locale())} · {t(`periodStatus.${period.status}`)} ·{' '}
            {t('surplus.surplus', { amount: formatAmount(period.surplus, locale()) })}
          </p>
          {period.status === 'DISTRIBUTED' ? <PeriodAllocation periodId={period.id} memberId={member.id} /> : <p>{t('surplus.notYet')}</p>}
          {oversees ? (
            <p>
              <Link to={`/surplus/${period.id}`}>{t('surplusFlows.link')}</Link>
            </p>
          ) : null}
        </section>
      ))}
    </Page>
  );
}
