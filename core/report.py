"""Everything a view or the summary workbook shows, computed once from a ledger and its settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from core.analysis.actions import propose
from core.analysis.adjustments import (
    allocate_shared,
    credit_influenced,
    is_shared,
    sensitivity,
    to_reporting_currency,
)
from core.analysis.before_after import (
    BeforeAfter,
    BeforeAfterError,
    before_after,
    data_span,
    initiative_dates,
)
from core.analysis.benchmarks import DEFAULT_BENCHMARKS, benchmark_frame, benchmark_gaps, effective_benchmarks
from core.analysis.categories import by_category
from core.analysis.decisions import decision_evidence, recommend
from core.analysis.filters import in_date_range, of_alliances_in_view
from core.analysis.health import health_flags, health_summary
from core.analysis.quartiles import cut_points, quartile_position
from core.analysis.risks import expected_losses, order_flags, risk_flags, risk_summary
from core.analysis.roi import BandThresholds, PortfolioSummary, alliance_roi, bands, portfolio_summary
from core.analysis.scenarios import ScenarioResult, run_scenario
from core.analysis.scorecard import FLAG_ORDER, goal_starts, goal_status, red_flags, roi_by_type
from core.analysis.time_value import opportunity, time_value, view_flows, with_hurdle_value
from core.analysis.trends import quarterly_roi
from core.analysis.undated import (
    BEFORE_AFTER_WITHOUT_DATES,
    undated_opportunity,
    undated_quarters,
    undated_time_value,
)
from core.model import BY_WEIGHT, INFLUENCED, ISSUE_COLUMNS, REVENUE, REVENUE_SHARE, SOURCED
from core.reading.ledger import Ledger, rows_left_out
from core.settings import Settings


@dataclass
class Report:
    """The figures of one ledger under one set of settings."""

    ledger: Ledger
    settings: Settings
    entries: pd.DataFrame
    alliances: pd.DataFrame
    portfolio: PortfolioSummary
    benchmarks: pd.DataFrame
    cuts: dict[str, float] | None
    quarterly: pd.DataFrame
    before_after: BeforeAfter | None
    before_after_error: str | None
    goals: pd.DataFrame
    flags: pd.DataFrame
    by_type: pd.DataFrame
    as_of: dt.date
    currency: str | None
    extra_issues: pd.DataFrame
    allocation: pd.DataFrame
    shared_rule: str
    sensitivity: pd.DataFrame
    time_value: pd.DataFrame
    categories: pd.DataFrame
    risks: pd.DataFrame
    risk_summary: pd.DataFrame
    health: pd.DataFrame
    decisions: pd.DataFrame
    # What the decision rules weigh beside band and quartile (decision_evidence): kept for re-banding.
    evidence: pd.DataFrame
    opportunity: pd.DataFrame
    scenario: ScenarioResult | None
    actions: pd.DataFrame

    @property
    def issues(self) -> pd.DataFrame:
        """Every row not used: the reader's, and the entries left out for want of an exchange rate."""
        if self.extra_issues.empty:
            return self.ledger.issues
        combined = pd.concat([self.ledger.issues, self.extra_issues], ignore_index=True)
        return combined.sort_values(["sheet", "row"], kind="stable").reset_index(drop=True)

    @property
    def rows_left_out(self) -> int:
        """Distinct ledger rows not used."""
        return rows_left_out(self.issues, self.ledger.source.ledger_sheets)

    @property
    def empty_view(self) -> str | None:
        """Why no entry is in view though the ledger has some (filters, dates, only shared costs),
        for the command's warning and the app's notice; None when entries are in view or none was read."""
        if not self.entries.empty or self.ledger.entries.empty:
            return None
        read = len(self.ledger.entries)
        filters = self.settings.filters.describe()
        if filters != "none":
            return (
                f"No entry is in view: the filters ({filters}) match none of the ledger's {read:,} "
                "entries; widen the filters or the dates."
            )
        return (
            f"No entry is in view: the ledger's {read:,} entries are all of '{self.settings.shared_name}', "
            "the shared costs split between alliances; check that the ledger names its alliances."
        )


def alliance_table(
    entries: pd.DataFrame,
    meta: pd.DataFrame,
    thresholds: BandThresholds,
    benchmarks: pd.DataFrame,
) -> pd.DataFrame:
    """ROI, band, quartile and benchmark gaps per alliance, with its type from the Alliances sheet."""
    listed = meta["alliance"].tolist() if len(entries) == 0 else None
    table = alliance_roi(entries, thresholds, alliances=listed)
    types = meta.drop_duplicates("alliance").set_index("alliance")["type"]
    table.insert(0, "type", types.astype(object).reindex(table.index).fillna("").to_numpy())
    table = table.join(quartile_position(table["roi"]))
    gaps = benchmark_gaps(table["roi"], benchmarks)
    return table.join(gaps.add_prefix("vs "))


@dataclass(frozen=True)
class EntriesInView:
    """The ledger's entries as the figures take them: in the reporting currency, in the dates in
    view, influenced revenue credited, shared costs allocated, then only the alliances in view."""

    dated: pd.DataFrame  # in view by date, before influenced credit and allocation
    entries: pd.DataFrame
    allocation: pd.DataFrame
    shared_rule: str
    weights: pd.Series | None
    fx_issues: pd.DataFrame


def entries_in_view(ledger: Ledger, settings: Settings) -> EntriesInView:
    """The entries of a view (see `EntriesInView`), with the entries left out for want of a rate."""
    # Entries built by hand (tests, other tools) may leave out the optional columns.
    optional = {"currency": "", "attribution": SOURCED, "category": ""}
    base = ledger.entries.assign(**{k: v for k, v in optional.items() if k not in ledger.entries})
    converted, fx_issues = to_reporting_currency(
        base, ledger.fx, ledger.fx_base, settings.reporting_currency, _fx_sheet(ledger)
    )
    dated = in_date_range(converted, settings.filters)
    weights = _weights(ledger)
    credited = credit_influenced(dated, settings.influenced_credit)
    rule = settings.shared_rule or (BY_WEIGHT if weights is not None else REVENUE_SHARE)
    allocated, allocation = allocate_shared(credited, rule, settings.shared_name, weights)
    # Shared costs are split over every alliance in the dates in view, then the alliance filters
    # apply, so that filtering never moves cost from one alliance to another.
    entries = of_alliances_in_view(allocated, ledger.alliances, settings.filters)
    return EntriesInView(dated, entries, allocation, rule, weights, fx_issues)


def chosen_benchmarks(ledger: Ledger, settings: Settings) -> pd.DataFrame:
    """The benchmarks of a view: the settings' own, else the ledger's sheet, else the defaults."""
    if settings.benchmarks is not None:
        return benchmark_frame(settings.benchmarks)
    return effective_benchmarks(ledger.benchmarks if len(ledger.benchmarks) else DEFAULT_BENCHMARKS.iloc[0:0])


def allocation_sensitivity(view: EntriesInView, settings: Settings, alliances: pd.Index) -> pd.DataFrame:
    """ROI under each other allocation rule and influenced credit, per alliance in view."""
    dated = view.dated
    has_shared = bool(is_shared(dated, settings.shared_name).any())
    has_influenced = bool(((dated["attribution"] == INFLUENCED) & (dated["kind"] == REVENUE)).any())
    # Without shared costs or influenced revenue there is no choice to be sensitive to: its table
    # has the alliances and no column (computing the one ROI it would hold cost 40 ms at 200k rows).
    if not (has_shared or has_influenced):
        return pd.DataFrame(index=alliances, columns=pd.Index([], dtype="str"))
    spread = sensitivity(dated, settings.shared_name, view.weights, has_shared, has_influenced)
    return spread.reindex(alliances)


def build_report(ledger: Ledger, settings: Settings = Settings()) -> Report:
    """Compute the report of a read ledger."""
    chosen = chosen_benchmarks(ledger, settings)
    view = entries_in_view(ledger, settings)
    entries = view.entries
    table = alliance_table(entries, ledger.alliances, settings.thresholds, chosen)
    comparison, problem = compare_before_after(ledger, entries, settings, list(table.index))
    # A ledger of quarters counts each entry for its whole quarter: the last one is not partial.
    period_months, undated = ledger.source.period_months, ledger.source.undated
    quarterly = undated_quarters() if undated else quarterly_roi(entries, settings.thresholds, period_months)
    as_of = settings.as_of or dt.date.today()
    goals = ledger.goals
    if settings.filters.is_active():
        goals = goals[goals["alliance"].isin(table.index)]
    scored = goal_status(goals, as_of, _goal_starts(ledger))
    health = health_summary(ledger.health, table.index)
    flags = all_flags(ledger, table, quarterly, entries, scored)
    portfolio = portfolio_summary(table)
    rate, alternative = settings.alternative()
    evidence = decision_evidence(table.index, quarterly, scored, flags, health)
    decisions = recommend(
        table, quarterly, scored, flags, health, settings.decisions, evidence, settings.flat_points
    )
    flows = view_flows(table.index, entries, period_months)
    margin = opportunity(flows, table, portfolio, rate, alternative)
    timed = time_value(table, entries, settings.time, period_months, flows)
    margin, timed = (undated_opportunity(margin), undated_time_value(timed)) if undated else (margin, timed)
    timed = with_hurdle_value(timed, margin)
    return Report(
        ledger=ledger,
        settings=settings,
        entries=entries,
        alliances=table,
        portfolio=portfolio,
        benchmarks=chosen,
        cuts=cut_points(table["roi"]),
        quarterly=quarterly,
        before_after=comparison,
        before_after_error=problem,
        goals=scored,
        flags=flags,
        by_type=roi_by_type(table),
        as_of=as_of,
        currency=settings.reporting_currency or ledger.source.currency,
        extra_issues=view.fx_issues if len(view.fx_issues) else pd.DataFrame(columns=ISSUE_COLUMNS),
        allocation=view.allocation,
        shared_rule=view.shared_rule,
        sensitivity=allocation_sensitivity(view, settings, table.index),
        time_value=timed,
        categories=by_category(entries),
        risks=expected_losses(ledger.risks, table, flows.shape[1]),
        risk_summary=risk_summary(ledger.risks, table, flows.shape[1]),
        health=health,
        decisions=decisions,
        evidence=evidence,
        opportunity=margin,
        scenario=run_scenario(table, settings.scenario, settings.thresholds) if settings.scenario else None,
        actions=propose(flags, decisions, ledger.alliances, as_of),
    )


def all_flags(
    ledger: Ledger, table: pd.DataFrame, quarterly: pd.DataFrame, entries: pd.DataFrame, goals: pd.DataFrame
) -> pd.DataFrame:
    """The red flags of the figures and goals, then those of the Risks and Health sheets, per alliance."""
    found = [
        # Recency means nothing without dates: an undated ledger's stand-in date flags no silence.
        red_flags(table, quarterly, entries.iloc[0:0] if ledger.source.undated else entries, goals),
        risk_flags(
            ledger.risks, ledger.alliances, table.index, ledger.judges_exit, ledger.has_exit_conditions
        ),
        health_flags(ledger.health, table.index),
    ]
    flags = pd.concat([f for f in found if len(f)] or found[:1], ignore_index=True)
    return order_flags(flags, table.index, tuple(FLAG_ORDER))


def _goal_starts(ledger: Ledger) -> dict[str, pd.Timestamp]:
    """Where each alliance's goals start when a goal gives no start: the Alliances sheet's date, else
    the alliance's first entry; never an undated ledger's stand-in date (the pace is then unknown)."""
    entries = ledger.entries.iloc[0:0] if ledger.source.undated else ledger.entries
    return goal_starts(ledger.alliances, entries)


def _weights(ledger: Ledger) -> pd.Series | None:
    """Allocation weights from the Alliances sheet's weight column, if it has any."""
    if "weight" not in ledger.alliances or ledger.alliances["weight"].isna().all():
        return None
    return ledger.alliances.drop_duplicates("alliance").set_index("alliance")["weight"].astype(float)


def _fx_sheet(ledger: Ledger) -> str:
    return str(ledger.fx.attrs.get("sheet", "FX"))


def compare_before_after(
    ledger: Ledger, entries: pd.DataFrame, settings: Settings, in_view: list[str]
) -> tuple[BeforeAfter | None, str | None]:
    """The before/after comparison, or why it cannot be made for this ledger and these settings."""
    if ledger.source.undated:
        return None, BEFORE_AFTER_WITHOUT_DATES
    participants = list(settings.participants) if settings.participants is not None else None
    date = settings.initiative_date or default_initiative_date(ledger)
    dates, left_out = initiative_dates(ledger.alliances, in_view, date, participants)
    try:
        months = ledger.source.period_months
        return before_after(entries, dates, settings.window, left_out, settings.initiative_name, months), None
    except BeforeAfterError as exc:
        return None, str(exc)


def default_initiative_date(ledger: Ledger) -> dt.date | None:
    """The date a view splits at when none is chosen: None (each alliance's own date) when the
    Alliances sheet has initiative dates, else the first of the month in the middle of the data."""
    if ledger.alliances["initiative_date"].notna().any() or ledger.entries.empty or ledger.source.undated:
        return None
    if ledger.source.period_months == 3:
        # A ledger of quarters splits at the start of a quarter, the middle of the quarters it spans.
        first, end = data_span(ledger.entries, 3)
        return (first + (end - first) / 2).to_period("Q").start_time.date()
    first, last = ledger.entries["date"].min(), ledger.entries["date"].max()
    return (first + (last - first) / 2).to_period("M").start_time.date()


# Settings that only band, judge and weigh the figures: a change in them re-bands and re-decides the
# report without reading or summing anything again (see `with_choices`).
CHOICES = ("thresholds", "decisions", "flat_points", "alternative_rate", "alternative_name", "scenario")


def summed_settings(settings: Settings) -> Settings:
    """The settings with every choice at its default: two settings equal here give the same sums."""
    defaults = Settings()
    return replace(settings, **{name: getattr(defaults, name) for name in CHOICES})


def with_choices(report: Report, settings: Settings) -> Report:
    """The same report under `settings`, which may differ from the report's only in CHOICES: bands,
    recommendations, opportunity cost, the scenario and the proposed actions are redone; nothing read
    or summed is recomputed."""
    if summed_settings(settings) != summed_settings(report.settings):
        raise ValueError("with_choices takes settings that differ only in bands and decisions")
    thresholds = settings.thresholds
    alliances = report.alliances.assign(band=bands(report.alliances["roi"], thresholds))
    quarterly = report.quarterly.assign(band=bands(report.quarterly["roi"], thresholds))
    portfolio = portfolio_summary(alliances)
    decisions = recommend(
        alliances,
        quarterly,
        report.goals,
        report.flags,
        report.health,
        settings.decisions,
        report.evidence,
        settings.flat_points,
    )
    rate, alternative = settings.alternative()
    flows = view_flows(alliances.index, report.entries, report.ledger.source.period_months)
    margin = opportunity(flows, alliances, portfolio, rate, alternative)
    if report.ledger.source.undated:
        margin = undated_opportunity(margin)
    return replace(
        report,
        settings=settings,
        alliances=alliances,
        portfolio=portfolio,
        quarterly=quarterly,
        decisions=decisions,
        time_value=with_hurdle_value(report.time_value, margin),
        opportunity=margin,
        scenario=run_scenario(alliances, settings.scenario, thresholds) if settings.scenario else None,
        actions=_actions_for(report, decisions),
    )


def _actions_for(report: Report, decisions: pd.DataFrame) -> pd.DataFrame:
    """The proposed plan under `decisions`: the report's own when no alliance's recommendation moved
    (a plan is proposed from the red flags, which stay, and from the Fix and Exit recommendations)."""
    if decisions["recommendation"].equals(report.decisions["recommendation"]):
        return report.actions
    return propose(report.flags, decisions, report.ledger.alliances, report.as_of)


def with_thresholds(report: Report, thresholds: BandThresholds) -> Report:
    """The same report banded with other thresholds (see `with_choices`)."""
    return with_choices(report, replace(report.settings, thresholds=thresholds))
