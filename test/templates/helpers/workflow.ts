import type { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import type { Job, RunStep, WorkflowJob } from '@actions/workflow-parser/model/workflow-template';
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';

interface WorkflowParser {
  readonly parseWorkflow: typeof parseWorkflow;
  readonly convertWorkflowTemplate: typeof convertWorkflowTemplate;
  readonly NoOperationTraceWriter: typeof NoOperationTraceWriter;
}

let parser: Promise<WorkflowParser> | undefined;

/**
 * GitHub's own workflow parser. It ships as ES modules that import JSON without import attributes, which Node cannot
 * load and the test bundles leave external, so it is bundled in memory once (as esbuild.mjs loads the data schemas).
 */
function loadParser(): Promise<WorkflowParser> {
  parser ??= (async () => {
    const result = await esbuild.build({
      stdin: { contents: "export { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } from '@actions/workflow-parser';", resolveDir: process.cwd() },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    });
    const module = { exports: {} as WorkflowParser };
    const code = result.outputFiles[0]?.text ?? '';
    new Function('module', 'exports', 'require', code)(module, module.exports, createRequire(`${process.cwd()}/`));
    return module.exports;
  })();
  return parser;
}

export interface ParsedWorkflow {
  /** Every error GitHub's parser and converter report ("ci.yml (Line: 10, Col: 5): …"). */
  readonly errors: readonly string[];
  /** Job id → the `run` scripts of its steps, in order (steps that `uses:` an action are left out). */
  readonly runScripts: ReadonlyMap<string, readonly string[]>;
  /** Job id → the actions its steps use ("actions/checkout@v4"). */
  readonly actions: ReadonlyMap<string, readonly string[]>;
}

const isJob = (job: WorkflowJob): job is Job => job.type === 'job';
const isRunStep = (step: Job['steps'][number]): step is RunStep => 'run' in step;

/** Parses and converts a workflow file the way GitHub does; a file GitHub would reject has errors here. */
export async function parseWorkflowFile(name: string, content: string): Promise<ParsedWorkflow> {
  const { parseWorkflow: parse, convertWorkflowTemplate: convert, NoOperationTraceWriter: Trace } = await loadParser();
  const parsed = parse({ name, content }, new Trace());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (errors.length > 0 || parsed.value === undefined) return { errors: errors.length > 0 ? errors : [`${name}: empty workflow`], runScripts: new Map(), actions: new Map() };
  const workflow = await convert(parsed.context, parsed.value);
  const jobs = workflow.jobs.filter(isJob);
  return {
    errors: (workflow.errors ?? []).map((e) => e.Message),
    runScripts: new Map(jobs.map((job) => [job.id.value, job.steps.filter(isRunStep).map((s) => s.run.toString())])),
    actions: new Map(jobs.map((job) => [job.id.value, job.steps.flatMap((s) => ('uses' in s ? [s.uses.value] : []))])),
  };
}
