/** The bundled command line's entry point (dist-cli/): runs `main` on the process's arguments. */
import { run } from "./main";

run();
