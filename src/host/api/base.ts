/**
 * Proxy objects as Office.js has them: nothing touches the workbook until context.sync(). Setting a
 * property or calling a method queues an action; load() queues a read whose values appear on the proxy
 * after the sync; reading a property that was not loaded throws PropertyNotLoaded.
 *
 * A proxy finds its workbook object ("target") lazily, the first time one of its actions runs, and keeps
 * it: worksheets.getItem("A") followed by a rename still means the same sheet, as in Excel.
 */
import { ErrorCodes, HostError, propertyNotLoaded } from "../errors";
import type { RequestContext } from "./context";

/** Method syntax on purpose: it keeps ClientObject<Range…> usable where ClientObject<unknown> is expected. */
export interface PropDef<T> {
  read(target: T, self: ClientObject<T>): unknown;
  write?(target: T, value: unknown, self: ClientObject<T>): void;
  /** ExcelApi version that introduced the property. */
  min?: string;
}

export type Props<T> = Record<string, PropDef<T>>;

let nextId = 1;

/** A queued operation. `wire` is what Office would send (for the request size estimate). */
export interface Action {
  owner: ClientObject<unknown> | null;
  wire: unknown[];
  location: string;
  min?: string;
  run(): void;
}

export type LoadSpec = string | string[] | { [key: string]: unknown };

/** Load paths grouped: this object's properties, and sub-paths by navigation property. */
export interface LoadPlan {
  all: boolean;
  scalars: string[];
  nested: Map<string, string[] | true>;
}

export function planLoad(spec: LoadSpec | undefined, strip?: string): LoadPlan {
  const plan: LoadPlan = { all: false, scalars: [], nested: new Map() };
  const addPath = (path: string) => {
    let p = path.trim();
    if (!p) return;
    if (strip && (p === strip || p.startsWith(strip + "/"))) p = p === strip ? "" : p.slice(strip.length + 1);
    if (!p) {
      plan.all = true;
      return;
    }
    const [head, ...rest] = p.split("/");
    if (!rest.length) plan.scalars.push(head);
    else {
      const sub = plan.nested.get(head);
      if (sub !== true) plan.nested.set(head, [...(sub ?? []), rest.join("/")]);
    }
  };
  if (spec === undefined || spec === null) plan.all = true;
  else if (typeof spec === "string") spec.split(",").forEach(addPath);
  else if (Array.isArray(spec)) spec.forEach((s) => String(s).split(",").forEach(addPath));
  else {
    // { values: true, format: { font: { bold: true } }, $all: true } → "values", "format/font/bold", everything.
    const flatten = (obj: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(obj)) {
        if (k === "$all" && v) {
          if (prefix) addPath(prefix.slice(0, -1));
          else plan.all = true;
        } else if (!prefix && k === "select" && typeof v === "string") v.split(",").forEach(addPath);
        else if (!prefix && k === "expand" && typeof v === "string") v.split(",").forEach((e) => plan.nested.set(e.trim(), true));
        else if (k.startsWith("$")) continue;
        else if (v === true) addPath(prefix + k);
        else if (v && typeof v === "object") flatten(v as Record<string, unknown>, `${prefix}${k}/`);
      }
    };
    flatten(spec, "");
  }
  return plan;
}

export abstract class ClientObject<T> {
  readonly context: RequestContext;
  /** @internal */ readonly _id = nextId++;
  /** @internal What Office would send to name this object, e.g. worksheets.getItem("S").getRange("A1"). */
  readonly _path: string;
  /** @internal */ _loaded: Record<string, unknown> = {};
  /** @internal */ _nullable: boolean;
  /** @internal true once a sync found this *OrNullObject missing; undefined until resolved. */
  _isNull: boolean | undefined = undefined;
  /** @internal Set for ranges no longer valid after their Excel.run ended. */
  _invalid = false;
  /** @internal */ _tracked = false;
  private _resolver: (() => T | null) | null;
  private _target: T | null = null;
  private readonly _children = new Map<string, object>();

  abstract readonly _className: string;
  /** ExcelApi version of the whole class. */
  protected _min: string | undefined = undefined;

  constructor(context: RequestContext, path: string, resolver: (() => T | null) | null, nullable = false) {
    this.context = context;
    this._path = path;
    this._resolver = resolver;
    this._nullable = nullable;
  }

  protected abstract _props(): Props<T>;

  /** @internal Checks a resolved target is still there (a sheet may have been deleted since). */
  protected _check(_target: T): void {}

  /** True when an *OrNullObject call found nothing. Known after the sync that resolved it. */
  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded("isNullObject", `${this._className}.isNullObject`);
    return this._isNull;
  }

  /** @internal The workbook object behind this proxy; null for a null object. Only during a sync. */
  _resolve(): T | null {
    if (this._invalid) throw new HostError(ErrorCodes.invalidObjectPath, undefined, this._className);
    // A resolver that throws (ItemNotFound) stays, so the failing call fails again if retried.
    if (this._resolver) this._settle(this._resolver());
    if (this._target !== null) this._check(this._target);
    return this._target;
  }

  /** @internal Fixes the target (from a resolver, or from the action that created it, like worksheets.add). */
  _settle(target: T | null): void {
    if (target === null && !this._nullable) throw new HostError(ErrorCodes.itemNotFound);
    this._resolver = null;
    this._target = target;
    this._isNull = target === null;
  }

  /** @internal Queues an action against this object. */
  _enqueue(kind: string, member: string, args: unknown[], run: (target: T) => void, min?: string): void {
    this.context._enqueue({
      owner: this as ClientObject<unknown>,
      wire: [kind, this._id, member, ...args],
      location: `${this._className}.${member}`,
      min: maxVersion(this._min, min),
      run: () => {
        const t = this._resolve();
        if (t !== null) run(t);
      },
    });
  }

  /** @internal A child proxy made once and kept (format, font, freezePanes…). */
  protected _child<C extends object>(name: string, make: () => C): C {
    let c = this._children.get(name) as C | undefined;
    if (!c) {
      c = make();
      this._children.set(name, c);
    }
    return c;
  }

  /** @internal Property read through the generated accessor. */
  _get(name: string): unknown {
    if (Object.prototype.hasOwnProperty.call(this._loaded, name)) return this._loaded[name];
    throw propertyNotLoaded(name, `${this._className}.${name}`);
  }

  /** @internal Property write through the generated accessor: cached locally (as Office does) and queued. */
  _set(name: string, value: unknown): void {
    const def = this._props()[name];
    this._loaded[name] = value;
    this._enqueue("set", name, [value], (t) => def.write!(t, value, this), def.min);
  }

  /** @internal Navigation properties a load path may go through (format, font…). */
  protected _nav(): Record<string, () => ClientObject<unknown>> {
    return {};
  }

  /** Queues a read of the named properties (all scalar ones when none are named). */
  load(spec?: LoadSpec): this {
    const plan = planLoad(spec);
    this.context._enqueue({
      owner: this as ClientObject<unknown>,
      wire: ["load", this._id, spec ?? "*"],
      location: `${this._className}.load`,
      run: () => this._readNow(plan),
    });
    return this;
  }

  /**
   * @internal Reads the planned properties now (during a sync). A null object still settles: its
   * values read as null.
   */
  _readNow(plan: LoadPlan): void {
    if (this._min && !this.context._supports(this._min)) throw new HostError(ErrorCodes.apiNotFound, undefined, `${this._className}.load`);
    const t = this._resolve();
    const props = this._props();
    const nav = this._nav();
    for (const [name, sub] of plan.nested) {
      if (!nav[name]) throw new HostError(ErrorCodes.invalidArgument, `Cannot load '${name}' of ${this._className}.`);
      nav[name]()._readNow(sub === true ? planLoad(undefined) : planLoad(sub));
    }
    const names: string[] = [];
    for (const n of plan.scalars) {
      if (nav[n]) nav[n]()._readNow(planLoad(undefined));
      else if (props[n]) names.push(n);
      else throw new HostError(ErrorCodes.invalidArgument, `The property '${n}' does not exist on ${this._className}.`);
    }
    // Loading everything skips what this Excel version does not have, as Excel answers with what it knows.
    if (plan.all) for (const [n, d] of Object.entries(props)) if (!names.includes(n) && (!d.min || this.context._supports(d.min))) names.push(n);
    for (const n of names) {
      const min = props[n].min;
      if (min && !this.context._supports(min)) throw new HostError(ErrorCodes.apiNotFound, undefined, `${this._className}.${n}`);
      this._loaded[n] = t === null ? null : props[n].read(t, this);
    }
  }

  /** Sets several properties at once, nested objects included (Office's set()). */
  set(properties: Record<string, unknown>): void {
    const props = this._props();
    const nav = this._nav();
    for (const [k, v] of Object.entries(properties)) {
      if (props[k]?.write) this._set(k, v);
      else if (nav[k] && v && typeof v === "object") (nav[k]() as unknown as { set(p: object): void }).set(v as Record<string, unknown>);
      else throw new HostError(ErrorCodes.invalidArgument, `Cannot set '${k}' on ${this._className}.`);
    }
  }

  /** The loaded properties as plain data (what JSON.stringify shows). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...this._loaded };
    for (const [name, child] of this._children) {
      if (child instanceof ClientObject) {
        const j = child.toJSON();
        if (Object.keys(j).length) out[name] = j;
      }
    }
    return out;
  }

  /** Keeps a range valid after its Excel.run ends (context.trackedObjects.add). */
  track(): this {
    this._tracked = true;
    return this;
  }

  untrack(): this {
    this._tracked = false;
    return this;
  }
}

/** Compares "1.9" < "1.18" numerically. */
export function versionAtLeast(have: string, need: string): boolean {
  const a = have.split(".").map(Number), b = need.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0, y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

export function maxVersion(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return versionAtLeast(a, b) ? a : b;
}

/** Installs an accessor per property on the class prototype: getters check load state, setters queue. */
export function defineProps<T>(cls: { prototype: ClientObject<T> }, props: Props<T>): void {
  for (const [name, def] of Object.entries(props)) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      get(this: ClientObject<T>) {
        return this._get(name);
      },
      set: def.write
        ? function (this: ClientObject<T>, v: unknown) {
            this._set(name, v);
          }
        : undefined,
    });
  }
}

/** OfficeExtension.ClientResult: a method's answer, readable after the sync. */
export class ClientResult<V> {
  private _value: V | undefined = undefined;
  private _ready = false;

  get value(): V {
    if (!this._ready) throw new HostError(ErrorCodes.valueNotLoaded);
    return this._value as V;
  }

  /** @internal */
  _fill(v: V): void {
    this._value = v;
    this._ready = true;
  }

  toJSON(): unknown {
    return this._ready ? { value: this._value } : {};
  }
}
