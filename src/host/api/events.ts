/** OfficeExtension.EventHandlers and EventHandlerResult: add/remove are queued and take effect at sync. */
import type { EventHandler, EventKind, Registration } from "../events";
import { ClientObject } from "./base";
import type { RequestContext } from "./context";

export class EventHandlerResult {
  /** @internal */ _reg: Registration | null = null;

  constructor(readonly context: RequestContext) {}

  /** Queues the removal on the context the handler was added in; it takes effect at that context's next sync. */
  remove(): void {
    this.context._enqueue({
      owner: null,
      wire: ["removeHandler"],
      location: "EventHandlerResult.remove",
      run: () => {
        if (this._reg) this.context._rt.model.events.remove(this._reg);
        this._reg = null;
      },
    });
  }
}

export class EventHandlers<T> {
  private readonly results = new Map<EventHandler, EventHandlerResult>();

  constructor(
    private readonly owner: ClientObject<T>,
    private readonly kind: EventKind,
    /** The sheet a handler is tied to, or null for the collection's events. */
    private readonly sheetOf: (target: T) => string | null,
    private readonly min: string,
  ) {}

  add(handler: EventHandler): EventHandlerResult {
    const result = new EventHandlerResult(this.owner.context);
    this.results.set(handler, result);
    this.owner._enqueue("addHandler", `on${this.kind}`, [], (t) => {
      result._reg = this.owner.context._rt.model.events.add(this.kind, this.sheetOf(t), handler);
    }, this.min);
    return result;
  }

  remove(handler: EventHandler): void {
    this.results.get(handler)?.remove();
    this.results.delete(handler);
  }
}
