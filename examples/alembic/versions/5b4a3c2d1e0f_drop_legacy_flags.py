"""drop legacy flags

Revision ID: 5b4a3c2d1e0f
Revises: 1d9e7c3b5a80
Create Date: 2026-04-01 14:20:09.031886

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "5b4a3c2d1e0f"
down_revision: Union[str, Sequence[str], None] = "1d9e7c3b5a80"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.drop_column("users", "legacy_flags")


def downgrade() -> None:
    """Downgrade schema."""
    op.add_column("users", sa.Column("legacy_flags", sa.Text(), nullable=True))
