"""Human-readable `migrator plan` output: one block per statement, then the phased plan.

Colour on a terminal, plain text in a CI log (rich decides; NO_COLOR is honoured).
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from migrator.analysis.facts import AnalyzedMigration, Facts, Risk
from migrator.api.plan import PlanResult
from migrator.planner.model import Plan, Step
from migrator.sql.statement import Statement

RISK_STYLE = {
    Risk.SAFE: "bold green",
    Risk.CAUTION: "bold yellow",
    Risk.DANGEROUS: "bold red",
    Risk.UNKNOWN: "bold magenta",
}
MAX_SQL_LINES = 8
PHASE_WHEN = {
    "expand": "before the deploy; the running application keeps working",
    "backfill": "online, in short batches",
    "contract": "after the deploy, once no running code uses the old schema",
}


def _yes_no(flag: bool, yes: str, no: str) -> str:
    return yes if flag else no


def _sql_excerpt(sql: str, indent: str = "    ") -> str:
    lines = sql.strip().splitlines()
    if len(lines) > MAX_SQL_LINES:
        lines = [*lines[: MAX_SQL_LINES - 1], f"… ({len(lines) - MAX_SQL_LINES + 1} more lines)"]
    return "\n".join(indent + line for line in lines)


def _blocks(facts: Facts) -> str:
    if facts.blocks_reads and facts.blocks_writes:
        return "reads and writes"
    if facts.blocks_writes:
        return "writes"
    if facts.blocks_reads:
        return "reads"
    return "nothing"


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
    console.print(f"    blocks:  {_blocks(facts)}"
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


def _duration(ms: int) -> str:
    if ms == 0:
        return "none"
    return f"{ms // 1000}s" if ms % 1000 == 0 else f"{ms}ms"


def _step_line(number: int, step: Step) -> str:
    details = [f"lock {step.lock}" if step.lock is not None else "no table lock"]
    if step.timeouts.lock_timeout_ms:
        details.append(f"lock_timeout {_duration(step.timeouts.lock_timeout_ms)}")
    details.append("in a transaction" if step.transactional else "autocommit")
    return (f"  {number:>2}. [bold]{step.kind.value:<8}[/bold] {escape(step.description)}"
            f"  [dim]({escape(', '.join(details))})[/dim]")


def render_phases(console: Console, plan: Plan, path: str) -> None:
    shown = False
    for phase in plan.phases:
        steps = [s for s in phase.steps if s.migration == path]
        if not steps:
            continue
        if not shown:
            console.print("[bold underline]Safe plan[/bold underline]")
            shown = True
        console.print(f"[bold]{phase.name.value}[/bold] [dim]— {PHASE_WHEN[phase.name.value]}[/dim]")
        for number, step in enumerate(steps, start=1):
            console.print(_step_line(number, step))
            if step.sql:
                console.print(Text(_sql_excerpt(step.sql, indent="        "), style="dim"))
            elif step.backfill is not None:
                b = step.backfill
                verb = "DELETE" if b.delete else f"SET {b.set_sql}"
                console.print(Text(f"        batched {verb} on {b.table} by ({', '.join(b.key)})"
                                   f"{' WHERE ' + b.where_sql if b.where_sql else ''}", style="dim"))
            if step.undo.irreversible:
                console.print(f"        [yellow]cannot be undone:[/yellow] {escape(step.undo.irreversible)}")
            for note in step.notes:
                console.print(f"        [dim]note:[/dim] {escape(note)}")
    if shown:
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
    if plan is not None:
        render_phases(console, plan, path)


def render_plan_result(console: Console, result: PlanResult) -> None:
    console.print(f"[dim]Target: PostgreSQL {result.pg_version}[/dim]\n")
    for am in result.analyzed:
        render_migration(console, am, result.plan)
    if result.plan is not None:
        for warning in result.plan.warnings:
            console.print(f"[yellow]warning:[/yellow] {escape(warning)}")
        for unsafe in result.plan.unsafe:
            console.print(f"[red]cannot be made safe:[/red] {escape(unsafe)}")
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
