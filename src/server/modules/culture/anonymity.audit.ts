/**
 * The exact check behind the anonymity engine's audit (rule 5 in anonymity.ts):
 * can ANY set of atoms holding 1..min−1 respondents be computed by adding and
 * subtracting shown groups? Pure graph code, no knowledge of units or levels.
 *
 * Why a graph: within one level, the shown cells span the same space as their
 * residual blocks (a cell minus its nearest shown descendants), which are
 * disjoint; the shown all-levels cells likewise. So x (a vector over the atoms)
 * is a combination of shown cells exactly when x(atom) = a(row) − q(col), with
 * row = the atom's level block, col = its all-levels block, and a = q = 0 on the
 * two "no block" nodes. For x the indicator of a set, a and q can be taken as
 * integers, and cutting at each threshold splits the set into sets of this form:
 * pick a node set U (both "no block" nodes on the same side); no atom may run
 * from a column block in U to a row block outside; the set = the atoms running
 * from a row block in U to a column block outside. Every such set is
 * computable, and every computable set is a disjoint union of them.
 * Hence: safe ⇔ every non-empty such cut holds ≥ min respondents, a minimum cut
 * in a directed graph (atom r→c with capacity n, c→r unbounded). Atoms of ≥ min
 * respondents can never lie in a small cut, so their ends are merged first,
 * which leaves small graphs; then max-flows capped at min find any small cut.
 */

export interface CutGraph {
  /** Per atom: its level block and its all-levels block (the two kinds of ids never coincide). */
  ends: ReadonlyArray<readonly [number, number]>;
  /** Respondents per atom (≥ 1). */
  weights: readonly number[];
  /** The "no block" nodes of each kind. */
  noneRow: number;
  noneCol: number;
  min: number;
}

/** A computable set of 1..min−1 respondents: its atoms, and the block nodes on the inner side of its cut. */
export interface SmallCut { atoms: number[]; inside: Set<number> }

export function findSmallCut(g: CutGraph): SmallCut | null {
  const root = contract(g);
  const super_ = (node: number) => find(root, node);
  const ids = new Map<number, number>();
  for (const node of root.keys()) if (super_(node) === node) ids.set(node, ids.size);
  const net = new Network(ids.size);
  const arcs = new Map<string, number>();
  g.ends.forEach(([r, c], atom) => {
    const x = ids.get(super_(r))!;
    const y = ids.get(super_(c))!;
    if (x === y) return;
    const key = `${x}/${y}`;
    if (!arcs.has(key)) arcs.set(key, net.arc(x, y, 0, Infinity));
    net.cap[arcs.get(key)!]! += g.weights[atom]!;
  });
  for (const component of net.components()) {
    const [s, ...rest] = component;
    for (const t of rest) {
      for (const [from, to] of [[s!, t], [t, s!]] as const) {
        const reach = net.cappedFlow(from, to, g.min);
        if (!reach) continue;
        const insideSuper = new Set([...ids].filter(([, id]) => reach[id]).map(([node]) => node));
        const inside = new Set([...root.keys()].filter((node) => insideSuper.has(super_(node))));
        const atoms = g.ends.flatMap(([r, c], atom) => (inside.has(r) && !inside.has(c) ? [atom] : []));
        return { atoms, inside };
      }
    }
  }
  return null;
}

/** Merges what no small cut can separate: ends of big atoms, the two "no block" nodes, pairs joined both ways or by ≥ min. */
function contract(g: CutGraph): Map<number, number> {
  const root = new Map<number, number>([[g.noneRow, g.noneRow], [g.noneCol, g.noneCol]]);
  for (const [r, c] of g.ends) for (const end of [r, c]) root.set(end, end);
  const union = (a: number, b: number) => {
    const [x, y] = [find(root, a), find(root, b)];
    if (x === y) return false;
    root.set(Math.max(x, y), Math.min(x, y));
    return true;
  };
  union(g.noneRow, g.noneCol);
  g.ends.forEach(([r, c], atom) => g.weights[atom]! >= g.min && union(r, c));
  for (let changed = true; changed; ) {
    changed = false;
    const forward = new Map<string, number>();
    g.ends.forEach(([r, c], atom) => {
      const [x, y] = [find(root, r), find(root, c)];
      if (x !== y) forward.set(`${x}/${y}`, (forward.get(`${x}/${y}`) ?? 0) + g.weights[atom]!);
    });
    for (const [key, w] of forward) {
      const [x, y] = key.split('/').map(Number) as [number, number];
      if ((w >= g.min || forward.has(`${y}/${x}`)) && union(x, y)) changed = true;
    }
  }
  return root;
}

function find(root: Map<number, number>, node: number): number {
  let r = node;
  while (root.get(r) !== r) r = root.get(r)!;
  for (let n = node; n !== r; ) {
    const next = root.get(n)!;
    root.set(n, r);
    n = next;
  }
  return r;
}

/** A flow network with paired arcs (arc i and its reverse i ^ 1). */
class Network {
  readonly cap: number[] = [];
  private readonly to: number[] = [];
  private readonly out: number[][];
  constructor(readonly size: number) {
    this.out = Array.from({ length: size }, () => []);
  }
  /** Adds x→y with capacity c and y→x with capacity back; returns the index of x→y. */
  arc(x: number, y: number, c: number, back: number): number {
    this.out[x]!.push(this.to.length);
    this.to.push(y);
    this.cap.push(c);
    this.out[y]!.push(this.to.length);
    this.to.push(x);
    this.cap.push(back);
    return this.to.length - 2;
  }
  components(): number[][] {
    const seen = new Array<boolean>(this.size).fill(false);
    const out: number[][] = [];
    for (let s = 0; s < this.size; s++) {
      if (seen[s]) continue;
      seen[s] = true;
      const comp = [s];
      for (let i = 0; i < comp.length; i++) {
        for (const a of this.out[comp[i]!]!) {
          if (seen[this.to[a]!]) continue;
          seen[this.to[a]!] = true;
          comp.push(this.to[a]!);
        }
      }
      out.push(comp);
    }
    return out;
  }
  /** Max-flow s→t stopped at `limit`: below it, the nodes reachable from s in the residual network (a minimum cut); else null. */
  cappedFlow(s: number, t: number, limit: number): boolean[] | null {
    const res = [...this.cap];
    for (let flow = 0; ; ) {
      const via = new Array<number>(this.size).fill(-1);
      const seen = new Array<boolean>(this.size).fill(false);
      seen[s] = true;
      const queue = [s];
      for (let i = 0; i < queue.length && !seen[t]; i++) {
        for (const a of this.out[queue[i]!]!) {
          const w = this.to[a]!;
          if (seen[w] || res[a]! <= 0) continue;
          seen[w] = true;
          via[w] = a;
          queue.push(w);
        }
      }
      if (!seen[t]) return flow > 0 ? seen : null;
      let push = limit - flow;
      for (let v = t; v !== s; v = this.to[via[v]! ^ 1]!) push = Math.min(push, res[via[v]!]!);
      for (let v = t; v !== s; v = this.to[via[v]! ^ 1]!) {
        res[via[v]!]! -= push;
        res[via[v]! ^ 1]! += push;
      }
      flow += push;
      if (flow >= limit) return null;
    }
  }
}
