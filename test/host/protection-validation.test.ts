/** Sheet protection and data validation, through the API and as the user types. */
import { createHost, type Host } from "../../src/host";

let host: Host;
let run: typeof Excel.run;
beforeEach(() => {
  host = createHost();
  run = host.Excel.run;
});

/** B2 unlocked (an input cell), the rest locked (Excel's default), then the sheet protected. */
async function protectWithInput(password?: string) {
  await run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.getRange("A1").values = [["title"]];
    s.getRange("B2").format.protection.locked = false;
    s.protection.protect({ allowFormatColumns: true }, password);
    s.protection.load("protected");
    await ctx.sync();
    expect(s.protection.protected).toBe(true);
  });
}

const write = (address: string, value: unknown) =>
  run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Sheet1").getRange(address).values = [[value]];
    await ctx.sync();
  });

describe("protection", () => {
  test("the add-in cannot write a locked cell of a protected sheet; unlocked cells stay writable", async () => {
    await protectWithInput();
    await expect(write("A1", "changed")).rejects.toMatchObject({ code: "InvalidOperation", debugInfo: { errorLocation: "Range.values" } });
    await expect(write("C3", 1)).rejects.toMatchObject({ code: "InvalidOperation" });
    await expect(write("B2", 5)).resolves.toBeUndefined();
    expect(host.workbook.get("Sheet1", "A1").value).toBe("title");
    expect(host.workbook.get("Sheet1", "B2").value).toBe(5);
  });

  test("a write covering one locked cell changes nothing", async () => {
    await protectWithInput();
    await expect(run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B2:C2").values = [[1, 2]];
      await ctx.sync();
    })).rejects.toMatchObject({ code: "InvalidOperation" });
    expect(host.workbook.get("Sheet1", "B2").value).toBeNull();
  });

  test("formatting follows the protection options: columns allowed here, cell formats and merges not", async () => {
    await protectWithInput();
    const attempt = (f: (s: Excel.Worksheet) => void) =>
      run(async (ctx) => {
        f(ctx.workbook.worksheets.getItem("Sheet1"));
        await ctx.sync();
      }).then(() => "ok", (e) => e.code);
    expect(await attempt((s) => (s.getRange("A:A").format.columnWidth = 80))).toBe("ok");
    expect(await attempt((s) => (s.getRange("A1").format.font.bold = true))).toBe("InvalidOperation");
    expect(await attempt((s) => (s.getRange("5:5").format.rowHeight = 30))).toBe("InvalidOperation");
    expect(await attempt((s) => s.getRange("A1:B1").merge())).toBe("InvalidOperation");
    expect(await attempt((s) => s.protection.protect())).toBe("InvalidOperation"); // already protected
  });

  test("the user is refused too, with Excel's message; unprotect with the password lifts it", async () => {
    await protectWithInput("secret");
    expect(host.workbook.userEdit("Sheet1", "A1", "x")).toEqual({
      ok: false,
      title: "Microsoft Excel",
      message: expect.stringContaining("protected sheet"),
    });
    expect(host.workbook.userEdit("Sheet1", "B2", "typed")).toEqual({ ok: true });
    await expect(run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").protection.unprotect("wrong");
      await ctx.sync();
    })).rejects.toMatchObject({ code: "AccessDenied" });
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").protection.unprotect("secret");
      await ctx.sync();
    });
    expect(host.workbook.userEdit("Sheet1", "A1", "x")).toEqual({ ok: true });
  });
});

describe("data validation", () => {
  async function validate(address: string, rule: Excel.DataValidationRule, alert?: Partial<Excel.DataValidationErrorAlert>) {
    await run(async (ctx) => {
      const dv = ctx.workbook.worksheets.getItem("Sheet1").getRange(address).dataValidation;
      dv.rule = rule;
      if (alert) dv.errorAlert = { showAlert: true, style: "Stop", title: "", message: "", ...alert };
      await ctx.sync();
    });
  }

  test("a whole-number rule rejects 2.5 as the user types it, with the rule's message", async () => {
    await validate("F5:F9", { wholeNumber: { formula1: 0, formula2: 1000000, operator: "Between" } }, { title: "输入有误", message: "请输入 0 到 1000000 之间的整数次数" });
    expect(host.workbook.userEdit("Sheet1", "F5", 2.5)).toEqual({ ok: false, title: "输入有误", message: "请输入 0 到 1000000 之间的整数次数" });
    expect(host.workbook.userEdit("Sheet1", "F6", "2.5")).toMatchObject({ ok: false });
    expect(host.workbook.userEdit("Sheet1", "F7", "三")).toMatchObject({ ok: false });
    expect(host.workbook.userEdit("Sheet1", "F8", -1)).toMatchObject({ ok: false });
    expect(host.workbook.get("Sheet1", "F5").value).toBeNull();
    expect(host.workbook.userEdit("Sheet1", "F5", 3)).toEqual({ ok: true });
    expect(host.workbook.userEdit("Sheet1", "F5", "")).toEqual({ ok: true }); // blanks are allowed
  });

  test("the API is not stopped by validation (as in Excel), but Range.dataValidation.valid tells", async () => {
    await validate("F5", { wholeNumber: { formula1: 0, formula2: 10, operator: "Between" } });
    await write("F5", 2.5);
    await run(async (ctx) => {
      const dv = ctx.workbook.worksheets.getItem("Sheet1").getRange("F5").dataValidation.load("valid,type,rule,errorAlert");
      await ctx.sync();
      expect(dv.valid).toBe(false);
      expect(dv.type).toBe("WholeNumber");
      expect(dv.rule).toEqual({ wholeNumber: { formula1: 0, formula2: 10, operator: "Between" } });
      expect(dv.errorAlert).toMatchObject({ showAlert: true, style: "Stop" });
    });
  });

  test("a decimal rule, a list rule, and Excel's default message", async () => {
    await validate("G1", { decimal: { formula1: 0, formula2: 5, operator: "Between" } });
    await validate("H1", { list: { inCellDropDown: true, source: "是,否,不适用" } });
    expect(host.workbook.userEdit("Sheet1", "G1", 4.25)).toEqual({ ok: true });
    expect(host.workbook.userEdit("Sheet1", "G1", 5.5)).toEqual({
      ok: false,
      title: "Microsoft Excel",
      message: "This value doesn't match the data validation restrictions defined for this cell.",
    });
    expect(host.workbook.userEdit("Sheet1", "H1", "否")).toEqual({ ok: true });
    expect(host.workbook.userEdit("Sheet1", "H1", "也许")).toMatchObject({ ok: false });
  });

  test("a warning alert lets the value in and says why", async () => {
    await validate("J1", { wholeNumber: { formula1: 1, operator: "GreaterThanOrEqualTo" } }, { style: "Warning", message: "通常至少 1 次" });
    expect(host.workbook.userEdit("Sheet1", "J1", 0)).toEqual({ ok: true, warning: "通常至少 1 次" });
    expect(host.workbook.get("Sheet1", "J1").value).toBe(0);
  });

  test("clear() removes the rule", async () => {
    await validate("K1", { wholeNumber: { formula1: 1, formula2: 2, operator: "Between" } });
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("K1").dataValidation.clear();
      await ctx.sync();
    });
    expect(host.workbook.userEdit("Sheet1", "K1", 9)).toEqual({ ok: true });
  });
});
