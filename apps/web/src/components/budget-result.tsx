import { useTranslation } from 'react-i18next';
import { formatAmount, formatNumber } from '../format';
import { locale } from '../i18n/i18n';
import { Empty } from './states';

export interface BudgetResultView {
  spent: string;
  leftover: string;
  voters: number;
  funded: ReadonlyArray<{ id: string; title: string; cost: string; support?: number | null }>;
}

/** A closed budget's result: what was spent and left over, and the funded projects with their support. */
export function BudgetResult({ result, currency }: { result: BudgetResultView; currency: string }) {
  const { t } = useTranslation();
  const money = (amount: string) => formatAmount(amount, locale(), currency);
  return (
    <>
      <p>{t('budget.resultSummary', { spent: money(result.spent), leftover: money(result.leftover), voters: result.voters })}</p>
      {result.funded.length === 0 ? <Empty>{t('budget.noneFunded')}</Empty> : null}
      <div className="scroll">
        <table>
          <caption>{t('budget.funded')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('budget.project')}</th>
              <th scope="col">{t('budget.cost')}</th>
              <th scope="col">{t('budget.support')}</th>
            </tr>
          </thead>
          <tbody>
            {result.funded.map((project) => (
              <tr key={project.id}>
                <th scope="row">{project.title}</th>
                <td>{money(project.cost)}</td>
                <td>{project.support == null ? '' : formatNumber(project.support, locale())}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
