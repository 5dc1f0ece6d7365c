/**
 * Offline check of manifest.xml (the add-in-only XML manifest): well-formed, elements in the order the
 * manifest XSD requires, every resid resolves, icons exist with the declared pixel size, https only,
 * minimal permissions, zh-CN + en-US names, and the requirement set equal to src/excel/requirements.ts.
 * (`office-addin-manifest validate` needs the internet for XML manifests, so it is not used.)
 */
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { DOMParser, type Element as XElement } from "@xmldom/xmldom";
import { MIN_EXCEL_API, CHECKBOX_API, TRIGGER_SOURCE_API } from "../src/excel/requirements";

const ROOT = join(__dirname, "..");
const OFFICE_NS = "http://schemas.microsoft.com/office/appforoffice/1.1";
const OV_NS = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
const BT_NS = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
const ORIGIN = "https://localhost:3000";

/** Parses strictly: any warning or error from the parser fails. */
function parseStrict(xml: string) {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      problems.push(`${level}: ${message}`);
    },
  }).parseFromString(xml, "text/xml");
  if (problems.length) throw new Error(problems.join("\n"));
  return doc;
}

function children(el: XElement): XElement[] {
  const out: XElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as XElement);
  return out;
}
const names = (el: XElement): string[] => children(el).map((c) => c.localName ?? "");
function child(el: XElement, name: string): XElement {
  const found = children(el).filter((c) => c.localName === name);
  if (found.length !== 1) throw new Error(`<${el.localName}> has ${found.length} <${name}> children`);
  return found[0];
}
function all(el: XElement, name: string): XElement[] {
  const out: XElement[] = [];
  const walk = (e: XElement) => {
    for (const c of children(e)) {
      if (c.localName === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}
function allElements(el: XElement): XElement[] {
  const out: XElement[] = [el];
  for (const c of children(el)) out.push(...allElements(c));
  return out;
}

/** Asserts `actual` is `order` with some optional entries left out, never reordered or repeated. */
function expectOrder(actual: string[], order: string[], required: string[]) {
  let i = 0;
  for (const name of actual) {
    const at = order.indexOf(name, i);
    if (at < 0) throw new Error(`<${name}> is out of order or not allowed here: got [${actual.join(", ")}], XSD order [${order.join(", ")}]`);
    i = at + 1;
  }
  for (const r of required) expect(actual).toContain(r);
}

/** Width and height from a PNG's IHDR chunk (after checking the signature and the chunk CRC). */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(b.readUInt32BE(8)).toBe(13);
  expect(b.toString("ascii", 12, 16)).toBe("IHDR");
  let c = 0xffffffff;
  for (const byte of b.subarray(12, 29)) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  expect((c ^ 0xffffffff) >>> 0).toBe(b.readUInt32BE(29));
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** https://localhost:3000/assets/x.png → assets/x.png (must exist). */
function assetFile(url: string): string {
  expect(url.startsWith(`${ORIGIN}/assets/`)).toBe(true);
  const file = join(ROOT, decodeURIComponent(new URL(url).pathname));
  expect(existsSync(file)).toBe(true);
  return file;
}

const xml = readFileSync(join(ROOT, "manifest.xml"), "utf8");

describe("manifest.xml", () => {
  const doc = parseStrict(xml);
  const root = doc.documentElement as XElement;

  test("is well-formed, and a strict parse rejects a broken copy", () => {
    expect(root.localName).toBe("OfficeApp");
    expect(() => parseStrict(xml.replace("</Hosts>", ""))).toThrow();
    expect(() => parseStrict(xml.replace('<Host Name="Workbook"/>', '<Host Name="Workbook">'))).toThrow();
  });

  test("is a TaskPaneApp in the 1.1 schema", () => {
    expect(root.namespaceURI).toBe(OFFICE_NS);
    expect(root.getAttributeNS(XSI_NS, "type")).toBe("TaskPaneApp");
  });

  test("OfficeApp children are in XSD order", () => {
    const order = [
      "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
      "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "VersionOverrides",
    ];
    expectOrder(names(root), order, ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "DefaultSettings", "Permissions"]);
    for (const c of children(root).filter((c) => c.localName !== "VersionOverrides")) expect(c.namespaceURI).toBe(OFFICE_NS);
  });

  test("identity: GUID Id, four-part version, zh-CN default locale", () => {
    expect(child(root, "Id").textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(child(root, "Version").textContent).toBe("1.0.0.0");
    expect(child(root, "ProviderName").textContent?.trim()).toBeTruthy();
    expect(child(root, "DefaultLocale").textContent).toBe("zh-CN");
  });

  test("display name and description in zh-CN with en-US overrides", () => {
    for (const name of ["DisplayName", "Description"]) {
      const el = child(root, name);
      expect(el.getAttribute("DefaultValue")).toMatch(/[\u4e00-\u9fff]/);
      const overrides = children(el).filter((c) => c.localName === "Override");
      expect(overrides.map((o) => o.getAttribute("Locale"))).toEqual(["en-US"]);
      expect(overrides[0].getAttribute("Value")).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(child(root, "DisplayName").getAttribute("DefaultValue")!.length).toBeLessThanOrEqual(125);
    expect(child(root, "Description").getAttribute("DefaultValue")!.length).toBeLessThanOrEqual(250);
  });

  test("Excel workbook host, ReadWriteDocument only, own origin only", () => {
    expect(children(child(root, "Hosts")).map((h) => h.getAttribute("Name"))).toEqual(["Workbook"]);
    expect(child(root, "Permissions").textContent).toBe("ReadWriteDocument");
    expect(children(child(root, "AppDomains")).map((d) => d.textContent)).toEqual([ORIGIN]);
    expect(child(child(root, "DefaultSettings"), "SourceLocation").getAttribute("DefaultValue")).toBe(`${ORIGIN}/taskpane.html`);
  });

  test("requirement set: ExcelApi MIN_EXCEL_API, nothing optional declared as required", () => {
    const sets = child(child(root, "Requirements"), "Sets");
    expect(sets.getAttribute("DefaultMinVersion")).toBe(MIN_EXCEL_API);
    const declared = children(sets).map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]);
    expect(declared).toEqual([["ExcelApi", MIN_EXCEL_API]]);
    const num = (v: string) => v.split(".").map(Number);
    const newer = (a: string, b: string) => num(a)[0] > num(b)[0] || (num(a)[0] === num(b)[0] && num(a)[1] > num(b)[1]);
    // The features of these sets are feature-detected at run time, so the manifest must not require them.
    expect(newer(TRIGGER_SOURCE_API, MIN_EXCEL_API)).toBe(true);
    expect(newer(CHECKBOX_API, MIN_EXCEL_API)).toBe(true);
    // The minimum covers onChanged (1.7), data validation (1.8) and page layout (1.9).
    expect(newer("1.9", MIN_EXCEL_API)).toBe(false);
  });

  test("icons: IconUrl 32×32 and HighResolutionIconUrl 64×64 from assets/", () => {
    expect(pngSize(assetFile(child(root, "IconUrl").getAttribute("DefaultValue")!))).toEqual({ width: 32, height: 32 });
    expect(pngSize(assetFile(child(root, "HighResolutionIconUrl").getAttribute("DefaultValue")!))).toEqual({ width: 64, height: 64 });
    expect(existsSync(assetFile(child(root, "SupportUrl").getAttribute("DefaultValue")!))).toBe(true);
  });

  test("every URL is https on the dev origin", () => {
    const urls: string[] = [];
    for (const el of allElements(root)) {
      for (const attr of ["DefaultValue", "Value"]) {
        const v = el.getAttribute(attr);
        if (v && /^[a-z]+:\/\//i.test(v)) urls.push(v);
      }
      if (el.localName === "AppDomain") urls.push(el.textContent ?? "");
    }
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u === ORIGIN || u.startsWith(`${ORIGIN}/`)).toBe(true);
    expect(xml).not.toMatch(/http:\/\/(?!schemas\.microsoft\.com|www\.w3\.org)/);
  });

  describe("VersionOverrides", () => {
    const vo = child(root, "VersionOverrides");
    const resources = () => child(vo, "Resources");

    test("is VersionOverridesV1_0 in the task pane namespace, Hosts then Resources", () => {
      expect(vo.namespaceURI).toBe(OV_NS);
      expect(vo.getAttributeNS(XSI_NS, "type")).toBe("VersionOverridesV1_0");
      expectOrder(names(vo), ["Description", "Requirements", "Hosts", "Resources", "VerifiedDomains", "EquivalentAddins", "WebApplicationInfo"], ["Hosts", "Resources"]);
    });

    test("Hosts/Host(Workbook)/DesktopFormFactor: GetStarted?, FunctionFile?, ExtensionPoint+", () => {
      const hosts = children(child(vo, "Hosts"));
      expect(hosts.map((h) => [h.localName, h.getAttributeNS(XSI_NS, "type")])).toEqual([["Host", "Workbook"]]);
      const dff = child(hosts[0], "DesktopFormFactor");
      const order = names(dff);
      expectOrder(order.filter((n) => n !== "ExtensionPoint"), ["GetStarted", "FunctionFile"], []);
      expect(order.lastIndexOf("GetStarted")).toBeLessThan(order.indexOf("ExtensionPoint"));
      expect(order.slice(order.indexOf("ExtensionPoint")).every((n) => n === "ExtensionPoint")).toBe(true);
      expectOrder(names(child(dff, "GetStarted")), ["Title", "Description", "LearnMoreUrl"], ["Title", "Description"]);
    });

    test("a ShowTaskpane button in a group on the Home tab", () => {
      const ep = child(child(child(child(vo, "Hosts"), "Host"), "DesktopFormFactor"), "ExtensionPoint");
      expect(ep.getAttributeNS(XSI_NS, "type")).toBe("PrimaryCommandSurface");
      const tab = child(ep, "OfficeTab");
      expect(tab.getAttribute("id")).toBe("TabHome");
      const group = child(tab, "Group");
      expectOrder(names(group), ["Label", "Icon", "Control"], ["Label", "Icon", "Control"]);
      const button = child(group, "Control");
      expect(button.getAttributeNS(XSI_NS, "type")).toBe("Button");
      expectOrder(names(button), ["Label", "Supertip", "Icon", "Action"], ["Label", "Supertip", "Icon", "Action"]);
      expectOrder(names(child(button, "Supertip")), ["Title", "Description"], ["Title", "Description"]);
      const action = child(button, "Action");
      expect(action.getAttributeNS(XSI_NS, "type")).toBe("ShowTaskpane");
      expectOrder(names(action), ["TaskpaneId", "SourceLocation", "Title", "SupportsPinning"], ["SourceLocation"]);
      for (const icon of [child(group, "Icon"), child(button, "Icon")]) {
        expect(children(icon).map((i) => [i.namespaceURI, i.localName, i.getAttribute("size")])).toEqual([
          [BT_NS, "Image", "16"],
          [BT_NS, "Image", "32"],
          [BT_NS, "Image", "80"],
        ]);
      }
      // The button opens the same page as DefaultSettings.
      const sourceId = child(action, "SourceLocation").getAttribute("resid");
      const url = children(child(resources(), "Urls")).find((u) => u.getAttribute("id") === sourceId);
      expect(url?.getAttribute("DefaultValue")).toBe(child(child(root, "DefaultSettings"), "SourceLocation").getAttribute("DefaultValue"));
    });

    test("Resources: Images, Urls, ShortStrings, LongStrings; ids unique and ≤ 32 characters", () => {
      expectOrder(names(resources()), ["Images", "Urls", "ShortStrings", "LongStrings"], ["Images", "Urls", "ShortStrings", "LongStrings"]);
      for (const c of children(resources())) expect(c.namespaceURI).toBe(BT_NS);
      const ids = children(resources()).flatMap((group) => children(group).map((r) => r.getAttribute("id")!));
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id.length).toBeLessThanOrEqual(32);
    });

    test("every resid resolves to a resource of the right kind", () => {
      const kinds = new Map<string, string>();
      for (const group of children(resources())) for (const r of children(group)) kinds.set(r.getAttribute("id")!, group.localName!);
      const refs = allElements(vo).filter((el) => el.hasAttribute("resid"));
      expect(refs.length).toBeGreaterThan(5);
      for (const el of refs) {
        const kind = kinds.get(el.getAttribute("resid")!);
        const expected =
          el.localName === "Image" ? "Images"
          : el.localName === "Label" || el.localName === "Title" ? "ShortStrings"
          : el.localName === "Description" ? "LongStrings"
          : "Urls";
        expect([el.getAttribute("resid"), kind]).toEqual([el.getAttribute("resid"), expected]);
      }
      // …and every resource is used.
      const used = new Set(refs.map((el) => el.getAttribute("resid")));
      for (const id of kinds.keys()) expect([id, used.has(id)]).toEqual([id, true]);
    });

    test("ribbon icons exist in assets/ with the pixel size they are used at", () => {
      const images = new Map(children(child(resources(), "Images")).map((i) => [i.getAttribute("id")!, i.getAttribute("DefaultValue")!]));
      const uses = all(vo, "Image").filter((i) => i.hasAttribute("size"));
      expect(uses.length).toBe(6);
      for (const use of uses) {
        const size = Number(use.getAttribute("size"));
        expect(pngSize(assetFile(images.get(use.getAttribute("resid")!)!))).toEqual({ width: size, height: size });
      }
    });

    test("strings: zh-CN default with an en-US override, within the length limits", () => {
      for (const [group, max] of [["ShortStrings", 125], ["LongStrings", 250]] as const) {
        for (const s of children(child(resources(), group))) {
          expect(s.getAttribute("DefaultValue")).toMatch(/[\u4e00-\u9fff]/);
          expect(s.getAttribute("DefaultValue")!.length).toBeLessThanOrEqual(max);
          const overrides = children(s);
          expect(overrides.map((o) => [o.namespaceURI, o.localName, o.getAttribute("Locale")])).toEqual([[BT_NS, "Override", "en-US"]]);
          expect(overrides[0].getAttribute("Value")!.length).toBeLessThanOrEqual(max);
        }
      }
    });
  });
});

describe("assets/", () => {
  test.each([16, 32, 64, 80, 128])("icon-%i.png is a PNG square of that size", (size) => {
    expect(pngSize(join(ROOT, "assets", `icon-${size}.png`))).toEqual({ width: size, height: size });
  });
});
