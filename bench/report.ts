import type { BenchFigures, BenchNotes } from './measure-corpus.js';

/** One measured corpus. */
export interface BenchRow {
  readonly figures: BenchFigures;
  readonly notes: BenchNotes;
}

/** A performance target, checked on the largest synthetic corpus. */
interface Target {
  readonly label: string;
  readonly measured: (f: BenchFigures) => string;
  readonly met: (f: BenchFigures) => boolean;
}

/** Passages at which the targets are stated. */
export const TARGET_PASSAGES = 100_000;

const TARGETS: readonly Target[] = [
  { label: 'answer() p99 ≤ 10 ms', measured: (f) => ms(f.answerP99Ms), met: (f) => f.answerP99Ms <= 10 },
  {
    label: 'answer() p50 ≤ 1.5 × MiniSearch+stop-words p50',
    measured: (f) => `${ms(f.answerP50Ms)} vs ${ms(f.minisearchTunedP50Ms)} (${ratio(f.answerP50Ms / f.minisearchTunedP50Ms)})`,
    met: (f) => f.answerP50Ms <= 1.5 * f.minisearchTunedP50Ms,
  },
  { label: 'snapshot load ≤ 1 s', measured: (f) => ms(f.snapshotLoadMs), met: (f) => f.snapshotLoadMs <= 1000 },
  {
    label: 'snapshot load ≥ 4× faster than a rebuild',
    measured: (f) => `${ratio(f.buildMs / f.snapshotLoadMs)} (${ms(f.buildMs)} / ${ms(f.snapshotLoadMs)})`,
    met: (f) => f.buildMs >= 4 * f.snapshotLoadMs,
  },
  { label: 'added article answers within 50 ms', measured: (f) => ms(f.addArticleMs), met: (f) => f.addArticleMs <= 50 },
  { label: 'removed article gone within 50 ms', measured: (f) => ms(f.removeArticleMs), met: (f) => f.removeArticleMs <= 50 },
  { label: 'RSS ≤ 600 MB after loading the snapshot', measured: (f) => `${f.rssMB.toFixed(0)} MB`, met: (f) => f.rssMB <= 600 },
  { label: 'start to first answer ≤ 2 s with a snapshot', measured: (f) => ms(f.startupMs), met: (f) => f.startupMs <= 2000 },
  {
    label: 'longest event-loop block ≤ 100 ms (answering during facts, cold timeline, save, reindex, uploads)',
    measured: (f) => ms(f.maxEventLoopBlockMs),
    met: (f) => f.maxEventLoopBlockMs <= 100,
  },
  { label: 'first timeline after a restart ≤ 2 s', measured: (f) => ms(f.timelineColdMs), met: (f) => f.timelineColdMs <= 2000 },
];

/** The results as a Markdown table: one column per corpus, then the targets. */
export function renderReport(rows: readonly BenchRow[], labels: { snapshot: string; render: string; cli: string }): string {
  const column = (row: BenchRow): string => `${row.figures.corpus} ${row.figures.passages.toLocaleString('en-US')}`;
  const lines: [string, (row: BenchRow) => string][] = [
    ['questions (answered by answer())', (r) => `${r.notes.questions} (${percent(r.notes.answeredShare)})`],
    ['full index build (fresh process / in bench process)', (r) => `${ms(r.figures.buildMs)} / ${ms(r.notes.inProcessBuildMs)}`],
    ['snapshot save', (r) => ms(r.figures.snapshotSaveMs)],
    ['snapshot load (fresh process)', (r) => ms(r.figures.snapshotLoadMs)],
    ['snapshot size', (r) => `${(r.figures.snapshotBytes / 2 ** 20).toFixed(1)} MB`],
    ['snapshot answers = built answers', (r) => (r.notes.snapshotMatchesBuild ? 'yes' : 'NO')],
    ['answer() p50 / p99', (r) => `${ms(r.figures.answerP50Ms)} / ${ms(r.figures.answerP99Ms)}`],
    ['render Discord reply p50', (r) => ms(r.figures.renderP50Ms)],
    ['MiniSearch defaults p50 / p99', (r) => `${ms(r.figures.minisearchP50Ms)} / ${ms(r.figures.minisearchP99Ms)}`],
    ['MiniSearch + stop words p50 / p99', (r) => `${ms(r.figures.minisearchTunedP50Ms)} / ${ms(r.figures.minisearchTunedP99Ms)}`],
    ['lunr defaults p50 / p99', (r) => `${ms(r.figures.lunrP50Ms)} / ${ms(r.figures.lunrP99Ms)}`],
    ['build: MiniSearch / +stop words / lunr', (r) => Object.values(r.notes.anchorBuildMs).map(ms).join(' / ')],
    ['add article → answers (answered)', (r) => `${ms(r.figures.addArticleMs)} (${percent(r.notes.addedAnsweredShare)})`],
    ['remove article → gone', (r) => ms(r.figures.removeArticleMs)],
    [
      'heap / RSS after build (fresh process)',
      (r) => `${r.notes.afterBuild.heapUsedMB.toFixed(0)} / ${r.notes.afterBuild.rssMB.toFixed(0)} MB`,
    ],
    ['heap / RSS after snapshot load (fresh process)', (r) => `${r.figures.heapUsedMB.toFixed(0)} / ${r.figures.rssMB.toFixed(0)} MB`],
    ['start → first answer, snapshot', (r) => `${ms(r.figures.startupMs)}${r.notes.cliUsedSnapshot ? '' : ' *'}`],
    ['start → first answer, no snapshot (CLI)', (r) => ms(r.figures.startupNoSnapshotMs)],
    ['names and dates of the corpus (worker threads)', (r) => `${ms(r.figures.factsIndexMs)} (${r.figures.factWorkers})`],
    ['first timeline after a restart', (r) => ms(r.figures.timelineColdMs)],
    ['longest event-loop block while answering', (r) => ms(r.figures.maxEventLoopBlockMs)],
    ['… most main-thread CPU time in one block (Linux)', (r) => ms(r.figures.maxEventLoopBlockCpuMs)],
    [
      '… per phase (CPU time in one block)',
      (r) =>
        Object.entries(r.notes.eventLoopPhases)
          .map(([phase, value]) => `${phase} ${ms(value)} (${ms(r.notes.eventLoopPhasesCpu[phase] ?? 0)})`)
          .join(' · '),
    ],
  ];
  const table = [
    `| | ${rows.map(column).join(' | ')} |`,
    `|---|${rows.map(() => '---:').join('|')}|`,
    ...lines.map(([label, cell]) => `| ${label} | ${rows.map(cell).join(' | ')} |`),
  ];
  const notes = [`Snapshot: ${labels.snapshot}.`, `Render: ${labels.render}.`, `Start-up: ${labels.cli}.`];
  if (rows.some((r) => !r.notes.cliUsedSnapshot)) {
    notes.push(
      '* `storybot ask` left no snapshot for its second run: this figure is process start → first answer of a bench child that loads the snapshot above and answers (node + tsx, like the CLI).',
    );
  }
  return [...table, '', ...notes, '', renderTargets(rows)].join('\n');
}

/** Whether each target is met, on the largest synthetic corpus measured. */
export function renderTargets(rows: readonly BenchRow[]): string {
  const synthetic = rows.filter((r) => r.figures.corpus === 'synthetic').sort((a, b) => b.figures.passages - a.figures.passages);
  const row = synthetic[0];
  if (!row) return 'Targets: not checked (no synthetic corpus measured).';
  const f = row.figures;
  const scale = f.passages >= TARGET_PASSAGES ? '' : ` — NOTE: targets are stated for ${TARGET_PASSAGES.toLocaleString('en-US')} passages`;
  return [
    `Targets at ${f.passages.toLocaleString('en-US')} passages${scale}:`,
    ...TARGETS.map((t) => `- ${t.met(f) ? 'MET   ' : 'MISSED'} ${t.label}: ${t.measured(f)}`),
  ].join('\n');
}

function ms(value: number): string {
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
}

function ratio(value: number): string {
  return `${value.toFixed(1)}×`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
