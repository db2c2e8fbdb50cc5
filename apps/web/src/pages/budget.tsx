import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { BudgetBallot, type BudgetBallotChoice } from '../ballots/budget-ballot';
import { BudgetResult } from '../components/budget-result';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { formatAmount, formatNumber } from '../format';
import { BudgetDocument, CastBudgetBallotDocument, SubmitProjectDocument } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';

export function BudgetPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({ query: BudgetDocument, variables: { id } });
  const [ballot, castBallot] = useMutation(CastBudgetBallotDocument);
  const [submission, submitProject] = useMutation(SubmitProjectDocument);
  const [done, setDone] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [cost, setCost] = useState('');

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
  const accepted = budget.projects.filter((project) => project.status === 'ACCEPTED');

  async function vote(choice: BudgetBallotChoice) {
    const result = await castBallot({ input: { budgetId: id, projectIds: choice.projectIds, points: choice.points } });
    if (result.data) announce(t('budget.ballotCast'));
  }

  async function propose(event: FormEvent) {
    event.preventDefault();
    const result = await submitProject({
      input: { budgetId: id, title, description: description || undefined, cost: cost.trim().replace(',', '.') },
    });
    if (result.data) {
      setTitle('');
      setDescription('');
      setCost('');
      announce(t('budget.submitted', { title: result.data.submitProject.title }));
      refetch({ requestPolicy: 'network-only' });
    }
  }

  function announce(message: string) {
    setDone(message);
    requestAnimationFrame(() => document.getElementById('budget-done')?.focus());
  }

  return (
    <Page title={budget.title}>
      <p className="meta">
        {money(budget.amount)} · {t(`phase.${budget.phase}`)} · {t(`ballotRules.${budget.ballotRule}`)}
      </p>
      {budget.description ? <p>{budget.description}</p> : null}
      <p id="budget-done" tabIndex={-1} role="status" className="done">
        {done}
      </p>

      {budget.phase === 'SUBMISSION' ? (
        <section aria-labelledby="submit-heading" className="card">
          <h2 id="submit-heading">{t('budget.submitTitle')}</h2>
          <form onSubmit={propose} className="narrow">
            <label htmlFor="project-title">{t('budget.projectTitle')}</label>
            <input id="project-title" required value={title} onChange={(event) => setTitle(event.target.value)} />
            <label htmlFor="project-description">{t('budget.projectDescription')}</label>
            <textarea id="project-description" rows={3} value={description} onChange={(event) => setDescription(event.target.value)} />
            <label htmlFor="project-cost">{t('budget.projectCost', { currency: budget.currency })}</label>
            <input
              id="project-cost"
              required
              inputMode="decimal"
              pattern="\d+([.,]\d{1,2})?"
              value={cost}
              onChange={(event) => setCost(event.target.value)}
              aria-describedby="cost-hint"
            />
            <p id="cost-hint" className="hint">
              {t('budget.costHint')}
            </p>
            {submission.error ? <Problem error={submission.error} /> : null}
            <button type="submit" className="primary" disabled={submission.fetching}>
              {t('budget.submitProject')}
            </button>
          </form>
        </section>
      ) : null}

      {budget.phase === 'VOTING' ? (
        <section aria-labelledby="ballot-heading">
          <h2 id="ballot-heading">{t('budget.ballotTitle')}</h2>
          {accepted.length === 0 ? (
            <Empty>{t('budget.noProjects')}</Empty>
          ) : (
            <BudgetBallot budget={budget} currency={budget.currency} projects={accepted} disabled={ballot.fetching} onSubmit={vote} />
          )}
          {ballot.error ? <Problem error={ballot.error} /> : null}
        </section>
      ) : null}

      {budget.phase === 'CLOSED' && budget.result ? (
        <section aria-labelledby="result-heading" className="card">
          <h2 id="result-heading">{t('budget.result')}</h2>
          <BudgetResult result={budget.result} currency={budget.currency} />
        </section>
      ) : null}

      {budget.phase !== 'VOTING' ? (
        <section aria-labelledby="projects-heading" className="card">
          <h2 id="projects-heading">{t('budget.projects')}</h2>
          {budget.projects.length === 0 ? <Empty>{t('budget.noProjectsYet')}</Empty> : null}
          <ul className="list">
            {budget.projects.map((project) => (
              <li key={project.id}>
                {project.title}
                <span className="meta">
                  {money(project.cost)} · {t(`projectStatus.${project.status}`)}
                  {project.support != null ? ` · ${t('budget.supportOf', { support: formatNumber(project.support, locale()) })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}
