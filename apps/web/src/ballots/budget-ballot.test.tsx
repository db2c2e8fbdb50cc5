import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BudgetBallot } from './budget-ballot';

const PROJECTS = [
  { id: 'p1', title: 'Bike racks', cost: '400.50' },
  { id: 'p2', title: 'Library', cost: '700' },
  { id: 'p3', title: 'Garden', cost: '200' },
];

describe('BudgetBallot', () => {
  it('KNAPSACK: shows the money left as projects are chosen and refuses a ballot over the amount', async () => {
    const onSubmit = vi.fn();
    render(<BudgetBallot budget={{ amount: '1000', ballotRule: 'KNAPSACK' }} currency="EUR" projects={PROJECTS} onSubmit={onSubmit} />);
    expect(screen.getByRole('form', { name: 'Budget ballot' })).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Bike racks'));
    expect(screen.getByRole('status')).toHaveTextContent('€400.50 chosen, €599.50 left of €1,000.00.');
    await userEvent.click(screen.getByLabelText('Library'));
    expect(screen.getByRole('status')).toHaveTextContent('-€100.50 left');
    expect(screen.getByRole('status')).toHaveTextContent('That is more than the budget.');
    await userEvent.click(screen.getByRole('button', { name: 'Submit ballot' }));
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.click(screen.getByLabelText('Library'));
    await userEvent.click(screen.getByLabelText('Garden'));
    await userEvent.click(screen.getByRole('button', { name: 'Submit ballot' }));
    expect(onSubmit).toHaveBeenCalledWith({ projectIds: ['p1', 'p3'] });
  });

  it('APPROVAL: counts the projects chosen against min and max', async () => {
    const onSubmit = vi.fn();
    render(
      <BudgetBallot
        budget={{ amount: '1000', ballotRule: 'APPROVAL', minProjects: 1, maxProjects: 2 }}
        currency="PLN"
        projects={PROJECTS}
        onSubmit={onSubmit}
      />,
    );
    for (const title of ['Bike racks', 'Library', 'Garden']) await userEvent.click(screen.getByLabelText(title));
    expect(screen.getByRole('status')).toHaveTextContent('3 chosen, of 1 to 2. Choose fewer projects.');
    await userEvent.click(screen.getByRole('button', { name: 'Submit ballot' }));
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.click(screen.getByLabelText('Bike racks'));
    await userEvent.click(screen.getByRole('button', { name: 'Submit ballot' }));
    expect(onSubmit).toHaveBeenCalledWith({ projectIds: ['p2', 'p3'] });
  });

  it('CUMULATIVE: a points field per project, points left shown, at most the points given', async () => {
    const onSubmit = vi.fn();
    render(
      <BudgetBallot
        budget={{ amount: '1000', ballotRule: 'CUMULATIVE', points: 10 }}
        currency="EUR"
        projects={PROJECTS}
        onSubmit={onSubmit}
      />,
    );
    const garden = screen.getByLabelText('Garden');
    await userEvent.clear(garden);
    await userEvent.type(garden, '7');
    expect(screen.getByRole('status')).toHaveTextContent('7 points given, 3 left of 10.');
    const library = screen.getByLabelText('Library');
    await userEvent.clear(library);
    await userEvent.type(library, '4');
    expect(screen.getByRole('status')).toHaveTextContent('That is more points than you have.');
    await userEvent.click(screen.getByRole('button', { name: 'Submit ballot' }));
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.clear(library);
    await userEvent.type(library, '3');
    await userEvent.click(screen.getByRole('button', { name: 'Submit ballot' }));
    expect(onSubmit).toHaveBeenCalledWith({ projectIds: ['p2', 'p3'], points: [3, 7] });
  });
});
