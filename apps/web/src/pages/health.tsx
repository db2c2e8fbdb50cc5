import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { formatCoefficient, formatDay, formatPercent } from '../format';
import { GovernanceHealthDocument } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';

type Point = { participation: number; largestVoterShare: number; votingWeightGini: number };
const SERIES: Array<{ key: keyof Point; colour: string }> = [
  { key: 'participation', colour: '#0b5c3e' },
  { key: 'largestVoterShare', colour: '#a3361b' },
  { key: 'votingWeightGini', colour: '#2a4d9b' },
];

/** The series as lines over the closed proposals (0–100%); the table below it holds the same numbers. */
function Chart({ points, label }: { points: Point[]; label: string }) {
  const { t } = useTranslation();
  const width = 600;
  const height = 200;
  const x = (index: number) => (points.length === 1 ? width / 2 : 20 + (index * (width - 40)) / (points.length - 1));
  const y = (value: number) => height - 10 - value * (height - 20);
  return (
    <figure aria-label={label}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} style={{ width: '100%', height: 'auto' }}>
        <line x1="0" x2={width} y1={y(0)} y2={y(0)} stroke="#888" />
        <line x1="0" x2={width} y1={y(1)} y2={y(1)} stroke="#ddd" />
        {SERIES.map((series) => (
          <g key={series.key}>
            <polyline
              fill="none"
              stroke={series.colour}
              strokeWidth="2"
              points={points.map((p, i) => `${x(i)},${y(p[series.key])}`).join(' ')}
            />
            {points.map((p, i) => (
              <circle key={i} cx={x(i)} cy={y(p[series.key])} r="4" fill={series.colour} />
            ))}
          </g>
        ))}
      </svg>
      <figcaption>
        {SERIES.map((series) => (
          <span key={series.key} style={{ color: series.colour, marginRight: '1em' }}>
            ● {t(`health.${series.key}`)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export function HealthPage() {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: GovernanceHealthDocument });
  const percent = (share: number) => formatPercent(share, locale());
  const coefficient = (value: number) => formatCoefficient(value, locale());
  const health = data?.governanceHealth;
  const points = data?.governanceHealthSeries ?? [];
  return (
    <Page title={t('health.title')}>
      <p>{t('health.intro')}</p>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {health ? (
        <>
          <p className="meta">{t('health.window', { from: formatDay(health.from, locale()), to: formatDay(health.to, locale()) })}</p>
          <dl className="facts" aria-label={t('health.measures')}>
            <dt>{t('health.members')}</dt>
            <dd>{health.members}</dd>
            <dt>{t('health.decisions')}</dt>
            <dd>{health.decisions}</dd>
            <dt>{t('health.participation')}</dt>
            <dd>{percent(health.participation)}</dd>
            <dt>{t('health.reach')}</dt>
            <dd>{percent(health.reach)}</dd>
            <dt>{t('health.largestVoterShare')}</dt>
            <dd>{percent(health.largestVoterShare)}</dd>
            <dt>{t('health.votingWeightGini')}</dt>
            <dd>{coefficient(health.votingWeightGini)}</dd>
            <dt>{t('health.keptInCommon')}</dt>
            <dd>
              {health.keptInCommon === null || health.keptInCommon === undefined ? t('health.noSurplus') : percent(health.keptInCommon)}
            </dd>
          </dl>
          <section aria-labelledby="alerts-heading">
            <h2 id="alerts-heading">{t('health.alerts')}</h2>
            {health.alertDetails.length === 0 ? (
              <Empty>{t('health.noAlerts')}</Empty>
            ) : (
              <ul>
                {health.alertDetails.map((alert) => (
                  <li key={`${alert.kind}-${alert.proposalId ?? ''}`}>
                    {t(`health.alert.${alert.kind}`, {
                      share: percent(alert.value),
                      gini: coefficient(alert.value),
                      decisions: alert.decisions,
                      title: alert.title ?? '',
                    })}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="series-heading">
            <h2 id="series-heading">{t('health.series')}</h2>
            {points.length === 0 ? (
              <Empty>{t('health.noDecisions')}</Empty>
            ) : (
              <>
                <Chart points={points} label={t('health.chart')} />
                <div className="table-scroll">
                  <table>
                    <caption>{t('health.table')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('health.proposal')}</th>
                        <th scope="col">{t('health.closed')}</th>
                        <th scope="col">{t('health.participation')}</th>
                        <th scope="col">{t('health.largestVoterShare')}</th>
                        <th scope="col">{t('health.votingWeightGini')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {points.map((point) => (
                        <tr key={point.proposalId}>
                          <th scope="row">{point.title}</th>
                          <td>{formatDay(point.closedAt, locale())}</td>
                          <td>{percent(point.participation)}</td>
                          <td>{percent(point.largestVoterShare)}</td>
                          <td>{coefficient(point.votingWeightGini)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </section>
        </>
      ) : null}
    </Page>
  );
}
