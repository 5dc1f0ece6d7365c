/**
 * The `safescore` command line. Run as `npm run --silent cli -- <command> …` or `safescore <command>`.
 * Exit codes: 0 done (a scored workbook may still have flags); 1 usage error; 2 a file could not be read
 * as a SafeScore workbook, with one line saying why.
 */
import { shippedRubrics } from "../rubric/library";
import { RubricError } from "../rubric/errors";
import { WorkbookError } from "../layout/read";
import { listRubrics } from "./rubrics";
import { inspectJson, readFile, scoreJson, scoreText, templateCommand, UsageError } from "./workbook";
import { scoreRead } from "../layout/scored";

const USAGE = `用法 / usage: safescore <command>
  rubrics [--json]                      已内置的考核细则及适用单位 / shipped rubrics and variants
  template --rubric <id> [--variant <id>] [--unit <单位名称>] [--unprotected] -o <file.xlsx>
                                        生成空白自评表（默认保护评分内容） / write a blank official workbook
  inspect <file.xlsx> [--json]          自评表的单元格布局 / the workbook's layout map
  score <file.xlsx> [--json]            计算得分、等次、否决和待处理问题 / score a returned workbook`;

type Out = (s: string) => void;

function parseArgs(args: string[]): { positional: string[]; opts: Record<string, string | true> } {
  const positional: string[] = [];
  const opts: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-o" || (a.startsWith("--") && !["--json", "--unprotected"].includes(a))) {
      const key = a === "-o" ? "out" : a.slice(2);
      const value = args[i + 1];
      if (value === undefined || value.startsWith("-")) throw new UsageError(`${a} 需要一个值 / ${a} needs a value`);
      opts[key] = value;
      i++;
    } else if (a.startsWith("--")) opts[a.slice(2)] = true;
    else positional.push(a);
  }
  return { positional, opts };
}

export async function main(argv: string[], out: Out = (s) => process.stdout.write(s), err: Out = (s) => process.stderr.write(s)): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { positional, opts } = parseArgs(rest);
    const json = opts.json === true;
    const str = (k: string) => (typeof opts[k] === "string" ? (opts[k] as string) : undefined);
    const file = () => {
      if (!positional[0]) throw new UsageError(`${command} 需要一个 .xlsx 文件 / ${command} needs an .xlsx file`);
      return positional[0];
    };
    switch (command) {
      case "rubrics":
        out(listRubrics(shippedRubrics(), json));
        return 0;
      case "template":
        out(await templateCommand({ rubric: str("rubric"), variant: str("variant"), unit: str("unit"), out: str("out"), unprotected: opts.unprotected === true }));
        return 0;
      case "inspect": {
        const result = await readFile(file());
        const map = inspectJson(result);
        out(json ? JSON.stringify(map, null, 2) + "\n" : `${result.rubric.title}\n工作表：${map.sheet}　总分：${map.totalCell}　等次：${map.tierCell}\n考核内容 ${map.items.length} 项，评分条款 ${map.items.reduce((n, i) => n + i.clauses.length, 0)} 条，否决项 ${map.vetoes.length} 条\n`);
        return 0;
      }
      case "score": {
        const scored = scoreRead(await readFile(file()));
        out(json ? JSON.stringify(scoreJson(scored), null, 2) + "\n" : scoreText(scored));
        return 0;
      }
      case undefined:
      case "help":
      case "--help":
      case "-h":
        out(USAGE + "\n");
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`未知命令 / unknown command: ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n${USAGE}\n`);
      return 1;
    }
    if (e instanceof WorkbookError) {
      err(`${argv[1] ?? ""}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof RubricError) {
      err(e.message + "\n");
      return 2;
    }
    if ((e as NodeJS.ErrnoException).code === "ENOENT") {
      err(`找不到文件 / no such file: ${(e as NodeJS.ErrnoException).path}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module || process.argv[1]?.endsWith("safescore.js")) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
