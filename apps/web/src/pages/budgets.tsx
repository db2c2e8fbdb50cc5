import { useTranslation } from 'react-i18next';
import { BudgetList } from '../components/budget-list';
import { Page } from '../components/page';

export function BudgetsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('budgets.title')}>
      <BudgetList linkBase="/budgets" className="list card" />
    </Page>
  );
}
