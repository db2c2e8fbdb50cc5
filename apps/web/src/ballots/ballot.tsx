import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionMethod } from '../graphql/generated/graphql';
import { ballotKind, move, type BallotChoice } from './ballot-kind';

export interface BallotOption {
  id: string;
  label: string;
}

export interface BallotProps {
  method: DecisionMethod;
  options: BallotOption[];
  seats: number;
  /** The member's current vote (open ballots), in order. */
  current?: BallotOption[] | null;
  disabled?: boolean;
  onCast(choice: BallotChoice): void;
}

/** The ballot for a proposal's method: a form named "Ballot" with a control per option and "Cast vote". */
export function Ballot({ method, options, seats, current, disabled, onCast }: BallotProps) {
  const { t } = useTranslation();
  const kind = ballotKind(method);
  const currentIds = current?.map((option) => option.id) ?? [];
  const [single, setSingle] = useState<string | undefined>(kind === 'choice' ? currentIds[0] : undefined);
  const [approved, setApproved] = useState<Set<string>>(() => new Set(kind === 'approval' ? currentIds : []));
  const [ranking, setRanking] = useState<BallotOption[]>(() =>
    kind === 'ranking' && currentIds.length > 0
      ? [
          ...currentIds.map((id) => options.find((option) => option.id === id)!).filter(Boolean),
          ...options.filter((option) => !currentIds.includes(option.id)),
        ]
      : options,
  );
  const [ranked, setRanked] = useState<Set<string>>(
    () => new Set(kind === 'ranking' && currentIds.length > 0 ? currentIds : options.map((option) => option.id)),
  );
  const [scores, setScores] = useState<Record<string, string>>({});
  const [announcement, setAnnouncement] = useState('');
  const [dragged, setDragged] = useState<number | undefined>();
  const [missing, setMissing] = useState(false);

  function choice(): BallotChoice | undefined {
    switch (kind) {
      case 'choice':
        return single ? { optionIds: [single] } : undefined;
      case 'approval':
        return approved.size > 0
          ? { optionIds: options.filter((option) => approved.has(option.id)).map((option) => option.id) }
          : undefined;
      case 'ranking': {
        const optionIds = ranking.filter((option) => ranked.has(option.id)).map((option) => option.id);
        return optionIds.length > 0 ? { optionIds } : undefined;
      }
      case 'score': {
        const scored = options.filter((option) => scores[option.id] !== undefined && scores[option.id] !== '');
        return scored.length > 0
          ? { optionIds: scored.map((option) => option.id), scores: scored.map((option) => Number(scores[option.id])) }
          : undefined;
      }
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const made = choice();
    setMissing(!made);
    if (made) onCast(made);
  }

  function reorder(from: number, to: number) {
    if (to < 0 || to >= ranking.length) return;
    const next = move(ranking, from, to);
    setRanking(next);
    setAnnouncement(t('ballot.movedTo', { label: ranking[from].label, position: to + 1 }));
  }

  function toggleRanked(option: BallotOption, include: boolean) {
    const next = new Set(ranked);
    if (include) next.add(option.id);
    else next.delete(option.id);
    setRanked(next);
    // Unranked options go to the end, so that the ranked ones keep their order at the top.
    if (!include) setRanking([...ranking.filter((item) => item.id !== option.id), option]);
  }

  return (
    <form aria-label={t('ballot.name')} className="ballot" onSubmit={submit}>
      <fieldset disabled={disabled}>
        <legend>{t(`ballot.instructions.${kind}`, { seats })}</legend>
        {kind === 'choice' ? (
          <ul className="choices">
            {options.map((option) => (
              <li key={option.id}>
                <label>
                  <input
                    type="radio"
                    name="choice"
                    value={option.id}
                    checked={single === option.id}
                    onChange={() => setSingle(option.id)}
                  />
                  {t(`options.${option.label}`, { defaultValue: option.label })}
                </label>
              </li>
            ))}
          </ul>
        ) : null}
        {kind === 'approval' ? (
          <ul className="choices">
            {options.map((option) => (
              <li key={option.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={approved.has(option.id)}
                    onChange={(event) => {
                      const next = new Set(approved);
                      if (event.target.checked) next.add(option.id);
                      else next.delete(option.id);
                      setApproved(next);
                    }}
                  />
                  {option.label}
                </label>
              </li>
            ))}
          </ul>
        ) : null}
        {kind === 'ranking' ? (
          <>
            <ol className="ranking">
              {ranking.map((option, index) => {
                const position = ranking.slice(0, index + 1).filter((item) => ranked.has(item.id)).length;
                return (
                  <li
                    key={option.id}
                    draggable={!disabled}
                    className={dragged === index ? 'dragging' : undefined}
                    onDragStart={(event) => {
                      setDragged(index);
                      event.dataTransfer.effectAllowed = 'move';
                      event.dataTransfer.setData('text/plain', option.id);
                    }}
                    onDragOver={(event) => event.preventDefault()}
                    onDrop={(event) => {
                      event.preventDefault();
                      if (dragged !== undefined) reorder(dragged, index);
                      setDragged(undefined);
                    }}
                    onDragEnd={() => setDragged(undefined)}
                  >
                    <span className="rank" aria-hidden="true">
                      {ranked.has(option.id) ? position : '–'}
                    </span>
                    <label>
                      <input
                        type="checkbox"
                        checked={ranked.has(option.id)}
                        onChange={(event) => toggleRanked(option, event.target.checked)}
                      />
                      {option.label}
                    </label>
                    <span className="moves">
                      <button
                        type="button"
                        aria-label={t('ballot.moveUpNamed', { label: option.label })}
                        disabled={index === 0}
                        onClick={() => reorder(index, index - 1)}
                      >
                        {t('ballot.moveUp')}
                      </button>
                      <button
                        type="button"
                        aria-label={t('ballot.moveDownNamed', { label: option.label })}
                        disabled={index === ranking.length - 1}
                        onClick={() => reorder(index, index + 1)}
                      >
                        {t('ballot.moveDown')}
                      </button>
                    </span>
                  </li>
                );
              })}
            </ol>
            <p className="visually-hidden" role="status" aria-live="polite">
              {announcement}
            </p>
          </>
        ) : null}
        {kind === 'score' ? (
          <ul className="choices scores">
            {options.map((option) => (
              <li key={option.id}>
                <label htmlFor={`score-${option.id}`}>{option.label}</label>
                <select
                  id={`score-${option.id}`}
                  value={scores[option.id] ?? ''}
                  onChange={(event) => setScores({ ...scores, [option.id]: event.target.value })}
                >
                  <option value="">{t('ballot.notScored')}</option>
                  {[0, 1, 2, 3, 4, 5].map((score) => (
                    <option key={score} value={String(score)}>
                      {score}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
        ) : null}
        {missing ? (
          <p className="problem" role="alert">
            {t('ballot.nothingChosen')}
          </p>
        ) : null}
        <button type="submit" className="primary">
          {t('ballot.cast')}
        </button>
      </fieldset>
    </form>
  );
}
