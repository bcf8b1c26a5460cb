"""rename and retype columns

Revision ID: f02b6d1e4a97
Revises: 8a21f0c9d3e5
Create Date: 2026-03-17 11:45:03.559120

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "f02b6d1e4a97"
down_revision: Union[str, Sequence[str], None] = "8a21f0c9d3e5"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.alter_column("users", "name", new_column_name="full_name")
    op.alter_column(
        "users",
        "age",
        existing_type=sa.Integer(),
        type_=sa.BigInteger(),
        existing_nullable=True,
    )
    # migrator: ignore[set-not-null] users is small, checked on 2026-03-16
    op.alter_column("users", "email", existing_type=sa.String(length=255), nullable=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.alter_column("users", "email", existing_type=sa.String(length=255), nullable=True)
    op.alter_column("users", "age", existing_type=sa.BigInteger(), type_=sa.Integer())
    op.alter_column("users", "full_name", new_column_name="name")
