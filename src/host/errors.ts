/**
 * Errors shaped like OfficeExtension.Error (name "RichApi.Error", code, message, debugInfo), so the
 * add-in's error handling sees in tests what it would see in Excel.
 */

export const ErrorCodes = {
  accessDenied: "AccessDenied",
  apiNotFound: "ApiNotFound",
  generalException: "GeneralException",
  invalidArgument: "InvalidArgument",
  invalidObjectPath: "InvalidObjectPath",
  invalidOperation: "InvalidOperation",
  invalidRequestContext: "InvalidRequestContext",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  propertyNotLoaded: "PropertyNotLoaded",
  runMustReturnPromise: "RunMustReturnPromise",
  valueNotLoaded: "ValueNotLoaded",
} as const;

/** Excel's wording for each code, used when a call site has nothing more specific to say. */
const MESSAGES: Record<string, string> = {
  AccessDenied: "You cannot perform the requested operation.",
  ApiNotFound: "The API you are trying to use could not be found. It may be available in a newer version of Excel. Please refer to the documentation: \"Office Add-in requirement sets\" for more information.",
  GeneralException: "An internal error has occurred.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidObjectPath: "The object path isn't working for what you're trying to do. If you're using the object across multiple \"context.sync\" calls and outside the sequential execution of a \".run\" batch, please use the \"context.trackedObjects.add()\" and \"context.trackedObjects.remove()\" methods to manage the object's lifetime.",
  InvalidOperation: "The operation is invalid for the object.",
  InvalidRequestContext: "Cannot use the object across different request contexts.",
  ItemAlreadyExists: "The resource already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  RunMustReturnPromise: "The batch function passed to the \".run\" method didn't return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from \"context.sync()\".",
  ValueNotLoaded: "The value of the result object has not been loaded yet. Before reading the value property, call \"context.sync()\" on the associated request context.",
};

export const PROTECTED_MESSAGE = "The cell or chart you're trying to change is protected and therefore read-only.";

export interface DebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
}

export class HostError extends Error {
  override readonly name = "RichApi.Error";
  readonly code: string;
  readonly debugInfo: DebugInfo;
  readonly traceMessages: string[] = [];
  innerError: unknown = null;

  constructor(code: string, message?: string, errorLocation?: string) {
    const text = message ?? MESSAGES[code] ?? code;
    super(text);
    this.code = code;
    this.debugInfo = { code, message: text, ...(errorLocation ? { errorLocation } : {}) };
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

export const hostError = (code: string, message?: string, location?: string): HostError => new HostError(code, message, location);

export function propertyNotLoaded(prop: string, location?: string): HostError {
  return new HostError(
    ErrorCodes.propertyNotLoaded,
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    location,
  );
}

/** Attaches where the failing call was made (e.g. "Range.values"), as Excel's debugInfo does. */
export function located(e: unknown, location: string): HostError {
  if (e instanceof HostError) {
    if (!e.debugInfo.errorLocation) e.debugInfo.errorLocation = location;
    return e;
  }
  const wrapped = new HostError(ErrorCodes.generalException, e instanceof Error ? e.message : String(e), location);
  wrapped.innerError = e;
  return wrapped;
}
