/**
 * Decisions are data: what a person decided after reading the importer's review list, as a file applied on
 * top of the draft rubric (`safescore import … --decisions <file>`). `import <table> + decisions = the
 * shipped rubric`, so every transcription decision is written down once, with its reason (`why`, Chinese).
 *
 * Every decision addresses the draft by `id` fields (never positions), so it does not depend on the
 * importer's numbering scheme. A decision that finds no target, or that would change nothing, is an error:
 * a stale decisions file never passes silently. `applyDecisions` is pure; the result is rubric JSON, not yet
 * validated (the caller runs `parseRubric` on it). The format is documented in docs/rubric-format.md.
 */
import { z } from "zod";
import { formatPath } from "../rubric/errors";
import { issueMessage, parseJsonText } from "../rubric/load";

/** At least one Chinese character: the decisions file records the reasons in the documents' language. */
const HAN = /\p{Script=Han}/u;
const Why = z
  .string()
  .trim()
  .min(1)
  .refine((s) => HAN.test(s), { message: "expected the reason in Chinese (why: 说明理由)" });
const Ref = z.string().trim().min(1);
/** Fields to set: a JSON value each; null removes the field. */
const Fields = z.record(z.string(), z.unknown()).refine((o) => Object.keys(o).length > 0, { message: "expected at least one field" });
/** A node with its id (an item, a clause, a section …). */
const Node = z.looseObject({ id: Ref });

/** Rubric-level fields a decision may set (sections are changed node by node). */
export const RUBRIC_FIELDS = [
  "$schema", "format", "id", "version", "title", "shortTitle", "source", "columns", "percentScale", "floor",
  "fields", "evidence", "variants", "penalties", "vetoes", "exclusive", "tiers", "notes",
] as const;

/** Where a node goes: before or after a sibling, or at the end of a parent's list (`list` when a section has both items and checks). */
const Place = {
  before: Ref.optional(),
  after: Ref.optional(),
  into: Ref.optional(),
  list: z.enum(["items", "checks", "clauses"]).optional(),
};
const onePlace = (d: { before?: string; after?: string; into?: string }) => [d.before, d.after, d.into].filter((x) => x !== undefined).length === 1;
const PLACE_MSG = { message: "expected exactly one of before, after or into" };

export const DecisionSchema = z.discriminatedUnion("op", [
  /** Set or replace fields of the node with this id (null removes a field; `id` renames it). */
  z.strictObject({ op: z.literal("set"), at: Ref, set: Fields, why: Why }),
  /** Set rubric-level fields (id, version, title, source, fields, evidence, vetoes, tiers, notes, columns …). */
  z.strictObject({
    op: z.literal("setRubric"),
    set: z.partialRecord(z.enum(RUBRIC_FIELDS), z.unknown()).refine((o) => Object.keys(o).length > 0, { message: "expected at least one field" }),
    why: Why,
  }),
  /** Remove a node (an item, a clause, a check, a section, a penalty, a veto). */
  z.strictObject({ op: z.literal("remove"), at: Ref, why: Why }),
  /** Insert a new node. */
  z.strictObject({ op: z.literal("insert"), node: Node, ...Place, why: Why }).refine(onePlace, PLACE_MSG),
  /** Move a node. */
  z.strictObject({ op: z.literal("move"), at: Ref, ...Place, why: Why }).refine(onePlace, PLACE_MSG),
  /**
   * Split one clause (or any node with a text) into several: each part's fields over the original's, each
   * part's text taken from the original's (line by line), so a split never invents wording.
   */
  z.strictObject({ op: z.literal("split"), at: Ref, into: z.array(z.looseObject({ id: Ref, text: z.string().min(1) })).min(2), why: Why }),
  /**
   * Merge sibling nodes into the first: texts joined by `separator` (default a line break, the format's
   * fragment rule), their clauses, items, checks and notes concatenated, then `set` applied.
   */
  z.strictObject({ op: z.literal("merge"), ids: z.array(Ref).min(2), separator: z.string().optional(), set: Fields.optional(), why: Why }),
  /** Add notes to a node, or to the rubric when `at` is absent. */
  z.strictObject({ op: z.literal("note"), at: Ref.optional(), notes: z.array(z.string().trim().min(1)).min(1), why: Why }),
]);

export const DecisionsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(1),
  /** What the decisions apply to (the table's file, say): for the reader. */
  draft: z.string().trim().min(1).optional(),
  decisions: z.array(DecisionSchema),
});

export type Decision = z.infer<typeof DecisionSchema>;
export type DecisionsFile = z.infer<typeof DecisionsFileSchema>;

/** One problem: which decision (its index and target) and what, in both languages. */
export interface DecisionProblem {
  /** decisions[i]; null for the file as a whole. */
  index: number | null;
  /** "set s1.i2.c1", or a JSON path for a format problem. */
  where: string;
  zh: string;
  en: string;
}

/** Thrown when a decisions file cannot be read or applied: one line per problem, `中文 / English`. */
export class DecisionsError extends Error {
  constructor(
    readonly file: string,
    readonly problems: DecisionProblem[],
  ) {
    super(problems.map((p) => `${file}: ${p.where ? p.where + ": " : ""}${p.zh} / ${p.en}`).join("\n"));
    this.name = "DecisionsError";
  }
}

/** Reads and validates a decisions file's text. */
export function loadDecisions(text: string, fileName: string): DecisionsFile {
  const json = parseJsonText(text);
  if (!json.ok) throw new DecisionsError(fileName, [{ index: null, where: "", zh: "决定文件不是有效的 JSON", en: json.message }]);
  const result = DecisionsFileSchema.safeParse(json.value, { reportInput: true });
  if (!result.success) {
    throw new DecisionsError(
      fileName,
      result.error.issues.map((issue) => ({
        index: issue.path[0] === "decisions" && typeof issue.path[1] === "number" ? issue.path[1] : null,
        where: formatPath(issue.path),
        zh: "决定文件格式错误",
        en: issueMessage(issue),
      })),
    );
  }
  return result.data;
}

// ------------------------------------------------------------------------------------------- applying

type Json = Record<string, unknown>;
/** The lists whose elements are addressed by id. */
const LISTS = ["sections", "items", "checks", "clauses", "penalties", "vetoes", "variants"] as const;
type ListKey = (typeof LISTS)[number];
/** The list a parent's children go into by default, by the list the parent itself is in. */
const CHILD_LIST: Partial<Record<ListKey, ListKey>> = { sections: "items", items: "clauses", penalties: "clauses" };
/** Lists merged by concatenation. */
const CONCAT = new Set(["clauses", "items", "checks", "notes"]);

interface Place {
  node: Json;
  list: Json[];
  index: number;
  key: ListKey;
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every node with this id, wherever it is. */
function locate(root: Json, id: string): Place[] {
  const found: Place[] = [];
  const walk = (obj: Json) => {
    for (const key of LISTS) {
      const list = obj[key];
      if (!Array.isArray(list)) continue;
      list.forEach((node, index) => {
        if (!isObject(node)) return;
        if (node.id === id) found.push({ node, list: list as Json[], index, key });
        walk(node);
      });
    }
  };
  walk(root);
  return found;
}

/** Deep equality of JSON values (key order ignored). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, k) => same(x, b[k]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]));
  }
  return false;
}

const clone = <T>(v: T): T => structuredClone(v);

/** A problem of one decision; thrown inside, collected by applyDecisions. */
class Refused extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

const q = (id: string) => `“${id}”`;

function one(root: Json, id: string): Place {
  const found = locate(root, id);
  if (found.length === 0) throw new Refused(`草稿中没有 id ${q(id)}`, `no id "${id}" in the draft`);
  if (found.length > 1) throw new Refused(`草稿中 id ${q(id)} 出现 ${found.length} 次，无法确定目标`, `id "${id}" occurs ${found.length} times in the draft`);
  return found[0];
}

function freeId(root: Json, id: string): void {
  if (locate(root, id).length) throw new Refused(`id ${q(id)} 已存在`, `id "${id}" already exists`);
}

/** Sets fields on an object (null removes); returns whether anything changed. */
function setFields(target: Json, fields: Json): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(fields)) {
    if (v === null) {
      if (k in target) {
        delete target[k];
        changed = true;
      }
    } else if (!same(target[k], v)) {
      target[k] = clone(v);
      changed = true;
    }
  }
  return changed;
}

const unchanged = () => new Refused("没有改变任何内容（已经如此，决定可能已过时）", "changes nothing (already so: a stale decision?)");

/** The list a node goes into and where: before/after a sibling, or at the end of a parent's list. */
function destination(root: Json, d: { before?: string; after?: string; into?: string; list?: ListKey }): { list: Json[]; index: number; key: ListKey } {
  const sibling = d.before ?? d.after;
  if (sibling !== undefined) {
    const p = one(root, sibling);
    return { list: p.list, index: p.index + (d.after !== undefined ? 1 : 0), key: p.key };
  }
  const parent = one(root, d.into!);
  const key = d.list ?? CHILD_LIST[parent.key];
  if (!key) throw new Refused(`${q(d.into!)} 下不能放入子项`, `"${d.into}" cannot hold children`);
  if (parent.node[key] === undefined) parent.node[key] = [];
  const list = parent.node[key];
  if (!Array.isArray(list)) throw new Refused(`${q(d.into!)} 的 ${key} 不是列表`, `"${d.into}".${key} is not a list`);
  return { list: list as Json[], index: list.length, key };
}

/** Every line of `part` must be found in `whole`: a split takes wording from the text, never adds to it. */
function missingLine(part: string, whole: string): string | undefined {
  return part.split("\n").find((line) => line.trim() !== "" && !whole.includes(line));
}

function apply(root: Json, d: Decision): void {
  switch (d.op) {
    case "set": {
      const p = one(root, d.at);
      if (typeof d.set.id === "string" && d.set.id !== d.at) freeId(root, d.set.id);
      if (!setFields(p.node, d.set)) throw unchanged();
      return;
    }
    case "setRubric":
      if (!setFields(root, d.set)) throw unchanged();
      return;
    case "remove": {
      const p = one(root, d.at);
      p.list.splice(p.index, 1);
      return;
    }
    case "insert": {
      freeId(root, d.node.id);
      const to = destination(root, d);
      to.list.splice(to.index, 0, clone(d.node));
      return;
    }
    case "move": {
      const from = one(root, d.at);
      if (d.before === d.at || d.after === d.at || d.into === d.at) throw new Refused("不能相对自身移动", "cannot move a node relative to itself");
      if (d.into !== undefined && locate(from.node, d.into).length) throw new Refused(`${q(d.into)} 在 ${q(d.at)} 之内`, `"${d.into}" is inside "${d.at}"`);
      from.list.splice(from.index, 1);
      const to = destination(root, d);
      if (to.key !== from.key) {
        throw new Refused(`不能把 ${from.key} 中的 ${q(d.at)} 移入 ${to.key}`, `cannot move "${d.at}" from ${from.key} into ${to.key}`);
      }
      if (to.list === from.list && to.index === from.index) throw unchanged();
      to.list.splice(to.index, 0, from.node);
      return;
    }
    case "split": {
      const p = one(root, d.at);
      const text = p.node.text;
      if (typeof text !== "string") throw new Refused(`${q(d.at)} 没有文字可拆分`, `"${d.at}" has no text to split`);
      const parts = d.into.map((part, k) => {
        const line = missingLine(part.text, text);
        if (line !== undefined) throw new Refused(`第${k + 1}部分的文字“${line}”不在原文中`, `part ${k + 1}'s text "${line}" is not in the text of "${d.at}"`);
        if (part.id !== d.at) freeId(root, part.id);
        const node = clone(p.node);
        setFields(node, part);
        return node;
      });
      if (new Set(d.into.map((x) => x.id)).size !== d.into.length) throw new Refused("拆分后的 id 重复", "the parts' ids repeat");
      p.list.splice(p.index, 1, ...parts);
      return;
    }
    case "merge": {
      const places = d.ids.map((id) => one(root, id));
      const [first, ...rest] = places;
      if (rest.some((p) => p.list !== first.list)) throw new Refused("要合并的项不在同一列表中", "the nodes to merge are not siblings");
      if (new Set(d.ids).size !== d.ids.length) throw new Refused("要合并的 id 重复", "the ids to merge repeat");
      const merged = first.node;
      for (const p of rest) {
        for (const [k, v] of Object.entries(p.node)) {
          if (k === "id") continue;
          if (k === "text" && typeof v === "string" && typeof merged.text === "string") merged.text = `${merged.text}${d.separator ?? "\n"}${v}`;
          else if (CONCAT.has(k) && Array.isArray(v)) merged[k] = [...((merged[k] as unknown[] | undefined) ?? []), ...v];
          else if (merged[k] === undefined) merged[k] = v;
          else if (!same(merged[k], v) && !(d.set && k in d.set)) {
            throw new Refused(`${q(p.node.id as string)} 的 ${k} 与 ${q(d.ids[0])} 不同，请用 set 决定合并后的值`, `"${p.node.id}".${k} differs from "${d.ids[0]}": decide it with set`);
          }
        }
      }
      if (d.set) setFields(merged, d.set);
      for (const p of rest.sort((a, b) => b.index - a.index)) p.list.splice(p.index, 1);
      return;
    }
    case "note": {
      const target = d.at === undefined ? root : one(root, d.at).node;
      const notes = Array.isArray(target.notes) ? (target.notes as unknown[]) : [];
      const added = d.notes.filter((n) => !notes.includes(n));
      if (!added.length) throw unchanged();
      target.notes = [...notes, ...added];
      return;
    }
  }
}

/** "set s1.i2.c1", "merge s1.i3+s1.i3a", "setRubric", "note (rubric)". */
export function decisionTarget(d: Decision): string {
  switch (d.op) {
    case "setRubric":
      return "setRubric";
    case "merge":
      return `merge ${d.ids.join("+")}`;
    case "insert":
      return `insert ${d.node.id}`;
    case "note":
      return `note ${d.at ?? "(rubric)"}`;
    default:
      return `${d.op} ${d.at}`;
  }
}

/**
 * The draft with every decision applied, in order: rubric JSON (validate it with parseRubric). Pure: the
 * draft is not changed. Throws a DecisionsError listing every decision that could not be applied (each
 * one's index and target); a refused decision is skipped so the later ones are still checked.
 */
export function applyDecisions(draft: unknown, decisions: DecisionsFile | readonly Decision[], fileName = "decisions"): unknown {
  if (!isObject(draft)) throw new DecisionsError(fileName, [{ index: null, where: "", zh: "草稿不是 JSON 对象", en: "the draft is not a JSON object" }]);
  const list = Array.isArray(decisions) ? (decisions as readonly Decision[]) : (decisions as DecisionsFile).decisions;
  let root = clone(draft);
  const problems: DecisionProblem[] = [];
  list.forEach((d, index) => {
    // Each decision applies to a copy: a refused one leaves nothing half done.
    const next = clone(root);
    try {
      apply(next, d);
      root = next;
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      problems.push({ index, where: `decisions[${index}] (${decisionTarget(d)})`, zh: e.zh, en: e.en });
    }
  });
  if (problems.length) throw new DecisionsError(fileName, problems);
  return root;
}
