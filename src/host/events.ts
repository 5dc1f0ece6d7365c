/**
 * Office events (Worksheet.onChanged, WorksheetCollection.onDeleted…). Handlers belong to the workbook,
 * not to the Excel.run that added them, and are called on a later task — never inside sync() — as
 * Excel's events arrive on their own message after the batch that caused them.
 */

export type EventKind = "WorksheetChanged" | "WorksheetDeleted" | "WorksheetAdded" | "WorksheetActivated" | "WorksheetSelectionChanged";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers take each event's own args type
export type EventHandler = (args: any) => unknown;

export interface Registration {
  kind: EventKind;
  /** The worksheet the handler was added on; null for the collection's events (any sheet). */
  sheetId: string | null;
  handler: EventHandler;
}

export class EventBus {
  private readonly registrations = new Set<Registration>();
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  /** Handler failures, kept for tests: Excel swallows them too. */
  readonly errors: unknown[] = [];

  add(kind: EventKind, sheetId: string | null, handler: EventHandler): Registration {
    const reg = { kind, sheetId, handler };
    this.registrations.add(reg);
    return reg;
  }

  remove(reg: Registration): void {
    this.registrations.delete(reg);
  }

  /** Handlers of a deleted sheet go with it. */
  dropSheet(sheetId: string): void {
    for (const r of this.registrations) if (r.sheetId === sheetId) this.registrations.delete(r);
  }

  count(kind?: EventKind): number {
    return [...this.registrations].filter((r) => !kind || r.kind === kind).length;
  }

  /** Queues delivery on a later task to the handlers registered now (and still registered then). */
  emit(kind: EventKind, sheetId: string, args: object): void {
    const targets = [...this.registrations].filter((r) => r.kind === kind && (r.sheetId === null || r.sheetId === sheetId));
    if (!targets.length) return;
    this.inFlight++;
    setTimeout(() => {
      const calls = targets
        .filter((r) => this.registrations.has(r))
        .map((r) => Promise.resolve().then(() => r.handler(args)).catch((e) => void this.errors.push(e)));
      void Promise.all(calls).then(() => this.settle());
    }, 0);
  }

  private settle(): void {
    if (--this.inFlight > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once every queued event has been delivered and its handlers have settled. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
