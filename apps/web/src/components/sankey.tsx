import { sankey, sankeyLeft, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import { useEffect, useState } from 'react';
import { addDecimals, compareDecimals } from '../format';

export interface Flow {
  from: string;
  to: string;
  /** A Decimal string: exact, never a float. */
  amount: string;
}

export interface FlowNode {
  id: string;
  /** The exact amount through the account: what came in, or what went out if more (the surplus' source). */
  amount: string;
}

/**
 * The accounts of a set of flows, in the order they first appear, each with its exact amount: the larger of
 * its inflows and its outflows (what d3-sankey sizes it by), summed as decimals.
 */
export function flowNodes(flows: readonly Flow[]): FlowNode[] {
  const ins = new Map<string, string[]>();
  const outs = new Map<string, string[]>();
  const order: string[] = [];
  for (const flow of flows) {
    for (const id of [flow.from, flow.to]) {
      if (ins.has(id)) continue;
      ins.set(id, []);
      outs.set(id, []);
      order.push(id);
    }
    outs.get(flow.from)!.push(flow.amount);
    ins.get(flow.to)!.push(flow.amount);
  }
  return order.map((id) => {
    const inflow = addDecimals(['0', ...ins.get(id)!]);
    const outflow = addDecimals(['0', ...outs.get(id)!]);
    return { id, amount: compareDecimals(inflow, outflow) >= 0 ? inflow : outflow };
  });
}

type NodeDatum = { id: string; amount: string };
type LinkDatum = { amount: string };
type LaidNode = SankeyNode<NodeDatum, LinkDatum>;
type LaidLink = SankeyLink<NodeDatum, LinkDatum>;

/**
 * The drawing's own units: wide with room for labels of 16 characters a line, or, on a phone, narrower with
 * shorter lines so that the text, scaled down with the viewBox, stays readable. `labelRoom` is the space on
 * the right for the last column's labels (every label sits right of its node).
 */
const SIZES = {
  wide: { width: 640, labelRoom: 130, nodeWidth: 14, row: 84, lineChars: 16, font: 13 },
  narrow: { width: 400, labelRoom: 100, nodeWidth: 8, row: 72, lineChars: 10, font: 11 },
} as const;
const NARROW = '(max-width: 40rem)';

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => typeof matchMedia === 'function' && matchMedia(NARROW).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia(NARROW);
    const changed = () => setNarrow(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return narrow;
}
const LINE_HEIGHT = 1.15;

/** A name in lines of about `lineChars`, broken at spaces (each line but the last keeps its space, so the text reads whole). */
function lines(text: string, lineChars: number): string[] {
  const result: string[] = [];
  for (const word of text.split(' ')) {
    const last = result.length - 1;
    if (last >= 0 && result[last].length + word.length < lineChars) result[last] += ` ${word}`;
    else result.push(word);
  }
  return result.map((line, index) => (index < result.length - 1 ? `${line} ` : line));
}

/**
 * A Sankey diagram of money flows, laid out by d3-sankey and drawn as SVG by React. The widths are floats
 * (only the drawing needs them); every amount written on it is the exact decimal, formatted by `money`.
 * The SVG scales with its viewBox to any width; `summary` is its accessible name, and a table of the same
 * flows should sit beside it for reading.
 */
export function SankeyDiagram({
  flows,
  label,
  money,
  summary,
}: {
  flows: readonly Flow[];
  label: (account: string) => string;
  money: (amount: string) => string;
  summary: string;
}) {
  const size = SIZES[useNarrow() ? 'narrow' : 'wide'];
  const nodes = flowNodes(flows);
  const depth = new Map<string, number>();
  // Rough column count for the height: the longest chain of accounts.
  for (let pass = 0; pass < nodes.length; pass += 1)
    for (const flow of flows) depth.set(flow.to, Math.max(depth.get(flow.to) ?? 0, (depth.get(flow.from) ?? 0) + 1));
  const perColumn = new Map<number, number>();
  for (const node of nodes) perColumn.set(depth.get(node.id) ?? 0, (perColumn.get(depth.get(node.id) ?? 0) ?? 0) + 1);
  const height = Math.max(240, Math.max(1, ...perColumn.values()) * size.row);
  const layout = sankey<NodeDatum, LinkDatum>()
    .nodeId((node) => node.id)
    .nodeWidth(size.nodeWidth)
    .nodeAlign(sankeyLeft)
    .nodePadding(48)
    .extent([
      [1, 24],
      [size.width - size.labelRoom, height - 24],
    ]);
  const graph = layout({
    nodes: nodes.map((node) => ({ ...node })),
    // Floats for the widths only.
    links: flows.map((flow) => ({ source: flow.from, target: flow.to, value: Number(flow.amount), amount: flow.amount })),
  });
  const path = sankeyLinkHorizontal<NodeDatum, LinkDatum>();
  return (
    <svg className="sankey" role="img" aria-label={summary} viewBox={`0 0 ${size.width} ${height}`} preserveAspectRatio="xMidYMid meet">
      <g className="sankey-links">
        {graph.links.map((link: LaidLink, index) => (
          <path key={index} d={path(link) ?? undefined} strokeWidth={Math.max(1, link.width ?? 1)} />
        ))}
      </g>
      <g className="sankey-nodes">
        {graph.nodes.map((node: LaidNode) => {
          const x0 = node.x0 ?? 0;
          const x1 = node.x1 ?? 0;
          const y0 = node.y0 ?? 0;
          const y1 = node.y1 ?? 0;
          const x = x1 + 6;
          const y = (y0 + y1) / 2;
          const name = lines(label(node.id), size.lineChars);
          return (
            <g key={node.id} className="sankey-node" data-account={node.id}>
              <rect x={x0} y={y0} width={x1 - x0} height={Math.max(2, y1 - y0)} />
              <text x={x} y={y} textAnchor="start" fontSize={size.font}>
                <tspan className="sankey-name">
                  {name.map((line, index) => (
                    <tspan key={index} x={x} dy={`${index === 0 ? (-name.length * LINE_HEIGHT) / 2 + 0.1 : LINE_HEIGHT}em`}>
                      {line}
                    </tspan>
                  ))}
                </tspan>
                <tspan className="sankey-amount" x={x} dy={`${LINE_HEIGHT}em`}>
                  {money(node.amount)}
                </tspan>
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
