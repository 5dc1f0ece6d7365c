/**
 * RequestContext and Excel.run. A sync sends the queued actions as one request: it is counted (with an
 * estimate of its size), waits the configured latency, then runs the actions in order inside one model
 * transaction — so recalculation happens once and events are raised after it, on a later task.
 */
import { ErrorCodes, HostError, located } from "../errors";
import type { WorkbookModel } from "../model/workbook";
import { Action, ClientObject, versionAtLeast } from "./base";
import { Application, Workbook } from "./workbook";

/** The state shared by every context of one host: the model, the counters and the test hooks. */
export class Runtime {
  syncCount = 0;
  requestBytes = 0;
  lastRequestBytes = 0;
  /** A code for the next Excel.run to fail with (at its first sync). */
  failNext: { code: string; message?: string } | null = null;
  hangNext = false;

  constructor(
    readonly model: WorkbookModel,
    readonly apiVersion: string,
    public latencyMs: number,
  ) {}

  supports(version: string): boolean {
    return versionAtLeast(this.apiVersion, version);
  }
}

/** Approximate JSON size of a request: each action once, each object's path the first time it is named. */
function requestSize(actions: Action[]): number {
  const named = new Set<number>();
  let bytes = 2;
  for (const a of actions) {
    bytes += JSON.stringify(a.wire).length + 1;
    if (a.owner && !named.has(a.owner._id)) {
      named.add(a.owner._id);
      bytes += a.owner._path.length + 16;
    }
  }
  return bytes;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RequestContext {
  readonly workbook: Workbook;
  readonly application: Application;
  readonly trackedObjects = {
    add: (o: ClientObject<unknown> | ClientObject<unknown>[]) => void [o].flat().forEach((x) => x.track()),
    remove: (o: ClientObject<unknown> | ClientObject<unknown>[]) => void [o].flat().forEach((x) => x.untrack()),
  };
  /** @internal */ readonly _rt: Runtime;
  /** @internal */ _queue: Action[] = [];
  /** @internal An error the next sync fails with (failNextRun). */
  _failWith: HostError | null = null;
  /** @internal Ranges made during the current Excel.run, invalid once it ends unless tracked. */
  _autoTracked: ClientObject<unknown>[] = [];
  /** @internal */ _runs = 0;

  constructor(rt: Runtime) {
    this._rt = rt;
    this.workbook = new Workbook(this);
    this.application = this.workbook.application;
  }

  /** @internal */
  _enqueue(a: Action): void {
    this._queue.push(a);
  }

  /** @internal */
  _supports(version: string): boolean {
    return this._rt.supports(version);
  }

  /** Sends the queued actions; resolves with `passThroughValue` once Excel has run them. */
  async sync<T>(passThroughValue?: T): Promise<T> {
    const rt = this._rt;
    const actions = this._queue;
    const fail = this._failWith;
    this._queue = [];
    this._failWith = null;
    // Office makes no round trip for an empty batch.
    if (!actions.length && !fail) return passThroughValue as T;
    const bytes = requestSize(actions);
    rt.syncCount++;
    rt.requestBytes += bytes;
    rt.lastRequestBytes = bytes;
    if (rt.hangNext) {
      rt.hangNext = false;
      return new Promise<T>(() => undefined);
    }
    if (rt.latencyMs > 0) await delay(rt.latencyMs);
    if (fail) throw fail;
    rt.model.transaction("ThisLocalAddin", () => {
      for (const a of actions) {
        try {
          if (a.min && !rt.supports(a.min)) throw new HostError(ErrorCodes.apiNotFound);
          a.run();
        } catch (e) {
          throw located(e, a.location);
        }
      }
    });
    return passThroughValue as T;
  }
}

type Batch<T> = (context: RequestContext) => Promise<T>;

/** Excel.run(batch), Excel.run(object | objects | context | options, batch). */
export async function run<T>(rt: Runtime, first: unknown, second?: unknown): Promise<T> {
  const batch = (typeof first === "function" ? first : second) as Batch<T> | undefined;
  if (typeof batch !== "function") throw new HostError(ErrorCodes.invalidArgument);
  const ctx = pickContext(rt, typeof first === "function" ? undefined : first);
  if (rt.failNext) {
    ctx._failWith = new HostError(rt.failNext.code, rt.failNext.message ?? `Excel.run failed (${rt.failNext.code}).`);
    rt.failNext = null;
  }
  ctx._runs++;
  try {
    const pending = batch(ctx);
    if (!pending || typeof (pending as Promise<T>).then !== "function") throw new HostError(ErrorCodes.runMustReturnPromise);
    const result = await pending;
    await ctx.sync();
    return result;
  } finally {
    if (--ctx._runs === 0) {
      for (const o of ctx._autoTracked) if (!o._tracked) o._invalid = true;
      ctx._autoTracked = [];
    }
  }
}

function pickContext(rt: Runtime, arg: unknown): RequestContext {
  if (arg === undefined) return new RequestContext(rt);
  if (arg instanceof RequestContext) return arg;
  if (arg instanceof ClientObject) return arg.context;
  if (Array.isArray(arg)) {
    if (!arg.length || !arg.every((o) => o instanceof ClientObject)) throw new HostError(ErrorCodes.invalidArgument);
    const ctx = (arg[0] as ClientObject<unknown>).context;
    if (arg.some((o) => (o as ClientObject<unknown>).context !== ctx)) throw new HostError(ErrorCodes.invalidRequestContext);
    return ctx;
  }
  if (arg && typeof arg === "object") {
    const previous = (arg as { previousObjects?: unknown }).previousObjects;
    if (previous !== undefined) return pickContext(rt, previous);
    const known = ["delayForCellEdit", "mergeUndoGroup", "session"];
    if (Object.keys(arg).every((k) => known.includes(k))) return new RequestContext(rt);
  }
  throw new HostError(ErrorCodes.invalidArgument);
}
