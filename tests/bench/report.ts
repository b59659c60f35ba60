import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { FOREIGN_CPU_WARNING } from "./machine.js";
import { measured, type PerServer } from "./results.js";
import { SERVER_LABELS, type ServerKind } from "./servers.js";
import { round } from "./stats.js";

/** What a figure of ours must meet (issue 15); a row without one is shown for context. */
export interface Target {
  /** Ours ÷ a reference's figure (see `against`): at most this, or at least it when higher is better. */
  ratio?: number;
  /**
   * Which reference the ratio target is held to: `@y/websocket-server`
   * ("reference", the default, as issue 15 states most targets) or the best
   * of the references in this run.
   */
  against?: "best" | "reference";
  /** Ours itself, in the row's unit: at most this. */
  atMost?: number;
}

export interface RowSpec<T> {
  metric: string;
  unit: string;
  per: PerServer<T> | undefined;
  pick: (result: T) => number;
  target?: Target;
  /** Sockets per second: the best reference is the highest, and ours must reach it. */
  higherIsBetter?: boolean;
  /**
   * False for figures other jobs on the machine hardly move (memory): over
   * target is a regression even in a run that was not quiet.
   */
  timing?: boolean;
}

export interface Row {
  metric: string;
  unit: string;
  ours?: number;
  reference?: number;
  hocuspocus?: number;
  /** The reference with the best figure in this run, which the ratio is taken against. */
  bestReference?: ReferenceKind;
  /** Ours ÷ the best reference. */
  ratio?: number;
  target?: string;
  /** Ours ÷ the reference the target names, when that is not the best one. */
  targetRatio?: number;
  overTarget?: boolean;
  /** Most cores other processes used during any measurement behind the row. */
  foreignCores?: number;
  /** Over target in a full run on a quiet machine: "REGRESSION"; otherwise "over target". */
  verdict?: "REGRESSION" | "over target";
}

type ReferenceKind = Exclude<ServerKind, "ours">;
const REFERENCES: readonly ReferenceKind[] = ["reference", "hocuspocus"];

/** A row of the table: each server's figure, the ratio to the best reference, and the verdict. */
export function buildRow<T>(spec: RowSpec<T>, quick: boolean): Row | undefined {
  if (!spec.per) return undefined;
  const per = spec.per;
  const value = (kind: ServerKind) => {
    const result = measured(per[kind]);
    return result === undefined ? undefined : round(spec.pick(result));
  };
  const row: Row = { metric: spec.metric, unit: spec.unit, ours: value("ours") };
  for (const kind of REFERENCES) {
    const figure = value(kind);
    if (figure === undefined) continue;
    row[kind] = figure;
    const best = row.bestReference ? row[row.bestReference] : undefined;
    const better = spec.higherIsBetter ? figure > (best ?? -Infinity) : figure < (best ?? Infinity);
    if (better) row.bestReference = kind;
  }
  const best = row.bestReference ? row[row.bestReference] : undefined;
  if (row.ours !== undefined && best) row.ratio = round(row.ours / best);
  const foreign = Object.values(per).map((result) => measured(result)?.foreignCores ?? 0);
  row.foreignCores = round(Math.max(0, ...foreign));

  const { target } = spec;
  if (!target) return row;
  const parts: string[] = [];
  let over = false;
  if (target.ratio !== undefined) {
    const against = target.against === "best" ? row.bestReference : "reference";
    const base = against ? row[against] : undefined;
    const ratio = row.ours !== undefined && base ? round(row.ours / base) : undefined;
    if (against !== row.bestReference) row.targetRatio = ratio;
    const sign = spec.higherIsBetter ? "≥" : "≤";
    const name = target.against === "best" ? "best" : SERVER_LABELS.reference;
    parts.push(`${sign} ${target.ratio.toFixed(1)}× ${name}`);
    if (ratio !== undefined) over ||= spec.higherIsBetter ? ratio < target.ratio : ratio > target.ratio;
  }
  if (target.atMost !== undefined) {
    parts.push(`≤ ${target.atMost} ${spec.unit}`);
    if (row.ours !== undefined) over ||= row.ours > target.atMost;
  }
  row.target = parts.join(", ");
  if (row.ours === undefined) return row;
  row.overTarget = over;
  const quiet = spec.timing === false || row.foreignCores <= FOREIGN_CPU_WARNING;
  if (over) row.verdict = !quick && quiet ? "REGRESSION" : "over target";
  return row;
}

/** A row's figures as the last full, quiet run recorded them. */
export interface RecordedFigure {
  date: string;
  ours?: number;
  bestReference?: number;
  ratio?: number;
}

/** results/recorded.json: for each row, its figures from the last full run in which it was measured quietly. */
export function readRecorded(file: string): Record<string, RecordedFigure> {
  if (!existsSync(file)) return {};
  return (JSON.parse(readFileSync(file, "utf8")) as { figures: Record<string, RecordedFigure> }).figures;
}

/**
 * After a full run: records its figures over the old ones, row by row, for
 * the rows whose measurements were quiet (or are not timings); a busy
 * measurement leaves the last good figure in place.
 */
export function writeRecorded(
  file: string,
  rows: readonly Row[],
  specs: ReadonlyMap<string, { timing?: boolean }>,
  date: string,
): void {
  const figures = readRecorded(file);
  for (const row of rows) {
    const quiet = specs.get(row.metric)?.timing === false || (row.foreignCores ?? 0) <= FOREIGN_CPU_WARNING;
    if (row.ours === undefined || !quiet) continue;
    const best = row.bestReference ? row[row.bestReference] : undefined;
    figures[row.metric] = { date, ours: row.ours, bestReference: best, ratio: row.ratio };
  }
  const note =
    "Written by `npm run bench` (tests/bench/report.ts): each row's figures from the last full run that measured it on a quiet machine. The bench prints them beside a figure over its target.";
  writeFileSync(file, `${JSON.stringify({ note, figures }, null, 2)}\n`);
}

const show = (value: number | undefined) => (value === undefined ? "—" : String(value));

/** The table as printed: one line per row, the best reference's figure starred. */
export function formatTable(rows: readonly Row[], recorded: Record<string, RecordedFigure>): string[] {
  const header = `${"metric".padEnd(40)}${"unit".padEnd(7)}${"ours".padEnd(10)}${SERVER_LABELS.reference.padEnd(13)}${SERVER_LABELS.hocuspocus.padEnd(12)}${"ours/best".padEnd(11)}target`;
  const lines = [header];
  for (const row of rows) {
    const reference = (kind: ReferenceKind) => `${show(row[kind])}${row.bestReference === kind ? "*" : ""}`;
    let line = `${row.metric.padEnd(40)}${row.unit.padEnd(7)}${show(row.ours).padEnd(10)}${reference("reference").padEnd(13)}${reference("hocuspocus").padEnd(12)}${show(row.ratio).padEnd(11)}${(row.target ?? "(context)").padEnd(20)}`;
    if (row.verdict) {
      const last = recorded[row.metric];
      const was = last
        ? `recorded ${last.date.slice(0, 10)}: ${show(last.ours)}${last.ratio === undefined ? "" : `, ${last.ratio}×`}`
        : "nothing recorded yet";
      const checked = row.targetRatio === undefined ? "" : `${row.targetRatio}× ${SERVER_LABELS.reference}; `;
      const busy =
        row.verdict === "over target" && (row.foreignCores ?? 0) > FOREIGN_CPU_WARNING
          ? `others used ${row.foreignCores} cores; `
          : "";
      line += `${row.verdict} (${checked}${busy}${was})`;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
