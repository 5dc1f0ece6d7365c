/** Runs the command line in-process, capturing its output and exit code. */
import { main } from "../../src/cli/main";

export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, (s) => (out += s), (s) => (err += s), process.env, null);
  return { code, out, err };
}
