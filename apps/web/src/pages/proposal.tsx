import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { Ballot } from '../ballots/ballot';
import type { BallotChoice } from '../ballots/ballot-kind';
import { Page } from '../components/page';
import { Receipt } from '../components/receipt';
import { Empty, Loading, Problem } from '../components/states';
import { Deliberation } from '../deliberation/deliberation';
import { optionLabel, TallyView } from '../components/tally';
import { formatDate, formatPercent, formatTimeLeft } from '../format';
import { CastVoteDocument, ProposalDocument, TallyUpdatedDocument, type CastVoteMutation } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';

export function ProposalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({ query: ProposalDocument, variables: { id } });
  const proposal = data?.proposal;
  const live = proposal?.status === 'OPEN' && !proposal.secret;
  const [{ data: update }] = useSubscription({ query: TallyUpdatedDocument, variables: { proposalId: id }, pause: !live });
  const [cast, castVote] = useMutation(CastVoteDocument);
  const [receipt, setReceipt] = useState<CastVoteMutation['castVote'] | undefined>();
  const [changing, setChanging] = useState(false);

  if (error && !data) return <Problem error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  if (!proposal)
    return (
      <Page title={t('proposal.notFound')}>
        <Empty>{t('proposal.notFoundBody')}</Empty>
      </Page>
    );

  const tally = (live ? update?.tallyUpdated : undefined) ?? proposal.tally;
  const timeLeft = proposal.closesAt ? formatTimeLeft(proposal.closesAt, locale()) : undefined;
  const hasVoted = (proposal.myVote?.length ?? 0) > 0;
  const showBallot = proposal.status === 'OPEN' && !(proposal.secret && receipt) && (!hasVoted || changing || proposal.secret);

  async function vote(choice: BallotChoice) {
    const outcome = await castVote({ input: { proposalId: id, optionIds: choice.optionIds, scores: choice.scores } });
    if (outcome.data) {
      setReceipt(outcome.data.castVote);
      setChanging(false);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <Page title={proposal.title}>
      <p className="meta">
        {t(`status.${proposal.status}`)}
        {' · '}
        {t('proposal.by', { name: proposal.author.name })}
        {proposal.secret ? ` · ${t('proposal.secret')}` : ''}
      </p>
      <div className="body">
        {proposal.body.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      <dl className="facts">
        <dt>{t('proposal.method')}</dt>
        <dd>{t(`methods.${proposal.method}`, { threshold: formatPercent(proposal.threshold, locale()), seats: proposal.seats })}</dd>
        <dt>{t('proposal.quorum')}</dt>
        <dd>{formatPercent(proposal.quorum, locale())}</dd>
        {proposal.closesAt ? (
          <>
            <dt>{t('proposal.closes')}</dt>
            <dd>
              {formatDate(proposal.closesAt, locale())}
              {timeLeft && proposal.status === 'OPEN' ? ` (${timeLeft})` : ''}
            </dd>
          </>
        ) : null}
      </dl>

      {proposal.status === 'CLOSED' ? (
        <section aria-labelledby="result-heading" className="card">
          <h2 id="result-heading">{t('proposal.result')}</h2>
          <p className="outcome">{proposal.outcome ? t(`outcome.${proposal.outcome}`) : ''}</p>
          {proposal.winners && proposal.winners.length > 0 ? (
            <p>{t('proposal.winners', { winners: proposal.winners.map((winner) => optionLabel(t, winner.label)).join(', ') })}</p>
          ) : null}
        </section>
      ) : null}

      {proposal.status === 'OPEN' ? (
        <section aria-labelledby="vote-heading">
          <h2 id="vote-heading">{t('proposal.yourVote')}</h2>
          {proposal.secret ? <p className="notice">{t('proposal.secretCannotChange')}</p> : null}
          {!proposal.secret && hasVoted ? (
            <p>{t('proposal.currentVote', { vote: proposal.myVote!.map((option) => optionLabel(t, option.label)).join(', ') })}</p>
          ) : null}
          {!proposal.secret && hasVoted && !changing ? (
            <button type="button" onClick={() => setChanging(true)}>
              {t('proposal.change')}
            </button>
          ) : null}
          {showBallot ? (
            <Ballot
              key={`${proposal.myVote?.map((option) => option.id).join(',')}`}
              method={proposal.method}
              options={proposal.options}
              seats={proposal.seats}
              current={proposal.myVote}
              disabled={cast.fetching}
              onCast={vote}
            />
          ) : null}
          {cast.error ? <Problem error={cast.error} /> : null}
        </section>
      ) : null}
      {receipt ? <Receipt proposalId={receipt.proposalId} receipt={receipt.receipt} castAt={receipt.castAt} /> : null}

      {tally ? <TallyView tally={tally} quorum={proposal.quorum} live={live} /> : null}
      {proposal.status === 'OPEN' && proposal.secret ? <p>{t('proposal.secretTally')}</p> : null}
      <Deliberation proposalId={proposal.id} body={proposal.body} />
    </Page>
  );
}
