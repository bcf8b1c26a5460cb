"""Recreate foreign keys with ON DELETE CASCADE, per database backend.

Revision ID: 3f2a9c1d7e4b
Revises: 9b0c4e2f1a77
Create Date: 2024-04-02 10:12:44.120031

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "3f2a9c1d7e4b"
down_revision = "9b0c4e2f1a77"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    url = str(bind.engine.url)
    if url.startswith("mysql"):
        op.drop_constraint("submissions_ibfk_1", "submissions", type_="foreignkey")
        op.create_foreign_key(
            "submissions_ibfk_1", "submissions", "teams", ["team_id"], ["id"], ondelete="CASCADE"
        )
    elif url.startswith("postgres"):
        op.drop_constraint("submissions_team_id_fkey", "submissions", type_="foreignkey")
        op.create_foreign_key(
            "submissions_team_id_fkey",
            "submissions",
            "teams",
            ["team_id"],
            ["id"],
            ondelete="CASCADE",
        )
        op.drop_constraint("teams_captain_id_fkey", "teams", type_="foreignkey")
        op.create_foreign_key(
            "teams_captain_id_fkey", "teams", "users", ["captain_id"], ["id"], ondelete="SET NULL"
        )


def downgrade():
    pass
