import { useTranslation } from 'react-i18next';
import type { TallyFieldsFragment } from '../graphql/generated/graphql';
import { formatNumber, formatPercent } from '../format';
import { locale } from '../i18n/i18n';

export function optionLabel(t: (key: string, options?: Record<string, unknown>) => string, label: string): string {
  return t(`options.${label}`, { defaultValue: label });
}

/** Participation against the quorum, and the votes per option (with the elimination rounds when there are). */
export function TallyView({ tally, quorum, live }: { tally: TallyFieldsFragment; quorum: number; live: boolean }) {
  const { t } = useTranslation();
  const share = tally.eligible > 0 ? tally.participants / tally.eligible : 0;
  return (
    <section aria-labelledby="tally-heading" className="card">
      <h2 id="tally-heading">{live ? t('tally.live') : t('tally.final')}</h2>
      <p id="quorum-label">
        {t('tally.participation', { participants: tally.participants, eligible: tally.eligible, quorum: formatPercent(quorum, locale()) })}{' '}
        {tally.quorumReached ? t('tally.quorumReached') : t('tally.quorumNotReached')}
      </p>
      <progress aria-labelledby="quorum-label" max={1} value={Math.min(share, 1)} />
      <table aria-live={live ? 'polite' : undefined}>
        <caption className="visually-hidden">{t('tally.results')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tally.option')}</th>
            <th scope="col">{t('tally.votes')}</th>
          </tr>
        </thead>
        <tbody>
          {tally.results.map((result) => (
            <tr key={result.option.id}>
              <th scope="row">{optionLabel(t, result.option.label)}</th>
              <td>{formatNumber(result.votes, locale())}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {tally.rounds && tally.rounds.length > 1 ? (
        <details>
          <summary>{t('tally.rounds', { count: tally.rounds.length })}</summary>
          <ol>
            {tally.rounds.map((round, index) => (
              <li key={index}>
                {round.map((result) => `${optionLabel(t, result.option.label)}: ${formatNumber(result.votes, locale())}`).join(', ')}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {tally.notes.length > 0 ? (
        <ul className="notes">
          {tally.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
