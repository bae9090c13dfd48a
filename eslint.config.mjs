import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

// The folders of lib/ (and db/), lowest first, with what each may import at run time. A folder
// depends only on the ones listed for it, so the graph of folders runs one way (README.md,
// "Architecture"). Types may also come from db/schema into lib/core: the views are projections
// of the schema's row types, and a type import leaves nothing behind at run time.
const layers = {
  "lib/core": [],
  db: ["lib/core"],
  "lib/access": ["lib/core", "db"],
  "lib/auth": ["lib/core", "db"],
  "lib/live": ["lib/core", "db", "lib/access", "lib/auth"],
  "lib/audit": ["lib/core", "db", "lib/access"],
  "lib/text": ["lib/core", "db", "lib/access", "lib/live", "lib/audit"],
  "lib/measure": ["lib/core", "db", "lib/access", "lib/live", "lib/audit", "lib/text"],
  "lib/forum": ["lib/core", "db", "lib/access", "lib/live", "lib/audit", "lib/measure"],
  "lib/insight": ["lib/core", "db", "lib/access", "lib/audit", "lib/measure", "lib/forum"],
  "lib/http": ["lib/core", "db", "lib/access", "lib/auth", "lib/live", "lib/audit", "lib/text", "lib/measure", "lib/forum", "lib/insight"],
  "lib/server": ["lib/core", "db", "lib/access", "lib/auth", "lib/live", "lib/audit", "lib/text", "lib/measure", "lib/forum", "lib/insight", "lib/http"],
};
const folders = Object.keys(layers);
const specifier = (folder) => `@/${folder}/*`;

// Cross-folder imports go through "@/…", so that the folder an import reaches is in its text.
const noClimbing = { group: ["../*"], message: "Import another folder through @/…, not ../ (the layer rules read the path)." };
const outsideLib = (message) => ({ group: ["@/app/*", "@/components/*"], message });

function layerRule(folder) {
  const allowed = new Set(layers[folder]);
  const forbidden = folders.filter((f) => f !== folder && !allowed.has(f));
  const patterns = [noClimbing, outsideLib(`${folder} is below app/ and components/: it must not import them.`)];
  if (forbidden.length > 0) {
    patterns.push({
      group: forbidden.map(specifier),
      message: `${folder} may import only ${[...allowed].join(", ") || "npm packages"} (eslint.config.mjs, "layers").`,
    });
  }
  if (folder === "lib/core") {
    patterns.push({ group: ["@/db/*"], allowTypeImports: true, message: "lib/core is browser-safe: it may name the schema's types, never import db/ code." });
  }
  return {
    files: [`${folder}/**/*.{ts,tsx}`],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
  };
}

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    // The import rules read the app's own modules; parsing node_modules (PGlite's bundle is too
    // deep for the parser) only slows them down.
    settings: { "import/ignore": ["node_modules"] },
    rules: {
      // An update or delete without `where` rewrites a whole table; make it a lint error.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      // Modules that import each other in a circle have no order in which to read them.
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    files: ["**/*.{ts,tsx,mts}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
    },
  },
  ...folders.map(layerRule),
  {
    // Components draw; the data and the rules live in lib/. At run time they may use only lib/core
    // (browser-safe); types may come from anywhere in lib/, never from db/.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            noClimbing,
            { group: ["@/db/*"], message: "Components hold no data access: read through lib/ in a page, pass the result down." },
            {
              group: folders.filter((f) => f !== "lib/core" && f !== "db").map(specifier),
              allowTypeImports: true,
              message: "Components run in the browser: at run time they may import only lib/core (types from elsewhere in lib/ are fine).",
            },
            { group: ["@/app/*"], message: "Components must not import app/." },
          ],
        },
      ],
    },
  },
  globalIgnores([".next/**", "dist/**", "data/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "bench/results/**"]),
]);
