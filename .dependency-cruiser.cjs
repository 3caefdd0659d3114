// The import rules of src/, checked by `npm run lint:deps` (in .ci/run). src/ is one folder per stage
// of the pipeline; a stage imports only the stages below it, never one above, so the code reads in one
// direction. An import these rules refuse is a design question: move the shared code down, don't
// silence the rule. https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md

/** The stages from the bottom up; a folder may import its own stage and any stage before it. */
const STAGES = ["common", "model", "i18n", "render", "load", "describe", "view", "outputs", "build", "eleventy", "tools"];

const upward = STAGES.map((stage, i) => ({
  name: `no-upward-from-${stage}`,
  comment: `src/${stage}/ may import only ${STAGES.slice(0, i + 1).join(", ")} (the stages at or below it).`,
  severity: "error",
  from: { path: `^src/${stage}/` },
  to: { path: `^src/(?:${["browser", "index\\.ts", ...STAGES.slice(i + 1)].join("|")})(?:/|$)` },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No cycles, type-only imports included: a cycle means two modules are one concern, or a shared part belongs lower.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: "pdf-not-view",
      comment: "The PDF writer and the page view models are siblings: the PDF is made from describe/'s documents, never from pages.",
      severity: "error",
      from: { path: "^src/outputs/pdf/" },
      to: { path: "^src/view/" },
    },
    {
      name: "card-not-pdf",
      comment: "Social cards and PDFs share the typesetter (outputs/typst/), not each other's code.",
      severity: "error",
      from: { path: "^src/outputs/card" },
      to: { path: "^src/outputs/pdf/" },
    },
    {
      name: "typst-below-pdf-and-card",
      comment: "outputs/typst/ is the set-up the PDF writer and the cards share: it imports neither.",
      severity: "error",
      from: { path: "^src/outputs/typst/" },
      to: { path: "^src/outputs/(?!typst/)" },
    },
    {
      name: "browser-only-common",
      comment: "Browser scripts are bundled for the page: they may import only src/common/ (no Node, no pipeline).",
      severity: "error",
      from: { path: "^src/browser/" },
      to: { path: "^src/(?!common/|browser/)" },
    },
    {
      name: "common-no-node",
      comment: "src/common/ is bundled into the browser scripts: no Node built-ins there.",
      severity: "error",
      from: { path: "^src/(?:common|browser)/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "eleventy-only-in-plugins",
      comment: "Only the Eleventy plugins (src/eleventy/) and .eleventy.ts know Eleventy; the rest of src/ is testable without a build.",
      severity: "error",
      // The benchmark's baseline is a bare Eleventy build, so its measuring helper imports Eleventy too.
      from: { pathNot: "^(?:src/eleventy/|\\.eleventy\\.ts$|scripts/lib/measure\\.ts$)" },
      to: { path: "node_modules/@11ty/" },
    },
    {
      name: "src-not-scripts-or-tests",
      comment: "src/ never imports the CLIs or the tests.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(?:scripts|tests)/" },
    },
    {
      name: "no-unresolvable",
      comment: "Every import resolves to a file or an installed package.",
      severity: "error",
      from: {},
      // Eleventy's UserConfig type is a subpath that TypeScript resolves and Node's resolver does not.
      to: { couldNotResolve: true, pathNot: "^@11ty/eleventy/UserConfig$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports count: a type cycle is still a cycle for a reader.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".js", ".mjs", ".cjs", ".json"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
