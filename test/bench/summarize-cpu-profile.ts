import { readFileSync } from 'node:fs';

/*
 * `tsx test/bench/summarize-cpu-profile.ts <file.cpuprofile> [rows]`: the functions with
 * the most self time, and the packages or source folders they belong to, from a profile
 * of the broker's timed phase (BENCH_BROKER_CPU_PROF=<dir> npm run bench:login) or any
 * `node --cpu-prof` output. It samples the main thread's wall clock: WebCrypto's RSA work
 * on libuv's pool is not in it, and on a busy machine preemption inflates syscalls.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArgument] = process.argv.slice(2);
if (!file) throw new Error('usage: summarize-cpu-profile.ts <file.cpuprofile> [rows]');
const rows = Number(rowsArgument ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const byFunction = new Map<string, number>();
const byOwner = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  const micros = profile.timeDeltas[index] ?? 0;
  const frame = nodes.get(id)!.callFrame;
  total += micros;
  add(byFunction, `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`, micros);
  add(byOwner, owner(frame.url, frame.functionName), micros);
});

process.stdout.write(`${table('self time by function', byFunction)}${table('self time by package / folder', byOwner)}`);

function add(map: Map<string, number>, key: string, micros: number): void {
  map.set(key, (map.get(key) ?? 0) + micros);
}

function table(title: string, map: Map<string, number>): string {
  const lines = [...map].sort((a, b) => b[1] - a[1]).slice(0, rows).map(([key, micros]) =>
    `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}`);
  return `\n${title} (of ${(total / 1e6).toFixed(2)} s sampled)\n${lines.join('\n')}\n`;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  return url.replace(/^file:\/\/.*?\/(src|adapters|test)\//, '$1/');
}

function owner(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node: internals';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  const local = /\/(src|adapters|test)\/([^/]+)/.exec(url);
  return local ? `${local[1]}/${local[2]}` : url;
}
