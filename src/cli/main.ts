/**
 * The `safescore` command line. Run as `npm run --silent cli -- <command> …` or `safescore <command>`.
 * Exit codes: 0 done (a scored workbook may still have flags); 1 usage error (its message and a one-line
 * pointer to `safescore help`, not the whole usage again); 2 a file could not be read
 * (or written), or an internal error — always one line saying why, never a stack trace (SAFESCORE_DEBUG=1
 * adds the stack of an internal error).
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { RubricError } from "../rubric/errors";
import { WorkbookError } from "../layout/format";
import { displaySafe, jsonText } from "../text/display";
import { FileError, FileProblems, UsageError } from "./errors";

// Each command loads its modules when it runs (the bundled CLI must start in < 0.25 s: ExcelJS, zod and
// the rubrics are not parsed for `--help`, and `rubrics` does not load ExcelJS).
const workbook = () => import("./workbook");
const rubricOption = () => import("./rubric-option");

/**
 * `inspect` and `score`: a --rubric value checked first (a usage error before any file), then the file opened
 * before the rubrics, the plan and the schema are loaded (open-return.ts): a damaged file or a zip bomb is
 * refused without them.
 */
async function openFirst(file: string, rubric: string | undefined) {
  const rubrics = rubric === undefined ? [] : (await rubricOption()).rubricChoices(rubric);
  const grid = await (await import("./open-return")).openReturn(file);
  return { rubrics, grid };
}

const USAGE = `用法 / usage: safescore <command>
  rubrics [--json]                      已内置的考核细则及适用单位 / shipped rubrics and variants
  schemes [--json]                      已内置的考核方案（千分制等综合得分的组成部分） / shipped schemes (the parts of a composite score)
  template --rubric <id|file.json> [--variant <id>] [--unit <单位名称>] [--unprotected] [--no-tiers] [--points <分值.csv>] -o <file.xlsx>
                                        生成空白自评表（默认保护评分内容；--no-tiers 不设参考等次；--points 本地分值）
                                        / write a blank official workbook (--no-tiers: without a reference tier; --points: local item points)
  inspect <file.xlsx> [--rubric <id|file.json>] [--json]
                                        自评表的单元格布局 / the workbook's layout map
  score <file.xlsx> [--rubric <id|file.json>] [--json]
                                        计算得分、等次、否决和待处理问题 / score a returned workbook
  review <file.xlsx> [--rubric <id|file.json>] -o <核定表.xlsx>
                                        生成核定表：自评内容锁定，旁加核定栏（勾选、次数、说明）及核定得分
                                        / write the review table (核定): the unit's entries locked, the assessors' columns beside them
  consolidate <file|dir>… [--rubric <id|file.json>]… [--units <file>] [--policy <file>] [--points <分值.csv> --rubric <id|file.json>] -o <roster.xlsx> [--json] [--notice <file.docx>]
              [--scheme <id|file.json> [--scores <分数表.csv|.xlsx>]]
                                        汇总各单位自评表，生成考核成绩表；--scheme 按考核方案计综合得分（如千分制）
                                        / consolidate returns into the roster; --scheme ranks by a composite score
  import <table.txt|table.docx|table.xlsx> -o <rubric.json> [--report <review.md>] [--decisions <decisions.json> [--part <附件2>]]
                                        从评分表起草考核细则并列出待定事项；--decisions 应用决定文件
                                        / draft a rubric from a scoring table, with a review list; --decisions applies a decisions file
  --rubric 可给内置考核细则的 id 或考核细则文件（.json）；读取自评表时，只接受由所给考核细则生成的表
  / --rubric takes a shipped id or a rubric file (.json); reading, only returns made from the given rubric(s) are accepted`;

type Out = (s: string) => void;

/** Every option the commands take, to tell a missing value from a value that starts with "-". */
const OPTIONS = new Set(["--rubric", "--variant", "--unit", "--unprotected", "--no-tiers", "-o", "--out", "--json", "--units", "--policy", "--notice", "--report", "--decisions", "--part", "--points", "--scheme", "--scores", "-h", "--help"]);

/**
 * An option's value: never another of our options (`-o --json` is a missing value, not a file named --json),
 * but any other text, "-" first or not: a unit may be named "-某单位" (`--unit -某单位`, `--unit=-x`).
 */
const value = (flag: string) => (v: string) => {
  if (OPTIONS.has(v.split("=")[0])) throw new InvalidArgumentError(`${flag} 需要一个值 / ${flag} needs a value`);
  return v;
};

/** After a usage error, one line pointing to the usage instead of the whole block again. */
const USAGE_HINT = "用法见 safescore help / run safescore help for usage";

/** The commands, on a fresh commander program (main may run many times in one process). */
function program(out: Out, note: Out, progress: Out | undefined, env: Record<string, string | undefined>): Command {
  const root = new Command("safescore");
  const quiet = (c: Command) =>
    c
      .exitOverride()
      .configureOutput({ writeOut: out, writeErr: () => undefined, outputError: () => undefined })
      .configureHelp({ formatHelp: () => USAGE + "\n" })
      .allowExcessArguments(false);
  quiet(root).helpCommand(false);
  quiet(root.command("rubrics"))
    .option("--json")
    .action(async (o: { json?: boolean }) => {
      const [{ listRubrics }, { shippedRubrics }] = await Promise.all([import("./rubrics"), import("../rubric/library")]);
      out(listRubrics(shippedRubrics(), o.json === true));
    });
  quiet(root.command("schemes"))
    .option("--json")
    .action(async (o: { json?: boolean }) => {
      const [{ listSchemes }, { shippedSchemes }] = await Promise.all([import("./schemes"), import("../scheme/shipped")]);
      out(listSchemes(shippedSchemes(), o.json === true));
    });
  quiet(root.command("template"))
    .option("--rubric <id|file>", "", value("--rubric"))
    .option("--variant <id>", "", value("--variant"))
    .option("--unit <name>", "", value("--unit"))
    .option("--unprotected")
    .option("--no-tiers")
    .option("--points <csv>", "", value("--points"))
    .option("-o, --out <file>", "", value("-o"))
    .action(async (o: { rubric?: string; variant?: string; unit?: string; out?: string; unprotected?: boolean; tiers?: boolean; points?: string }) => {
      const r = await (await workbook()).templateCommand({ ...o, unprotected: o.unprotected === true, noTiers: o.tiers === false });
      r.notes.forEach(note);
      out(r.out);
    });
  quiet(root.command("inspect"))
    .argument("<file>")
    .option("--rubric <id|file>", "", value("--rubric"))
    .option("--json")
    .action(async (file: string, o: { json?: boolean; rubric?: string }) => {
      const { rubrics, grid } = await openFirst(file, o.rubric);
      const { readOpened, inspectJson, inspectText } = await workbook();
      const result = readOpened(file, grid, rubrics);
      out(o.json ? jsonText(inspectJson(result)) : inspectText(result));
    });
  quiet(root.command("score"))
    .argument("<file>")
    .option("--rubric <id|file>", "", value("--rubric"))
    .option("--json")
    .action(async (file: string, o: { json?: boolean; rubric?: string }) => {
      const { rubrics, grid } = await openFirst(file, o.rubric);
      const [{ readOpened, scoreJson, scoreText }, { scoreRead }] = await Promise.all([workbook(), import("../layout/scored")]);
      const scored = scoreRead(readOpened(file, grid, rubrics));
      out(o.json ? jsonText(scoreJson(scored)) : scoreText(scored));
    });
  quiet(root.command("review"))
    .argument("<file>")
    .option("--rubric <id|file>", "", value("--rubric"))
    .option("-o, --out <file>", "", value("-o"))
    .action(async (file: string, o: { rubric?: string; out?: string }) => {
      if (!o.out) throw new UsageError("缺少 -o <核定表.xlsx> / missing -o <reviewed.xlsx>");
      const { rubrics, grid } = await openFirst(file, o.rubric);
      const r = await (await import("./review")).reviewCommand(file, grid, rubrics, o.out);
      r.notes.forEach(note);
      out(r.out);
    });
  quiet(root.command("consolidate"))
    .argument("<inputs...>")
    // Repeated for returns of several rubrics: each value is one shipped id or one rubric file.
    .option("--rubric <id|file>", "", (v: string, all: string[] = []) => [...all, value("--rubric")(v)])
    .option("--units <file>", "", value("--units"))
    .option("--policy <file>", "", value("--policy"))
    .option("--points <csv>", "", value("--points"))
    .option("-o, --out <file>", "", value("-o"))
    .option("--notice <file>", "", value("--notice"))
    .option("--scheme <id|file>", "", value("--scheme"))
    .option("--scores <file>", "", value("--scores"))
    .option("--json")
    .action(async (inputs: string[], o: { rubric?: string[]; units?: string; policy?: string; points?: string; out?: string; notice?: string; json?: boolean; scheme?: string; scores?: string }) => {
      const [{ consolidateCommand }, { deps }] = await Promise.all([import("./consolidate"), import("./consolidate-deps")]);
      await consolidateCommand(inputs, o, { out, note, progress, env }, deps);
    });
  quiet(root.command("import"))
    .argument("<table>")
    .option("-o, --out <file>", "", value("-o"))
    .option("--report <file>", "", value("--report"))
    .option("--decisions <file>", "", value("--decisions"))
    .option("--part <name>", "", value("--part"))
    .action(async (file: string, o: { out?: string; report?: string; decisions?: string; part?: string }) => {
      const { importCommand } = await import("./import");
      out(importCommand(file, o).out);
    });
  return root;
}

/** A commander parse error in the command line's own words (zh-CN / en-US). */
function usageMessage(e: CommanderError, command: string | undefined): string {
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? "";
  switch (e.code) {
    case "commander.unknownCommand":
      return `未知命令 / unknown command: ${command}`;
    case "commander.unknownOption":
      return `未知选项 / unknown option: ${quoted}`;
    case "commander.optionMissingArgument":
      return `${quoted.split(",")[0].split(" ")[0]} 需要一个值 / ${quoted} needs a value`;
    case "commander.missingArgument":
      return command === "consolidate"
        ? "consolidate 需要至少一个 .xlsx 文件或文件夹 / consolidate needs at least one .xlsx file or folder"
        : command === "import"
          ? "import 需要一个评分表文件（.txt、.docx 或 .xlsx） / import needs a table file (.txt, .docx or .xlsx)"
          : `${command} 需要一个 .xlsx 文件 / ${command} needs an .xlsx file`;
    case "commander.excessArguments":
      return `${command} 的参数过多 / too many arguments for ${command}`;
    case "commander.invalidArgument":
      return e.message.replace(/^error: option '[^']*' argument '[^']*' is invalid\. /, "");
    default:
      return e.message.replace(/^error: /, "");
  }
}

export async function main(
  argv: string[],
  out: Out = (s) => process.stdout.write(s),
  err: Out = (s) => process.stderr.write(s),
  env: Record<string, string | undefined> = process.env,
  /** Raw stderr for a progress line: only on a terminal. */
  progress: Out | null = process.stderr.isTTY ? (s) => process.stderr.write(s) : null,
): Promise<number> {
  const [command] = argv;
  // One line, whatever the message holds.
  const line = (s: string) => err(displaySafe(s, 1000) + "\n");
  try {
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      out(USAGE + "\n");
      return command === undefined ? 1 : 0;
    }
    await program(out, line, progress ?? undefined, env).parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.help") return 0;
      err(`${displaySafe(usageMessage(e, command), 1000)}\n${USAGE_HINT}\n`);
      return 1;
    }
    if (e instanceof UsageError) {
      err(`${e.message}\n${USAGE_HINT}\n`);
      return 1;
    }
    if (e instanceof FileProblems) {
      e.lines.forEach(line);
      return 2;
    }
    if (e instanceof FileError || e instanceof RubricError || e instanceof WorkbookError) {
      line(e.message);
      return 2;
    }
    line(`内部错误 / internal error: ${(e as Error)?.message ?? String(e)}`);
    if (env.SAFESCORE_DEBUG === "1" && e instanceof Error && e.stack) err(e.stack + "\n");
    return 2;
  }
}

/** Runs the command line on this process's arguments and sets its exit code. */
export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`内部错误 / internal error: ${displaySafe(String((e as Error)?.message ?? e), 1000)}\n`);
      process.exitCode = 2;
    },
  );
}

// `npm run cli` (tsx src/cli/main.ts). bin/safescore.js and the bundle's entry (run.ts) call run() themselves;
// in the ES-module bundle there is no `module`.
if (typeof module !== "undefined" && require.main === module) run();
