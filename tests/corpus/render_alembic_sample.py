"""Renders alembic_09_real_render.sql with Alembic offline mode; expectations come from the op calls."""

import os

HERE = os.path.dirname(os.path.abspath(__file__))
import io

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy.dialects import postgresql

buf = io.StringIO()
ctx = MigrationContext.configure(
    dialect_name="postgresql", opts={"as_sql": True, "output_buffer": buf, "literal_binds": True}
)
op = Operations(ctx)
exp = []


def run(fn, kind, *actions):
    fn()
    exp.append(kind + (" | " + ", ".join(actions) if actions else ""))


status = postgresql.ENUM("draft", "published", name="post_status")
run(
    lambda: op.create_table(
        "author",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
    ),
    "CREATE TABLE",
)
run(
    lambda: (
        status.create(ctx.bind if ctx.bind is not None else op.get_bind(), checkfirst=False)
        if False
        else op.execute("CREATE TYPE post_status AS ENUM ('draft', 'published')")
    ),
    "CREATE TYPE",
)
run(
    lambda: op.create_table(
        "post",
        sa.Column("id", sa.BigInteger, sa.Identity(always=True), primary_key=True),
        sa.Column(
            "author_id", sa.Integer, sa.ForeignKey("author.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("title", sa.String(200)),
        sa.Column("body", sa.Text),
        sa.Column(
            "status",
            postgresql.ENUM("draft", "published", name="post_status", create_type=False),
            server_default="draft",
        ),
        sa.Column("meta", postgresql.JSONB, server_default=sa.text("'{}'::jsonb")),
        sa.UniqueConstraint("author_id", "title", name="uq_post_author_title"),
    ),
    "CREATE TABLE",
)
run(lambda: op.create_index("ix_post_author_id", "post", ["author_id"]), "CREATE INDEX")
run(
    lambda: op.create_index(
        "ix_post_title", "post", ["title"], unique=True, postgresql_concurrently=True
    ),
    "CREATE INDEX",
)
run(
    lambda: op.create_index("ix_post_meta", "post", ["meta"], postgresql_using="gin"),
    "CREATE INDEX",
)
run(
    lambda: op.create_index(
        "ix_post_live", "post", ["id"], postgresql_where=sa.text("status = 'published'")
    ),
    "CREATE INDEX",
)
run(
    lambda: op.add_column("post", sa.Column("slug", sa.String(120), nullable=True)),
    "ALTER TABLE",
    "ADD COLUMN",
)
run(
    lambda: op.add_column(
        "post", sa.Column("views", sa.Integer, server_default="0", nullable=False)
    ),
    "ALTER TABLE",
    "ADD COLUMN",
)
run(
    lambda: op.alter_column("post", "title", new_column_name="headline"),
    "ALTER TABLE",
    "RENAME COLUMN",
)
run(
    lambda: op.alter_column("post", "headline", type_=sa.String(300), existing_type=sa.String(200)),
    "ALTER TABLE",
    "ALTER COLUMN TYPE",
)
run(
    lambda: op.alter_column("post", "views", type_=sa.BigInteger, postgresql_using="views::bigint"),
    "ALTER TABLE",
    "ALTER COLUMN TYPE",
)
run(lambda: op.alter_column("post", "slug", nullable=False), "ALTER TABLE", "SET NOT NULL")
run(lambda: op.alter_column("post", "body", nullable=True), "ALTER TABLE", "DROP NOT NULL")
run(lambda: op.alter_column("post", "views", server_default=None), "ALTER TABLE", "DROP DEFAULT")
run(
    lambda: op.alter_column("post", "status", server_default="published"),
    "ALTER TABLE",
    "SET DEFAULT",
)
run(lambda: op.alter_column("post", "body", comment="Markdown body"), "COMMENT")
run(
    lambda: op.create_foreign_key(
        "fk_post_editor", "post", "author", ["editor_id"], ["id"], ondelete="SET NULL"
    ),
    "ALTER TABLE",
    "ADD CONSTRAINT",
)
run(
    lambda: op.create_unique_constraint("uq_post_slug", "post", ["slug"]),
    "ALTER TABLE",
    "ADD CONSTRAINT",
)
run(
    lambda: op.create_check_constraint("ck_post_views_positive", "post", sa.text("views >= 0")),
    "ALTER TABLE",
    "ADD CONSTRAINT",
)
run(
    lambda: op.drop_constraint("uq_post_author_title", "post", type_="unique"),
    "ALTER TABLE",
    "DROP CONSTRAINT",
)
run(lambda: op.drop_index("ix_post_meta", table_name="post"), "DROP INDEX")
run(
    lambda: op.drop_index("ix_post_title", table_name="post", postgresql_concurrently=True),
    "DROP INDEX",
)
run(lambda: op.drop_column("post", "meta"), "ALTER TABLE", "DROP COLUMN")
run(lambda: op.rename_table("post", "article"), "ALTER TABLE", "RENAME TO")
run(lambda: op.create_table_comment("article", "Published articles"), "COMMENT")
run(
    lambda: op.execute(sa.text("UPDATE article SET status = 'published' WHERE views > 100")),
    "UPDATE",
)
run(
    lambda: op.bulk_insert(
        sa.table("author", sa.column("id", sa.Integer), sa.column("name", sa.String)),
        [{"id": 1, "name": "Ann"}, {"id": 2, "name": "Bob"}],
    ),
    "INSERT",
)
exp.append("INSERT")  # offline bulk_insert renders one INSERT per row
run(
    lambda: op.bulk_insert(
        sa.table("author", sa.column("id", sa.Integer), sa.column("name", sa.String)),
        [{"id": 3, "name": "Cy"}],
    ),
    "INSERT",
)
run(lambda: op.create_primary_key("pk_tag", "tag", ["id"]), "ALTER TABLE", "ADD CONSTRAINT")
run(
    lambda: op.create_exclude_constraint(
        "excl_booking", "booking", ("room", "="), ("during", "&&"), using="gist"
    ),
    "ALTER TABLE",
    "ADD CONSTRAINT",
)
run(
    lambda: op.execute(sa.schema.CreateSequence(sa.Sequence("invoice_number_seq", start=1000))),
    "CREATE SEQUENCE",
)
run(
    lambda: op.alter_column(
        "article",
        "created_at",
        type_=sa.DateTime(timezone=False),
        existing_type=sa.DateTime(timezone=True),
    ),
    "ALTER TABLE",
    "ALTER COLUMN TYPE",
)
run(lambda: op.drop_table("legacy_post"), "DROP TABLE")
run(lambda: op.execute("DROP TYPE post_status"), "DROP TYPE")
run(
    lambda: op.create_table(
        "tag",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("label", sa.String(50), nullable=False, unique=True),
        schema="blog",
    ),
    "CREATE TABLE",
)
run(
    lambda: op.add_column("tag", sa.Column("color", sa.String(7)), schema="blog"),
    "ALTER TABLE",
    "ADD COLUMN",
)
run(
    lambda: op.alter_column("tag", "label", new_column_name="name", schema="blog"),
    "ALTER TABLE",
    "RENAME COLUMN",
)
run(lambda: op.drop_column("tag", "color", schema="blog"), "ALTER TABLE", "DROP COLUMN")
run(
    lambda: op.create_index(
        "ix_blog_tag_name_lower", "tag", [sa.text("lower(name)")], schema="blog"
    ),
    "CREATE INDEX",
)
out = buf.getvalue()
with open(os.path.join(HERE, "alembic_09_real_render.sql"), "w") as sql_file:
    sql_file.write("-- Rendered by alembic 1.20 (offline, postgresql) from op.* calls\n" + out)
with open(os.path.join(HERE, "alembic_09_real_render.expected"), "w") as expected_file:
    expected_file.write(
        "# alembic_09_real_render.sql: expectations from the op.* calls that rendered it\n"
        + "\n".join(exp)
        + "\n"
    )
