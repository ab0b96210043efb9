/** The README's GitHub Actions snippets, read so the tests run what users copy. */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

const projectDir = path.resolve(import.meta.dirname, '../..');
const readme = fs.readFileSync(path.join(projectDir, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## GitHub Actions'), readme.indexOf('\n## ', readme.indexOf('## GitHub Actions') + 3));

export interface WorkflowStep {
  uses?: string;
  id?: string;
  if?: string;
  with?: Record<string, unknown>;
}

export interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: WorkflowStep[] }>;
}

export function readmeWorkflows(): Workflow[] {
  // Workflows (with `on:`); the steps-only snippet for other CI is the package test's.
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parseYaml(m[1]!) as Workflow).filter((w) => w.on !== undefined);
}

/** The workflow of an event (pull_request or push). */
export function readmeWorkflow(event: string): Workflow {
  const workflow = readmeWorkflows().find((w) => Object.hasOwn(w.on, event));
  if (!workflow) throw new Error(`README has no ${event} workflow`);
  return workflow;
}

/** The gitops-lint step of a workflow. */
export function actionStep(workflow: Workflow): WorkflowStep {
  const step = Object.values(workflow.jobs).flatMap((j) => j.steps).find((s) => s.uses?.startsWith('gitops-lint/gitops-lint@'));
  if (!step) throw new Error('no gitops-lint step');
  return step;
}

/** The `with:` of the gitops-lint step, as strings (as the runner passes inputs). */
export function actionInputs(workflow: Workflow): Record<string, string> {
  return Object.fromEntries(Object.entries(actionStep(workflow).with ?? {}).map(([k, v]) => [k, String(v)]));
}

/** The `gitops-lint comment` command line of the README, as arguments after `npx gitops-lint`, variables substituted. */
export function readmeCommentArgs(vars: Record<string, string>): string[] {
  const line = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim()).find((l) => l.includes('gitops-lint comment'));
  if (!line) throw new Error('README has no gitops-lint comment snippet');
  const command = line.slice(line.indexOf('npx gitops-lint ') + 'npx gitops-lint '.length);
  return command.split(/\s+/).map((word) => word.replace(/^"|"$/g, '').replace(/\$(\w+)/g, (_, name: string) => vars[name] ?? `$${name}`));
}
