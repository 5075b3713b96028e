import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The `*.asl.json` files the embedded engine runs: src/modules/<module>/workflows/<workflow>.asl.json. */
export interface AslFile {
  /** The workflow's name, which is also the state machine's name after the environment prefix. */
  name: string;
  path: string;
  /** The file's text, byte for byte: the state machine's DefinitionString. */
  text: string;
  /** Task names of the `${Task}` placeholders in its Task states, Parallel branches and Map iterations. */
  tasks: string[];
  /** The longest TimeoutSeconds among the Task states of each task (absent when none sets one). */
  taskTimeouts: Record<string, number>;
}

const PLACEHOLDER = /^\$\{([A-Za-z0-9_.-]+)\}$/;
const SUFFIX = '.asl.json';

export function findAslFiles(repoRoot: string): AslFile[] {
  const modules = join(repoRoot, 'src', 'modules');
  return readdirSync(modules, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((module) => {
      const dir = join(modules, module.name, 'workflows');
      let names: string[];
      try {
        names = readdirSync(dir).filter((n) => n.endsWith(SUFFIX));
      } catch {
        return [];
      }
      return names.map((n) => readAslFile(join(dir, n), repoRoot));
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function readAslFile(path: string, repoRoot: string): AslFile {
  const text = readFileSync(path, 'utf8');
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (error) {
    throw new Error(`${relative(repoRoot, path)} is not JSON: ${(error as Error).message}`);
  }
  const name = path.slice(path.lastIndexOf('/') + 1, -SUFFIX.length);
  const states = taskStates(definition);
  const tasks = new Set(states.map((s) => s.task));
  // CloudFormation treats every `${…}` in the definition as a substitution variable.
  const stray = [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]).filter((v) => !tasks.has(v));
  if (stray.length > 0) {
    throw new Error(`${relative(repoRoot, path)}: ${stray.map((v) => `\${${v}}`).join(', ')} is not a Task Resource placeholder; CloudFormation would try to substitute it`);
  }
  const taskTimeouts: Record<string, number> = {};
  for (const { task, timeoutSeconds } of states) {
    if (timeoutSeconds !== undefined) taskTimeouts[task] = Math.max(taskTimeouts[task] ?? 0, timeoutSeconds);
  }
  return { name, path, text, tasks: [...tasks].sort(), taskTimeouts };
}

interface TaskState {
  task: string;
  timeoutSeconds?: number;
}

/** Every Task state with a `${Task}` placeholder, wherever it sits (branches, item processors). */
function taskStates(node: unknown): TaskState[] {
  if (Array.isArray(node)) return node.flatMap(taskStates);
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const task = record.Type === 'Task' && typeof record.Resource === 'string' ? PLACEHOLDER.exec(record.Resource)?.[1] : undefined;
  const timeoutSeconds = typeof record.TimeoutSeconds === 'number' ? record.TimeoutSeconds : undefined;
  return [...(task ? [{ task, timeoutSeconds }] : []), ...Object.values(record).flatMap(taskStates)];
}
