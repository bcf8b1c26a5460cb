"""`migrator rules` lists the lint rules; `migrator rule NAME|CODE` prints one rule's documentation."""

from __future__ import annotations

import json

import click


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text table, or json for tools.")
@click.option("--select", multiple=True, metavar="RULES", help="Only rules matching these codes, names or families.")
def rules_command(output_format: str, select: tuple[str, ...]) -> None:
    """List every lint rule: code, name, default severity, status and hazards covered.

    \b
    Examples:
      migrator rules
      migrator rules --select M1          # the index rules
      migrator rules --format json
    """
    from migrator.config import split_keys
    from migrator.errors import InputError
    from migrator.lint.registry import all_rules, did_you_mean

    rules = all_rules()
    chosen = list(rules)
    keys = split_keys(select) or ()
    if keys:
        chosen = []
        for key in keys:
            matched = rules.matching(key)
            if not matched:
                raise InputError(f"unknown rule or family {key!r}{did_you_mean(key, rules.keys())}")
            chosen.extend(r for r in matched if r not in chosen)
        chosen.sort(key=lambda r: r.code)
    if output_format == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "severity": str(r.severity),
                                "status": str(r.status), "summary": r.summary, "aliases": list(r.aliases),
                                "hazards": list(r.hazards)} for r in chosen], indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    rows = [(r.code, r.name, str(r.severity), str(r.status), " ".join(r.hazards) or "-", r.summary) for r in chosen]
    if not console.is_terminal:  # plain aligned columns, never wrapped (CI logs, grep)
        widths = [max((len(row[i]) for row in rows), default=0) for i in range(5)]
        for row in rows:
            click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[5])
        click.echo(f"{len(chosen)} rules. `migrator rule CODE` explains one.")
        return
    table = Table(show_edge=False, box=None, pad_edge=False)
    for column in ("code", "name", "severity", "status", "hazards", "summary"):
        table.add_column(column, overflow="fold", no_wrap=column != "summary")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    console.print(f"{len(chosen)} rules. `migrator rule CODE` explains one.")


@click.command("rule")
@click.argument("key", metavar="NAME|CODE")
@click.option("--plain", is_flag=True, help="Print the Markdown source instead of rendering it.")
def rule_command(key: str, plain: bool) -> None:
    """Print the documentation of one lint rule (by code, name or alias).

    \b
    Examples:
      migrator rule M101
      migrator rule index-without-concurrently
      migrator rule require-concurrent-index-creation     # squawk's name works too
    """
    from rich.console import Console
    from rich.markdown import Markdown

    from migrator.lint.registry import all_rules

    found = all_rules().by_key(key)
    header = (f"{found.code} {found.name}  (severity: {found.severity}, status: {found.status}"
              + (f", aliases: {', '.join(found.aliases)}" if found.aliases else "")
              + (f", hazards: {', '.join(found.hazards)}" if found.hazards else "") + ")")
    console = Console(highlight=False)
    if plain or not console.is_terminal:
        click.echo(header + "\n\n" + found.doc)
        return
    console.print(header, style="bold")
    console.print(Markdown(found.doc))
