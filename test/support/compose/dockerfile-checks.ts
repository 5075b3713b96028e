/** A small Dockerfile reader and the image rules the compose stack relies on. */

export interface Instruction {
  keyword: string;
  args: string;
}
export interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ') // line continuations
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword, args = ''] = /^(\S+)\s*(.*)$/.exec(line)!;
    const kw = keyword.toUpperCase();
    if (kw === 'FROM') {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(args)!;
      stages.push({ from: m[1], name: m[2], instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword: kw, args });
    }
  }
  return stages;
}

export function dockerfileProblems(text: string, where: string, containerPorts: number[] = []): string[] {
  const problems: string[] = [];
  const stages = parseDockerfile(text);
  if (stages.length < 2) problems.push(`${where}: expected a multi-stage build, found ${stages.length} stage(s)`);
  const final = stages[stages.length - 1];
  if (!final) return [...problems, `${where}: no FROM`];
  const all = (kw: string) => final.instructions.filter((i) => i.keyword === kw);
  const last = (kw: string) => all(kw).at(-1);

  const user = last('USER')?.args.split(':')[0].trim();
  if (!user) problems.push(`${where}: final stage has no USER (runs as root)`);
  else if (user === 'root' || user === '0') problems.push(`${where}: final stage runs as ${user}`);

  const health = last('HEALTHCHECK')?.args;
  if (!health || /^NONE\b/i.test(health)) problems.push(`${where}: final stage has no HEALTHCHECK`);

  const installs = all('RUN').filter((r) => /\bnpm\s+(ci|install|i)\b/.test(r.args));
  if (installs.length === 0) problems.push(`${where}: final stage does not install dependencies with npm ci --omit=dev`);
  for (const r of installs) {
    if (!/\bnpm\s+ci\b/.test(r.args) || !/--omit[= ]dev\b/.test(r.args)) {
      problems.push(`${where}: final stage installs without "npm ci --omit=dev": ${r.args}`);
    }
  }

  const env = all('ENV')
    .map((e) => e.args)
    .join(' ');
  if (!/\bNODE_ENV=("?)production\1(\s|$)/.test(env) && !/^NODE_ENV\s+production\b/m.test(env)) {
    problems.push(`${where}: final stage does not set NODE_ENV=production`);
  }
  if (!last('CMD') && !last('ENTRYPOINT')) problems.push(`${where}: final stage has no CMD`);

  const exposed = new Set(
    all('EXPOSE').flatMap((e) => e.args.split(/\s+/).map((p) => Number(p.split('/')[0]))),
  );
  for (const p of containerPorts) {
    if (!exposed.has(p)) problems.push(`${where}: container port ${p} is published by compose but not EXPOSEd`);
  }
  return problems;
}

