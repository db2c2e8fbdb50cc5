import { describe, expect, it } from 'vitest';
import { flowNodes } from './sankey';

describe('flowNodes', () => {
  it('gives each account, in order of appearance, the larger of its inflow and outflow, exactly', () => {
    const flows = [
      { from: 'revenue', to: 'surplus', amount: '1000.01' },
      { from: 'revenue', to: 'expenses', amount: '0.10' },
      { from: 'surplus', to: 'commons', amount: '200.00' },
      { from: 'surplus', to: 'reserve', amount: '800.01' },
      { from: 'commons', to: 'budget:1', amount: '150.00' },
    ];
    expect(flowNodes(flows)).toEqual([
      { id: 'revenue', amount: '1000.11' },
      { id: 'surplus', amount: '1000.01' },
      { id: 'expenses', amount: '0.10' },
      { id: 'commons', amount: '200.00' },
      { id: 'reserve', amount: '800.01' },
      { id: 'budget:1', amount: '150.00' },
    ]);
  });
});
