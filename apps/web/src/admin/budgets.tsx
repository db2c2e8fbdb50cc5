import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { BudgetList } from '../components/budget-list';
import { Page } from '../components/page';
import {
  AdminCreateBudgetDocument,
  AdminImportPabulibDocument,
  type AllocationMethod,
  type BallotRule,
} from '../graphql/generated/graphql';
import { AdminGate, AdminProblem } from './admin-gate';

export function AdminBudgetsPage() {
  const { t } = useTranslation();
  return (
    <AdminGate>
      <Page title={t('admin.budgets.title')}>
        <AdminBudgetList />
        <CreateBudget />
        <ImportPabulib />
      </Page>
    </AdminGate>
  );
}

function AdminBudgetList() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="budget-list-heading" className="card">
      <h2 id="budget-list-heading">{t('admin.budgets.list')}</h2>
      <BudgetList linkBase="/admin/budgets" />
    </section>
  );
}

function CreateBudget() {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const [creation, create] = useMutation(AdminCreateBudgetDocument);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [ballotRule, setBallotRule] = useState<BallotRule>('KNAPSACK');
  const [allocationMethod, setAllocationMethod] = useState<AllocationMethod>('GREEDY');
  const [minProjects, setMinProjects] = useState('');
  const [maxProjects, setMaxProjects] = useState('');
  const [points, setPoints] = useState('');
  const whole = (value: string) => (value.trim() === '' ? undefined : Number(value));

  async function onCreate(event: FormEvent) {
    event.preventDefault();
    const result = await create({
      input: {
        title,
        description: description || undefined,
        amount: amount.trim().replace(',', '.'),
        currency: currency.trim().toUpperCase() || undefined,
        ballotRule,
        allocationMethod,
        minProjects: ballotRule === 'APPROVAL' ? whole(minProjects) : undefined,
        maxProjects: ballotRule === 'APPROVAL' ? whole(maxProjects) : undefined,
        points: ballotRule === 'CUMULATIVE' ? whole(points) : undefined,
      },
    });
    if (result.data) navigate(`/admin/budgets/${result.data.createBudget.id}`);
  }

  return (
    <section aria-labelledby="create-budget-heading" className="card">
      <h2 id="create-budget-heading">{t('admin.budgets.create')}</h2>
      <form onSubmit={onCreate} className="narrow">
        <label htmlFor={`${id}-title`}>{t('admin.budgets.budgetTitle')}</label>
        <input id={`${id}-title`} required value={title} onChange={(event) => setTitle(event.target.value)} />
        <label htmlFor={`${id}-description`}>{t('admin.budgets.description')}</label>
        <textarea id={`${id}-description`} rows={2} value={description} onChange={(event) => setDescription(event.target.value)} />
        <label htmlFor={`${id}-amount`}>{t('admin.budgets.amount')}</label>
        <input
          id={`${id}-amount`}
          required
          inputMode="decimal"
          pattern="\d+([.,]\d{1,2})?"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          aria-describedby={`${id}-amount-hint`}
        />
        <p id={`${id}-amount-hint`} className="hint">
          {t('budget.costHint')}
        </p>
        <label htmlFor={`${id}-currency`}>{t('admin.budgets.currency')}</label>
        <input
          id={`${id}-currency`}
          required
          pattern="[A-Za-z]{3}"
          maxLength={3}
          value={currency}
          onChange={(event) => setCurrency(event.target.value)}
        />
        <label htmlFor={`${id}-rule`}>{t('admin.budgets.ballotRule')}</label>
        <select id={`${id}-rule`} value={ballotRule} onChange={(event) => setBallotRule(event.target.value as BallotRule)}>
          {(['KNAPSACK', 'APPROVAL', 'CUMULATIVE'] as const).map((rule) => (
            <option key={rule} value={rule}>
              {t(`admin.budgets.rules.${rule}`)}
            </option>
          ))}
        </select>
        {ballotRule === 'APPROVAL' ? (
          <>
            <label htmlFor={`${id}-min`}>{t('admin.budgets.minProjects')}</label>
            <input
              id={`${id}-min`}
              type="number"
              min={0}
              step={1}
              value={minProjects}
              onChange={(event) => setMinProjects(event.target.value)}
            />
            <label htmlFor={`${id}-max`}>{t('admin.budgets.maxProjects')}</label>
            <input
              id={`${id}-max`}
              type="number"
              min={1}
              step={1}
              value={maxProjects}
              onChange={(event) => setMaxProjects(event.target.value)}
            />
          </>
        ) : null}
        {ballotRule === 'CUMULATIVE' ? (
          <>
            <label htmlFor={`${id}-points`}>{t('admin.budgets.points')}</label>
            <input
              id={`${id}-points`}
              type="number"
              min={1}
              step={1}
              required
              value={points}
              onChange={(event) => setPoints(event.target.value)}
            />
          </>
        ) : null}
        <label htmlFor={`${id}-method`}>{t('admin.budgets.method')}</label>
        <select
          id={`${id}-method`}
          value={allocationMethod}
          onChange={(event) => setAllocationMethod(event.target.value as AllocationMethod)}
        >
          {(['GREEDY', 'EQUAL_SHARES'] as const).map((method) => (
            <option key={method} value={method}>
              {t(`admin.budgets.methods.${method}`)}
            </option>
          ))}
        </select>
        {creation.error ? <AdminProblem error={creation.error} /> : null}
        <button type="submit" className="primary" disabled={creation.fetching}>
          {t('admin.budgets.createButton')}
        </button>
      </form>
    </section>
  );
}

/** A Pabulib .pb file, read in the browser and sent whole; a refusal names the line the API named. */
function ImportPabulib() {
  const { t } = useTranslation();
  const id = useId();
  const [imported, importPabulib] = useMutation(AdminImportPabulibDocument);
  const [file, setFile] = useState<File | undefined>();
  const [method, setMethod] = useState<AllocationMethod | ''>('');
  const [progress, setProgress] = useState<'' | 'reading' | 'sending'>('');
  const [budget, setBudget] = useState<{ id: string; title: string } | undefined>();

  async function onImport(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBudget(undefined);
    setProgress('reading');
    const content = await file.text();
    setProgress('sending');
    const result = await importPabulib({ content, method: method || undefined });
    setProgress('');
    if (result.data) setBudget(result.data.importPabulib);
  }

  return (
    <section aria-labelledby="import-heading" className="card">
      <h2 id="import-heading">{t('admin.budgets.import')}</h2>
      <form onSubmit={onImport} className="narrow">
        <label htmlFor={`${id}-file`}>{t('admin.budgets.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".pb,text/plain"
          required
          onChange={(event: ChangeEvent<HTMLInputElement>) => setFile(event.target.files?.[0])}
        />
        <label htmlFor={`${id}-import-method`}>{t('admin.budgets.method')}</label>
        <select id={`${id}-import-method`} value={method} onChange={(event) => setMethod(event.target.value as AllocationMethod | '')}>
          <option value="">{t('admin.budgets.methodFromFile')}</option>
          {(['GREEDY', 'EQUAL_SHARES'] as const).map((value) => (
            <option key={value} value={value}>
              {t(`admin.budgets.methods.${value}`)}
            </option>
          ))}
        </select>
        <p role="status" className="hint">
          {progress ? t(`admin.budgets.progress.${progress}`, { size: file ? Math.ceil(file.size / 1024) : 0 }) : ''}
        </p>
        {imported.error ? <AdminProblem error={imported.error} /> : null}
        <button type="submit" className="primary" disabled={imported.fetching || progress !== ''}>
          {t('admin.budgets.importButton')}
        </button>
      </form>
      {budget ? (
        <p className="done" role="status">
          {t('admin.budgets.imported')} <Link to={`/admin/budgets/${budget.id}`}>{budget.title}</Link>
        </p>
      ) : null}
    </section>
  );
}
