"""Human-readable `migrator plan` output: one block per statement, then the phased plan.

Colour on a terminal, plain text in a CI log (rich decides; NO_COLOR is honoured).
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from migrator.analysis.facts import AnalyzedMigration, Facts, Risk
from migrator.api.plan import PlanResult
from migrator.planner.model import Plan
from migrator.planner.render import render_plan_notes, render_plan_text
from migrator.sql.statement import Statement

RISK_STYLE = {
    Risk.SAFE: "bold green",
    Risk.CAUTION: "bold yellow",
    Risk.DANGEROUS: "bold red",
    Risk.UNKNOWN: "bold magenta",
}
MAX_SQL_LINES = 8


def _yes_no(flag: bool, yes: str, no: str) -> str:
    return yes if flag else no


def _sql_excerpt(sql: str, indent: str = "    ") -> str:
    lines = sql.strip().splitlines()
    if len(lines) > MAX_SQL_LINES:
        lines = [*lines[: MAX_SQL_LINES - 1], f"… ({len(lines) - MAX_SQL_LINES + 1} more lines)"]
    return "\n".join(indent + line for line in lines)


def render_statement(console: Console, path: str, stmt: Statement, facts: Facts) -> None:
    risk = Text(f" {facts.risk.value.upper()} ", style=RISK_STYLE[facts.risk] + " reverse")
    header = Text.assemble(
        risk, " ", (f"{path}:{stmt.span.line}", "bold"), "  ",
        (stmt.kind.value + (": " + ", ".join(stmt.actions) if stmt.actions else ""), "cyan"),
    )
    console.print(header)
    console.print(Text(_sql_excerpt(stmt.sql), style="dim"))
    lock = str(facts.lock) if facts.lock is not None else "none on existing relations"
    on = sorted({f"{lk.relation} ({lk.mode})" for lk in facts.locks if not lk.new})
    console.print(f"    lock:    {escape(lock)}" + (f"  [dim]on {escape(', '.join(on))}[/dim]" if on else ""))
    work = []
    work.append(_yes_no(facts.rewrite, "[red]rewrites the table[/red]", "no rewrite"))
    work.append(_yes_no(facts.scan, "[red]scans the table under the lock[/red]", "no full scan"))
    console.print("    work:    " + ", ".join(work))
    console.print(f"    blocks:  {facts.blocked_phrase()}"
                  + ("" if facts.transactional else "  [dim](cannot run inside a transaction block)[/dim]"))
    flags = []
    if facts.destructive:
        flags.append("[red]destroys data[/red]")
    if facts.backward_incompatible:
        flags.append("[red]breaks the running application version[/red]")
    if flags:
        console.print("    impact:  " + ", ".join(flags))
    for reason in facts.reasons:
        console.print(f"    [dim]why:[/dim]     {escape(reason)}")
    for assumption in facts.assumptions:
        console.print(f"    [dim]assumed:[/dim] {escape(assumption)}")
    console.print()


def render_migration(console: Console, am: AnalyzedMigration, plan: Plan | None) -> None:
    path = am.migration.source.path
    counts: dict[Risk, int] = {}
    for f in am.facts:
        counts[f.risk] = counts.get(f.risk, 0) + 1
    summary = ", ".join(f"{n} {r.value}" for r, n in sorted(counts.items(), key=lambda kv: kv[0].order))
    console.rule(Text(f"{path}  ({summary or 'no statements'})", style="bold"))
    for stmt, facts in zip(am.migration.statements, am.facts, strict=True):
        render_statement(console, path, stmt, facts)
    if plan is not None and any(s.migration == path for s in plan.steps()):
        console.print("[bold underline]Safe plan[/bold underline]")
        render_plan_text(plan, console, migration=path)
        console.print()


def render_plan_result(console: Console, result: PlanResult) -> None:
    console.print(f"[dim]Target: PostgreSQL {result.pg_version}[/dim]\n")
    for am in result.analyzed:
        render_migration(console, am, result.plan)
    if result.plan is not None:
        render_plan_notes(result.plan, console)
    if result.plan_error:
        console.print(f"[red]no phased plan:[/red] {escape(result.plan_error)}")
    totals: dict[Risk, int] = {}
    for am in result.analyzed:
        for f in am.facts:
            totals[f.risk] = totals.get(f.risk, 0) + 1
    console.print(
        "Summary: " + ", ".join(
            f"[{RISK_STYLE[r]}]{totals.get(r, 0)} {r.value}[/]" for r in Risk
        )
    )
