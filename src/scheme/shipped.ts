/** The shipped schemes (schemes/*.json), validated on first use like the shipped rubrics. Browser-safe. */
import city from "../../schemes/qhd2016-city-dept.json";
import county from "../../schemes/qhd2016-county.json";
import { parseScheme } from "./load";
import type { Scheme } from "./schema";

export const SHIPPED_SCHEME_SOURCES: Record<string, unknown> = {
  "qhd2016-county.json": county,
  "qhd2016-city-dept.json": city,
};

let shipped: Scheme[] | undefined;

/** Every shipped scheme, in the order above (a broken shipped file is a bug: its SchemeError says where). */
export function shippedSchemes(): Scheme[] {
  shipped ??= Object.entries(SHIPPED_SCHEME_SOURCES).map(([file, json]) => parseScheme(json, `schemes/${file}`));
  return shipped;
}

export function findScheme(id: string): Scheme | undefined {
  return shippedSchemes().find((s) => s.id === id);
}
