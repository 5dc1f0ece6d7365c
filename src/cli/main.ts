/**
 * The `safescore` command line. Run as `npm run --silent cli -- <command> …` or `safescore <command>`.
 * Exit codes: 0 done; 1 usage error; 2 an input could not be used (with one line saying why).
 */
import { shippedRubrics } from "../rubric/library";
import { RubricError } from "../rubric/errors";
import { listRubrics } from "./rubrics";

const USAGE = `用法 / usage: safescore <command>
  rubrics [--json]        已内置的考核细则及其适用单位 / the shipped rubrics and their variants`;

export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "rubrics":
        out(listRubrics(shippedRubrics(), rest.includes("--json")));
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        out(USAGE + "\n");
        return command === undefined ? 1 : 0;
      default:
        process.stderr.write(`未知命令 / unknown command: ${command}\n${USAGE}\n`);
        return 1;
    }
  } catch (e) {
    if (e instanceof RubricError) {
      process.stderr.write(e.message + "\n");
      return 2;
    }
    throw e;
  }
}

if (require.main === module || process.argv[1]?.endsWith("safescore.js")) {
  process.exitCode = main(process.argv.slice(2));
}
