// The command line of `npm run bench`: its flags, their defaults (full and --quick) and the help
// text that lists them.
import path from "node:path";

export const ROOT = path.join(__dirname, "..");
export type Mode = "embedded" | "postgres" | "multi";

const HELP = `npm run bench [-- flags]

  --quick                 a smoke run of about two minutes (fewer clients, short phases, small large forum)
  --modes a,b             embedded, postgres, multi (default: embedded, plus postgres when DATABASE_URL
                          is set, plus multi when DATABASE_URL and REDIS_URL are set). postgres and multi
                          without DATABASE_URL / REDIS_URL start a private PostgreSQL / Redis if the
                          binaries are installed.
  --clients N             connected clients (sockets) for latency and throughput (1000)
  --forums N              forums the clients are spread over (10)
  --users N               accounts, each with several sockets (100)
  --rate N                positions (and comments) per second in the latency phases (50)
  --latency-seconds N     length of each latency phase (20)
  --measures N            measures per forum for the position load (50)
  --p99 N                 the p99 limit in ms that a sustained rate must keep (150)
  --probe-seconds N       length of each throughput probe (6)
  --sustain-seconds N     length of the confirming throughput run (60)
  --start-rate N          the first rate the throughput search tries; then ×1.5 per step (50)
  --max-rate N            the highest rate the throughput search tries (5000)
  --throughput-clients N  clients that stay connected for the throughput search (100; see README:
                          one load-generator process receives at most ~45,000 events/s here)
  --big-clients N         the large connection count for memory (10000)
  --big-rate N            positions per second for the latency probe at that count (5)
  --large M,C,P           the large forum: measures, comments, positions (200,10000,20000)
  --page-samples N        timed requests per page (50)
  --large-via-api         write the large forum's positions and comments through the API too
                          (default: its forum, members and measures through the API, the rows in bulk)
  --quiet-wait N          before each phase, wait up to N s for other processes on the machine to use
                          less than a quarter of a core (10; 0 turns it off)
  --skip a,b              phases to skip: floor, comments, throughput, big, pages
  --profile               run Concord with --cpu-prof; profiles go to bench/results/profiles/
  --label TEXT            added to the result file name and the table
  --app-dir DIR           the app to run (default: this repository; or BENCH_APP_DIR). Needs
                          .next/ and dist/server.js from \`npm run build\`.
  --out DIR               where results go (bench/results)
`;

export interface Options {
  quick: boolean;
  modes: Mode[];
  clients: number;
  forums: number;
  users: number;
  rate: number;
  latencySeconds: number;
  measures: number;
  p99: number;
  probeSeconds: number;
  sustainSeconds: number;
  maxRate: number;
  startRate: number;
  throughputClients: number;
  bigClients: number;
  bigRate: number;
  large: { measures: number; comments: number; positions: number };
  pageSamples: number;
  largeViaApi: boolean;
  quietWait: number;
  skip: Set<string>;
  profile: boolean;
  label: string;
  appDir: string;
  out: string;
}

export function parseArgs(argv: string[]): Options {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) throw new Error(`Unexpected argument ${a} (see --help)`);
    const [k, inline] = a.slice(2).split("=", 2) as [string, string | undefined];
    if (["quick", "profile", "help", "large-via-api"].includes(k)) flags.set(k, "true");
    else flags.set(k, inline ?? argv[++i] ?? "");
  }
  if (flags.has("help")) {
    console.log(HELP);
    process.exit(0);
  }
  const quick = flags.has("quick");
  const num = (k: string, full: number, small: number) => {
    const v = flags.get(k);
    if (v === undefined) return quick ? small : full;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${k} must be a number`);
    return n;
  };
  const defaultModes: Mode[] = ["embedded"];
  if (process.env.DATABASE_URL) defaultModes.push("postgres");
  if (process.env.DATABASE_URL && process.env.REDIS_URL) defaultModes.push("multi");
  const modes = (flags.get("modes")?.split(",").filter(Boolean) as Mode[] | undefined) ?? defaultModes;
  for (const m of modes) if (!["embedded", "postgres", "multi"].includes(m)) throw new Error(`Unknown mode ${m}`);
  const largeArg = flags.get("large")?.split(",").map(Number);
  const large = largeArg
    ? { measures: largeArg[0]!, comments: largeArg[1]!, positions: largeArg[2]! }
    : quick
      ? { measures: 20, comments: 500, positions: 1000 }
      : { measures: 200, comments: 10_000, positions: 20_000 };
  return {
    quick,
    modes,
    clients: num("clients", 1000, 200),
    forums: num("forums", 10, 4),
    users: num("users", 100, 20),
    rate: num("rate", 50, 50),
    latencySeconds: num("latency-seconds", 20, 5),
    measures: num("measures", 50, 20),
    p99: num("p99", 150, 150),
    probeSeconds: num("probe-seconds", 6, 4),
    sustainSeconds: num("sustain-seconds", 60, 10),
    maxRate: num("max-rate", 5000, 1000),
    startRate: num("start-rate", 50, 50),
    throughputClients: num("throughput-clients", 100, 40),
    bigClients: num("big-clients", 10_000, 1000),
    bigRate: num("big-rate", 5, 5),
    large,
    pageSamples: num("page-samples", 50, 10),
    largeViaApi: flags.has("large-via-api"),
    quietWait: num("quiet-wait", 10, 5),
    skip: new Set(flags.get("skip")?.split(",").filter(Boolean) ?? []),
    profile: flags.has("profile"),
    label: flags.get("label") ?? "",
    appDir: path.resolve(flags.get("app-dir") ?? process.env.BENCH_APP_DIR ?? ROOT),
    out: path.resolve(flags.get("out") ?? path.join(ROOT, "bench", "results")),
  };
}
