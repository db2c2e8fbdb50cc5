import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { BudgetResult } from '../components/budget-result';
import { ConfirmStep } from '../components/confirm';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { formatAmount, formatNumber } from '../format';
import {
  AdminExportPabulibDocument,
  AdminReviewProjectDocument,
  AdminSetBudgetPhaseDocument,
  BudgetDocument,
  type BudgetPhase,
  type BudgetQuery,
} from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';
import { AdminGate, AdminProblem } from './admin-gate';

const NEXT: Partial<Record<BudgetPhase, BudgetPhase>> = {
  DRAFT: 'SUBMISSION',
  SUBMISSION: 'REVIEW',
  REVIEW: 'VOTING',
  VOTING: 'CLOSED',
};

type Project = NonNullable<BudgetQuery['budget']>['projects'][number];

export function AdminBudgetPage() {
  return (
    <AdminGate>
      <AdminBudget />
    </AdminGate>
  );
}

function AdminBudget() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({ query: BudgetDocument, variables: { id }, requestPolicy: 'cache-and-network' });
  const [phasing, setPhase] = useMutation(AdminSetBudgetPhaseDocument);
  const [exporting, exportPabulib] = useMutation(AdminExportPabulibDocument);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState('');

  if (error && !data) return <Problem error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const budget = data.budget;
  if (!budget)
    return (
      <Page title={t('budget.notFound')}>
        <Empty>{t('budget.notFoundBody')}</Empty>
      </Page>
    );
  const money = (amount: string) => formatAmount(amount, locale(), budget.currency);
  const next = NEXT[budget.phase];
  const reload = () => refetch({ requestPolicy: 'network-only' });

  function announce(message: string) {
    setDone(message);
    requestAnimationFrame(() => document.getElementById('admin-budget-done')?.focus());
  }

  async function onAdvance() {
    if (!next) return;
    const result = await setPhase({ id, phase: next });
    setConfirming(false);
    if (result.data) {
      announce(t('admin.budgets.moved', { phase: t(`phase.${next}`) }));
      reload();
    }
  }

  async function onExport() {
    const result = await exportPabulib({ budgetId: id });
    if (!result.data) return;
    const url = URL.createObjectURL(new Blob([result.data.exportPabulib], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${budget!.title.replace(/[^\p{L}\p{N}]+/gu, '_')}.pb`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    announce(t('admin.budgets.exported'));
  }

  return (
    <Page title={budget.title}>
      <p className="meta">
        {money(budget.amount)} · {t(`phase.${budget.phase}`)} · {t(`ballotRules.${budget.ballotRule}`)} ·{' '}
        {t(`admin.budgets.methods.${budget.allocationMethod}`)}
      </p>
      <p>
        <Link to={`/budgets/${budget.id}`}>{t('admin.budgets.membersView')}</Link>
      </p>
      <p id="admin-budget-done" tabIndex={-1} role="status" className="done">
        {done}
      </p>

      <section aria-labelledby="phase-heading" className="card">
        <h2 id="phase-heading">{t('admin.budgets.phaseTitle')}</h2>
        <p>{t('admin.budgets.now', { phase: t(`phase.${budget.phase}`) })}</p>
        {next && !confirming ? (
          <button type="button" className="primary" onClick={() => setConfirming(true)}>
            {t('admin.budgets.moveTo', { phase: t(`phase.${next}`) })}
          </button>
        ) : null}
        {next && confirming ? (
          <ConfirmStep
            id="confirm-phase"
            title={t('admin.budgets.confirmTitle', { phase: t(`phase.${next}`) })}
            confirm={t('admin.budgets.confirmMove', { phase: t(`phase.${next}`) })}
            busy={phasing.fetching}
            onConfirm={() => void onAdvance()}
            onCancel={() => setConfirming(false)}
          >
            <p>{t(`admin.budgets.allows.${next}`)}</p>
          </ConfirmStep>
        ) : null}
        {phasing.error ? <AdminProblem error={phasing.error} /> : null}
      </section>

      {budget.phase === 'CLOSED' && budget.result ? (
        <section aria-labelledby="admin-result-heading" className="card">
          <h2 id="admin-result-heading">{t('budget.result')}</h2>
          <BudgetResult result={budget.result} currency={budget.currency} />
        </section>
      ) : null}

      <section aria-labelledby="admin-projects-heading" className="card">
        <h2 id="admin-projects-heading">{t('budget.projects')}</h2>
        {budget.projects.length === 0 ? <Empty>{t('budget.noProjectsYet')}</Empty> : null}
        <ul className="list">
          {budget.projects.map((project) => (
            <ProjectRow key={project.id} project={project} money={money} reviewing={budget.phase === 'REVIEW'} onReviewed={reload} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="export-heading" className="card">
        <h2 id="export-heading">{t('admin.budgets.export')}</h2>
        <p className="hint">{t('admin.budgets.exportHint')}</p>
        <button type="button" disabled={exporting.fetching} onClick={() => void onExport()}>
          {t('admin.budgets.exportButton')}
        </button>
        {exporting.error ? <AdminProblem error={exporting.error} /> : null}
      </section>
    </Page>
  );
}

function ProjectRow({
  project,
  money,
  reviewing,
  onReviewed,
}: {
  project: Project;
  money(amount: string): string;
  reviewing: boolean;
  onReviewed(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [review, reviewProject] = useMutation(AdminReviewProjectDocument);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');

  async function decide(accept: boolean, event?: FormEvent) {
    event?.preventDefault();
    const result = await reviewProject({ id: project.id, accept, reason: accept ? undefined : reason });
    if (result.data) {
      setRejecting(false);
      onReviewed();
    }
  }

  return (
    <li aria-labelledby={`${id}-title`}>
      <strong id={`${id}-title`}>{project.title}</strong>
      <span className="meta">
        {money(project.cost)} · {t(`projectStatus.${project.status}`)}
        {project.support != null ? ` · ${t('budget.supportOf', { support: formatNumber(project.support, locale()) })}` : ''}
      </span>
      {project.description ? <p>{project.description}</p> : null}
      {project.reviewReason ? <p className="meta">{t('admin.budgets.rejectedBecause', { reason: project.reviewReason })}</p> : null}
      {reviewing && project.status === 'SUBMITTED' && !rejecting ? (
        <div className="actions">
          <button
            type="button"
            disabled={review.fetching}
            onClick={() => void decide(true)}
            aria-label={t('admin.budgets.acceptName', { title: project.title })}
          >
            {t('admin.budgets.accept')}
          </button>
          <button type="button" onClick={() => setRejecting(true)} aria-label={t('admin.budgets.rejectName', { title: project.title })}>
            {t('admin.budgets.reject')}
          </button>
        </div>
      ) : null}
      {rejecting ? (
        <form
          onSubmit={(event) => void decide(false, event)}
          className="narrow"
          aria-label={t('admin.budgets.rejectName', { title: project.title })}
        >
          <label htmlFor={`${id}-reason`}>{t('admin.budgets.reason')}</label>
          <textarea id={`${id}-reason`} required rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
          <div className="actions">
            <button type="submit" className="danger" disabled={review.fetching}>
              {t('admin.budgets.confirmReject')}
            </button>
            <button type="button" onClick={() => setRejecting(false)}>
              {t('admin.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {review.error ? <AdminProblem error={review.error} /> : null}
    </li>
  );
}
