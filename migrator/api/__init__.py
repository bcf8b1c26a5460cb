"""The library API that the CLI calls: one module per command family.

`migrator.api.plan` (read, parse, analyse, plan), `migrator.api.lint` (the CI gate),
`migrator.api.execute` (apply, rollback, status). Each function takes plain values and a
`Config`, returns frozen result values, and raises `MigratorError` for user mistakes.
"""
