import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; allowScripts?: Record<string, boolean> };
const dockerfile = readFileSync('Dockerfile', 'utf8');

describe('package.json and the Docker image', () => {
  it('has a compiled twin of every command-line tool, for the image that has neither tsx nor src', () => {
    for (const tool of ['start', 'report', 'reminders', 'catalog:check']) expect(pkg.scripts[`${tool}:prod`]).toBeDefined();
    for (const [name, script] of Object.entries(pkg.scripts).filter(([n]) => n.endsWith(':prod'))) {
      const target = /^node dist\/(src\/[\w/-]+)\.js$/.exec(script);
      expect(target, `${name}: ${script}`).not.toBeNull();
      // tsconfig.build.json compiles src/X.ts to dist/src/X.js.
      expect(existsSync(`${target?.[1] ?? ''}.ts`), `${name} runs a file compiled from ${target?.[1] ?? ''}.ts`).toBe(true);
    }
  });

  it('builds dist in the image and ships it with package.json, the catalog and the intents', () => {
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(dockerfile).toMatch(/COPY package\.json package-lock\.json \.\/\nRUN npm ci --omit=dev/);
    expect(dockerfile).toMatch(/COPY data \.\/data/);
    expect(dockerfile).toMatch(/COPY intents \.\/intents/);
  });

  it('approves esbuild’s install script, so npm 11 installs without an allowScripts warning', () => {
    expect(pkg.allowScripts?.esbuild).toBe(true);
  });
});
