/**
 * Where a rule figure (a window, period, threshold, weight, ratio) comes from, so a regulator can sign the rules:
 * the regulation and article, or a local choice awaiting confirmation. One representation for every agency.
 *
 * A rule version carries `figureSources`, keyed by the figure's path inside the version (`samplingBands.A.minPercent`)
 * or by a prefix that covers a group (`gradeThresholds`). A module's bare exported figures (a constant outside any
 * version) are keyed by export name in the module's `FIGURE_SOURCES`. A figure whose own object carries a `source`
 * string (e.g. a factor weight) is sourced by it. docs/rule-figures.md lists them all (`npm run rule-figures`).
 */
export type FigureSource = { readonly source: string } | { readonly unconfirmed: string };

export type FigureSources = Readonly<Record<string, FigureSource>>;

/** The phrase that marks a figure as not yet confirmed by a regulation. */
export const AWAITING_CONFIRMATION = 'local choice, awaiting confirmation';

export function sourced(source: string): FigureSource {
  return { source };
}

/** A local choice (or a figure whose article is not yet verified), with why it was chosen. */
export function unconfirmed(reason?: string): FigureSource {
  return { unconfirmed: reason ? `${AWAITING_CONFIRMATION}: ${reason}` : AWAITING_CONFIRMATION };
}
