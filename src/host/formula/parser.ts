/**
 * Formula text → syntax tree, with Excel's operator precedence (lowest first): comparison, &, + -,
 * * /, ^, %, unary minus. Unary minus binds tighter than ^, so -2^2 is 4 as in Excel.
 */
import { Box, MAX_COLS, MAX_ROWS } from "../address";
import { FormulaSyntaxError, RefToken, Token, tokenize, untokenize } from "./lexer";

export type Node =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "bool"; v: boolean }
  | { t: "err"; v: string }
  | { t: "ref"; sheet: string | null; box: Box }
  | { t: "neg"; e: Node }
  | { t: "pct"; e: Node }
  | { t: "bin"; op: string; l: Node; r: Node }
  | { t: "call"; name: string; args: Node[] }
  | { t: "name"; name: string }
  | { t: "missing" };

export function refBox(t: RefToken): Box {
  const row0 = t.kind === "cols" ? 0 : Math.min(t.a.row, t.b.row);
  const row1 = t.kind === "cols" ? MAX_ROWS - 1 : Math.max(t.a.row, t.b.row);
  const col0 = t.kind === "rows" ? 0 : Math.min(t.a.col, t.b.col);
  const col1 = t.kind === "rows" ? MAX_COLS - 1 : Math.max(t.a.col, t.b.col);
  return { r0: row0, r1: row1, c0: col0, c1: col1 };
}

const COMPARE = new Set(["=", "<>", "<", ">", "<=", ">="]);
const CONCAT = new Set(["&"]);
const ADD = new Set(["+", "-"]);
const MUL = new Set(["*", "/"]);
const POW = new Set(["^"]);

class Parser {
  private i = 0;
  private readonly toks: Token[];

  constructor(tokens: Token[]) {
    this.toks = tokens.filter((t) => t.k !== "ws");
  }

  private peek(): Token | undefined {
    return this.toks[this.i];
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t !== undefined && t.k === "op" && t.text === text;
  }

  private expect(text: string): void {
    if (!this.isOp(text)) throw new FormulaSyntaxError(`expected ${text}`);
    this.i++;
  }

  parse(): Node {
    const n = this.comparison();
    if (this.i < this.toks.length) throw new FormulaSyntaxError(`unexpected ${this.toks[this.i].text}`);
    return n;
  }

  private binary(next: () => Node, ops: Set<string>): Node {
    let l = next();
    for (let t = this.peek(); t && t.k === "op" && ops.has(t.text); t = this.peek()) {
      this.i++;
      l = { t: "bin", op: t.text, l, r: next() };
    }
    return l;
  }

  private comparison = (): Node => this.binary(this.concat, COMPARE);
  private concat = (): Node => this.binary(this.additive, CONCAT);
  private additive = (): Node => this.binary(this.multiplicative, ADD);
  private multiplicative = (): Node => this.binary(this.power, MUL);
  private power = (): Node => this.binary(this.percent, POW);

  private percent = (): Node => {
    let e = this.unary();
    while (this.isOp("%")) {
      this.i++;
      e = { t: "pct", e };
    }
    return e;
  };

  private unary = (): Node => {
    if (this.isOp("-")) {
      this.i++;
      return { t: "neg", e: this.unary() };
    }
    if (this.isOp("+")) {
      this.i++;
      return this.unary();
    }
    return this.primary();
  };

  private primary(): Node {
    const t = this.peek();
    if (!t) throw new FormulaSyntaxError("unexpected end of formula");
    this.i++;
    switch (t.k) {
      case "num":
        return { t: "num", v: t.value };
      case "str":
        return { t: "str", v: t.value };
      case "err":
        return { t: "err", v: t.text };
      case "ref":
        return { t: "ref", sheet: t.sheet, box: refBox(t) };
      case "ident": {
        const name = t.text.toUpperCase();
        if (this.isOp("(")) {
          this.i++;
          return { t: "call", name: name.replace(/^_XLFN\./, ""), args: this.args() };
        }
        if (name === "TRUE" || name === "FALSE") return { t: "bool", v: name === "TRUE" };
        return { t: "name", name };
      }
      case "op":
        if (t.text === "(") {
          const e = this.comparison();
          this.expect(")");
          return e;
        }
    }
    throw new FormulaSyntaxError(`unexpected ${t.text}`);
  }

  /** Arguments after "(", through ")"; an empty slot (IF(A1,,1)) is a "missing" node. */
  private args(): Node[] {
    const args: Node[] = [];
    if (this.isOp(")")) {
      this.i++;
      return args;
    }
    for (;;) {
      args.push(this.isOp(",") || this.isOp(")") ? { t: "missing" } : this.comparison());
      if (this.isOp(",")) {
        this.i++;
        continue;
      }
      this.expect(")");
      return args;
    }
  }
}

const cache = new Map<string, Node>();

function remember(src: string, n: Node): void {
  if (cache.size > 50_000) cache.clear();
  cache.set(src, n);
}

/** Parses a formula ("=..." or bare); cached by text, since a sheet repeats the same few shapes. */
export function parseFormula(formula: string): Node {
  const src = formula.startsWith("=") ? formula.slice(1) : formula;
  let n = cache.get(src);
  if (!n) remember(src, (n = new Parser(tokenize(src)).parse()));
  return n;
}

/**
 * What a typed or written formula is stored as: Excel's spelling ("=sum(a1)" → "=SUM(A1)") and its
 * tree, from one tokenisation. Throws FormulaSyntaxError.
 */
export function compileFormula(formula: string): { text: string; ast: Node } {
  const src = formula.startsWith("=") ? formula.slice(1) : formula;
  const tokens = tokenize(src);
  const text = untokenize(tokens);
  let ast = cache.get(text);
  if (!ast) remember(text, (ast = new Parser(tokens).parse()));
  return { text: "=" + text, ast };
}

const refsOf = new WeakMap<Node, { sheet: string | null; box: Box }[]>();

/** Every reference in a formula: what it depends on (memoised per tree). */
export function references(root: Node): { sheet: string | null; box: Box }[] {
  let refs = refsOf.get(root);
  if (!refs) refsOf.set(root, (refs = collect(root, [])));
  return refs;
}

function collect(n: Node, out: { sheet: string | null; box: Box }[]): { sheet: string | null; box: Box }[] {
  switch (n.t) {
    case "ref":
      out.push({ sheet: n.sheet, box: n.box });
      break;
    case "neg":
    case "pct":
      collect(n.e, out);
      break;
    case "bin":
      collect(n.l, out);
      collect(n.r, out);
      break;
    case "call":
      for (const a of n.args) collect(a, out);
      break;
  }
  return out;
}
