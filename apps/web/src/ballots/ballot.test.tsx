import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Ballot } from './ballot';

const CHOICE = [
  { id: 'for', label: 'FOR' },
  { id: 'against', label: 'AGAINST' },
  { id: 'abstain', label: 'ABSTAIN' },
];
const THREE = [
  { id: 'a', label: 'Apples' },
  { id: 'b', label: 'Bread' },
  { id: 'c', label: 'Cheese' },
];

function ballot() {
  return screen.getByRole('form', { name: 'Ballot' });
}

function rankedLabels(): string[] {
  return within(ballot())
    .getAllByRole('listitem')
    .map((item) => within(item).getByRole('checkbox').closest('label')!.textContent!);
}

describe('Ballot', () => {
  it.each(['MAJORITY', 'SUPERMAJORITY'] as const)('%s: one choice among For, Against, Abstain', async (method) => {
    const onCast = vi.fn();
    render(<Ballot method={method} options={CHOICE} seats={1} onCast={onCast} />);
    await userEvent.click(screen.getByLabelText('Against'));
    await userEvent.click(screen.getByRole('button', { name: 'Cast vote' }));
    expect(onCast).toHaveBeenCalledWith({ optionIds: ['against'] });
  });

  it('CONSENT: the three consent options, one of them', async () => {
    const onCast = vi.fn();
    const options = [
      { id: 'c', label: 'CONSENT' },
      { id: 'o', label: 'OBJECT' },
      { id: 's', label: 'STAND_ASIDE' },
    ];
    render(<Ballot method="CONSENT" options={options} seats={1} onCast={onCast} />);
    expect(screen.getAllByRole('radio')).toHaveLength(3);
    await userEvent.click(screen.getByLabelText('Stand aside'));
    await userEvent.click(screen.getByRole('button', { name: 'Cast vote' }));
    expect(onCast).toHaveBeenCalledWith({ optionIds: ['s'] });
  });

  it('starts from the current vote of an open ballot', () => {
    render(<Ballot method="MAJORITY" options={CHOICE} seats={1} current={[CHOICE[2]]} onCast={vi.fn()} />);
    expect(screen.getByLabelText('Abstain')).toBeChecked();
  });

  it('refuses to cast an empty ballot, saying why', async () => {
    const onCast = vi.fn();
    render(<Ballot method="MAJORITY" options={CHOICE} seats={1} onCast={onCast} />);
    await userEvent.click(screen.getByRole('button', { name: 'Cast vote' }));
    expect(onCast).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Choose at least one option first.');
  });

  it('APPROVAL: a set of options, in the proposal’s order, with the seats said', async () => {
    const onCast = vi.fn();
    render(<Ballot method="APPROVAL" options={THREE} seats={2} onCast={onCast} />);
    expect(within(ballot()).getByText(/seats to fill: 2/)).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Cheese'));
    await userEvent.click(screen.getByLabelText('Apples'));
    await userEvent.click(screen.getByLabelText('Bread'));
    await userEvent.click(screen.getByLabelText('Bread'));
    await userEvent.click(screen.getByRole('button', { name: 'Cast vote' }));
    expect(onCast).toHaveBeenCalledWith({ optionIds: ['a', 'c'] });
  });

  it.each(['RANKED_CHOICE', 'SCHULZE'] as const)(
    '%s: reorders with Move up / Move down and leaves out unticked options',
    async (method) => {
      const onCast = vi.fn();
      render(<Ballot method={method} options={THREE} seats={1} onCast={onCast} />);
      expect(rankedLabels()).toEqual(['Apples', 'Bread', 'Cheese']);
      expect(screen.getByRole('button', { name: 'Move up: Apples' })).toBeDisabled();
      await userEvent.click(screen.getByRole('button', { name: 'Move up: Cheese' }));
      expect(rankedLabels()).toEqual(['Apples', 'Cheese', 'Bread']);
      expect(screen.getByRole('status')).toHaveTextContent('Cheese is now in place 2.');
      await userEvent.click(screen.getByRole('button', { name: 'Move down: Apples' }));
      expect(rankedLabels()).toEqual(['Cheese', 'Apples', 'Bread']);
      await userEvent.click(screen.getByLabelText('Apples'));
      expect(rankedLabels()).toEqual(['Cheese', 'Bread', 'Apples']);
      await userEvent.click(screen.getByRole('button', { name: 'Cast vote' }));
      expect(onCast).toHaveBeenCalledWith({ optionIds: ['c', 'b'] });
    },
  );

  it('RANKED_CHOICE: reorders by drag and drop', async () => {
    const onCast = vi.fn();
    render(<Ballot method="RANKED_CHOICE" options={THREE} seats={1} onCast={onCast} />);
    const items = within(ballot()).getAllByRole('listitem');
    const dataTransfer = { setData: vi.fn(), effectAllowed: '' };
    fireEvent.dragStart(items[2], { dataTransfer });
    fireEvent.dragOver(items[0], { dataTransfer });
    fireEvent.drop(items[0], { dataTransfer });
    expect(rankedLabels()).toEqual(['Cheese', 'Apples', 'Bread']);
    await userEvent.click(screen.getByRole('button', { name: 'Cast vote' }));
    expect(onCast).toHaveBeenCalledWith({ optionIds: ['c', 'a', 'b'] });
  });

  it('RANKED_CHOICE: starts from the current ranking', () => {
    render(<Ballot method="RANKED_CHOICE" options={THREE} seats={1} current={[THREE[1], THREE[0]]} onCast={vi.fn()} />);
    expect(rankedLabels()).toEqual(['Bread', 'Apples', 'Cheese']);
    expect(screen.getByLabelText('Cheese')).not.toBeChecked();
  });

  it('SCORE: a score from 0 to 5 per option, unscored options left out', async () => {
    const onCast = vi.fn();
    render(<Ballot method="SCORE" options={THREE} seats={1} onCast={onCast} />);
    const apples = screen.getByLabelText('Apples');
    expect(
      within(apples)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Not scored', '0', '1', '2', '3', '4', '5']);
    await userEvent.selectOptions(apples, '5');
    await userEvent.selectOptions(screen.getByLabelText('Cheese'), '0');
    await userEvent.click(screen.getByRole('button', { name: 'Cast vote' }));
    expect(onCast).toHaveBeenCalledWith({ optionIds: ['a', 'c'], scores: [5, 0] });
  });
});
