/**
 * createHost(): an in-memory Excel with Office.js semantics, for jest and the browser workbench.
 * `host.Excel` / `host.Office` stand in for the globals (install() puts them there); `host.workbook`
 * is the plain-data model the tests inspect and the workbench draws and edits as the user.
 */
import { Range } from "./api/range";
import { ClientResult } from "./api/base";
import { RequestContext, Runtime, run } from "./api/context";
import { EventHandlerResult } from "./api/events";
import { ExcelEnums } from "./enums";
import { ErrorCodes, HostError } from "./errors";
import { WorkbookModel } from "./model/workbook";
import { HostOffice, LIGHT_THEME, OfficeTheme, createOffice } from "./office";

export interface HostOptions {
  /** Delay before each sync's request is executed (a network round trip). Default 0. */
  latencyMs?: number;
  /** Highest ExcelApi requirement set, e.g. "1.18" (the default). Newer APIs fail with ApiNotFound. */
  apiVersion?: string;
  /** Office.context.displayLanguage, default "zh-CN". */
  displayLanguage?: string;
  theme?: Partial<OfficeTheme>;
  /** Names of the sheets a new workbook has; default ["Sheet1"]. */
  sheets?: string[];
  /** Office.context.platform, default "PC". */
  platform?: string;
  /** Other requirement sets isSetSupported answers for, e.g. { DialogApi: "1.2" }. */
  requirementSets?: Record<string, string>;
}

export type HostExcel = typeof ExcelEnums & {
  run: typeof Excel.run;
  RequestContext: new () => Excel.RequestContext;
};

export interface HostOfficeExtension {
  Error: typeof HostError;
  ErrorCodes: typeof ErrorCodes;
  ClientResult: typeof ClientResult;
  EventHandlerResult: typeof EventHandlerResult;
  ClientRequestContext: typeof RequestContext;
}

export class Host {
  readonly Excel: HostExcel;
  readonly Office: HostOffice;
  readonly OfficeExtension: HostOfficeExtension;
  readonly workbook: WorkbookModel;
  readonly apiVersion: string;
  private readonly rt: Runtime;

  constructor(options: HostOptions = {}) {
    this.apiVersion = options.apiVersion ?? "1.18";
    this.workbook = new WorkbookModel(options.sheets ?? ["Sheet1"]);
    const rt = (this.rt = new Runtime(this.workbook, this.apiVersion, options.latencyMs ?? 0));
    this.workbook.supports = (version) => rt.supports(version);
    // Event args' getRange(context) builds a Range in the handler's own context.
    this.workbook.rangeFactory = (ctx, sheetId, box, nullable) =>
      new Range(ctx as RequestContext, `event.getRange()`, () => {
        const sheet = this.workbook.sheet(sheetId);
        return sheet ? { sheet, box } : null;
      }, nullable);
    class BoundContext extends RequestContext {
      constructor() {
        super(rt);
      }
    }
    this.Excel = {
      ...ExcelEnums,
      run: ((a: unknown, b?: unknown) => run(rt, a, b)) as unknown as typeof Excel.run,
      RequestContext: BoundContext as unknown as new () => Excel.RequestContext,
    };
    this.Office = createOffice({
      apiVersion: this.apiVersion,
      displayLanguage: options.displayLanguage ?? "zh-CN",
      theme: { ...LIGHT_THEME, ...options.theme },
      platform: options.platform ?? "PC",
      requirementSets: options.requirementSets ?? {},
    });
    this.OfficeExtension = { Error: HostError, ErrorCodes, ClientResult, EventHandlerResult, ClientRequestContext: RequestContext };
  }

  /** Requests (non-empty syncs) made since the last resetCounters(). */
  get syncCount(): number {
    return this.rt.syncCount;
  }

  /** Estimated request payload, in bytes of JSON, summed over those syncs. */
  get requestBytes(): number {
    return this.rt.requestBytes;
  }

  get lastRequestBytes(): number {
    return this.rt.lastRequestBytes;
  }

  get latencyMs(): number {
    return this.rt.latencyMs;
  }

  set latencyMs(ms: number) {
    this.rt.latencyMs = ms;
  }

  resetCounters(): void {
    this.rt.syncCount = 0;
    this.rt.requestBytes = 0;
    this.rt.lastRequestBytes = 0;
  }

  /** The next Excel.run fails at its first sync with this code (e.g. "InvalidOperationInCellEditMode"). */
  failNextRun(code: string, message?: string): void {
    this.rt.failNext = { code, message };
  }

  /** The next sync that has something to send never resolves (Excel stopped answering). */
  hangNextSync(): void {
    this.rt.hangNext = true;
  }

  /** Resolves once every event raised so far has been delivered and its handlers have finished. */
  flushEvents(): Promise<void> {
    return this.workbook.events.idle();
  }

  /** Sets Excel, Office and OfficeExtension on the global object; returns a function that puts back what was there. */
  install(globalObj: object = globalThis): () => void {
    const g = globalObj as Record<string, unknown>;
    const saved = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
    g.Excel = this.Excel;
    g.Office = this.Office;
    g.OfficeExtension = this.OfficeExtension;
    return () => Object.assign(g, saved);
  }
}

export function createHost(options: HostOptions = {}): Host {
  return new Host(options);
}
