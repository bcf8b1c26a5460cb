"""Linting: run rules over analysed migrations and report findings.

`model` (data types), `registry` (the `@rule` decorator, loading `lint_rules`), `context`
(`LintContext`: what rules may ask), `session` (transaction blocks and timeouts per statement),
`runner` (run rules, severities, suppressions), `suppress` (suppression comments), `fixes`
(applying edits), `baseline` (fingerprints), `docs` (rule docs and `docs/rules.md`), `testing`
(lint SQL strings end to end in tests).
"""
