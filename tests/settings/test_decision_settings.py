"""The settings of issue #17 in links, flags and back: decision rules, the alternative, the scenario.

Each is one link parameter (`rules`, `alt`, `altname`, `scn`), written only when it differs from
the default, so that every link made before keeps opening exactly as it did.
"""

from __future__ import annotations

import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.analysis.decisions import RULE_NAMES, DecisionRules
from core.analysis.scenarios import DROP, REFUND, SCALE, Change
from core.analysis.time_value import TimeSettings
from core.cli import build_parser, view_settings
from core.settings import Settings, describe, parse_values, query_values, to_values

EXAMPLE = (
    "rules=strong:3,invest:4&alt=12&altname=Index%20fund&scn=drop:Acme;scale:Beta*1.5;refund:Gamma=20000"
)


def notices(query: str) -> list[str]:
    return [str(n) for n in parse_values(query_values(query)).notices]


def test_defaults_add_nothing_to_a_link():
    assert to_values(Settings()) == {}
    plain = Settings(decisions=DecisionRules(), alternative_rate=None, alternative_name="", scenario=())
    assert to_values(plain) == {}


def test_an_older_link_opens_exactly_as_before():
    older = "src=case.xlsx&strong=25&type=A&win=6&hurdle=8"
    chosen = parse_values(query_values(older)).settings
    assert (chosen.decisions, chosen.alternative_rate, chosen.alternative_name, chosen.scenario) == (
        DecisionRules(),
        None,
        "",
        (),
    )
    assert to_values(chosen) == {"strong": ["25"], "type": ["A"], "win": ["6"], "hurdle": ["8"]}


def test_the_example_link_reads_and_writes_back_the_same():
    decoded = parse_values(query_values(EXAMPLE))
    assert decoded.notices == ()
    chosen = decoded.settings
    assert chosen.decisions == DecisionRules(strong=3.0, invest=4.0)
    assert (chosen.alternative_rate, chosen.alternative_name) == (0.12, "Index fund")
    assert chosen.scenario == (
        Change("Acme", DROP, 0.0),
        Change("Beta", SCALE, 1.5),
        Change("Gamma", REFUND, 20_000.0),
    )
    assert to_values(chosen) == {
        "rules": ["strong:3,invest:4"],
        "alt": ["12"],
        "altname": ["Index fund"],
        "scn": ["drop:Acme;scale:Beta*1.5;refund:Gamma=20000"],
    }


def test_rules_write_only_what_differs_in_the_rules_order():
    rules = DecisionRules(invest=4.0, max_flags=5, strong=2.5, falling=-1.5)
    assert to_values(Settings(decisions=rules))["rules"] == ["strong:2.5,falling:-1.5,max_flags:5,invest:4"]
    # Stating a default is allowed and changes nothing.
    assert parse_values({"rules": ["strong:2,invest:4"]}).settings.decisions == DecisionRules(invest=4.0)


def test_rules_forgive_spaces_case_dashes_and_a_typographic_minus():
    chosen = parse_values({"rules": [" Falling : −2 , max-flags:1, "]}).settings.decisions
    assert chosen == DecisionRules(falling=-2.0, max_flags=1)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("foo:1", "has no rule 'foo' (the rules: strong, moderate,"),
        ("strong", "has 'strong', which is not name:points (e.g. strong:3)"),
        ("strong:lots", "gives 'strong' as 'lots', which is not a number"),
        ("strong:nan", "gives 'strong' as 'nan', which is not a number"),
        ("strong:10.5", "puts 'strong' at 10.5, outside -10 to 10 points"),
        ("invest:51", "puts 'invest' at 51, outside -50 to 50 points"),
        ("healthy_from:6", "puts 'healthy_from' at 6, outside 1 to 5 on the 1–5 health scale"),
        ("max_flags:2.5", "puts 'max_flags' at 2.5, which is not a whole number of flags"),
        ("strong:1,strong:2", "gives 'strong' twice"),
        ("maintain:5", "needs 'invest' (3) ≥ 'maintain' (5) ≥ 'fix' (-2)"),
        ("unhealthy_to:4", "needs 'unhealthy_to' (4) below 'healthy_from' (4)"),
        (",", "names no rule (write them as name:points, e.g. strong:3,invest:4)"),
    ],
)
def test_rules_refused_in_a_users_words(text, why):
    decoded = parse_values({"rules": [text]})
    assert decoded.settings.decisions == DecisionRules()
    [notice] = decoded.notices
    assert notice.param == "rules" and notice.used == "the default rules"
    assert notice.why.startswith("(decision rules, e.g. strong:3,invest:4) " + why)


def test_the_alternative_defaults_to_the_hurdle_rate():
    assert Settings().alternative() == (0.10, "the hurdle rate")
    assert Settings(time=TimeSettings(hurdle_rate=0.08)).alternative() == (0.08, "the hurdle rate")
    assert Settings(alternative_rate=0.12).alternative() == (0.12, "the alternative")
    assert Settings(alternative_rate=0.12, alternative_name="Index fund").alternative() == (
        0.12,
        "Index fund",
    )
    assert Settings(alternative_name="Treasury bills").alternative() == (0.10, "Treasury bills")


def test_alternative_rate_in_percent_and_refused_out_of_range():
    assert parse_values({"alt": ["7.5"]}).settings.alternative_rate == 0.075
    assert to_values(Settings(alternative_rate=0.075)) == {"alt": ["7.5"]}
    assert to_values(Settings(alternative_rate=0.0)) == {"alt": ["0"]}  # 0 % is a rate, not the default
    assert notices("alt=250") == [
        "'alt=250' (hurdle rate of a named next-best use, % a year) is outside -50 to 200 %: using the hurdle rate."
    ]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("burn:Acme", "has 'burn:Acme', which is not drop:NAME, scale:NAME*FACTOR or refund:NAME=COST"),
        ("drop:", "has an alliance's name that is empty"),
        ("scale:Beta", "has 'scale:Beta', which is not scale:NAME*NUMBER"),
        ("scale:Beta*0", "scales 'Beta' by 0: a factor must be above 0 and at most 100"),
        ("scale:Beta*101", "scales 'Beta' by 101: a factor must be above 0 and at most 100"),
        ("scale:Beta*x", "gives the factor for 'Beta' as 'x', which is not a number"),
        ("refund:Gamma=-1", "re-funds 'Gamma' at -1.00: a cost must be from 0 to 1,000,000,000,000"),
        ("drop:Acme;scale:acme*2", "changes 'acme' twice"),
        (";;", "names no change (write drop:NAME, scale:NAME*FACTOR or refund:NAME=COST)"),
    ],
)
def test_scenario_refused_in_a_users_words(text, why):
    decoded = parse_values({"scn": [text]})
    assert decoded.settings.scenario == ()
    [notice] = decoded.notices
    assert notice.used == "no scenario"
    assert notice.why == "(scenario, e.g. drop:A;scale:B*1.5;refund:C=20000) " + why


def test_scenario_accepts_a_thousands_separator_and_re_fund():
    chosen = parse_values({"scn": ["re-fund: Gamma = 20,000.504 ; scale:Beta×2*1.25"]}).settings.scenario
    # The cost is kept to the cent; a name may hold '×' or '*' before the factor.
    assert chosen == (Change("Gamma", REFUND, 20_000.50), Change("Beta×2", SCALE, 1.25))
    assert to_values(Settings(scenario=chosen)) == {"scn": ["refund:Gamma=20000.5;scale:Beta×2*1.25"]}


def test_names_with_the_separators_travel_through_a_real_link():
    scenario = (Change("R&D; Labs 100%", DROP, 0.0), Change("A=B*C", SCALE, 2.0), Change("X:Y", REFUND, 5.0))
    written = to_values(Settings(scenario=scenario))
    assert written == {"scn": ["drop:R&D%3B Labs 100%25;scale:A=B*C*2;refund:X:Y=5"]}
    link = "https://alliance.example/?" + urllib.parse.urlencode(
        [(k, v) for k, vs in written.items() for v in vs], quote_via=urllib.parse.quote
    )
    assert parse_values(query_values(link)).settings.scenario == scenario


names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=20,
)
changes = st.one_of(
    st.builds(Change, names, st.just(DROP), st.just(0.0)),
    st.builds(Change, names, st.just(SCALE), st.integers(1, 100_000_000).map(lambda f: f / 1_000_000)),
    st.builds(Change, names, st.just(REFUND), st.integers(0, 100_000_000_000).map(lambda c: c / 100)),
)
weights = st.integers(-1000, 1000).map(lambda w: w / 100)


@st.composite
def rules(draw) -> DecisionRules:
    cuts = sorted(draw(st.lists(st.integers(-5000, 5000), min_size=3, max_size=3)), reverse=True)
    low = draw(st.integers(100, 499))
    return DecisionRules(
        **{name: draw(weights) for name in RULE_NAMES[:11]},
        max_flags=draw(st.integers(0, 20)),
        healthy=draw(weights),
        unhealthy=draw(weights),
        healthy_from=draw(st.integers(low + 1, 500)) / 100,
        unhealthy_to=low / 100,
        invest=cuts[0] / 100,
        maintain=cuts[1] / 100,
        fix=cuts[2] / 100,
    )


@given(
    rules(),
    st.none() | st.integers(-5000, 20000).map(lambda r: r / 10_000),
    st.just("") | names,
    st.lists(changes, max_size=5, unique_by=lambda c: c.alliance.casefold()).map(tuple),
)
def test_decision_settings_to_link_and_back_is_the_identity(chosen_rules, rate, name, scenario):
    chosen = Settings(decisions=chosen_rules, alternative_rate=rate, alternative_name=name, scenario=scenario)
    decoded = parse_values(to_values(chosen))
    assert decoded.notices == ()
    assert decoded.settings == chosen


def test_command_flags_and_a_view_link_carry_the_same_settings():
    parser = build_parser()
    args = parser.parse_args(
        ["summarize", "x.xlsx", "--rules", "strong:3,invest:4", "--alternative-rate", "12"]
        + ["--alternative-name", "Index fund", "--scenario", "drop:Acme;scale:Beta*1.5;refund:Gamma=20000"]
    )
    from_flags, warnings = view_settings(args)
    from_link, _ = view_settings(
        parser.parse_args(["summarize", "x.xlsx", "--view", "https://a.example/?" + EXAMPLE])
    )
    assert warnings == []
    assert from_flags == from_link == parse_values(query_values(EXAMPLE)).settings


def test_the_about_sheet_says_every_new_setting_in_words():
    said = dict(describe(parse_values(query_values(EXAMPLE)).settings))
    assert said["decision rules, e.g. strong:3,invest:4"] == "strong:3,invest:4"
    assert said["hurdle rate of a named next-best use, % a year"] == "12 %"
    assert said["name of the money's next-best use"] == "Index fund"
    assert dict(describe(Settings()))["scenario, e.g. drop:A;scale:B*1.5;refund:C=20000"] == "no scenario"
