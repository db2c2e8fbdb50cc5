import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount } from '../format';
import { locale } from '../i18n/i18n';
import { budgetBallotStatus, type BudgetForBallot } from './budget-rules';

export interface BudgetBallotProject {
  id: string;
  title: string;
  cost: string;
  description?: string | null;
}

export interface BudgetBallotChoice {
  projectIds: string[];
  points?: number[];
}

/** The ballot of a budget in VOTING: a form named "Budget ballot", one checkbox (or points field) per project. */
export function BudgetBallot({
  budget,
  currency,
  projects,
  disabled,
  onSubmit,
}: {
  budget: BudgetForBallot;
  currency: string;
  projects: BudgetBallotProject[];
  disabled?: boolean;
  onSubmit(choice: BudgetBallotChoice): void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [points, setPoints] = useState<Record<string, number>>({});
  const [tried, setTried] = useState(false);
  const cumulative = budget.ballotRule === 'CUMULATIVE';
  const status = budgetBallotStatus(budget, projects, chosen, points);
  const money = (amount: string) => formatAmount(amount, locale(), currency);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (status.problem !== 'none') return;
    if (cumulative) {
      const given = projects.filter((project) => (points[project.id] ?? 0) > 0);
      onSubmit({ projectIds: given.map((project) => project.id), points: given.map((project) => points[project.id]) });
    } else onSubmit({ projectIds: projects.filter((project) => chosen.has(project.id)).map((project) => project.id) });
  }

  const feedback =
    budget.ballotRule === 'APPROVAL'
      ? t('budgetBallot.approvalFeedback', {
          chosen: status.chosen,
          min: budget.minProjects ?? 1,
          max: budget.maxProjects ?? projects.length,
        })
      : budget.ballotRule === 'KNAPSACK'
        ? t('budgetBallot.knapsackFeedback', { spent: money(status.spent), left: money(status.left), amount: money(budget.amount) })
        : t('budgetBallot.cumulativeFeedback', { used: status.pointsUsed, left: status.pointsLeft, points: budget.points ?? 0 });

  return (
    <form aria-label={t('budgetBallot.name')} className="ballot" onSubmit={submit}>
      <fieldset disabled={disabled}>
        <legend>
          {t(`budgetBallot.instructions.${budget.ballotRule}`, {
            min: budget.minProjects ?? 1,
            max: budget.maxProjects ?? projects.length,
            points: budget.points ?? 0,
            amount: money(budget.amount),
          })}
        </legend>
        <ul className="choices">
          {projects.map((project) => (
            <li key={project.id}>
              {cumulative ? (
                <>
                  <label htmlFor={`points-${project.id}`}>{project.title}</label>
                  <input
                    id={`points-${project.id}`}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={budget.points ?? undefined}
                    step={1}
                    value={points[project.id] ?? 0}
                    onChange={(event) => setPoints({ ...points, [project.id]: Math.max(0, Math.floor(Number(event.target.value) || 0)) })}
                  />
                </>
              ) : (
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.has(project.id)}
                    onChange={(event) => {
                      const next = new Set(chosen);
                      if (event.target.checked) next.add(project.id);
                      else next.delete(project.id);
                      setChosen(next);
                    }}
                  />
                  {project.title}
                </label>
              )}
              <span className="meta"> {money(project.cost)}</span>
              {project.description ? <p className="hint">{project.description}</p> : null}
            </li>
          ))}
        </ul>
        <p className={status.problem === 'none' ? 'feedback' : 'feedback warn'} role="status" aria-live="polite">
          {feedback}
          {status.problem !== 'none' && (tried || status.problem !== 'tooFew') ? ` ${t(`budgetBallot.problem.${status.problem}`)}` : ''}
        </p>
        <button type="submit" className="primary">
          {t('budgetBallot.submit')}
        </button>
      </fieldset>
    </form>
  );
}
