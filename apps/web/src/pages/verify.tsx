import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useClient } from 'urql';
import type { CombinedError } from 'urql';
import { Page } from '../components/page';
import { Problem } from '../components/states';
import { VerifyBallotDocument } from '../graphql/generated/graphql';

export function VerifyPage() {
  const { t } = useTranslation();
  const client = useClient();
  const given = (useLocation().state as { proposalId?: string; receipt?: string } | null) ?? {};
  const [proposalId, setProposalId] = useState(given.proposalId ?? '');
  const [receipt, setReceipt] = useState(given.receipt ?? '');
  const [answer, setAnswer] = useState<{ counted?: boolean; error?: CombinedError } | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await client
      .query(VerifyBallotDocument, { proposalId: proposalId.trim(), receipt: receipt.trim() }, { requestPolicy: 'network-only' })
      .toPromise();
    setBusy(false);
    setAnswer(result.error ? { error: result.error } : { counted: result.data?.verifyBallot });
    requestAnimationFrame(() => document.getElementById('verification')?.focus());
  }

  return (
    <Page title={t('verify.title')}>
      <p>{t('verify.intro')}</p>
      <form className="card narrow" onSubmit={submit}>
        <label htmlFor="proposal">{t('verify.proposal')}</label>
        <input
          id="proposal"
          required
          value={proposalId}
          onChange={(event) => setProposalId(event.target.value)}
          aria-describedby="proposal-hint"
        />
        <p id="proposal-hint" className="hint">
          {t('verify.proposalHint')}
        </p>
        <label htmlFor="receipt">{t('verify.receipt')}</label>
        <input id="receipt" required value={receipt} onChange={(event) => setReceipt(event.target.value)} />
        <button type="submit" className="primary" disabled={busy}>
          {t('verify.submit')}
        </button>
      </form>
      {answer ? (
        <div id="verification" tabIndex={-1} aria-live="polite" className="card">
          {answer.error ? (
            <Problem error={answer.error} />
          ) : (
            <p className={answer.counted ? 'good' : 'bad'}>{answer.counted ? t('verify.counted') : t('verify.notCounted')}</p>
          )}
        </div>
      ) : null}
    </Page>
  );
}
